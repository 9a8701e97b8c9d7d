// Serving a worker module: `export default { fetch(request, env, ctx), scheduled(controller, env, ctx) }`.
// The host calls one dispatcher per request (one host→JS call); the response goes back through the
// request's exchange. A scheduled run reports its outcome through its ScheduledCall.
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

  // The `ctx` argument (workerd's ExecutionContext). A fetch's ctx has its exchange; a scheduled
  // run's ctx has its run, which waits for the waitUntil promises before reporting the outcome.
  class ExecutionContext {
    #exchange;
    #run;
    #counter;
    constructor(counter, exchange, run) {
      this.#counter = counter;
      this.#exchange = exchange;
      this.#run = run;
    }
    /** Keeps work going after the response; a rejection is logged, never turned into a response. */
    waitUntil(promise) {
      const exchange = this.#exchange;
      const run = this.#run;
      const counter = this.#counter;
      const work = Promise.resolve(promise);
      counter.started();
      run?.started();
      work
        .then(undefined, (error) => (run ? run.failed(error) : exchange.log(formatted(error))))
        .then(() => {
          // The worker's count first: whoever awaits the scheduled outcome then sees it settled too.
          counter.settled();
          run?.settled();
        });
    }
    /** Workers falls back to the origin on exceptions; a dev server has no origin, so errors still give a 500. */
    passThroughOnException() {}
  }

  // One run of the scheduled handler: its outcome is reported once the handler's promise and every
  // waitUntil promise have settled (workerd awaits the handler's promise as one more waitUntil).
  class ScheduledRun {
    #call;
    #pending = 0;
    #error = null;
    #noRetry = false;
    #done = false;
    constructor(call) {
      this.#call = call;
    }
    started() {
      this.#pending++;
    }
    settled() {
      if (--this.#pending === 0 && !this.#done) {
        this.#done = true;
        this.#call.settle(this.#noRetry, this.#error);
      }
    }
    failed(error) {
      const text = formatted(error);
      this.#call.log(text);
      this.#error ??= text;
    }
    noRetry() {
      this.#noRetry = true;
    }
  }

  // The `controller` argument: scheduledTime and cron are read-only own properties, as in workerd.
  class ScheduledController {
    #run;
    constructor(run, scheduledTime, cron) {
      this.#run = run;
      Object.defineProperties(this, {
        scheduledTime: { value: scheduledTime, enumerable: true },
        cron: { value: cron, enumerable: true },
      });
    }
    /** Asks the platform not to retry this run if it fails; reported in the outcome. */
    noRetry() {
      this.#run.noRetry();
    }
  }

  function runScheduled(handler, env, counter, cron, scheduledTime, call) {
    const run = new ScheduledRun(call);
    // The handler counts as one piece of work, so that waitUntil promises settling before it
    // returns do not end the run early.
    run.started();
    try {
      const ctx = new ExecutionContext(counter, undefined, run);
      const result = handler.scheduled(new ScheduledController(run, scheduledTime, cron), env, ctx);
      Promise.resolve(result).then(
        () => run.settled(),
        (error) => {
          run.failed(error);
          run.settled();
        },
      );
    } catch (error) {
      run.failed(error);
      run.settled();
    }
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

  function hasMethod(handler, name) {
    return handler !== null && (typeof handler === "object" || typeof handler === "function") && typeof handler[name] === "function";
  }

  /**
   * Builds the entry points for an evaluated module namespace: `fetch` is called once per request,
   * `scheduled` once per scheduled run. `counter` (a WaitUntilCounter) counts unsettled waitUntil promises.
   * `bindingsJson` describes the Fetcher bindings ([{ name, headers }]); `bindingOps.origin(i)`
   * gives binding i's origin at each call.
   */
  function makeDispatcher(namespace, envJson, location, counter, bindingsJson = "[]", bindingOps = null) {
    const handler = namespace?.default;
    const hasFetch = hasMethod(handler, "fetch");
    const hasScheduled = hasMethod(handler, "scheduled");
    if (!hasFetch && !hasScheduled) {
      throw new TypeError(`${location} has no fetch handler: write \`export default { async fetch(request, env, ctx) { ... } }\``);
    }
    const env = JSON.parse(envJson);
    JSON.parse(bindingsJson).forEach(({ name, headers }, index) => {
      const fetcher = internals.fetcher.makeFetcher(() => bindingOps.origin(index), headers);
      // A binding wins over a var of the same name; defined, not assigned, so "__proto__" is a name too.
      Object.defineProperty(env, name, { value: fetcher, enumerable: true, writable: true, configurable: true });
    });
    // The host methods read once: calls through these skip a member lookup per waitUntil.
    const waitUntilCounter = Object.freeze({ started: counter.started, settled: counter.settled });

    let fetch;
    if (hasFetch) {
      void globalThis.Request; // loads the fetch API (a lazy extension) now rather than on the first request
      const { incomingRequest, newScope, withScope } = internals.fetch;
      fetch = function dispatch(method, url, headerText, source, exchange) {
        try {
          // The fetches the handler starts, and request.signal, abort if the client goes away.
          const scope = newScope(exchange);
          const request = incomingRequest(method, url, headerText, source, scope);
          const result = withScope(scope, () => handler.fetch(request, env, new ExecutionContext(waitUntilCounter, exchange)));
          if (result !== null && typeof result === "object" && typeof result.then === "function") {
            result.then((response) => send(response, exchange), (error) => fail(error, exchange));
          } else {
            send(result, exchange);
          }
        } catch (error) {
          fail(error, exchange);
        }
      };
    } else {
      // A scheduled-only worker still loads; its requests get a 500 that says why.
      const message = `TypeError: ${location} has no fetch handler: write \`export default { async fetch(request, env, ctx) { ... } }\``;
      fetch = function dispatch(method, url, headerText, source, exchange) {
        exchange.fail(message);
      };
    }

    let scheduled;
    if (hasScheduled) {
      scheduled = (cron, scheduledTime, call) => runScheduled(handler, env, waitUntilCounter, cron, scheduledTime, call);
    } else {
      const message = `TypeError: ${location} has no scheduled handler: write \`export default { async scheduled(controller, env, ctx) { ... } }\``;
      scheduled = (cron, scheduledTime, call) => {
        call.log(message);
        call.settle(false, message);
      };
    }
    // In-process calls (a REPL's dispatch(), an embedder's test): the handler gets a Request built
    // here and its Response comes back as it returned it, as with a service binding.
    const call = (origin) => async function dispatch(input, init) {
      if (!hasFetch) throw new TypeError(`${location} has no fetch handler`);
      const request = new Request(input instanceof Request ? input : new URL(String(input), origin), init);
      const log = { log: (text) => console.error(text) };
      return await handler.fetch(request, env, new ExecutionContext(waitUntilCounter, log));
    };
    return { fetch, scheduled, env, call };
  }

  internals.worker = { makeDispatcher };
})
