// The Fetch Standard: Headers, Request, Response, FormData, the Body mixin and fetch().
// Bodies given as strings or bytes stay bytes until `.body` is read (no ReadableStream for the
// common server path); response bodies from the network come from a host ByteSource (FetchCall).
(function (ops, internals) {
  "use strict";
  const { webidl, DOMException } = internals;

  // ---------------------------------------------------------------- UTF-8
  let encoder;
  let decoder;
  function encodeUtf8(text) {
    text = String(text).toWellFormed();
    if (typeof globalThis.TextEncoder === "function") {
      encoder ??= new globalThis.TextEncoder();
      return encoder.encode(text);
    }
    return webidl.fromHost(ops.utf8Encode(text));
  }
  /** UTF-8 decode as Body.text() does: replacement characters, a leading BOM dropped. */
  function decodeUtf8(bytes) {
    if (typeof globalThis.TextDecoder === "function") {
      decoder ??= new globalThis.TextDecoder();
      return decoder.decode(bytes);
    }
    const text = bytes.byteLength === 0 ? "" : ops.utf8Decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** Defines a class's Symbol.for("nodejs.util.inspect.custom") hook: a method, so not enumerable. */
  function defineInspect(Class, hook) {
    Object.defineProperty(Class.prototype, Symbol.for("nodejs.util.inspect.custom"), { value: hook, writable: true, configurable: true });
  }

  // ---------------------------------------------------------------- Headers (Fetch §5.2)
  const kList = Symbol("header list");
  const kGuard = Symbol("guard");
  const kSorted = Symbol("sorted cache");
  const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const httpWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

  const beyondLatin1 = /[^\0-\xff]/;
  function byteString(value, what) {
    const s = String(value);
    if (beyondLatin1.test(s)) throw new TypeError(`${what} is not a valid ByteString`);
    return s;
  }
  // The token code points (RFC 9110 tchar) by code unit, for header names.
  const tokenChars = new Uint8Array(128);
  for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") tokenChars[c.charCodeAt(0)] = 1;
  /**
   * A header name, lowercased. One scan decides the usual name; anything else gets the ByteString
   * and token checks, which say what is wrong.
   */
  function checkName(name) {
    name = String(name);
    let upper = false;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      if (c >= 128 || tokenChars[c] === 0) return checkNameFully(name);
      if (c <= 0x5A && c >= 0x41) upper = true;
    }
    if (name.length === 0) return checkNameFully(name);
    return upper ? name.toLowerCase() : name;
  }
  function checkNameFully(name) {
    name = byteString(name, "Header name");
    if (!tokenRe.test(name)) throw new TypeError(`Invalid header name: "${name}"`);
    return name.toLowerCase();
  }
  const isHttpWhitespace = (c) => c === 0x20 || c === 0x09 || c === 0x0A || c === 0x0D;
  /**
   * Fetch §2.2 "normalize" a header value (strip leading and trailing HTTP whitespace) and check it.
   * A value without surrounding whitespace, NUL, CR, LF or code units above U+00FF is kept as it is.
   */
  function normalizeValue(value) {
    value = String(value);
    const n = value.length;
    if (n > 0 && (isHttpWhitespace(value.charCodeAt(0)) || isHttpWhitespace(value.charCodeAt(n - 1)))) return normalizeValueFully(value);
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c > 0xFF || c === 0x00 || c === 0x0A || c === 0x0D) return normalizeValueFully(value);
    }
    return value;
  }
  function normalizeValueFully(value) {
    value = byteString(value, "Header value").replace(httpWhitespace, "");
    if (/[\0\r\n]/.test(value)) throw new TypeError(`Invalid header value: "${value}"`);
    return value;
  }
  function checkMutable(headers) {
    if (headers[kGuard] === "immutable") throw new TypeError("Headers are immutable");
  }
  function brand(headers) {
    if (headers === null || typeof headers !== "object" || !(kList in headers)) throw new TypeError("Illegal invocation");
  }
  function appendHeader(headers, name, value) {
    const lower = checkName(name);
    const v = normalizeValue(value);
    checkMutable(headers);
    const list = headers[kList];
    const values = list.get(lower);
    if (values === undefined) list.set(lower, [v]);
    else values.push(v);
    headers[kSorted] = null;
  }
  function fillHeaders(headers, init) {
    if (init === null || (typeof init !== "object" && typeof init !== "function")) {
      throw new TypeError("Headers init must be an object or a sequence of pairs");
    }
    // WebIDL overload resolution reads @@iterator first (the only step a Proxy may observe before
    // the sequence or record conversion). A real Headers with its own iterator is copied directly:
    // the sequence it would yield is exactly its list.
    const iterator = init[Symbol.iterator];
    if (iterator === headersEntries && !internals.isProxy(init) && Object.hasOwn(init, kList)) {
      for (const [name, values] of init[kList]) for (const v of values) appendHeader(headers, name, v);
      return;
    }
    if (iterator !== undefined && iterator !== null) {
      if (typeof iterator !== "function") throw new TypeError("Headers init is not iterable");
      for (const pair of init) {
        if (pair === null || typeof pair !== "object" || typeof pair[Symbol.iterator] !== "function") {
          throw new TypeError("Headers init: each entry must be a [name, value] pair");
        }
        const items = [...pair];
        if (items.length !== 2) throw new TypeError("Headers init: each entry must have exactly two items");
        appendHeader(headers, items[0], items[1]);
      }
      return;
    }
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      if (typeof key === "symbol") throw new TypeError("Headers init: symbol keys are not header names");
      appendHeader(headers, key, init[key]);
    }
  }
  /** Fetch "sort and combine": names ascending, values joined with ", ", set-cookie kept apart. */
  function sortedPairs(headers) {
    let sorted = headers[kSorted];
    if (sorted) return sorted;
    sorted = [];
    for (const name of [...headers[kList].keys()].sort()) {
      const values = headers[kList].get(name);
      if (name === "set-cookie") for (const v of values) sorted.push([name, v]);
      else sorted.push([name, values.join(", ")]);
    }
    headers[kSorted] = sorted;
    return sorted;
  }

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const HeadersIteratorPrototype = Object.create(IteratorPrototype, {
    next: {
      value: function next() {
        const state = this?.[kIterState];
        if (state === undefined) throw new TypeError("Illegal invocation");
        const pairs = sortedPairs(state.headers);
        if (state.index >= pairs.length) return { value: undefined, done: true };
        const [name, value] = pairs[state.index++];
        return { value: state.kind === "keys" ? name : state.kind === "values" ? value : [name, value], done: false };
      },
      writable: true, configurable: true, enumerable: true,
    },
    [Symbol.toStringTag]: { value: "Headers Iterator", configurable: true },
  });
  const kIterState = Symbol("iterator state");
  function headersIterator(headers, kind) {
    const it = Object.create(HeadersIteratorPrototype);
    it[kIterState] = { headers, kind, index: 0 };
    return it;
  }

  class Headers {
    constructor(init = undefined) {
      this[kList] = new Map();
      this[kGuard] = "none";
      this[kSorted] = null;
      if (init !== undefined) fillHeaders(this, init);
    }
    append(name, value) {
      brand(this);
      webidl.requiredArguments(arguments.length, 2, "Headers.append");
      appendHeader(this, name, value);
    }
    delete(name) {
      brand(this);
      webidl.requiredArguments(arguments.length, 1, "Headers.delete");
      const lower = checkName(name);
      checkMutable(this);
      if (this[kList].delete(lower)) this[kSorted] = null;
    }
    get(name) {
      brand(this);
      webidl.requiredArguments(arguments.length, 1, "Headers.get");
      const values = this[kList].get(checkName(name));
      return values === undefined ? null : values.join(", ");
    }
    getSetCookie() {
      brand(this);
      return [...(this[kList].get("set-cookie") ?? [])];
    }
    has(name) {
      brand(this);
      webidl.requiredArguments(arguments.length, 1, "Headers.has");
      return this[kList].has(checkName(name));
    }
    set(name, value) {
      brand(this);
      webidl.requiredArguments(arguments.length, 2, "Headers.set");
      const lower = checkName(name);
      const v = normalizeValue(value);
      checkMutable(this);
      this[kList].set(lower, [v]);
      this[kSorted] = null;
    }
    forEach(callback, thisArg = undefined) {
      brand(this);
      webidl.requiredArguments(arguments.length, 1, "Headers.forEach");
      if (typeof callback !== "function") throw new TypeError("Headers.forEach: callback is not a function");
      const pairs = sortedPairs(this);
      for (let i = 0; i < pairs.length; i++) callback.call(thisArg, pairs[i][1], pairs[i][0], this);
    }
    entries() {
      brand(this);
      return headersIterator(this, "entries");
    }
    keys() {
      brand(this);
      return headersIterator(this, "keys");
    }
    values() {
      brand(this);
      return headersIterator(this, "values");
    }
  }
  Object.defineProperty(Headers.prototype, Symbol.iterator, { value: Headers.prototype.entries, writable: true, configurable: true });
  const headersEntries = Headers.prototype.entries;
  Object.defineProperty(Headers.prototype, Symbol.toStringTag, { value: "Headers", configurable: true });
  // console.log and the REPL show what Node shows: Headers { 'content-type': 'text/plain' }, names
  // in the order first added, values combined as get() combines them.
  defineInspect(Headers, function () {
    if (!(kList in this)) return this;
    const fields = [];
    for (const [name, values] of this[kList]) fields.push([name, values.join(", ")]);
    return internals.inspect.named("Headers", fields);
  });

  function newHeaders(guard) {
    const h = new Headers();
    h[kGuard] = guard;
    return h;
  }
  /** A copy of `headers` (same guard). */
  function copyHeaders(headers) {
    const h = newHeaders(headers[kGuard]);
    for (const [name, values] of headers[kList]) h[kList].set(name, [...values]);
    return h;
  }

  // ---------------------------------------------------------------- bodies (Fetch §5.1, §6.1)
  // A body is { kind, bytes, text, stream, lazy, call, source, used }:
  //   "bytes": a Uint8Array owned by the body (may be shared by clones, never mutated), or when
  //            given as a string its well-formed `text`, encoded only if bytes are asked for
  //   "lazy": an async function producing the bytes (Blob, FormData with files)
  //   "host": a FetchCall (network response body), read whole or as a stream on demand
  //   "source": a host ByteSource (an incoming server request's body), a stream on demand
  //   "stream": a ReadableStream
  const kBody = Symbol("body");
  const kHeaders = Symbol("headers");

  function streams() {
    const s = internals.streams;
    if (s === undefined) throw new TypeError("ReadableStream is not available in this runtime");
    return s;
  }
  function isReadableStream(value) {
    return internals.streams !== undefined && internals.streams.isReadableStream(value);
  }
  function isDisturbed(stream) {
    return stream._disturbed === true;
  }
  function isBlob(value) {
    return typeof globalThis.Blob === "function" && value instanceof globalThis.Blob;
  }
  function isURLSearchParams(value) {
    return typeof globalThis.URLSearchParams === "function" && value instanceof globalThis.URLSearchParams;
  }

  /** Fetch "extract a body": the body and its Content-Type. */
  function extractBody(object) {
    if (typeof object === "string") {
      return { body: textBody(object), type: "text/plain;charset=UTF-8" };
    }
    if (webidl.isBufferSource(object)) {
      return { body: bytesBody(webidl.copyBytes(object)), type: null };
    }
    if (isBlob(object)) {
      const blob = object;
      return { body: { kind: "lazy", lazy: async () => new Uint8Array(await blob.arrayBuffer()), used: false }, type: blob.type || null };
    }
    if (object instanceof FormData) {
      const boundary = "----NanoFormBoundary" + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
      return { body: multipartBody(object, boundary), type: `multipart/form-data; boundary=${boundary}` };
    }
    if (isURLSearchParams(object)) {
      return { body: textBody(object.toString()), type: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (isReadableStream(object)) {
      if (object.locked || isDisturbed(object)) throw new TypeError("The body stream is locked or has been read");
      return { body: { kind: "stream", stream: object, used: false }, type: null };
    }
    return { body: textBody(String(object)), type: "text/plain;charset=UTF-8" };
  }
  function bytesBody(bytes) {
    return { kind: "bytes", bytes, text: null, used: false };
  }
  function textBody(text) {
    return { kind: "bytes", bytes: null, text: text.toWellFormed(), used: false };
  }
  /** The bytes of a "bytes" body, encoding its text on first use. */
  function bytesOf(body) {
    if (body.bytes === null) body.bytes = encodeUtf8(body.text);
    return body.bytes;
  }

  function bodyUsed(body) {
    return body !== null && (body.used || (body.kind === "stream" && isDisturbed(body.stream)));
  }
  /** The body as a ReadableStream, made on first use. */
  function bodyStream(body) {
    if (body === null) return null;
    if (body.kind !== "stream") {
      const source = { ...body };
      let stream;
      if (source.kind === "host") {
        stream = streams().readableFromSource(source.call);
      } else if (source.kind === "source") {
        stream = streams().readableFromSource(source.source);
      } else {
        const { ReadableStream } = streams().classes();
        stream = new ReadableStream({
          type: "bytes",
          async pull(controller) {
            const bytes = source.kind === "bytes" ? bytesOf(source).slice() : await source.lazy();
            if (bytes.byteLength > 0) controller.enqueue(bytes);
            controller.close();
            controller.byobRequest?.respond(0);
          },
        });
      }
      Object.assign(body, { kind: "stream", stream, bytes: undefined, text: undefined, lazy: undefined, call: undefined, source: undefined });
    }
    return body.stream;
  }
  /**
   * What `.body` shows when inspected: the stream it is, or for a body still kept as bytes the
   * stream `.body` would make (always a byte stream), without making it: inspecting must not
   * change how a response is sent.
   */
  function bodyDisplay(body) {
    if (body === null) return null;
    if (body.kind === "stream") return body.stream;
    return internals.inspect.named("ReadableStream", { locked: body.used, state: body.used ? "closed" : "readable", supportsBYOB: true });
  }
  /** Fetch "consume body": all bytes, marking the body used. */
  async function consumeBody(holder) {
    const body = holder[kBody];
    if (body === null) return new Uint8Array(0);
    if (bodyUsed(body)) throw new TypeError("Body is unusable: it has already been read");
    if (body.kind === "stream" && body.stream.locked) throw new TypeError("Body is unusable: its stream is locked");
    body.used = true;
    switch (body.kind) {
      case "bytes": return body.bytes === null ? encodeUtf8(body.text) : body.bytes.slice();
      case "lazy": return body.lazy();
      case "host": return webidl.fromHost(await body.call.readAll());
      case "source": return streams().readAll(streams().readableFromSource(body.source));
      default: return streams().readAll(body.stream);
    }
  }
  function cloneBody(body) {
    if (body === null) return null;
    if (bodyUsed(body) || (body.kind === "stream" && body.stream.locked)) throw new TypeError("Cannot clone: the body has already been read");
    if (body.kind === "bytes" || body.kind === "lazy") return { ...body };
    const [a, b] = streams().teeCloning(bodyStream(body));
    body.stream = a;
    return { kind: "stream", stream: b, used: false };
  }
  function mimeType(holder) {
    return headersOf(holder).get("content-type") ?? "";
  }

  /** The Body mixin (Fetch §6.1) for Request and Response. */
  function mixinBody(Class) {
    const methods = {
      get body() {
        brandBody(this);
        return bodyStream(this[kBody]);
      },
      get bodyUsed() {
        brandBody(this);
        return bodyUsed(this[kBody]);
      },
      async arrayBuffer() {
        brandUnaborted(this);
        return (await consumeBody(this)).buffer;
      },
      async bytes() {
        brandUnaborted(this);
        return consumeBody(this);
      },
      async text() {
        brandUnaborted(this);
        const body = this[kBody];
        if (body !== null && body.kind === "host" && !body.used) {
          body.used = true;
          return body.call.readAllText();
        }
        return decodeUtf8(await consumeBody(this));
      },
      async json() {
        brandUnaborted(this);
        return JSON.parse(decodeUtf8(await consumeBody(this)));
      },
      async blob() {
        brandUnaborted(this);
        const bytes = await consumeBody(this);
        const type = mimeType(this);
        return new globalThis.Blob([bytes], { type: /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "" });
      },
      async formData() {
        brandUnaborted(this);
        const type = mimeType(this);
        const bytes = await consumeBody(this);
        const essence = type.split(";")[0].trim().toLowerCase();
        if (essence === "multipart/form-data") {
          const boundary = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(type);
          if (!boundary) throw new TypeError("Could not parse the body as FormData: no multipart boundary");
          return parseMultipart(bytes, boundary[1] ?? boundary[2]);
        }
        if (essence === "application/x-www-form-urlencoded") return parseUrlencoded(bytes);
        throw new TypeError(`Could not parse the body as FormData: unsupported Content-Type "${type}"`);
      },
    };
    for (const key of Object.getOwnPropertyNames(methods)) {
      const desc = Object.getOwnPropertyDescriptor(methods, key);
      desc.enumerable = true;
      Object.defineProperty(Class.prototype, key, desc);
    }
    // Not `body`: reading it makes the stream, and a body kept as bytes is then sent as one.
    internals.markSideEffectFree(Class.prototype, "bodyUsed");
  }
  function brandBody(holder) {
    if (holder === null || typeof holder !== "object" || !(kBody in holder)) throw new TypeError("Illegal invocation");
  }
  /**
   * The brand check of a body-consuming method, then Fetch "abort fetch": a response body errored
   * by an abort rejects every read with the abort reason, and at once. The methods call this before
   * their first await, so the promise they return is already rejected (WPT abort/general.any.js
   * orders that rejection before the next microtask).
   */
  function brandUnaborted(holder) {
    brandBody(holder);
    const body = holder[kBody];
    if (body !== null && body.kind === "host" && body.call.aborted) throw body.call.reason;
  }

  // ---------------------------------------------------------------- FormData (XHR §4.3)
  const kEntries = Symbol("entries");
  function toEntry(name, value, filename, argCount) {
    name = webidl.toUSVString(name);
    if (isBlob(value)) {
      const File = globalThis.File;
      if (filename !== undefined) {
        value = new File([value], webidl.toUSVString(filename), { type: value.type, lastModified: value.lastModified });
      } else if (!(value instanceof File)) {
        value = new File([value], "blob", { type: value.type });
      }
      return [name, value];
    }
    if (argCount > 2) throw new TypeError("FormData: the value must be a Blob when a filename is given");
    return [name, webidl.toUSVString(value)];
  }
  function brandForm(form) {
    if (form === null || typeof form !== "object" || !(kEntries in form)) throw new TypeError("Illegal invocation");
  }
  class FormData {
    constructor(form = undefined) {
      if (form !== undefined) throw new TypeError("FormData: HTML form elements are not supported here");
      this[kEntries] = [];
    }
    append(name, value, filename = undefined) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 2, "FormData.append");
      this[kEntries].push(toEntry(name, value, filename, arguments.length));
    }
    delete(name) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 1, "FormData.delete");
      name = webidl.toUSVString(name);
      this[kEntries] = this[kEntries].filter((e) => e[0] !== name);
    }
    get(name) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 1, "FormData.get");
      name = webidl.toUSVString(name);
      const entry = this[kEntries].find((e) => e[0] === name);
      return entry === undefined ? null : entry[1];
    }
    getAll(name) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 1, "FormData.getAll");
      name = webidl.toUSVString(name);
      return this[kEntries].filter((e) => e[0] === name).map((e) => e[1]);
    }
    has(name) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 1, "FormData.has");
      name = webidl.toUSVString(name);
      return this[kEntries].some((e) => e[0] === name);
    }
    set(name, value, filename = undefined) {
      brandForm(this);
      webidl.requiredArguments(arguments.length, 2, "FormData.set");
      const entry = toEntry(name, value, filename, arguments.length);
      const entries = this[kEntries];
      const first = entries.findIndex((e) => e[0] === entry[0]);
      if (first < 0) {
        entries.push(entry);
      } else {
        this[kEntries] = entries.filter((e, i) => i === first || e[0] !== entry[0]);
        this[kEntries][first] = entry;
      }
    }
    forEach(callback, thisArg = undefined) {
      brandForm(this);
      if (typeof callback !== "function") throw new TypeError("FormData.forEach: callback is not a function");
      for (let i = 0; i < this[kEntries].length; i++) {
        const [name, value] = this[kEntries][i];
        callback.call(thisArg, value, name, this);
      }
    }
    *entries() {
      brandForm(this);
      for (let i = 0; i < this[kEntries].length; i++) yield [...this[kEntries][i]];
    }
    *keys() {
      for (const [name] of this.entries()) yield name;
    }
    *values() {
      for (const [, value] of this.entries()) yield value;
    }
  }
  Object.defineProperty(FormData.prototype, Symbol.iterator, { value: FormData.prototype.entries, writable: true, configurable: true });
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: "FormData", configurable: true });
  // FormData { a: '1', b: [ '2', '3' ] }: a name given more than once shows its values as a list, as in Node.
  defineInspect(FormData, function () {
    if (!(kEntries in this)) return this;
    const byName = new Map();
    for (const [name, value] of this[kEntries]) {
      const values = byName.get(name);
      if (values === undefined) byName.set(name, [value]);
      else values.push(value);
    }
    return internals.inspect.named("FormData", [...byName].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
  });

  /** HTML "multipart/form-data encoding algorithm". */
  function multipartBody(form, boundary) {
    const escape = (s) => s.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");
    const crlf = (s) => s.replace(/\r\n|\r|\n/g, "\r\n");
    const parts = [];
    for (const [name, value] of form[kEntries]) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escape(crlf(name))}"`;
      if (typeof value === "string") {
        parts.push(`${head}\r\n\r\n${crlf(value)}\r\n`);
      } else {
        head += `; filename="${escape(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
        parts.push(head, value, "\r\n");
      }
    }
    parts.push(`--${boundary}--\r\n`);
    const join = (chunks) => {
      const total = chunks.reduce((n, c) => n + c.byteLength, 0);
      const out = new Uint8Array(total);
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.byteLength;
      }
      return out;
    };
    if (parts.every((p) => typeof p === "string")) return textBody(parts.join(""));
    return {
      kind: "lazy",
      used: false,
      lazy: async () => join(await Promise.all(parts.map(async (p) => typeof p === "string" ? encodeUtf8(p) : new Uint8Array(await p.arrayBuffer())))),
    };
  }

  function indexOfBytes(haystack, needle, from) {
    const first = needle[0];
    outer: for (let i = haystack.indexOf(first, from); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
      for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  function parseMultipart(bytes, boundary) {
    const fail = () => new TypeError("Could not parse the body as multipart/form-data");
    const form = new FormData();
    const delimiter = encodeUtf8(`--${boundary}`);
    const next = encodeUtf8(`\r\n--${boundary}`);
    let pos = indexOfBytes(bytes, delimiter, 0);
    if (pos < 0) throw fail();
    pos += delimiter.length;
    for (;;) {
      if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) return form;
      while (bytes[pos] === 0x20 || bytes[pos] === 0x09) pos++;
      if (bytes[pos] !== 0x0d || bytes[pos + 1] !== 0x0a) throw fail();
      pos += 2;
      const headerEnd = indexOfBytes(bytes, [0x0d, 0x0a, 0x0d, 0x0a], pos);
      if (headerEnd < 0) throw fail();
      const headerText = decodeUtf8(bytes.subarray(pos, headerEnd));
      const contentStart = headerEnd + 4;
      const contentEnd = indexOfBytes(bytes, next, contentStart);
      if (contentEnd < 0) throw fail();
      let name = null;
      let filename;
      let type = "";
      for (const line of headerText.split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const field = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (field === "content-disposition") {
          const n = /(?:^|;)\s*name="([^"]*)"/i.exec(value) ?? /(?:^|;)\s*name=([^;]*)/i.exec(value);
          const f = /;\s*filename="([^"]*)"/i.exec(value) ?? /;\s*filename=([^;]*)/i.exec(value);
          if (n) name = n[1].replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, "\"");
          if (f) filename = f[1].replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, "\"");
        } else if (field === "content-type") {
          type = value;
        }
      }
      if (name === null) throw fail();
      const content = bytes.slice(contentStart, contentEnd);
      if (filename !== undefined) form.append(name, new globalThis.File([content], filename, { type }));
      else form.append(name, decodeUtf8(content));
      pos = contentEnd + next.length;
    }
  }
  /**
   * application/x-www-form-urlencoded parsing (URL §5.1) of a body, by whatwg-url's parser of
   * strings, which UTF-8-encodes its input first. The body goes in with each byte above 0x7F
   * written as %XX: that string encodes to bytes that percent-decode exactly as the body's do.
   */
  function parseUrlencoded(bytes) {
    let text = "";
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 0x7F) {
        text += `${latin1(bytes.subarray(start, i))}%${bytes[i].toString(16).toUpperCase()}`;
        start = i + 1;
      }
    }
    text += latin1(bytes.subarray(start));
    const form = new FormData();
    for (const [name, value] of internals.url.parseForm(text)) form.append(name, value);
    return form;
  }
  function latin1(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return s;
  }

  // ---------------------------------------------------------------- Request (Fetch §6.3)
  const kRequest = Symbol("request state");
  const kSignal = Symbol("signal");
  const kHeaderText = Symbol("header text");
  const normalizedMethods = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const forbiddenMethods = new Set(["CONNECT", "TRACE", "TRACK"]);
  const enums = {
    mode: ["navigate", "same-origin", "no-cors", "cors"],
    credentials: ["omit", "same-origin", "include"],
    cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
    redirect: ["follow", "error", "manual"],
    referrerPolicy: ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
      "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"],
    duplex: ["half"],
    priority: ["high", "low", "auto"],
  };
  function enumValue(init, key) {
    const value = init[key];
    if (value === undefined) return undefined;
    const s = String(value);
    if (!enums[key].includes(s)) throw new TypeError(`Request: "${s}" is not a valid value for ${key}`);
    return s;
  }
  /**
   * Parses `url` against `base`, or else against the API base URL: `globalThis.location` when a
   * script set one (as Deno's --location does), so relative URLs work there.
   */
  function parseUrl(url, base) {
    base ??= apiBaseUrl();
    if (base === undefined) {
      // Each distinct string is parsed once (internals.url.href keeps the recent ones).
      const href = internals.url.href(String(url));
      if (href === null) throw new TypeError(`Invalid URL: ${url}`);
      return href;
    }
    if (typeof globalThis.URL === "function") {
      try {
        return new globalThis.URL(url, base).href;
      } catch {
        throw new TypeError(`Invalid URL: ${url}`);
      }
    }
    const resolved = ops.resolveUrl(String(url), base);
    if (resolved === null) throw new TypeError(`Invalid URL: ${url}`);
    return resolved;
  }
  function apiBaseUrl() {
    const href = globalThis.location?.href;
    return typeof href === "string" ? href : undefined;
  }
  function isAbortSignal(value) {
    return typeof globalThis.AbortSignal === "function" && value instanceof globalThis.AbortSignal;
  }

  /** True when a serialized URL has a username or password ("scheme://user:pass@host/..."). */
  function hasCredentials(href) {
    return href.includes("@") && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(href);
  }

  const initKeys = ["method", "headers", "body", "referrer", "referrerPolicy", "mode", "credentials", "cache",
    "redirect", "integrity", "keepalive", "signal", "duplex", "window", "priority"];
  /** The Request constructor's steps for the members of `init` (Fetch §6.3 steps 13-28); returns the signal. */
  function applyRequestInit(state, init, signal) {
    if (initKeys.some((k) => init[k] !== undefined)) {
      if (state.mode === "navigate") state.mode = "same-origin";
      state.referrer = "about:client";
      state.referrerPolicy = "";
    }
    if (init.referrer !== undefined) {
      const referrer = webidl.toUSVString(init.referrer);
      state.referrer = referrer === "" ? "" : parseUrl(referrer) === "about:client" ? "about:client" : parseUrl(referrer);
    }
    state.referrerPolicy = enumValue(init, "referrerPolicy") ?? state.referrerPolicy;
    const mode = enumValue(init, "mode");
    if (mode === "navigate") throw new TypeError("Request: mode \"navigate\" is not allowed");
    if (mode !== undefined) state.mode = mode;
    state.credentials = enumValue(init, "credentials") ?? state.credentials;
    state.cache = enumValue(init, "cache") ?? state.cache;
    if (state.cache === "only-if-cached" && state.mode !== "same-origin") {
      throw new TypeError("Request: cache \"only-if-cached\" requires mode \"same-origin\"");
    }
    state.redirect = enumValue(init, "redirect") ?? state.redirect;
    if (init.integrity !== undefined) state.integrity = String(init.integrity);
    if (init.keepalive !== undefined) state.keepalive = Boolean(init.keepalive);
    if (init.method !== undefined) {
      const method = byteString(init.method, "Request method");
      if (!tokenRe.test(method)) throw new TypeError(`Request: "${method}" is not a valid HTTP method`);
      const upper = method.toUpperCase();
      if (forbiddenMethods.has(upper)) throw new TypeError(`Request: method "${method}" is forbidden`);
      state.method = normalizedMethods.has(upper) ? upper : method;
    }
    if (init.signal !== undefined) {
      if (init.signal !== null && !isAbortSignal(init.signal)) throw new TypeError("Request: signal is not an AbortSignal");
      signal = init.signal;
    }
    const duplex = enumValue(init, "duplex");
    if (duplex !== undefined) state.duplex = duplex;
    enumValue(init, "priority"); // validated (RequestPriority); HTTP/1.1 and h2 here send no priority
    return signal;
  }

  class Request {
    constructor(input, init = undefined) {
      webidl.requiredArguments(arguments.length, 1, "Request constructor");
      const noInit = init === undefined || init === null;
      if (!noInit && typeof init !== "object" && typeof init !== "function") throw new TypeError("Request: init must be an object");
      let state;
      let signal = null;
      let inputBody = null;
      if (input instanceof Request) {
        const from = input[kRequest];
        state = { ...from };
        signal = input[kSignal];
        inputBody = input[kBody];
      } else {
        const url = parseUrl(webidl.toUSVString(input));
        if (hasCredentials(url)) throw new TypeError(`Request: URL includes credentials: ${url}`);
        state = {
          method: "GET", url, mode: "cors", credentials: "same-origin", cache: "default", redirect: "follow",
          referrer: "about:client", referrerPolicy: "", integrity: "", keepalive: false, duplex: undefined,
        };
      }
      // Without init (fetch(url), new Request(request)) every init step below does nothing.
      if (!noInit) signal = applyRequestInit(state, init, signal);

      const headers = newHeaders("request");
      if (!noInit && init.headers !== undefined) fillHeaders(headers, init.headers);
      else if (input instanceof Request) fillHeaders(headers, headersOf(input));

      const initBody = noInit ? undefined : init.body;
      if ((initBody != null || inputBody !== null) && (state.method === "GET" || state.method === "HEAD")) {
        throw new TypeError("Request with GET/HEAD method cannot have body");
      }
      let body = inputBody;
      if (initBody != null) {
        const extracted = extractBody(initBody);
        body = extracted.body;
        if (extracted.type !== null && !headers[kList].has("content-type")) headers[kList].set("content-type", [extracted.type]);
      }
      if (body !== null && body.kind === "stream" && initBody != null && state.duplex !== "half") {
        throw new TypeError("Request: a ReadableStream body requires duplex: \"half\"");
      }
      if (inputBody !== null && initBody == null) {
        if (bodyUsed(inputBody) || (inputBody.kind === "stream" && inputBody.stream.locked)) {
          throw new TypeError("Request: the input request's body has already been read");
        }
        // The new request takes the input's body over (Fetch: "set inputBody to the result of
        // creating a proxy"); the input counts as used.
        body = { ...inputBody };
        inputBody.used = true;
      }
      this[kRequest] = state;
      this[kHeaders] = headers;
      this[kBody] = body;
      this[kSignal] = signal;
    }
    get method() { return reqState(this).method; }
    get url() { return reqState(this).url; }
    get headers() { reqState(this); return headersOf(this); }
    get destination() { reqState(this); return ""; }
    get referrer() {
      const r = reqState(this).referrer;
      return r === "about:client" ? "about:client" : r;
    }
    get referrerPolicy() { return reqState(this).referrerPolicy; }
    get mode() { return reqState(this).mode; }
    get credentials() { return reqState(this).credentials; }
    get cache() { return reqState(this).cache; }
    get redirect() { return reqState(this).redirect; }
    get integrity() { return reqState(this).integrity; }
    get keepalive() { return reqState(this).keepalive; }
    get isReloadNavigation() { reqState(this); return false; }
    get isHistoryNavigation() { reqState(this); return false; }
    get duplex() { reqState(this); return "half"; }
    /**
     * A signal that follows the one given at construction, or for a served request its client: it
     * aborts when the client goes away, as Deno's and workerd's do (made on first access).
     */
    get signal() {
      const state = reqState(this);
      if (state.publicSignal === undefined) {
        const given = this[kSignal];
        if (given !== null && typeof globalThis.AbortSignal?.any === "function") state.publicSignal = globalThis.AbortSignal.any([given]);
        else if (given !== null) state.publicSignal = given;
        else state.publicSignal = followingClient(state.clientScope);
      }
      return state.publicSignal;
    }
    clone() {
      const state = reqState(this);
      const copy = Object.create(Request.prototype);
      copy[kRequest] = { ...state, publicSignal: undefined };
      copy[kHeaders] = copyHeaders(headersOf(this));
      copy[kBody] = cloneBody(this[kBody]);
      copy[kSignal] = this[kSignal];
      return copy;
    }
  }
  /**
   * A request made by the host for the server (what `new Request(url, { method, headers, body })`
   * would make, without its WebIDL conversions): `url` is parsed once, the header fields stay
   * `name\nvalue\n...` text until `headers` is read, the body stays a host ByteSource until read.
   */
  function incomingRequest(method, url, headerText, source, clientScope = null) {
    if (!normalizedMethods.has(method)) {
      const upper = method.toUpperCase();
      if (forbiddenMethods.has(upper)) throw new TypeError(`Request: method "${method}" is forbidden`);
      if (normalizedMethods.has(upper)) method = upper;
    }
    const href = internals.url.href(url);
    if (href === null) throw new TypeError(`Invalid URL: ${url}`);
    if (hasCredentials(href)) throw new TypeError(`Request: URL includes credentials: ${url}`);
    const request = Object.create(Request.prototype);
    request[kRequest] = {
      method, url: href, mode: "cors", credentials: "same-origin", cache: "default", redirect: "follow",
      referrer: "about:client", referrerPolicy: "", integrity: "", keepalive: false, duplex: source === null ? undefined : "half",
      clientScope,
    };
    request[kHeaders] = null;
    request[kHeaderText] = headerText;
    request[kBody] = source === null ? null : { kind: "source", source, used: false };
    request[kSignal] = null;
    return request;
  }
  /** A signal that aborts when the served request's client goes away (never, without a scope). */
  function followingClient(scope) {
    const controller = new globalThis.AbortController();
    if (scope?.aborted) controller.abort(scope.reason);
    else scope?.addEventListener("abort", () => controller.abort(scope.reason));
    return controller.signal;
  }
  /** A Request's or Response's Headers, made from the host's header text on first use. */
  function headersOf(holder) {
    let headers = holder[kHeaders];
    if (headers === null) {
      headers = newHeaders("request");
      const list = headers[kList];
      const text = holder[kHeaderText];
      for (let i = 0; i < text.length;) {
        const nameEnd = text.indexOf("\n", i);
        const valueEnd = text.indexOf("\n", nameEnd + 1);
        const name = text.slice(i, nameEnd).toLowerCase();
        const value = text.slice(nameEnd + 1, valueEnd);
        const values = list.get(name);
        if (values === undefined) list.set(name, [value]);
        else values.push(value);
        i = valueEnd + 1;
      }
      holder[kHeaders] = headers;
      holder[kHeaderText] = undefined;
    }
    return headers;
  }
  function reqState(request) {
    if (request === null || typeof request !== "object" || !(kRequest in request)) throw new TypeError("Illegal invocation");
    return request[kRequest];
  }
  mixinBody(Request);
  Object.defineProperty(Request.prototype, Symbol.toStringTag, { value: "Request", configurable: true });
  // `signal` too: made on first read, it follows a signal or the client and runs no script code.
  internals.markSideEffectFree(Request.prototype, "method", "url", "headers", "destination", "referrer", "referrerPolicy",
    "mode", "credentials", "cache", "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation",
    "duplex", "signal");
  // Node's fields, read from the request's state (its getters may be overridden by a subclass).
  defineInspect(Request, function () {
    if (!(kRequest in this)) return this;
    const s = this[kRequest];
    // A signal not read yet is shown as what `signal` would give, without making it.
    const signal = s.publicSignal ?? this[kSignal] ??
      internals.inspect.named("AbortSignal", { aborted: s.clientScope?.aborted === true });
    return internals.inspect.named("Request", {
      method: s.method, url: s.url, headers: headersOf(this), destination: "", referrer: s.referrer,
      referrerPolicy: s.referrerPolicy, mode: s.mode, credentials: s.credentials, cache: s.cache, redirect: s.redirect,
      integrity: s.integrity, keepalive: s.keepalive, isReloadNavigation: false, isHistoryNavigation: false, signal,
    });
  });

  // ---------------------------------------------------------------- Response (Fetch §6.4)
  const kResponse = Symbol("response state");
  const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
  const redirectStatus = new Set([301, 302, 303, 307, 308]);
  const reasonPhraseRe = /^[\t\x20-\x7e\x80-\xff]*$/;

  function initResponse(response, init, extracted) {
    if (init === undefined || init === null) init = {};
    else if (typeof init !== "object" && typeof init !== "function") throw new TypeError("Response: init must be an object");
    const status = init.status === undefined ? 200 : webidl.enforceRange(init.status, 0, 65535, "Response status") ;
    if (status < 200 || status > 599) throw new RangeError(`Response: status ${status} is outside the range [200, 599]`);
    const statusText = init.statusText === undefined ? "" : byteString(init.statusText, "Response statusText");
    if (!reasonPhraseRe.test(statusText)) throw new TypeError("Response: statusText is not a valid reason phrase");
    const state = { type: "default", status, statusText, urlList: [] };
    const headers = newHeaders("response");
    if (init.headers !== undefined) fillHeaders(headers, init.headers);
    let body = null;
    if (extracted !== null) {
      if (nullBodyStatus.has(status)) throw new TypeError(`Response with status ${status} cannot have a body`);
      body = extracted.body;
      if (extracted.type !== null && !headers[kList].has("content-type")) headers[kList].set("content-type", [extracted.type]);
    }
    response[kResponse] = state;
    response[kHeaders] = headers;
    response[kBody] = body;
  }
  function resState(response) {
    if (response === null || typeof response !== "object" || !(kResponse in response)) throw new TypeError("Illegal invocation");
    return response[kResponse];
  }
  function makeResponse(state, headers, body) {
    const response = Object.create(Response.prototype);
    response[kResponse] = state;
    response[kHeaders] = headers;
    response[kBody] = body;
    return response;
  }

  class Response {
    constructor(body = null, init = undefined) {
      initResponse(this, init, body === null || body === undefined ? null : extractBody(body));
    }
    static error() {
      const headers = newHeaders("immutable");
      return makeResponse({ type: "error", status: 0, statusText: "", urlList: [] }, headers, null);
    }
    static redirect(url, status = 302) {
      webidl.requiredArguments(arguments.length, 1, "Response.redirect");
      const parsed = parseUrl(webidl.toUSVString(url));
      status = Number(status);
      if (!redirectStatus.has(status)) throw new RangeError(`Response.redirect: ${status} is not a redirect status`);
      const headers = newHeaders("immutable");
      headers[kList].set("location", [parsed]);
      return makeResponse({ type: "default", status, statusText: "", urlList: [] }, headers, null);
    }
    static json(data, init = undefined) {
      webidl.requiredArguments(arguments.length, 1, "Response.json");
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Response.json: the data is not JSON-serializable");
      const response = Object.create(Response.prototype);
      initResponse(response, init, { body: textBody(text), type: "application/json" });
      return response;
    }
    get type() { return resState(this).type; }
    get url() {
      const list = resState(this).urlList;
      return list.length === 0 ? "" : list[list.length - 1].replace(/#.*$/s, "");
    }
    get redirected() { return resState(this).urlList.length > 1; }
    get status() { return resState(this).status; }
    get ok() {
      const status = resState(this).status;
      return status >= 200 && status <= 299;
    }
    get statusText() { return resState(this).statusText; }
    get headers() { resState(this); return this[kHeaders]; }
    clone() {
      const state = resState(this);
      const headers = copyHeaders(this[kHeaders]);
      return makeResponse({ ...state, urlList: [...state.urlList] }, headers, cloneBody(this[kBody]));
    }
  }
  mixinBody(Response);
  Object.defineProperty(Response.prototype, Symbol.toStringTag, { value: "Response", configurable: true });
  internals.markSideEffectFree(Response.prototype, "type", "url", "redirected", "status", "ok", "statusText", "headers");
  defineInspect(Response, function () {
    if (!(kResponse in this)) return this;
    const s = this[kResponse];
    const last = s.urlList.length === 0 ? "" : s.urlList[s.urlList.length - 1].replace(/#.*$/s, "");
    return internals.inspect.named("Response", {
      status: s.status, statusText: s.statusText, headers: headersOf(this), body: bodyDisplay(this[kBody]),
      bodyUsed: bodyUsed(this[kBody]), ok: s.status >= 200 && s.status <= 299, redirected: s.urlList.length > 1,
      type: s.type, url: last,
    });
  });

  // ---------------------------------------------------------------- fetch (Fetch §5.6)
  const maxRedirects = 20;
  /** The scope (an AbortSignal) of the served request whose code is running, across its awaits and timers. */
  const currentScope = new internals.AsyncContext.Variable();

  function schemeOf(url) {
    return url.slice(0, url.indexOf(":")).toLowerCase();
  }
  function headerLines(headers) {
    const lines = [];
    for (const [name, values] of headers[kList]) {
      if (name === "set-cookie" || name === "cookie") {
        for (const v of values) lines.push(name, v);
      } else {
        lines.push(name, values.join(", "));
      }
    }
    return lines.join("\n");
  }
  function abortReason(signal) {
    return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
  }
  /** Rejects with the signal's reason as soon as it aborts, else settles like `promise`. */
  function untilAborted(promise, signals, onAbort) {
    if (signals.length === 0) return promise;
    return new Promise((resolve, reject) => {
      const abort = (signal) => {
        onAbort(signal);
        reject(abortReason(signal));
      };
      const listeners = signals.map((signal) => {
        const listener = () => abort(signal);
        signal.addEventListener("abort", listener, { once: true });
        return [signal, listener];
      });
      const done = () => listeners.forEach(([s, l]) => s.removeEventListener("abort", l));
      Promise.resolve(promise).then((v) => { done(); resolve(v); }, (e) => { done(); reject(e); });
    });
  }

  /**
   * The response body of a FetchCall as a host-like source whose reads fail with the abort reason
   * itself once a signal aborted the fetch (Fetch "abort fetch": the body stream errors with it).
   */
  class NetworkBody {
    constructor(call) {
      this.call = call;
      this.aborted = false;
      this.reason = undefined;
    }
    abortedWith(why) {
      if (!this.aborted) {
        this.aborted = true;
        this.reason = why;
      }
    }
    pull() {
      return this.read(() => this.call.pull());
    }
    readAll() {
      return this.read(() => this.call.readAll());
    }
    /** The whole body decoded as UTF-8 by the host (Body.text() without a byte copy into JS). */
    readAllText() {
      return this.read(() => this.call.readAllText());
    }
    /** A read of the host body, failing with the abort reason itself once a signal aborted the fetch. */
    async read(start) {
      try {
        return await start();
      } catch (error) {
        throw this.aborted ? this.reason : error;
      }
    }
    cancel(why) {
      this.call.cancel(why);
    }
  }
  /** The response header list from the host's "name\nvalue\n..." text. */
  function responseHeaders(text) {
    const headers = newHeaders("immutable");
    const list = headers[kList];
    const fields = text === "" ? [] : text.split("\n");
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i].toLowerCase();
      const values = list.get(name);
      if (values === undefined) list.set(name, [fields[i + 1]]);
      else values.push(fields[i + 1]);
    }
    return headers;
  }

  async function fetch(input, init = undefined) {
    webidl.requiredArguments(arguments.length, 1, "fetch");
    const request = new Request(input, init);
    const signals = [];
    if (request[kSignal] != null) signals.push(request[kSignal]);
    const scope = currentScope.get();
    if (scope != null) signals.push(scope);
    for (const signal of signals) if (signal.aborted) throw abortReason(signal);
    const state = request[kRequest];
    let url = state.url;
    const scheme = schemeOf(url);
    if (scheme !== "http" && scheme !== "https") throw new TypeError(`fetch failed: unsupported URL scheme "${scheme}:" (only http: and https:)`);

    // A copy: redirects change it, and the request's own headers stay as they were.
    const headers = copyHeaders(headersOf(request));
    let method = state.method;
    let body = request[kBody];
    if (body !== null) {
      if (bodyUsed(body) || (body.kind === "stream" && body.stream.locked)) throw new TypeError("fetch: the request body has already been read");
      if (body.kind !== "bytes") body.used = true;
    }
    const urlList = [url];
    for (let hop = 0; ; hop++) {
      let bytes = null;
      let stream = null;
      if (body !== null) {
        if (body.kind === "bytes") bytes = bytesOf(body);
        else if (body.kind === "lazy") bytes = await body.lazy();
        else stream = bodyStream(body);
      }
      const call = ops.send(method, url, headerLines(headers), bytes, stream !== null);
      if (stream !== null) streams().pipeToSink(stream, call.requestSink()).catch(() => {});
      const source = new NetworkBody(call);
      let head;
      if (signals.length === 0) {
        head = await call.head();
      } else {
        const abortCall = (signal) => {
          const reason = abortReason(signal);
          source.abortedWith(reason);
          call.abort(reason?.name ?? "AbortError", reason?.message ?? "The operation was aborted.");
        };
        head = await untilAborted(call.head(), signals, abortCall);
        // Aborting later (while the body is read) errors the body stream.
        for (const signal of signals) signal.addEventListener("abort", () => abortCall(signal), { once: true });
      }

      const received = responseHeaders(head.headers);
      const status = head.status;
      if (redirectStatus.has(status) && state.redirect !== "manual") {
        const location = received[kList].get("location");
        if (location !== undefined) {
          call.cancel("redirect");
          const next = redirectTarget(url, location.join(", "), state, hop, status, body);
          if (((status === 301 || status === 302) && method === "POST") || (status === 303 && method !== "GET" && method !== "HEAD")) {
            method = "GET";
            body = null;
            for (const name of ["content-encoding", "content-language", "content-location", "content-type", "content-length"]) headers[kList].delete(name);
          }
          if (originOf(next) !== originOf(url)) headers[kList].delete("authorization");
          url = next;
          urlList.push(url);
          continue;
        }
      }
      const noBody = nullBodyStatus.has(status) || method === "HEAD";
      const responseBody = noBody ? null : { kind: "host", call: source, used: false };
      return makeResponse({ type: "basic", status, statusText: head.statusText, urlList }, received, responseBody);
    }
  }
  /** HTTP-redirect fetch (Fetch §4.4): the URL a redirect leads to, or the TypeError that ends the fetch. */
  function redirectTarget(url, location, state, hop, status, body) {
    if (state.redirect === "error") throw new TypeError(`fetch failed: ${url} redirects to ${location} and redirect is "error"`);
    let next;
    try {
      next = parseUrl(location, url);
    } catch {
      throw new TypeError(`fetch failed: invalid redirect location "${location}"`);
    }
    const nextScheme = schemeOf(next);
    if (nextScheme !== "http" && nextScheme !== "https") throw new TypeError(`fetch failed: redirect to unsupported scheme "${nextScheme}:"`);
    if (hop + 1 > maxRedirects) throw new TypeError(`fetch failed: more than ${maxRedirects} redirects`);
    if (status !== 303 && body !== null && (body.kind === "stream" || body.kind === "host")) {
      throw new TypeError("fetch failed: cannot follow a redirect with a streamed request body");
    }
    return next;
  }
  function originOf(url) {
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)/i.exec(url);
    return m ? m[1].toLowerCase() : url;
  }

  internals.defineGlobal("Headers", Headers);
  internals.defineGlobal("Request", Request);
  internals.defineGlobal("Response", Response);
  internals.defineGlobal("FormData", FormData);
  internals.defineGlobal("fetch", fetch);

  /**
   * The cancellation scope of one incoming request: the fetches started while its handler runs
   * abort when the server calls abort() (the client went away). Shaped like the part of
   * AbortSignal that fetch() uses, and cheap: one is made per served request, and it asks the
   * exchange to watch the client only once a fetch listens.
   */
  class FetchScope {
    aborted = false;
    reason = undefined;
    listeners = null;
    constructor(exchange) {
      this.exchange = exchange;
    }
    addEventListener(type, listener) {
      if (this.listeners === null) {
        this.listeners = new Set();
        this.exchange.onClientGone(this);
      }
      this.listeners.add(listener);
    }
    removeEventListener(type, listener) {
      this.listeners?.delete(listener);
    }
    abort() {
      if (this.aborted) return;
      this.aborted = true;
      this.reason = new DOMException("The client of the incoming request went away.", "AbortError");
      const listeners = this.listeners;
      this.listeners = new Set();
      for (const listener of listeners ?? []) listener();
    }
  }

  internals.fetch = {
    incomingRequest,
    /**
     * For the server: the body of a Response whose body was given as a string (returned as that
     * string) or bytes, marking it used; an empty string for a null body; null when the body is a
     * stream, a Blob or a network body (stream it instead). No stream is made.
     */
    bufferedBody(response) {
      const body = response[kBody];
      if (body === null || body === undefined) return "";
      if (body.kind !== "bytes" || body.used) return null;
      body.used = true;
      return body.bytes === null ? body.text : body.bytes;
    },
    /** For the server: a Response's header fields as `name\nvalue\n...`, values combined except set-cookie. */
    headerText(response) {
      let text = "";
      for (const [name, values] of response[kHeaders][kList]) {
        if (name === "set-cookie") for (const value of values) text += `${name}\n${value}\n`;
        else text += `${name}\n${values.length === 1 ? values[0] : values.join(", ")}\n`;
      }
      return text;
    },
    /**
     * Runs `fn()` with `signal` as the cancellation scope of every fetch it starts, then or after
     * any of its awaits or timers (the scope is an AsyncContext variable): when the signal aborts,
     * those fetches abort too. The server wraps each call into a request handler with the incoming
     * request's signal; requests created from the incoming request (`fetch(request)`) also follow
     * its signal by the Fetch Standard itself.
     */
    newScope: (exchange) => new FetchScope(exchange),
    withScope: (signal, fn) => currentScope.run(signal, fn),
    /** A Request's URL as fetch() sees it, whatever a script did to Request.prototype. */
    urlOf: (request) => reqState(request).url,
    /**
     * For fetcher bindings: `request` with its URL replaced by `url` and `headers` ([lower-case
     * name, valid value] pairs) set over its own. Everything else is kept as `new Request(request)`
     * keeps it: the body is taken over (a stream stays a stream) and the signal followed.
     */
    retarget(request, url, headers) {
      const copy = new Request(request);
      copy[kRequest].url = url;
      const target = headersOf(copy);
      for (const [name, value] of headers) target[kList].set(name, [value]);
      target[kSorted] = null;
      return copy;
    },
    fetch, Headers, Request, Response, FormData, extractBody, kBody, kHeaders,
  };
})
