// console: Node-like formatting of values, printed through the host's out/err streams.
(function (ops, internals) {
  "use strict";

  function inspect(value, depth = 2, seen = new Set()) {
    switch (typeof value) {
      case "string": return seen.size === 0 ? value : JSON.stringify(value);
      case "number": return Object.is(value, -0) ? "-0" : String(value);
      case "bigint": return `${value}n`;
      case "undefined": return "undefined";
      case "boolean": return String(value);
      case "symbol": return value.toString();
      case "function": return `[Function: ${value.name || "(anonymous)"}]`;
    }
    if (value === null) return "null";
    if (seen.has(value)) return "[Circular *1]";
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (depth < 0) return Array.isArray(value) ? "[Array]" : "[Object]";
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        return `[ ${value.map((v) => inspect(v, depth - 1, seen)).join(", ")} ]`;
      }
      const entries = Object.keys(value).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(value[k], depth - 1, seen)}`);
      const tag = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
      return entries.length ? `${tag}{ ${entries.join(", ")} }` : `${tag}{}`;
    } finally {
      seen.delete(value);
    }
  }

  function format(args) {
    return args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
  }

  const console = {
    log: (...args) => ops.out(format(args)),
    info: (...args) => ops.out(format(args)),
    debug: (...args) => ops.out(format(args)),
    warn: (...args) => ops.err(format(args)),
    error: (...args) => ops.err(format(args)),
  };
  internals.inspect = (v) => inspect(v);
  internals.defineGlobal("console", console);
})
