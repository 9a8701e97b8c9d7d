// DOM Standard §2 Events: Event, CustomEvent, EventTarget. There is no tree here, so an event is
// dispatched at its target only: capture listeners first, then the others (§2.9 "dispatch").
(function (ops, internals) {
  "use strict";
  const { DOMException, webidl } = internals;

  const kEvent = Symbol("event state");
  const kListeners = Symbol("listeners");
  const NONE = 0, CAPTURING_PHASE = 1, AT_TARGET = 2, BUBBLING_PHASE = 3;

  function eventState(event) {
    const s = event?.[kEvent];
    if (s === undefined) throw new TypeError("Illegal invocation");
    return s;
  }

  class Event {
    constructor(type, eventInitDict = undefined) {
      webidl.requiredArguments(arguments.length, 1, "Event constructor");
      const init = eventInitDict ?? {};
      this[kEvent] = {
        type: String(type),
        bubbles: Boolean(init.bubbles),
        cancelable: Boolean(init.cancelable),
        composed: Boolean(init.composed),
        target: null,
        currentTarget: null,
        phase: NONE,
        stopPropagation: false,
        stopImmediate: false,
        canceled: false,
        inPassiveListener: false,
        dispatching: false,
        initialized: true,
        trusted: false,
        timeStamp: internals.performanceNow?.() ?? Date.now(),
      };
      // isTrusted is an own [LegacyUnforgeable] attribute.
      Object.defineProperty(this, "isTrusted", { get: isTrusted, enumerable: true, configurable: false });
    }

    get type() { return eventState(this).type; }
    get target() { return eventState(this).target; }
    get srcElement() { return eventState(this).target; }
    get currentTarget() { return eventState(this).currentTarget; }
    composedPath() {
      const s = eventState(this);
      return s.currentTarget === null ? [] : [s.currentTarget];
    }
    get eventPhase() { return eventState(this).phase; }
    stopPropagation() { eventState(this).stopPropagation = true; }
    get cancelBubble() { return eventState(this).stopPropagation; }
    set cancelBubble(value) { if (value) eventState(this).stopPropagation = true; }
    stopImmediatePropagation() {
      const s = eventState(this);
      s.stopPropagation = true;
      s.stopImmediate = true;
    }
    get bubbles() { return eventState(this).bubbles; }
    get cancelable() { return eventState(this).cancelable; }
    get returnValue() { return !eventState(this).canceled; }
    set returnValue(value) { if (!value) cancel(eventState(this)); }
    preventDefault() { cancel(eventState(this)); }
    get defaultPrevented() { return eventState(this).canceled; }
    get composed() { return eventState(this).composed; }
    get timeStamp() { return eventState(this).timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
      webidl.requiredArguments(arguments.length, 1, "Event.initEvent");
      const s = eventState(this);
      if (s.dispatching) return;
      Object.assign(s, { type: String(type), bubbles: Boolean(bubbles), cancelable: Boolean(cancelable), initialized: true,
        stopPropagation: false, stopImmediate: false, canceled: false, target: null });
    }
  }

  function isTrusted() {
    return eventState(this).trusted;
  }

  // §2.2 "set the canceled flag": ignored for non-cancelable events and inside passive listeners.
  function cancel(s) {
    if (s.cancelable && !s.inPassiveListener) s.canceled = true;
  }

  for (const [name, value] of Object.entries({ NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE })) {
    Object.defineProperty(Event, name, { value, enumerable: true });
    Object.defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: "Event", configurable: true });

  /** A CustomEvent's { detail }, read without its (overridable) getter; {} for other events. */
  let detailOf;
  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      webidl.requiredArguments(arguments.length, 1, "CustomEvent constructor");
      super(type, eventInitDict);
      this.#detail = eventInitDict?.detail ?? null;
    }
    get detail() { return this.#detail; }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      this.initEvent(type, bubbles, cancelable);
      if (!eventState(this).dispatching) this.#detail = detail;
    }
    static {
      detailOf = (event) => (#detail in event ? { detail: event.#detail } : {});
    }
  }
  Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: "CustomEvent", configurable: true });
  internals.markSideEffectFree(Event.prototype, "type", "target", "srcElement", "currentTarget", "eventPhase",
    "cancelBubble", "bubbles", "cancelable", "returnValue", "defaultPrevented", "composed", "timeStamp");
  internals.markSideEffectFree(CustomEvent.prototype, "detail");
  // Each event's own isTrusted accessor shares this getter.
  internals.markSideEffectFree(Object.defineProperty({}, "isTrusted", { get: isTrusted }), "isTrusted");
  // Node's fields, under the event's own class name (MessageEvent, a subclass); a CustomEvent adds its detail.
  Object.defineProperty(Event.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function () {
      const s = this?.[kEvent];
      if (s === undefined) return this;
      const fields = { type: s.type, defaultPrevented: s.canceled, cancelable: s.cancelable, timeStamp: s.timeStamp, ...detailOf(this) };
      return internals.inspect.named(internals.inspect.nameOf(this, "Event"), fields);
    },
    writable: true,
    configurable: true,
  });

  // §2.7 "flatten more": an options object or a boolean meaning capture.
  function flattenOptions(options) {
    if (typeof options === "boolean") return { capture: options, once: false, passive: undefined, signal: undefined };
    if (options === null || typeof options !== "object") return { capture: false, once: false, passive: undefined, signal: undefined };
    const signal = options.signal;
    if (signal !== undefined && !internals.abort?.isAbortSignal(signal)) {
      throw new TypeError("addEventListener: 'signal' is not an AbortSignal");
    }
    return { capture: Boolean(options.capture), once: Boolean(options.once), passive: options.passive === undefined ? undefined : Boolean(options.passive), signal };
  }

  function listenersOf(target) {
    if (target === null || target === undefined) throw new TypeError("Illegal invocation");
    // globalThis and plain objects with EventTarget.prototype mixed in get their map on first use.
    if (!Object.prototype.hasOwnProperty.call(target, kListeners)) {
      Object.defineProperty(target, kListeners, { value: new Map() });
    }
    return target[kListeners];
  }

  function removeListener(target, type, listener) {
    const list = listenersOf(target).get(type);
    if (list === undefined) return;
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
    listener.removed = true;
  }

  class EventTarget {
    constructor() {
      Object.defineProperty(this, kListeners, { value: new Map() });
    }

    addEventListener(type, callback, options = undefined) {
      webidl.requiredArguments(arguments.length, 2, "EventTarget.addEventListener");
      const { capture, once, passive, signal } = flattenOptions(options);
      type = String(type);
      if (callback === null || callback === undefined) return;
      if (typeof callback !== "function" && typeof callback !== "object") {
        throw new TypeError("addEventListener: the callback must be a function or an object");
      }
      if (signal !== undefined && signal.aborted) return;
      const map = listenersOf(this);
      let list = map.get(type);
      if (list === undefined) map.set(type, (list = []));
      if (list.some((l) => l.callback === callback && l.capture === capture)) return;
      const listener = { type, callback, capture, once, passive: passive ?? false, removed: false };
      list.push(listener);
      if (signal !== undefined) {
        internals.abort.addAlgorithm(signal, () => removeListener(this, type, listener));
      }
    }

    removeEventListener(type, callback, options = undefined) {
      webidl.requiredArguments(arguments.length, 2, "EventTarget.removeEventListener");
      const capture = typeof options === "boolean" ? options : Boolean(options?.capture);
      const list = listenersOf(this).get(String(type));
      const listener = list?.find((l) => l.callback === callback && l.capture === capture);
      if (listener !== undefined) removeListener(this, String(type), listener);
    }

    dispatchEvent(event) {
      webidl.requiredArguments(arguments.length, 1, "EventTarget.dispatchEvent");
      const s = eventState(event);
      if (s.dispatching || !s.initialized) {
        throw new DOMException("The event is already being dispatched or was not initialized.", "InvalidStateError");
      }
      return dispatch(this, event);
    }
  }
  Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: "EventTarget", configurable: true });

  // §2.9 dispatch, reduced to a path of one target.
  function dispatch(target, event) {
    const s = eventState(event);
    s.dispatching = true;
    s.target = target;
    s.currentTarget = target;
    s.phase = AT_TARGET;
    const list = listenersOf(target).get(s.type);
    if (list !== undefined) {
      const snapshot = list.slice();
      invoke(target, event, s, snapshot, true);
      invoke(target, event, s, snapshot, false);
    }
    s.phase = NONE;
    s.currentTarget = null;
    s.dispatching = false;
    s.stopPropagation = false;
    s.stopImmediate = false;
    return !s.canceled;
  }

  // §2.10 "inner invoke".
  function invoke(target, event, s, listeners, capturePass) {
    for (const listener of listeners) {
      if (listener.removed || listener.capture !== capturePass) continue;
      if (listener.once) removeListener(target, s.type, listener);
      s.inPassiveListener = listener.passive;
      try {
        const callback = listener.callback;
        if (typeof callback === "function") {
          callback.call(target, event);
        } else {
          const handleEvent = callback.handleEvent;
          if (typeof handleEvent !== "function") throw new TypeError("The listener object has no handleEvent method");
          handleEvent.call(callback, event);
        }
      } catch (error) {
        reportException(error);
      }
      s.inPassiveListener = false;
      if (s.stopImmediate) return;
    }
  }

  // HTML "report an exception": listener errors do not reach dispatchEvent's caller; they are
  // reported as uncaught, on their own turn of the loop.
  function reportException(error) {
    setTimeout(() => {
      throw error;
    }, 0);
  }

  /** Defines an `on<type>` event handler attribute (HTML §8.1.8) on a prototype. */
  function defineEventHandler(prototype, type) {
    const handlers = new WeakMap();
    Object.defineProperty(prototype, `on${type}`, {
      configurable: true,
      enumerable: true,
      get() {
        return handlers.get(this)?.handler ?? null;
      },
      set(value) {
        let entry = handlers.get(this);
        if (entry === undefined) {
          entry = { handler: null };
          handlers.set(this, entry);
          const owner = this;
          this.addEventListener(type, function (event) {
            const handler = entry.handler;
            if (typeof handler === "function") {
              const result = handler.call(owner, event);
              if (result === false) event.preventDefault();
            }
          });
        }
        entry.handler = typeof value === "function" || (value !== null && typeof value === "object") ? value : null;
      },
    });
  }

  /** Fires a trusted event (one the platform dispatches, isTrusted === true). */
  function fireEvent(target, type, EventClass = Event, init = undefined) {
    const event = new EventClass(type, init);
    eventState(event).trusted = true;
    return dispatch(target, event);
  }

  internals.event = { Event, EventTarget, defineEventHandler, fireEvent, reportException };
  internals.defineGlobal("Event", Event);
  internals.defineGlobal("CustomEvent", CustomEvent);
  internals.defineGlobal("EventTarget", EventTarget);
  // The global object is an EventTarget too (as in Deno and browsers): addEventListener("x", ...).
  for (const name of ["addEventListener", "removeEventListener", "dispatchEvent"]) {
    const method = EventTarget.prototype[name];
    internals.defineGlobal(name, function (...args) {
      return method.apply(this ?? globalThis, args);
    });
  }
})
