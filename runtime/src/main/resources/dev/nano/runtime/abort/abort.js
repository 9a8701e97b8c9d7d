// DOM Standard §3.1-3.2: AbortController and AbortSignal (abort, timeout, any), plus
// internals.abort so that other APIs (fetch, streams) can follow a signal.
(function (ops, internals) {
  "use strict";
  const { DOMException, webidl } = internals;
  const { EventTarget, defineEventHandler, fireEvent, reportException } = internals.event;

  const kSignal = Symbol("signal state");
  const kCreate = Symbol("create");

  function signalState(signal) {
    const s = signal?.[kSignal];
    if (s === undefined) throw new TypeError("Illegal invocation");
    return s;
  }

  class AbortSignal extends EventTarget {
    constructor(key = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      super();
      this[kSignal] = {
        aborted: false,
        reason: undefined,
        algorithms: new Set(),
        dependent: false,
        sources: new Set(), // for a dependent signal: the signals it follows
        dependents: new Set(), // signals created by any() that follow this one
      };
    }

    static abort(reason = undefined) {
      const signal = createSignal();
      const s = signalState(signal);
      s.aborted = true;
      s.reason = reason !== undefined ? reason : abortError();
      return signal;
    }

    static timeout(milliseconds) {
      webidl.requiredArguments(arguments.length, 1, "AbortSignal.timeout");
      const ms = webidl.enforceRange(milliseconds, 0, Number.MAX_SAFE_INTEGER, "AbortSignal.timeout: milliseconds");
      const signal = createSignal();
      // The timer does not keep the event loop alive (as in other runtimes).
      const id = setTimeout(() => {
        signalAbort(signal, new DOMException("The operation was aborted due to timeout", "TimeoutError"));
      }, ms);
      internals.timers?.unref(id);
      return signal;
    }

    // §3.2 "create a dependent abort signal".
    static any(signals) {
      webidl.requiredArguments(arguments.length, 1, "AbortSignal.any");
      const list = Array.from(signals);
      for (const signal of list) signalState(signal);
      const result = createSignal();
      const r = signalState(result);
      const aborted = list.find((signal) => signalState(signal).aborted);
      if (aborted !== undefined) {
        r.aborted = true;
        r.reason = signalState(aborted).reason;
        return result;
      }
      r.dependent = true;
      for (const signal of list) {
        const s = signalState(signal);
        const sources = s.dependent ? s.sources : [signal];
        for (const source of sources) {
          r.sources.add(source);
          signalState(source).dependents.add(result);
        }
      }
      return result;
    }

    get aborted() {
      return signalState(this).aborted;
    }

    get reason() {
      return signalState(this).reason;
    }

    throwIfAborted() {
      const s = signalState(this);
      if (s.aborted) throw s.reason;
    }
  }
  defineEventHandler(AbortSignal.prototype, "abort");
  Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: "AbortSignal", configurable: true });
  internals.markSideEffectFree(AbortSignal.prototype, "aborted", "reason");
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
  // As Node shows it: AbortSignal { aborted: false }.
  Object.defineProperty(AbortSignal.prototype, inspectCustom, {
    value: function () {
      if (this === null || typeof this !== "object" || !(kSignal in this)) return this;
      return internals.inspect.named("AbortSignal", { aborted: this[kSignal].aborted });
    },
    writable: true,
    configurable: true,
  });

  function createSignal() {
    return new AbortSignal(kCreate);
  }

  function abortError() {
    return new DOMException("This operation was aborted", "AbortError");
  }

  // §3.2 "signal abort": the signal and every dependent not yet aborted get the reason, then
  // each runs its abort algorithms and fires "abort".
  function signalAbort(signal, reason) {
    const s = signalState(signal);
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason !== undefined ? reason : abortError();
    const toRun = [signal];
    for (const dependent of s.dependents) {
      const d = signalState(dependent);
      if (!d.aborted) {
        d.aborted = true;
        d.reason = s.reason;
        toRun.push(dependent);
      }
    }
    s.dependents.clear();
    for (const target of toRun) runAbortSteps(target);
  }

  function runAbortSteps(signal) {
    const s = signalState(signal);
    const algorithms = [...s.algorithms];
    s.algorithms.clear();
    for (const algorithm of algorithms) {
      try {
        algorithm(s.reason);
      } catch (error) {
        reportException(error);
      }
    }
    fireEvent(signal, "abort");
  }

  class AbortController {
    #signal = createSignal();

    get signal() {
      return this.#signal;
    }

    abort(reason = undefined) {
      signalAbort(this.#signal, reason);
    }

    [inspectCustom]() {
      if (!(#signal in this)) return this;
      return internals.inspect.named("AbortController", { signal: this.#signal });
    }
  }
  Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: "AbortController", configurable: true });
  internals.markSideEffectFree(AbortController.prototype, "signal");

  internals.abort = {
    isAbortSignal: (value) => value !== null && typeof value === "object" && kSignal in value,
    /**
     * Runs `algorithm(reason)` once when `signal` aborts (not if it already has). Returns a function
     * that stops following the signal (call it when the operation finishes first).
     */
    addAlgorithm(signal, algorithm) {
      const s = signalState(signal);
      if (s.aborted) return () => {};
      s.algorithms.add(algorithm);
      return () => s.algorithms.delete(algorithm);
    },
    signalAbort,
    createSignal,
  };
  internals.defineGlobal("AbortSignal", AbortSignal);
  internals.defineGlobal("AbortController", AbortController);
})
