// Encoding §5: TextEncoderStream and TextDecoderStream, transform streams over the global
// TextEncoder/TextDecoder (looked up when a stream is constructed).
(function (ops, internals) {
  "use strict";
  const { webidl } = internals;

  function createClasses() {
    const { TransformStream } = internals.streams.classes();

    class TextDecoderStream {
      #decoder;
      #transform;

      constructor(label = "utf-8", options = {}) {
        const decoder = new globalThis.TextDecoder(label, options);
        this.#decoder = decoder;
        this.#transform = new TransformStream({
          transform(chunk, controller) {
            const text = decoder.decode(webidl.toBytes(chunk, "TextDecoderStream chunk"), { stream: true });
            if (text !== "") controller.enqueue(text);
          },
          flush(controller) {
            const text = decoder.decode();
            if (text !== "") controller.enqueue(text);
          },
        });
      }

      get encoding() {
        return this.#decoder.encoding;
      }

      get fatal() {
        return this.#decoder.fatal;
      }

      get ignoreBOM() {
        return this.#decoder.ignoreBOM;
      }

      get readable() {
        return this.#transform.readable;
      }

      get writable() {
        return this.#transform.writable;
      }
    }

    class TextEncoderStream {
      #transform;

      constructor() {
        const encoder = new globalThis.TextEncoder();
        // §5.2 "encode and enqueue a chunk": a high surrogate at the end of a chunk waits for the
        // next chunk; one still waiting at the end becomes U+FFFD.
        let pendingHighSurrogate = "";
        this.#transform = new TransformStream({
          transform(chunk, controller) {
            let text = pendingHighSurrogate + `${chunk}`;
            pendingHighSurrogate = "";
            const last = text.charCodeAt(text.length - 1);
            if (last >= 0xD800 && last <= 0xDBFF) {
              pendingHighSurrogate = text[text.length - 1];
              text = text.slice(0, -1);
            }
            if (text !== "") controller.enqueue(encoder.encode(text));
          },
          flush(controller) {
            if (pendingHighSurrogate !== "") controller.enqueue(Uint8Array.of(0xEF, 0xBF, 0xBD));
          },
        });
      }

      get encoding() {
        return "utf-8";
      }

      get readable() {
        return this.#transform.readable;
      }

      get writable() {
        return this.#transform.writable;
      }
    }

    for (const cls of [TextDecoderStream, TextEncoderStream]) {
      Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: cls.name, configurable: true });
    }
    return { TextDecoderStream, TextEncoderStream };
  }

  let classes;
  for (const name of ["TextDecoderStream", "TextEncoderStream"]) {
    internals.defineLazyGlobal(name, () => (classes ??= createClasses())[name]);
  }
})
