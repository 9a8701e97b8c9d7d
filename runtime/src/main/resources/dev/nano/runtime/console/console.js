// console (WHATWG Console Standard, printed as Node prints): log/info/debug to stdout,
// warn/error/trace to stderr, format specifiers, table, assert, dir, timers, counters, groups.
(function (ops, internals) {
  "use strict";
  // Loaded on first use: printing plain strings never needs it.
  const inspect = (value, options) => internals.inspect(value, options);

  function formatNumberArg(n) {
    return Object.is(n, -0) ? "-0" : String(n);
  }

  function hasOwnToString(value) {
    // Objects print with inspect for %s unless they (or their class) define their own toString.
    for (let o = value; o !== null && o !== Object.prototype && o !== Error.prototype; o = Object.getPrototypeOf(o)) {
      if (Object.prototype.hasOwnProperty.call(o, "toString")) return !Array.isArray(value) && o !== Array.prototype;
    }
    return false;
  }

  // Console Standard §2.2.1 Formatter, with Node's conversions for each specifier.
  function formatSpecifier(spec, arg) {
    switch (spec) {
      case "s":
        if (typeof arg === "bigint") return `${arg}n`;
        if (typeof arg === "number") return formatNumberArg(arg);
        if (typeof arg === "symbol") return arg.toString();
        if (typeof arg === "object" && arg !== null && !hasOwnToString(arg)) return inspect(arg, { depth: 0 });
        return String(arg);
      case "d":
        if (typeof arg === "bigint") return `${arg}n`;
        if (typeof arg === "symbol" || (typeof arg === "object" && arg !== null)) return "NaN";
        return formatNumberArg(Number(arg));
      case "i":
        if (typeof arg === "bigint") return `${arg}n`;
        if (typeof arg === "symbol") return "NaN";
        return formatNumberArg(Number.parseInt(arg));
      case "f":
        if (typeof arg === "symbol") return "NaN";
        return formatNumberArg(Number.parseFloat(arg));
      case "j":
        try {
          return JSON.stringify(arg);
        } catch (e) {
          if (e instanceof TypeError && /circular/i.test(e.message)) return "[Circular]";
          throw e;
        }
      case "o":
        return inspect(arg, { showHidden: true, depth: 4 });
      case "O":
        return inspect(arg);
      case "c":
        return "";
    }
    return undefined;
  }

  function format(args) {
    let first = 0;
    let out = "";
    if (typeof args[0] === "string" && args.length > 1 && args[0].includes("%")) {
      const template = args[0];
      let next = 1;
      let last = 0;
      for (let i = 0; i < template.length - 1; i++) {
        if (template.charCodeAt(i) !== 37) continue; // '%'
        const spec = template[i + 1];
        if (spec === "%") {
          out += template.slice(last, i) + "%";
          last = i + 2;
          i++;
          continue;
        }
        if (next >= args.length || !"sdifjoOc".includes(spec)) continue;
        out += template.slice(last, i) + formatSpecifier(spec, args[next++]);
        last = i + 2;
        i++;
      }
      out += template.slice(last);
      first = next;
      if (first < args.length) out += " ";
    } else if (args.length > 0) {
      out = typeof args[0] === "string" ? args[0] : inspect(args[0]);
      first = 1;
      if (first < args.length) out += " ";
    }
    for (let i = first; i < args.length; i++) {
      const a = args[i];
      out += typeof a === "string" ? a : inspect(a);
      if (i < args.length - 1) out += " ";
    }
    return out;
  }

  let groupIndent = "";
  // Through the context's streams when the runtime has them, so a debugger's console sees the output.
  const streams = internals.contextStreams;
  const writeOut = streams ? streams.out : (text) => ops.out(text);
  const writeErr = streams ? streams.err : (text) => ops.err(text);

  function write(stream, text) {
    if (groupIndent !== "") text = groupIndent + text.replaceAll("\n", `\n${groupIndent}`);
    if (stream === "err") writeErr(text);
    else writeOut(text);
  }

  // ---- console.table (Node's box layout, values left-aligned as Node 20 prints them)

  function renderTable(head, rows) {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)) + 2);
    const line = (l, m, r) => l + widths.map((w) => "─".repeat(w)).join(m) + r;
    const row = (cells) => "│" + widths.map((w, i) => ` ${(cells[i] ?? "").padEnd(w - 1)}`).join("│") + "│";
    return [line("┌", "┬", "┐"), row(head), line("├", "┼", "┤"), ...rows.map(row), line("└", "┴", "┘")].join("\n");
  }

  function table(data, properties) {
    if (data === null || typeof data !== "object") return console.log(data);
    const cellOf = (v) => inspect(v, { depth: 1, breakLength: Infinity, maxArrayLength: 3 });
    const indexHeader = data instanceof Map ? "(iteration index)" : "(index)";
    const rowEntries = [];
    if (data instanceof Map) {
      let i = 0;
      for (const [k, v] of data) rowEntries.push([String(i++), v, cellOf(k)]);
    } else if (data instanceof Set) {
      let i = 0;
      for (const v of data) rowEntries.push([String(i++), v]);
    } else {
      for (const key of Object.keys(data)) rowEntries.push([key, data[key]]);
    }
    const columns = [];
    let hasValues = false;
    for (const [, value] of rowEntries) {
      if (value !== null && typeof value === "object") {
        for (const k of Object.keys(value)) if (!columns.includes(k)) columns.push(k);
      } else {
        hasValues = true;
      }
    }
    const shown = Array.isArray(properties) ? properties.map(String) : columns;
    const head = [indexHeader, ...(data instanceof Map ? ["Key"] : []), ...shown, ...(hasValues && !Array.isArray(properties) ? ["Values"] : [])];
    const rows = rowEntries.map(([index, value, key]) => {
      const cells = [index];
      if (data instanceof Map) cells.push(key);
      const isObject = value !== null && typeof value === "object";
      for (const k of shown) cells.push(isObject && Object.prototype.hasOwnProperty.call(value, k) ? cellOf(value[k]) : "");
      if (hasValues && !Array.isArray(properties)) cells.push(isObject ? "" : cellOf(value));
      return cells;
    });
    write("out", renderTable(head, rows));
  }

  // ---- timers and counters

  const timers = new Map();
  const counts = new Map();

  function formatDuration(ms) {
    if (ms >= 1000) return `${(ms / 1000).toFixed(3)}s`;
    return `${ms.toFixed(3)}ms`;
  }

  function label(value) {
    return value === undefined ? "default" : String(value);
  }

  const console = {
    log(...args) { write("out", format(args)); },
    info(...args) { write("out", format(args)); },
    debug(...args) { write("out", format(args)); },
    dirxml(...args) { write("out", format(args)); },
    warn(...args) { write("err", format(args)); },
    error(...args) { write("err", format(args)); },
    trace(...args) {
      const holder = {};
      Error.captureStackTrace?.(holder, console.trace);
      const stack = typeof holder.stack === "string" ? holder.stack : (new Error().stack ?? "");
      const frames = stack.split("\n").filter((l) => l.startsWith("    at ")).join("\n");
      const message = args.length > 0 ? `Trace: ${format(args)}` : "Trace";
      write("err", frames ? `${message}\n${frames}` : message);
    },
    assert(condition, ...args) {
      if (condition) return;
      if (typeof args[0] === "string") args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift("Assertion failed");
      write("err", format(args));
    },
    dir(value, options) {
      write("out", inspect(value, { customInspect: false, ...(options ?? {}) }));
    },
    table,
    time(name) {
      const key = label(name);
      if (timers.has(key)) {
        write("err", `Warning: Label '${key}' already exists for console.time()`);
        return;
      }
      timers.set(key, ops.now());
    },
    timeLog(name, ...data) {
      const key = label(name);
      if (!timers.has(key)) {
        write("err", `Warning: No such label '${key}' for console.timeLog()`);
        return;
      }
      const elapsed = formatDuration(ops.now() - timers.get(key));
      write("out", data.length > 0 ? `${key}: ${elapsed} ${format(data)}` : `${key}: ${elapsed}`);
    },
    timeEnd(name) {
      const key = label(name);
      if (!timers.has(key)) {
        write("err", `Warning: No such label '${key}' for console.timeEnd()`);
        return;
      }
      write("out", `${key}: ${formatDuration(ops.now() - timers.get(key))}`);
      timers.delete(key);
    },
    count(name) {
      const key = label(name);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      write("out", `${key}: ${n}`);
    },
    countReset(name) {
      const key = label(name);
      if (!counts.has(key)) {
        write("err", `Warning: Count for '${key}' does not exist`);
        return;
      }
      counts.set(key, 0);
    },
    group(...labels) {
      if (labels.length > 0) write("out", format(labels));
      groupIndent += "  ";
    },
    groupCollapsed(...labels) {
      console.group(...labels);
    },
    groupEnd() {
      groupIndent = groupIndent.slice(0, -2);
    },
  };
  Object.defineProperty(console, Symbol.toStringTag, { value: "console", configurable: true });

  internals.format = format;
  internals.defineGlobal("console", console);
})
