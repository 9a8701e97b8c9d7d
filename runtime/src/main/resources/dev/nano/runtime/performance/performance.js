// High Resolution Time §4-5: performance.now() and performance.timeOrigin.
(function (ops, internals) {
  "use strict";
  const timeOrigin = ops.timeOrigin();
  const now = () => ops.now();

  class Performance extends internals.event.EventTarget {
    constructor(key = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      super();
    }
    now() {
      return now();
    }
    get timeOrigin() {
      return timeOrigin;
    }
    toJSON() {
      return { timeOrigin };
    }
  }
  const kCreate = Symbol("create");
  Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: "Performance", configurable: true });
  internals.markSideEffectFree(Performance.prototype, "timeOrigin");

  internals.performanceNow = now;
  internals.defineGlobal("Performance", Performance);
  internals.defineGlobal("performance", new Performance(kCreate));
})
