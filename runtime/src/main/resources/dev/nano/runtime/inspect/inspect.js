// internals.inspect(value, options?): renders any value as Node's util.inspect does (approximately):
// depth-limited nesting, quoted strings inside structures, collections, typed arrays, errors with
// their stack and cause, circular references, and lines broken at about 80 columns.
(function (ops, internals) {
  "use strict";

  const defaults = { depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000, showHidden: false, sorted: false, getters: false };

  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const errorToString = Error.prototype.toString;
  const identifier = /^[A-Za-z_$][\w$]*$/;

  function inspect(value, options) {
    const ctx = { ...defaults, ...(options !== null && typeof options === "object" ? options : {}) };
    if (ctx.depth === null) ctx.depth = Infinity;
    ctx.seen = [];
    ctx.circular = new Map();
    ctx.indentation = 0;
    return formatValue(ctx, value, 0, true).text;
  }

  // ---- primitives

  function quote(s) {
    let q = "'";
    if (s.includes("'")) {
      if (!s.includes('"')) q = '"';
      else if (!s.includes("`") && !s.includes("${")) q = "`";
    }
    const escaped = s.replace(/[\\\x00-\x1f\x7f]/g, (c) => escapeChar(c)).replaceAll(q, `\\${q}`);
    return q + escaped + q;
  }

  function escapeChar(c) {
    switch (c) {
      case "\\": return "\\\\";
      case "\n": return "\\n";
      case "\t": return "\\t";
      case "\r": return "\\r";
      case "\b": return "\\b";
      case "\f": return "\\f";
      case "\v": return "\\v";
      default: return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`;
    }
  }

  function formatString(ctx, s, nested) {
    if (!nested) return s;
    let trailer = "";
    if (s.length > ctx.maxStringLength) {
      const rest = s.length - ctx.maxStringLength;
      s = s.slice(0, ctx.maxStringLength);
      trailer = `... ${rest} more character${rest > 1 ? "s" : ""}`;
    }
    // Long multi-line strings inside structures are split on their line breaks, as Node does.
    if (s.length > 16 && s.includes("\n") && s.length > ctx.breakLength - ctx.indentation - 4) {
      const lines = s.split(/(?<=\n)/);
      return lines.map(quote).join(` +\n${" ".repeat(ctx.indentation + 2)}`) + trailer;
    }
    return quote(s) + trailer;
  }

  function formatNumber(n) {
    return Object.is(n, -0) ? "-0" : String(n);
  }

  function formatPrimitive(ctx, value, nested) {
    switch (typeof value) {
      case "string": return formatString(ctx, value, nested);
      case "number": return formatNumber(value);
      case "bigint": return `${value}n`;
      case "boolean": return String(value);
      case "undefined": return "undefined";
      case "symbol": return value.toString();
    }
    return "null";
  }

  function formatKey(key) {
    if (typeof key === "symbol") return `[${key.toString()}]`;
    return identifier.test(key) ? key : quote(key);
  }

  // ---- what an object is

  function constructorName(obj) {
    let proto = obj;
    while (proto !== null) {
      const desc = Object.getOwnPropertyDescriptor(proto, "constructor");
      if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "") {
        return desc.value.name;
      }
      proto = Object.getPrototypeOf(proto);
    }
    return null;
  }

  function prefixFor(obj, fallback, size) {
    const name = constructorName(obj);
    const tag = obj[Symbol.toStringTag];
    let prefix = name === null ? `[${fallback}: null prototype]` : name;
    if (size !== undefined) prefix += `(${size})`;
    if (typeof tag === "string" && tag !== "" && tag !== name) prefix += ` [${tag}]`;
    return prefix;
  }

  function functionBase(fn) {
    let source = "";
    try {
      source = Function.prototype.toString.call(fn);
    } catch {
      // revoked proxies and host functions have no source text
    }
    if (source.startsWith("class") && /^class\b/.test(source)) {
      const proto = Object.getPrototypeOf(fn);
      const ext = proto !== Function.prototype && proto !== null && proto.name ? ` extends ${proto.name}` : "";
      return `[class ${fn.name || "(anonymous)"}${ext}]`;
    }
    let kind = "Function";
    const tag = fn[Symbol.toStringTag];
    if (tag === "AsyncFunction" || tag === "GeneratorFunction" || tag === "AsyncGeneratorFunction") kind = tag;
    return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
  }

  function isError(value) {
    return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
  }

  // ---- the recursive formatter: returns { text, depth } where depth is how deep nesting goes below

  function formatValue(ctx, value, level, nested) {
    if ((typeof value !== "object" || value === null) && typeof value !== "function") {
      return { text: formatPrimitive(ctx, value, nested), depth: 0 };
    }
    if (ctx.customInspect !== false) {
      const custom = value[Symbol.for("nodejs.util.inspect.custom")];
      if (typeof custom === "function" && custom !== inspect) {
        const result = custom.call(value, ctx.depth - level, { ...ctx }, inspect);
        if (result !== value) {
          return typeof result === "string" ? { text: result, depth: 0 } : formatValue(ctx, result, level, nested);
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return { text: `[Circular *${index}]`, depth: 0 };
    }
    return formatObject(ctx, value, level);
  }

  function formatObject(ctx, value, level) {
    let keys = ownKeys(ctx, value);
    let base = "";
    let braces = ["{", "}"];
    let entries = [];
    let arrayLike = false;
    let formatEntries = null;
    let noEntries = false;

    if (Array.isArray(value)) {
      const prefix = Object.getPrototypeOf(value) === Array.prototype ? "" : `${prefixFor(value, "Array", value.length)} `;
      keys = keys.filter((k) => !isIndex(k));
      braces = [`${prefix}[`, "]"];
      arrayLike = true;
      formatEntries = () => formatArray(ctx, value, level);
    } else if (value instanceof Map) {
      braces = [`${prefixFor(value, "Map", value.size)} {`, "}"];
      formatEntries = () => formatMap(ctx, value, level);
    } else if (value instanceof Set) {
      braces = [`${prefixFor(value, "Set", value.size)} {`, "}"];
      formatEntries = () => formatSet(ctx, value, level);
    } else if (ArrayBuffer.isView(value) && value instanceof TypedArray) {
      const tag = typedArrayTag.call(value);
      keys = keys.filter((k) => !isIndex(k));
      braces = [`${tag}(${value.length}) [`, "]"];
      arrayLike = true;
      formatEntries = () => formatTypedArray(ctx, value);
    } else if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer)) {
      braces = [`${prefixFor(value, "ArrayBuffer")} {`, "}"];
      formatEntries = () => {
        const bytes = new Uint8Array(value, 0, Math.min(value.byteLength, 50));
        let hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
        if (value.byteLength > 50) hex += ` ... ${value.byteLength - 50} more byte${value.byteLength - 50 > 1 ? "s" : ""}`;
        return [`[Uint8Contents]: <${hex}>`, `byteLength: ${value.byteLength}`];
      };
    } else if (value instanceof DataView) {
      braces = [`${prefixFor(value, "DataView")} {`, "}"];
      formatEntries = () => [
        `byteLength: ${value.byteLength}`,
        `byteOffset: ${value.byteOffset}`,
        `buffer: ${formatValue(ctx, value.buffer, level + 1, true).text}`,
      ];
    } else if (typeof value === "function") {
      base = functionBase(value);
      keys = keys.filter((k) => k !== "prototype" || ctx.showHidden);
      if (keys.length === 0) return { text: base, depth: 0 };
    } else if (value instanceof RegExp) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return { text: base, depth: 0 };
    } else if (value instanceof Date) {
      base = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
      if (keys.length === 0) return { text: base, depth: 0 };
    } else if (isError(value)) {
      return formatError(ctx, value, keys, level);
    } else if (value instanceof Promise) {
      braces = [`${prefixFor(value, "Promise")} {`, "}"];
      // Promise state is not observable from script in GraalJS.
      formatEntries = () => ["<pending>"];
    } else if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) {
      return { text: `${prefixFor(value, "Object")} { <items unknown> }`, depth: 0 };
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean ||
               value instanceof Symbol || value instanceof BigInt) {
      const primitive = value.valueOf();
      const kind = typeof primitive === "bigint" ? "BigInt" : (typeof primitive)[0].toUpperCase() + (typeof primitive).slice(1);
      base = `[${kind}: ${formatPrimitive(ctx, primitive, true)}]`;
      if (typeof primitive === "string") keys = keys.filter((k) => !isIndex(k) && k !== "length");
      if (keys.length === 0) return { text: base, depth: 0 };
    } else if (isIterator(value)) {
      braces = [`${Object.prototype.toString.call(value).slice(8, -1)} {`, "}"];
      noEntries = true;
    } else {
      const name = constructorName(value);
      const tag = value[Symbol.toStringTag];
      if (name === null) {
        braces = [`[Object: null prototype] {`, "}"];
      } else if (name !== "Object") {
        braces = [`${name}${typeof tag === "string" && tag !== "" && tag !== name ? ` [${tag}]` : ""} {`, "}"];
      } else if (typeof tag === "string" && tag !== "") {
        braces = [`Object [${tag}] {`, "}"];
      }
    }

    if (level > ctx.depth) {
      const name = arrayLike ? "Array" : (constructorName(value) ?? "Object");
      return { text: `[${Array.isArray(value) ? "Array" : name}]`, depth: 0 };
    }

    ctx.seen.push(value);
    let deepest = 0;
    try {
      if (formatEntries !== null) entries = formatEntries();
      ctx.indentation += 2;
      for (const key of keys) {
        const { text, depth } = formatProperty(ctx, value, key, level, arrayLike);
        entries.push(text);
        deepest = Math.max(deepest, depth);
      }
      ctx.indentation -= 2;
      deepest = Math.max(deepest, entries.deepest ?? 0);
    } finally {
      ctx.seen.pop();
    }

    let refPrefix = "";
    const ref = ctx.circular.get(value);
    if (ref !== undefined) refPrefix = `<ref *${ref}> `;

    if (base !== "") {
      if (entries.length === 0) return { text: refPrefix + base, depth: 0 };
      braces[0] = `${base} {`;
    }
    if (entries.length === 0 && !noEntries) {
      if (arrayLike) return { text: `${refPrefix}${braces[0]}]`, depth: 0 };
      return { text: `${refPrefix}${braces[0]}}`, depth: 0 };
    }
    if (noEntries && entries.length === 0) return { text: `${refPrefix}${braces[0]}}`, depth: 0 };
    let nesting = deepest + 1;
    if (arrayLike && entries.length > 6) {
      const grouped = groupColumns(ctx, entries, value);
      // Entries grouped in columns always go on their own lines.
      if (grouped.length !== entries.length) nesting = Infinity;
      entries = grouped;
    }
    const text = refPrefix + joinEntries(ctx, entries, braces, nesting);
    return { text, depth: deepest + 1 };
  }

  function isIndex(key) {
    return typeof key === "string" && /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
  }

  function isIterator(value) {
    const tag = Object.prototype.toString.call(value);
    return tag === "[object Map Iterator]" || tag === "[object Set Iterator]" || tag === "[object Array Iterator]";
  }

  function ownKeys(ctx, value) {
    const names = ctx.showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    const symbols = Object.getOwnPropertySymbols(value).filter((s) => ctx.showHidden || Object.prototype.propertyIsEnumerable.call(value, s));
    const keys = names.concat(symbols);
    if (ctx.sorted) keys.sort();
    return keys;
  }

  function formatProperty(ctx, obj, key, level, arrayLike) {
    const desc = Object.getOwnPropertyDescriptor(obj, key) ?? { value: obj[key], enumerable: true };
    let name = formatKey(key);
    if (desc.enumerable === false) name = `[${name}]`;
    if ("value" in desc) {
      const { text, depth } = formatValue(ctx, desc.value, level + 1, true);
      return { text: `${name}: ${text}`, depth };
    }
    if (desc.get !== undefined) {
      if (ctx.getters) {
        try {
          const v = desc.get.call(obj);
          const { text, depth } = formatValue(ctx, v, level + 1, true);
          return { text: `${name}: [Getter${desc.set ? "/Setter" : ""}: ${text}]`, depth };
        } catch (e) {
          return { text: `${name}: [Getter: <Inspection threw (${e?.message})>]`, depth: 0 };
        }
      }
      return { text: `${name}: ${desc.set !== undefined ? "[Getter/Setter]" : "[Getter]"}`, depth: 0 };
    }
    return { text: `${name}: ${desc.set !== undefined ? "[Setter]" : "undefined"}`, depth: 0 };
  }

  function collect(ctx, level, produce) {
    const out = [];
    let deepest = 0;
    ctx.indentation += 2;
    try {
      produce((text, depth) => {
        out.push(text);
        deepest = Math.max(deepest, depth);
      });
    } finally {
      ctx.indentation -= 2;
    }
    out.deepest = deepest;
    return out;
  }

  function formatArray(ctx, array, level) {
    return collect(ctx, level, (push) => {
      const limit = Math.min(array.length, ctx.maxArrayLength);
      let holes = 0;
      let shown = 0;
      const flushHoles = () => {
        if (holes > 0) {
          push(`<${holes} empty item${holes > 1 ? "s" : ""}>`, 0);
          shown++;
          holes = 0;
        }
      };
      for (let i = 0; i < array.length && shown < limit; i++) {
        if (!Object.prototype.hasOwnProperty.call(array, i)) {
          holes++;
          continue;
        }
        flushHoles();
        if (shown >= limit) break;
        const { text, depth } = formatValue(ctx, array[i], level + 1, true);
        push(text, depth);
        shown++;
      }
      flushHoles();
      const remaining = array.length - limit;
      if (remaining > 0 && shown >= limit) push(`... ${remaining} more item${remaining > 1 ? "s" : ""}`, 0);
    });
  }

  function formatTypedArray(ctx, array) {
    const limit = Math.min(array.length, ctx.maxArrayLength);
    const out = [];
    for (let i = 0; i < limit; i++) out.push(formatPrimitive(ctx, array[i], true));
    if (array.length > limit) out.push(`... ${array.length - limit} more item${array.length - limit > 1 ? "s" : ""}`);
    return out;
  }

  function formatMap(ctx, map, level) {
    return collect(ctx, level, (push) => {
      for (const [k, v] of map) {
        const key = formatValue(ctx, k, level + 1, true);
        const val = formatValue(ctx, v, level + 1, true);
        push(`${key.text} => ${val.text}`, Math.max(key.depth, val.depth));
      }
    });
  }

  function formatSet(ctx, set, level) {
    return collect(ctx, level, (push) => {
      for (const v of set) {
        const { text, depth } = formatValue(ctx, v, level + 1, true);
        push(text, depth);
      }
    });
  }

  function formatError(ctx, error, keys, level) {
    let stack;
    try {
      stack = typeof error.stack === "string" && error.stack !== "" ? error.stack : errorToString.call(error);
    } catch {
      stack = "[Error]";
    }
    // Stacks from GraalJS start with "Name: message"; make sure the name and message are there.
    const head = safeHead(error);
    if (head !== null && !stack.startsWith(head) && !stack.includes(`${head}\n`)) {
      const firstFrame = stack.indexOf("\n    at ");
      stack = firstFrame >= 0 ? head + stack.slice(firstFrame) : head;
    }
    // Symbol-keyed state (DOMException keeps its name and message that way) is not shown.
    keys = keys.filter((k) => typeof k === "string" && k !== "stack" && k !== "message");
    const hasCause = Object.prototype.hasOwnProperty.call(error, "cause") && !keys.includes("cause");
    if (ctx.indentation > 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentation)}`);
    if (level > ctx.depth && (keys.length > 0 || hasCause)) return { text: `[${stack.split("\n")[0]}]`, depth: 0 };
    if (keys.length === 0 && !hasCause) return { text: stack, depth: 0 };
    ctx.seen.push(error);
    const entries = [];
    try {
      ctx.indentation += 2;
      if (hasCause) entries.push(`[cause]: ${formatValue(ctx, error.cause, level + 1, true).text}`);
      for (const key of keys) entries.push(formatProperty(ctx, error, key, level, false).text);
      ctx.indentation -= 2;
    } finally {
      ctx.seen.pop();
    }
    return { text: joinEntries(ctx, entries, [`${stack} {`, "}"], Infinity), depth: 1 };
  }

  function safeHead(error) {
    try {
      const name = error.name;
      const message = error.message;
      if (typeof name !== "string") return null;
      return message === undefined || message === "" ? name : `${name}: ${message}`;
    } catch {
      return null;
    }
  }

  // ---- layout: one line when it fits and nesting is shallow, otherwise one entry per line

  function joinEntries(ctx, entries, braces, nesting) {
    const open = braces[0];
    if (nesting <= ctx.compact && !open.includes("\n")) {
      let total = 2 * entries.length + ctx.indentation + open.length + 10;
      let fits = total + entries.length <= ctx.breakLength;
      for (let i = 0; fits && i < entries.length; i++) {
        total += entries[i].length;
        if (total > ctx.breakLength || entries[i].includes("\n")) fits = false;
      }
      if (fits) return `${open} ${entries.join(", ")} ${braces[1]}`;
    }
    const indent = `\n${" ".repeat(ctx.indentation)}`;
    return `${open}${indent}  ${entries.join(`,${indent}  `)}${indent}${braces[1]}`;
  }

  // Arrays of many short entries are laid out in aligned columns (numbers right-aligned).
  function groupColumns(ctx, entries, value) {
    const hasMore = entries.length > 0 && entries[entries.length - 1].startsWith("... ");
    const count = hasMore ? entries.length - 1 : entries.length;
    let total = 0;
    let widest = 0;
    for (let i = 0; i < count; i++) {
      total += entries[i].length + 2;
      widest = Math.max(widest, entries[i].length);
      if (entries[i].includes("\n")) return entries;
    }
    const cell = widest + 2;
    if (cell * 3 + ctx.indentation >= ctx.breakLength || (total / cell <= 5 && widest > 6)) return entries;
    const bias = Math.sqrt(cell - total / entries.length);
    const biased = Math.max(cell - 3 - bias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biased * count) / biased),
      Math.floor((ctx.breakLength - ctx.indentation) / cell),
      ctx.compact * 4,
      15);
    if (columns <= 1) return entries;
    const widths = [];
    for (let c = 0; c < columns; c++) {
      let w = 0;
      for (let j = c; j < count; j += columns) w = Math.max(w, entries[j].length);
      widths.push(w + 2);
    }
    let numeric = value !== undefined;
    for (let i = 0; numeric && i < count; i++) {
      const v = value[i];
      if (typeof v !== "number" && typeof v !== "bigint") numeric = false;
    }
    const rows = [];
    for (let i = 0; i < count; i += columns) {
      const end = Math.min(i + columns, count);
      let line = "";
      for (let j = i; j < end - 1; j++) {
        const cellText = `${entries[j]}, `;
        line += numeric ? cellText.padStart(widths[j - i]) : cellText.padEnd(widths[j - i]);
      }
      line += numeric ? entries[end - 1].padStart(widths[end - 1 - i] - 2) : entries[end - 1];
      rows.push(line);
    }
    if (hasMore) rows.push(entries[entries.length - 1]);
    return rows;
  }

  internals.inspect = inspect;
  internals.inspect.custom = Symbol.for("nodejs.util.inspect.custom");
  internals.inspect.defaultOptions = defaults;
})
