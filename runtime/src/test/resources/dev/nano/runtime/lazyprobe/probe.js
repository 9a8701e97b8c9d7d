// Test extension: counts how often it is loaded.
(function (ops, internals) {
  "use strict";
  ops.loaded();
  internals.defineGlobal("Probe", { answer: 42 });
})
