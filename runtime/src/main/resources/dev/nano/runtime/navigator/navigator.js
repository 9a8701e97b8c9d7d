// HTML §8.9.1 navigator, the parts a server runtime has: userAgent and hardwareConcurrency.
(function (ops, internals) {
  "use strict";
  const kCreate = Symbol("create");

  class Navigator {
    constructor(key = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
    }
    get userAgent() {
      // Nano.version is installed once every Web API has loaded.
      return `NANO/${globalThis.Nano?.version ?? "dev"}`;
    }
    get hardwareConcurrency() {
      return ops.hardwareConcurrency();
    }
    get language() {
      return "en-US";
    }
    get languages() {
      return ["en-US"];
    }
  }
  Object.defineProperty(Navigator.prototype, Symbol.toStringTag, { value: "Navigator", configurable: true });
  // Not userAgent: it reads the global Nano, which a script may have replaced.
  internals.markSideEffectFree(Navigator.prototype, "hardwareConcurrency", "language", "languages");

  internals.defineGlobal("Navigator", Navigator);
  internals.defineGlobal("navigator", new Navigator(kCreate));
})
