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

  internals.defineGlobal("Navigator", Navigator);
  internals.defineGlobal("navigator", new Navigator(kCreate));
})
