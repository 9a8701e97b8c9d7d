// File API §3 Blob and §4 File. A blob holds its bytes in one immutable Uint8Array; slices are
// views over the same memory. internals.blob gives other APIs (fetch bodies, structuredClone)
// synchronous access to the bytes.
(function (ops, internals) {
  "use strict";
  const { webidl } = internals;

  const kBytes = Symbol("bytes");
  const kType = Symbol("type");
  const STREAM_CHUNK = 64 * 1024;

  /** §3.1 step 3: a type with characters outside U+0020–U+007E becomes ""; otherwise lowercased. */
  function normalizeType(type) {
    const text = String(type);
    return /^[\x20-\x7E]*$/.test(text) ? text.toLowerCase() : "";
  }

  /** §3.1.1 "convert line endings to native" (native is LF here). */
  function toNativeLineEndings(text) {
    return text.replace(/\r\n?/g, "\n");
  }

  function utf8(text) {
    return new Uint8Array(ops.encodeUtf8(text)).slice();
  }

  /** §3.1.1 "process blob parts": each part's bytes, concatenated. */
  function processBlobParts(parts, endings) {
    const pieces = [];
    let total = 0;
    for (const part of parts) {
      let bytes;
      if (isBlob(part)) {
        bytes = part[kBytes];
      } else if (webidl.isBufferSource(part)) {
        bytes = webidl.toBytes(part);
      } else {
        let text = webidl.toUSVString(part);
        if (endings === "native") text = toNativeLineEndings(text);
        bytes = utf8(text);
      }
      pieces.push(bytes);
      total += bytes.byteLength;
    }
    if (pieces.length === 1 && isBlobBytes(parts, pieces[0])) return pieces[0];
    const all = new Uint8Array(total);
    let offset = 0;
    for (const piece of pieces) {
      all.set(piece, offset);
      offset += piece.byteLength;
    }
    return all;
  }

  /** A lone Blob part can share its (immutable) bytes instead of copying them. */
  function isBlobBytes(parts, bytes) {
    for (const part of parts) return isBlob(part) && part[kBytes] === bytes;
    return false;
  }

  /** WebIDL sequence<BlobPart>: undefined is empty; anything else must be iterable. */
  function toSequence(value, context) {
    if (value === undefined) return [];
    if (value === null || typeof value !== "object" && typeof value !== "function" || typeof value[Symbol.iterator] !== "function") {
      throw new TypeError(`${context}: the blob parts are not a sequence`);
    }
    return Array.from(value);
  }

  function blobPropertyBag(options, context) {
    if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
      throw new TypeError(`${context}: options is not an object`);
    }
    const endings = options?.endings === undefined ? "transparent" : String(options.endings);
    if (endings !== "transparent" && endings !== "native") {
      throw new TypeError(`${context}: endings must be "transparent" or "native"`);
    }
    const type = options?.type === undefined ? "" : normalizeType(options.type);
    return { endings, type };
  }

  function isBlob(value) {
    return value !== null && typeof value === "object" && kBytes in value;
  }

  function checkBlob(value, member) {
    if (!isBlob(value)) throw new TypeError(`Blob.prototype.${member}: illegal invocation`);
    return value;
  }

  /** WebIDL [Clamp] long long: NaN is 0, clamped to the range, rounded half to even. */
  function clampLongLong(value) {
    const x = Number(value);
    if (Number.isNaN(x)) return 0;
    const clamped = Math.min(Math.max(x, -(2 ** 63)), 2 ** 63 - 1);
    const floor = Math.floor(clamped);
    const diff = clamped - floor;
    if (diff > 0.5 || (diff === 0.5 && floor % 2 !== 0)) return floor + 1;
    return floor + 0;
  }

  /** §3.3.1 slice(): a negative position counts from the end; the result is within [0, size]. */
  function relativePosition(value, size) {
    const t = clampLongLong(value);
    return t < 0 ? Math.max(size + t, 0) : Math.min(t, size);
  }

  class Blob {
    constructor(blobParts = undefined, options = undefined) {
      const parts = toSequence(blobParts, "Blob constructor");
      const { endings, type } = blobPropertyBag(options, "Blob constructor");
      this[kBytes] = processBlobParts(parts, endings);
      this[kType] = type;
    }

    get size() {
      return checkBlob(this, "size")[kBytes].byteLength;
    }

    get type() {
      return checkBlob(this, "type")[kType];
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const bytes = checkBlob(this, "slice")[kBytes];
      const size = bytes.byteLength;
      const from = start === undefined ? 0 : relativePosition(start, size);
      const to = end === undefined ? size : relativePosition(end, size);
      const type = contentType === undefined ? "" : normalizeType(contentType);
      return createBlob(bytes.subarray(from, Math.max(from, to)), type);
    }

    stream() {
      const bytes = checkBlob(this, "stream")[kBytes];
      const { ReadableStream } = internals.streams.classes();
      let offset = 0;
      return new ReadableStream({
        type: "bytes",
        pull(controller) {
          if (offset >= bytes.byteLength) {
            controller.close();
            controller.byobRequest?.respond(0);
            return;
          }
          const end = Math.min(offset + STREAM_CHUNK, bytes.byteLength);
          controller.enqueue(bytes.slice(offset, end));
          offset = end;
        },
      });
    }

    text() {
      try {
        return Promise.resolve(ops.decodeUtf8(checkBlob(this, "text")[kBytes]));
      } catch (error) {
        return Promise.reject(error);
      }
    }

    arrayBuffer() {
      try {
        return Promise.resolve(checkBlob(this, "arrayBuffer")[kBytes].slice().buffer);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    bytes() {
      try {
        return Promise.resolve(checkBlob(this, "bytes")[kBytes].slice());
      } catch (error) {
        return Promise.reject(error);
      }
    }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: "Blob", configurable: true });

  function createBlob(bytes, type) {
    const blob = Object.create(Blob.prototype);
    blob[kBytes] = bytes;
    blob[kType] = type;
    return blob;
  }

  const kName = Symbol("name");
  const kLastModified = Symbol("lastModified");

  class File extends Blob {
    constructor(fileBits, fileName, options = undefined) {
      webidl.requiredArguments(arguments.length, 2, "File constructor");
      super(toSequence(fileBits, "File constructor"), options);
      this[kName] = webidl.toUSVString(fileName);
      const lastModified = options?.lastModified;
      // WebIDL long long: ToNumber, truncate; NaN and infinities become 0.
      const ms = lastModified === undefined ? Date.now() : Number(lastModified);
      this[kLastModified] = Number.isFinite(ms) ? Math.trunc(ms) + 0 : 0;
    }

    get name() {
      if (!(kName in this)) throw new TypeError("File.prototype.name: illegal invocation");
      return this[kName];
    }

    get lastModified() {
      if (!(kLastModified in this)) throw new TypeError("File.prototype.lastModified: illegal invocation");
      return this[kLastModified];
    }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: "File", configurable: true });

  for (const cls of [Blob, File]) {
    for (const key of Object.getOwnPropertyNames(cls.prototype)) {
      if (key !== "constructor") Object.defineProperty(cls.prototype, key, { enumerable: true });
    }
  }

  internals.markSideEffectFree(Blob.prototype, "size", "type");
  internals.markSideEffectFree(File.prototype, "name", "lastModified");
  // As Node shows them: Blob { size: 3, type: 'text/plain' }, File { size, type, name, lastModified }.
  Object.defineProperty(Blob.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function () {
      if (!isBlob(this)) return this;
      const fields = { size: this[kBytes].byteLength, type: this[kType] };
      if (!(kName in this)) return internals.inspect.named("Blob", fields);
      return internals.inspect.named("File", { ...fields, name: this[kName], lastModified: this[kLastModified] });
    },
    writable: true,
    configurable: true,
  });

  internals.defineGlobal("Blob", Blob);
  internals.defineGlobal("File", File);
  internals.blob = {
    /** The blob's bytes, without a copy: callers must not modify them. */
    bytesOf(blob) {
      return checkBlob(blob, "bytes")[kBytes];
    },
    isBlob,
    /** A Blob over `bytes` (taken, not copied) with an already normalized type. */
    create: createBlob,
  };
})
