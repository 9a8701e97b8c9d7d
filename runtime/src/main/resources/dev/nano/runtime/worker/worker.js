// Serving a worker module: `export default { fetch(request, env, ctx) }`. The host calls one
// dispatcher per request (one host→JS call); the response goes back through the request's exchange.
(function (ops, internals) {
  "use strict";

  /** `name\nvalue\n...` (as the host sends them) → [[name, value], ...] for the Headers constructor. */
  function parseHeaderLines(text) {
    const pairs = [];
    let i = 0;
    while (i < text.length) {
      const nameEnd = text.indexOf("\n", i);
      const valueEnd = text.indexOf("\n", nameEnd + 1);
      pairs.push([text.slice(i, nameEnd), text.slice(nameEnd + 1, valueEnd)]);
      i = valueEnd + 1;
    }
    return pairs;
  }

  function headerLines(headers) {
    let text = "";
    for (const [name, value] of headers) text += name + "\n" + value + "\n";
    return text;
  }

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
    if (!(response instanceof globalThis.Response)) {
      fail(new TypeError(`the fetch handler returned ${describe(response)} instead of a Response`), exchange);
      return;
    }
    const headers = headerLines(response.headers);
    const buffered = internals.fetch?.bodyBytesIfBuffered?.(response);
    if (buffered != null) {
      exchange.respond(response.status, headers, buffered);
      return;
    }
    const body = response.body;
    if (body === null) {
      exchange.respond(response.status, headers, null);
      return;
    }
    const sink = exchange.respondStreaming(response.status, headers);
    Promise.resolve(internals.streams.pipeToSink(body, sink)).catch((error) => exchange.log(formatted(error)));
  }

  /** Builds the per-request entry point for an evaluated module namespace. */
  function makeDispatcher(namespace, envJson, location) {
    const handler = namespace?.default;
    if (handler === null || (typeof handler !== "object" && typeof handler !== "function") || typeof handler.fetch !== "function") {
      throw new TypeError(`${location} has no fetch handler: write \`export default { async fetch(request, env, ctx) { ... } }\``);
    }
    const env = JSON.parse(envJson);
    return function dispatch(method, url, headerText, source, exchange) {
      try {
        const init = { method, headers: parseHeaderLines(headerText) };
        if (source !== null) {
          init.body = internals.streams.readableFromSource(source);
          init.duplex = "half";
        }
        const result = handler.fetch(new globalThis.Request(url, init), env, new ExecutionContext(exchange));
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
