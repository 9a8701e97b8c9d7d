// Serving a worker module: `export default { fetch(request, env, ctx) }`. The host calls one
// dispatcher per request (one host→JS call); the response goes back through the request's exchange.
(function (ops, internals) {
  "use strict";

  function describe(value) {
    if (value === null) return "null";
    if (typeof value !== "object") return typeof value === "string" ? "a string" : String(value);
    return `an object (${value.constructor?.name ?? "Object"})`;
  }

  function formatted(error) {
    try {
      return internals.formatError(error);
    } catch {
      return String(error);
    }
  }

  // The `ctx` argument (workerd's ExecutionContext).
  class ExecutionContext {
    #exchange;
    constructor(exchange) {
      this.#exchange = exchange;
    }
    /** Keeps work going after the response; a rejection is logged, never turned into a response. */
    waitUntil(promise) {
      const exchange = this.#exchange;
      Promise.resolve(promise).catch((error) => exchange.log(formatted(error)));
    }
    /** Workers falls back to the origin on exceptions; a dev server has no origin, so errors still give a 500. */
    passThroughOnException() {}
  }

  function fail(error, exchange) {
    exchange.fail(formatted(error));
  }

  function send(response, exchange) {
    const fetchApi = internals.fetch;
    if (!(response instanceof fetchApi.Response)) {
      fail(new TypeError(`the fetch handler returned ${describe(response)} instead of a Response`), exchange);
      return;
    }
    const headers = fetchApi.headerText(response);
    // A string or bytes body goes to the host as it is: no stream, one host call for the response.
    const buffered = fetchApi.bufferedBody(response);
    if (buffered !== null) {
      exchange.respond(response.status, headers, buffered);
      return;
    }
    const sink = exchange.respondStreaming(response.status, headers);
    // A failed write is the connection failing (the client went away): the body's stream is
    // cancelled with it, and there is no error of the worker's to report.
    const streams = internals.streams;
    Promise.resolve(streams.pipeToSink(response.body, sink)).catch((error) => {
      if (!streams.isSinkFailure(error)) exchange.log(formatted(error));
    });
  }

  /** Builds the per-request entry point for an evaluated module namespace. */
  function makeDispatcher(namespace, envJson, location) {
    const handler = namespace?.default;
    if (handler === null || (typeof handler !== "object" && typeof handler !== "function") || typeof handler.fetch !== "function") {
      throw new TypeError(`${location} has no fetch handler: write \`export default { async fetch(request, env, ctx) { ... } }\``);
    }
    const env = JSON.parse(envJson);
    void globalThis.Request; // loads the fetch API (a lazy extension) now rather than on the first request
    const { incomingRequest, newScope, withScope } = internals.fetch;
    return function dispatch(method, url, headerText, source, exchange) {
      try {
        // The fetches the handler starts, and request.signal, abort if the client goes away.
        const scope = newScope(exchange);
        const request = incomingRequest(method, url, headerText, source, scope);
        const result = withScope(scope, () => handler.fetch(request, env, new ExecutionContext(exchange)));
        if (result !== null && typeof result === "object" && typeof result.then === "function") {
          result.then((response) => send(response, exchange), (error) => fail(error, exchange));
        } else {
          send(result, exchange);
        }
      } catch (error) {
        fail(error, exchange);
      }
    };
  }

  internals.worker = { makeDispatcher };
})
