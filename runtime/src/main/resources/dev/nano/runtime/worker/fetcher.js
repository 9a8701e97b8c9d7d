// Fetcher bindings: `env` entries whose fetch(input, init) sends the request to an origin the
// embedder names (NANO's dev server: its own assets) instead of the request URL's, as workerd's
// service bindings and wrangler's env.ASSETS do. The request is the one global fetch would build,
// and the reply is what global fetch gives for it: same Response, same errors, same streaming.
(function (ops, internals) {
  "use strict";

  const { webidl } = internals;
  // Only makeFetcher may construct: `new env.ASSETS.constructor()` would make a Fetcher going nowhere.
  const kConstruct = Symbol("construct");
  // The path and query of a serialized http(s) URL; the fragment is never sent.
  const pathAndQuery = /^https?:\/\/[^/?#]*([^#]*)/;

  class Fetcher {
    #origin;
    #headers;
    constructor(token, origin, headers) {
      if (token !== kConstruct) throw new TypeError("Illegal constructor");
      this.#origin = origin;
      this.#headers = headers;
      Object.freeze(this);
    }

    async fetch(input, init = undefined) {
      if (this === null || typeof this !== "object" || !(#origin in this)) throw new TypeError("Illegal invocation");
      webidl.requiredArguments(arguments.length, 1, "Fetcher.fetch");
      const fetchApi = internals.fetch;
      // What fetch(input, init) builds, with the same TypeErrors for bad input.
      const request = new fetchApi.Request(input, init);
      const href = fetchApi.urlOf(request);
      const scheme = href.slice(0, href.indexOf(":"));
      // Not http(s): global fetch rejects it before any connection, with its own message.
      if (scheme !== "http" && scheme !== "https") return fetchApi.fetch(request);
      // Asked at each call: the embedder's server may have moved (or started) since the last one.
      const origin = this.#origin();
      const url = internals.url.href(origin + pathAndQuery.exec(href)[1]);
      if (url === null) throw new TypeError(`fetch failed: invalid binding origin ${origin}`);
      return fetchApi.fetch(fetchApi.retarget(request, url, this.#headers));
    }
  }
  Object.defineProperty(Fetcher.prototype, Symbol.toStringTag, { value: "Fetcher", configurable: false });
  Object.freeze(Fetcher.prototype);
  Object.freeze(Fetcher);

  /**
   * A frozen Fetcher: `origin()` gives "scheme://host:port" (asked per call), `headers` is
   * [[lower-case name, value], ...], set over the request's own.
   */
  function makeFetcher(origin, headers) {
    const pairs = Object.freeze(headers.map((pair) => Object.freeze([pair[0], pair[1]])));
    return new Fetcher(kConstruct, origin, pairs);
  }

  internals.fetcher = Object.freeze({ makeFetcher });
})
