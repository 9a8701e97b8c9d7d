// Test extension: exposes its ops so a test can call ops that throw.
(function (ops, internals) {
  "use strict";
  internals.defineGlobal("Failing", ops);
})
