// setTimeout/setInterval/clearTimeout/clearInterval (HTML §8.6) and queueMicrotask.
(function (ops, internals) {
  "use strict";
  const callbacks = new Map();

  // One host→JS call per timer event: the host calls fire(id).
  ops.setHandler((id) => {
    const entry = callbacks.get(id);
    if (entry === undefined) return;
    if (!entry.repeat) callbacks.delete(id);
    entry.context.run(entry.callback, ...entry.args);
  });

  function start(callback, delay, args, repeat) {
    if (typeof callback !== "function") {
      // HTML allows a string to be compiled; scripts here get the modern behaviour instead.
      const code = String(callback);
      callback = () => (0, eval)(code);
    }
    // WebIDL `long timeout`: ToInt32 (wraps), and HTML clamps negatives to 0.
    const ms = Number(delay) | 0;
    const id = ops.start(ms > 0 ? ms : 0, repeat);
    // The callback runs in the async context of the setTimeout call (AsyncContext's HTML
    // integration), as a promise reaction does: a served request's scope follows it.
    callbacks.set(id, { callback, args, repeat, context: new internals.AsyncContext.Snapshot() });
    return id;
  }

  function clear(id) {
    if (typeof id !== "number" || !callbacks.has(id)) return;
    callbacks.delete(id);
    ops.clear(id);
  }

  internals.defineGlobal("setTimeout", function setTimeout(callback, delay = 0, ...args) {
    return start(callback, delay, args, false);
  });
  internals.defineGlobal("setInterval", function setInterval(callback, delay = 0, ...args) {
    return start(callback, delay, args, true);
  });
  internals.defineGlobal("clearTimeout", function clearTimeout(id) { clear(id); });
  internals.defineGlobal("clearInterval", function clearInterval(id) { clear(id); });
  internals.defineGlobal("queueMicrotask", function queueMicrotask(callback) {
    if (typeof callback !== "function") throw new TypeError("queueMicrotask: callback is not a function");
    Promise.resolve().then(() => callback());
  });
  internals.timers = { unref: (id) => ops.setReferenced(id, false), ref: (id) => ops.setReferenced(id, true) };
})
