// TEMPORARY test stand-in (see StandInWebApis.java): the least of Headers/Request/Response and
// internals.streams that worker tests need, defined only where the real API is missing.
(function (ops, internals) {
  "use strict";
  class StandInStream {
    constructor(source) { this.source = source; this.done = false; }
    async read() {
      if (this.done) return { done: true, value: undefined };
      const bb = await this.source.pull();
      if (bb === null || bb === undefined) { this.done = true; return { done: true, value: undefined }; }
      return { done: false, value: new Uint8Array(bb) };
    }
    getReader() { return this; }
  }
  if (!internals.streams) {
    internals.streams = {
      readableFromSource: (source) => new StandInStream(source),
      async pipeToSink(readable, sink) {
        const reader = readable.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            const wait = sink.write(value);
            if (wait) await wait;
          }
          sink.close();
        } catch (e) {
          sink.abort(String(e));
          throw e;
        }
      },
    };
  }
  if (globalThis.Response) return;
  class Headers {
    constructor(init) { this.map = new Map(); for (const [k, v] of (init instanceof Headers ? init.map : Array.isArray(init) ? init : Object.entries(init ?? {}))) this.map.set(k.toLowerCase(), String(v)); }
    get(k) { return this.map.get(k.toLowerCase()) ?? null; }
    set(k, v) { this.map.set(k.toLowerCase(), String(v)); }
    [Symbol.iterator]() { return this.map[Symbol.iterator](); }
  }
  async function textOf(body) {
    if (body === null) return "";
    if (typeof body === "string") return body;
    let s = "";
    for (let r = await body.read(); !r.done; r = await body.read()) s += String.fromCharCode(...r.value);
    return s;
  }
  class Request {
    constructor(url, init = {}) { this.url = url; this.method = init.method ?? "GET"; this.headers = new Headers(init.headers); this.body = init.body ?? null; }
    text() { return textOf(this.body); }
  }
  class Response {
    constructor(body = null, init = {}) { this.body = body; this.status = init.status ?? 200; this.headers = new Headers(init.headers); }
    static json(data, init = {}) { const r = new Response(JSON.stringify(data), init); r.headers.set("content-type", "application/json"); return r; }
    text() { return textOf(this.body); }
  }
  internals.fetch = { bodyBytesIfBuffered: (r) => (typeof r.body === "string" ? r.body : undefined) };
  internals.defineGlobal("Headers", Headers);
  internals.defineGlobal("Request", Request);
  internals.defineGlobal("Response", Response);
})
