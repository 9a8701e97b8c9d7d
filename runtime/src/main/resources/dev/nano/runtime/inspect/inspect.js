// internals.inspect(value, options?): renders any value as Node's util.inspect does (approximately):
// depth-limited nesting, quoted strings inside structures, collections, typed arrays, errors with
// their stack and cause, circular references, promise states, lines broken at about 80 columns,
// and with `colors: true` the ANSI colours of Node's default `inspect.styles`.
// internals.inspect.settle(value) lets the REPL wait until the promises it will show can show their
// values; internals.inspect.named(name, fields) is what NANO's Web API classes return from their
// Symbol.for("nodejs.util.inspect.custom") hooks.
(function (ops, internals) {
  "use strict";

  const defaults = {
    depth: 2, colors: false, customInspect: true, breakLength: 80, compact: 3, maxArrayLength: 100,
    maxStringLength: 10000, showHidden: false, sorted: false, getters: false,
  };

  // Node's util.inspect.styles (style → colour) and util.inspect.colors (colour → SGR on/off codes).
  const styles = {
    __proto__: null, special: "cyan", number: "yellow", bigint: "yellow", boolean: "yellow", undefined: "grey",
    null: "bold", string: "green", symbol: "green", date: "magenta", regexp: "red", module: "underline",
  };
  const colors = {
    __proto__: null, bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27], white: [37, 39],
    grey: [90, 39], black: [30, 39], blue: [34, 39], cyan: [36, 39], green: [32, 39], magenta: [35, 39],
    red: [31, 39], yellow: [33, 39],
  };

  function stylizeWithColor(text, styleType) {
    const color = colors[styles[styleType]];
    return color === undefined ? text : `\x1b[${color[0]}m${text}\x1b[${color[1]}m`;
  }
  const stylizeNoColor = (text) => text;

  const ansi = /\x1b\[\d+(?:;\d+)*m/g;
  /** The length a terminal shows: colour codes take no columns. */
  function width(ctx, text) {
    return ctx.colors ? text.replace(ansi, "").length : text.length;
  }

  const customSymbol = Symbol.for("nodejs.util.inspect.custom");
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const errorToString = Error.prototype.toString;
  const identifier = /^[A-Za-z_$][\w$]*$/;
  /** Set by settle(): the promises a run meets whose settlement is not recorded yet. */
  const kCollect = Symbol("promises to settle");

  function inspect(value, options) {
    const ctx = { ...defaults, ...(options !== null && typeof options === "object" ? options : {}) };
    if (ctx.depth === null) ctx.depth = Infinity;
    ctx.colors = Boolean(ctx.colors);
    ctx.stylize = ctx.colors ? stylizeWithColor : stylizeNoColor;
    ctx.seen = [];
    ctx.circular = new Map();
    ctx.indentation = 0;
    return formatValue(ctx, value, 0).text;
  }

  /** The options a custom inspect hook receives, as Node passes them (with `stylize`). */
  function hookOptions(ctx) {
    const options = {};
    for (const key of Object.keys(defaults)) options[key] = ctx[key];
    options.stylize = ctx.stylize;
    return options;
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

  function formatString(ctx, s) {
    let trailer = "";
    if (s.length > ctx.maxStringLength) {
      const rest = s.length - ctx.maxStringLength;
      s = s.slice(0, ctx.maxStringLength);
      trailer = `... ${rest} more character${rest > 1 ? "s" : ""}`;
    }
    // Long multi-line strings inside structures are split on their line breaks, as Node does.
    if (s.length > 16 && s.includes("\n") && s.length > ctx.breakLength - ctx.indentation - 4) {
      const lines = s.split(/(?<=\n)/);
      return lines.map((line) => ctx.stylize(quote(line), "string")).join(` +\n${" ".repeat(ctx.indentation + 2)}`) + trailer;
    }
    return ctx.stylize(quote(s), "string") + trailer;
  }

  function formatNumber(n) {
    return Object.is(n, -0) ? "-0" : String(n);
  }

  function formatPrimitive(ctx, value) {
    switch (typeof value) {
      case "string": return formatString(ctx, value);
      case "number": return ctx.stylize(formatNumber(value), "number");
      case "bigint": return ctx.stylize(`${value}n`, "bigint");
      case "boolean": return ctx.stylize(String(value), "boolean");
      case "undefined": return ctx.stylize("undefined", "undefined");
      case "symbol": return ctx.stylize(String(value), "symbol");
    }
    return ctx.stylize("null", "null");
  }

  function formatKey(ctx, key, enumerable) {
    if (typeof key === "symbol") return `[${ctx.stylize(String(key), "symbol")}]`;
    if (enumerable === false) return `[${key.replace(/[\\\x00-\x1f\x7f]/g, (c) => escapeChar(c))}]`;
    if (key === "__proto__") return "['__proto__']";
    return identifier.test(key) ? key : ctx.stylize(quote(key), "string");
  }

  // ---- what an object is

  const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

  // The first constructor up the chain that `obj` is an instance of: a prototype object itself
  // (URL.prototype) is not one of its constructor's instances, and shows as Object [URL], as in Node.
  function constructorName(obj) {
    let proto = obj;
    while (proto !== null) {
      const desc = Object.getOwnPropertyDescriptor(proto, "constructor");
      if (desc !== undefined && typeof desc.value === "function" && desc.value.name !== "" &&
          ordinaryHasInstance.call(desc.value, obj)) {
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

  /** A prototype object (`Response.prototype`): Node shows its members instead of calling its hook. */
  function isOwnConstructorsPrototype(value) {
    const ctor = Object.getOwnPropertyDescriptor(value, "constructor")?.value;
    return typeof ctor === "function" && Object.getOwnPropertyDescriptor(ctor, "prototype")?.value === value;
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

  // ---- display objects for Web API classes

  const displayClasses = new Map();
  const displayPrototypes = new WeakSet();
  /**
   * An object that inspects as `name { ...fields }`: what a NANO class's inspect hook returns,
   * built from its internal state. Depth, indentation and colours then work as for any object.
   * `fields` is an object or a list of [key, value] pairs (a header named "__proto__" stays a key).
   */
  function named(name, fields) {
    let Display = displayClasses.get(name);
    if (Display === undefined) {
      Display = { [name]: class {} }[name];
      displayClasses.set(name, Display);
      displayPrototypes.add(Display.prototype);
    }
    const shown = new Display();
    for (const [key, value] of Array.isArray(fields) ? fields : Object.entries(fields)) {
      Object.defineProperty(shown, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return shown;
  }

  /** The name an instance shows (its class's, a subclass's included), read without running its code. */
  function nameOf(obj, fallback) {
    return constructorName(obj) ?? fallback;
  }

  // ---- promises
  // Scripts cannot read a promise's state in GraalJS; the host can (ops.promiseState). Its value
  // can only be had from a reaction, a microtask later, so it is recorded here once seen:
  // `Promise { 42 }` is printed only after a reaction ran, `Promise { <fulfilled> }` before.
  // Reactions are attached only where they change nothing: never to a pending promise (a handler
  // would mark a later rejection handled, and hide it from unhandled-rejection reporting), to a
  // rejected one only a task later (settle), when the engine has reported it if nothing handled it.

  const settlements = new WeakMap();
  const PromisePrototype = Object.getPrototypeOf((async () => {})());
  const IntrinsicPromise = Object.getOwnPropertyDescriptor(PromisePrototype, "constructor").value;

  function stateOf(promise) {
    if (ops === null || ops === undefined || internals.isProxy?.(promise)) return "";
    try {
      return ops.promiseState(promise);
    } catch {
      return "";
    }
  }

  /**
   * Whether `await promise` reacts through the engine's own then, running no script code: a plain
   * promise (not a proxy, not a subclass, whose constructor is still the intrinsic Promise).
   */
  function canReactTo(promise) {
    return !internals.isProxy?.(promise) &&
      Object.getPrototypeOf(promise) === PromisePrototype &&
      Object.getOwnPropertyDescriptor(promise, "constructor") === undefined &&
      Object.getOwnPropertyDescriptor(PromisePrototype, "constructor")?.value === IntrinsicPromise;
  }

  /** Records the settlement of a settled promise; resolves once it is recorded. */
  async function record(promise) {
    try {
      settlements.set(promise, { fulfilled: true, value: await promise });
    } catch (e) {
      settlements.set(promise, { fulfilled: false, value: e });
    }
  }

  function formatPromise(ctx, promise, level) {
    const known = settlements.get(promise);
    if (known !== undefined) {
      const { text, depth } = formatValue(ctx, known.value, level + 1);
      const entries = [known.fulfilled ? text : `${ctx.stylize("<rejected>", "special")} ${text}`];
      entries.deepest = depth;
      return entries;
    }
    const state = stateOf(promise);
    if (state === "fulfilled" || state === "rejected") {
      if (ctx[kCollect] !== undefined) ctx[kCollect].push(promise);
      // Fulfilled: nothing left to hide, so the value is recorded for the next inspection.
      else if (state === "fulfilled" && canReactTo(promise)) record(promise);
    }
    return [ctx.stylize(state === "" ? "<unknown>" : `<${state}>`, "special")];
  }

  /**
   * Resolves once the settled promises that `inspect(value, options)` would show have their values
   * recorded, so that it prints `Promise { 42 }` as Node does. A pending promise is not waited for.
   * Rejected ones are read a task later, so a rejection nothing handled is still reported.
   */
  async function settle(value, options) {
    const found = [];
    try {
      inspect(value, { ...(options !== null && typeof options === "object" ? options : {}), [kCollect]: found });
    } catch {
      return;
    }
    const readable = found.filter((p) => !settlements.has(p) && canReactTo(p));
    if (readable.length === 0) return;
    const fulfilled = readable.filter((p) => stateOf(p) === "fulfilled");
    const rejected = readable.filter((p) => stateOf(p) === "rejected");
    await Promise.all(fulfilled.map(record));
    if (rejected.length > 0) {
      await ops.nextTask();
      await Promise.all(rejected.map(record));
    }
  }

  // ---- the recursive formatter: returns { text, depth } where depth is how deep nesting goes below

  function formatValue(ctx, value, level) {
    if ((typeof value !== "object" || value === null) && typeof value !== "function") {
      return { text: formatPrimitive(ctx, value), depth: 0 };
    }
    if (ctx.customInspect !== false) {
      const custom = value[customSymbol];
      if (typeof custom === "function" && custom !== inspect && !isOwnConstructorsPrototype(value)) {
        const result = custom.call(value, ctx.depth - level, hookOptions(ctx), inspect);
        if (result !== value) {
          if (typeof result === "string") {
            return { text: result.replaceAll("\n", `\n${" ".repeat(ctx.indentation)}`), depth: 0 };
          }
          return formatValue(ctx, result, level);
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return { text: ctx.stylize(`[Circular *${index}]`, "special"), depth: 0 };
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
        return [`${ctx.stylize("[Uint8Contents]", "special")}: <${hex}>`, `byteLength: ${formatPrimitive(ctx, value.byteLength)}`];
      };
    } else if (value instanceof DataView) {
      braces = [`${prefixFor(value, "DataView")} {`, "}"];
      formatEntries = () => [
        `byteLength: ${formatPrimitive(ctx, value.byteLength)}`,
        `byteOffset: ${formatPrimitive(ctx, value.byteOffset)}`,
        `buffer: ${formatValue(ctx, value.buffer, level + 1).text}`,
      ];
    } else if (typeof value === "function") {
      base = functionBase(value);
      keys = keys.filter((k) => k !== "prototype" || ctx.showHidden);
      if (keys.length === 0) return { text: ctx.stylize(base, "special"), depth: 0 };
    } else if (value instanceof RegExp) {
      base = RegExp.prototype.toString.call(value);
      if (keys.length === 0) return { text: ctx.stylize(base, "regexp"), depth: 0 };
    } else if (value instanceof Date) {
      base = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
      if (keys.length === 0) return { text: ctx.stylize(base, "date"), depth: 0 };
    } else if (isError(value)) {
      return formatError(ctx, value, keys, level);
    } else if (value instanceof Promise) {
      braces = [`${prefixFor(value, "Promise")} {`, "}"];
      formatEntries = () => formatPromise(ctx, value, level);
    } else if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) {
      return { text: `${prefixFor(value, "Object")} { ${ctx.stylize("<items unknown>", "special")} }`, depth: 0 };
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean ||
               value instanceof Symbol || value instanceof BigInt) {
      const primitive = value.valueOf();
      const kind = typeof primitive === "bigint" ? "BigInt" : (typeof primitive)[0].toUpperCase() + (typeof primitive).slice(1);
      base = ctx.stylize(`[${kind}: ${formatPrimitive({ ...ctx, stylize: stylizeNoColor }, primitive)}]`, kind.toLowerCase());
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
      const name = Array.isArray(value) ? "Array" : (constructorName(value) ?? "Object");
      return { text: ctx.stylize(`[${name}]`, "special"), depth: 0 };
    }

    ctx.seen.push(value);
    let deepest = 0;
    ctx.indentation += 2;
    try {
      if (formatEntries !== null) {
        entries = formatEntries();
        deepest = entries.deepest ?? 0;
      }
      for (const key of keys) {
        const { text, depth } = formatProperty(ctx, value, key, level);
        entries.push(text);
        deepest = Math.max(deepest, depth);
      }
    } finally {
      ctx.indentation -= 2;
      ctx.seen.pop();
    }

    let refPrefix = "";
    const ref = ctx.circular.get(value);
    if (ref !== undefined) refPrefix = `${ctx.stylize(`<ref *${ref}>`, "special")} `;

    if (base !== "") {
      if (entries.length === 0) return { text: refPrefix + base, depth: 0 };
      braces[0] = `${base} {`;
    }
    if (entries.length === 0) {
      if (arrayLike && !noEntries) return { text: `${refPrefix}${braces[0]}]`, depth: 0 };
      return { text: `${refPrefix}${braces[0]}}`, depth: 0 };
    }
    let nesting = deepest + 1;
    if (arrayLike && entries.length > 6) {
      const grouped = groupColumns(ctx, entries, value);
      // Entries grouped in columns always go on their own lines.
      if (grouped.length !== entries.length) nesting = Infinity;
      entries = grouped;
    }
    // Node's Web API hooks print `${name} ${inspect(fields)}`: the name is not counted when
    // deciding whether the fields fit on one line. The same here gives the same lines.
    const measured = displayPrototypes.has(Object.getPrototypeOf(value)) ? "{" : braces[0];
    const text = refPrefix + joinEntries(ctx, entries, braces, nesting, measured);
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

  // Runs with ctx.indentation already at the property's level.
  function formatProperty(ctx, obj, key, level) {
    const desc = Object.getOwnPropertyDescriptor(obj, key) ?? { value: obj[key], enumerable: true };
    const name = formatKey(ctx, key, desc.enumerable);
    if ("value" in desc) {
      const { text, depth } = formatValue(ctx, desc.value, level + 1);
      return { text: `${name}: ${text}`, depth };
    }
    const s = ctx.stylize;
    if (desc.get !== undefined) {
      const label = desc.set !== undefined ? "Getter/Setter" : "Getter";
      // Getters run only when asked for (`getters: true`, or "get"/"set" for those without/with a setter).
      const wanted = ctx.getters === true || (ctx.getters === "get" && desc.set === undefined) ||
        (ctx.getters === "set" && desc.set !== undefined);
      if (wanted) {
        try {
          const v = desc.get.call(obj);
          if (v !== null && (typeof v === "object" || typeof v === "function")) {
            const { text, depth } = formatValue(ctx, v, level + 1);
            return { text: `${name}: ${s(`[${label}]`, "special")} ${text}`, depth };
          }
          return { text: `${name}: ${s(`[${label}:`, "special")} ${formatPrimitive(ctx, v)}${s("]", "special")}`, depth: 0 };
        } catch (e) {
          return { text: `${name}: ${s(`[${label}:`, "special")} <Inspection threw (${e?.message})>${s("]", "special")}`, depth: 0 };
        }
      }
      return { text: `${name}: ${s(`[${label}]`, "special")}`, depth: 0 };
    }
    if (desc.set !== undefined) return { text: `${name}: ${s("[Setter]", "special")}`, depth: 0 };
    return { text: `${name}: ${s("undefined", "undefined")}`, depth: 0 };
  }

  function collect(produce) {
    const out = [];
    let deepest = 0;
    produce((text, depth) => {
      out.push(text);
      deepest = Math.max(deepest, depth);
    });
    out.deepest = deepest;
    return out;
  }

  function formatArray(ctx, array, level) {
    return collect((push) => {
      const limit = Math.min(array.length, ctx.maxArrayLength);
      let holes = 0;
      let shown = 0;
      const flushHoles = () => {
        if (holes > 0) {
          push(ctx.stylize(`<${holes} empty item${holes > 1 ? "s" : ""}>`, "undefined"), 0);
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
        const { text, depth } = formatValue(ctx, array[i], level + 1);
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
    for (let i = 0; i < limit; i++) out.push(formatPrimitive(ctx, array[i]));
    if (array.length > limit) out.push(`... ${array.length - limit} more item${array.length - limit > 1 ? "s" : ""}`);
    return out;
  }

  function formatMap(ctx, map, level) {
    return collect((push) => {
      for (const [k, v] of map) {
        const key = formatValue(ctx, k, level + 1);
        const val = formatValue(ctx, v, level + 1);
        push(`${key.text} => ${val.text}`, Math.max(key.depth, val.depth));
      }
    });
  }

  function formatSet(ctx, set, level) {
    return collect((push) => {
      for (const v of set) {
        const { text, depth } = formatValue(ctx, v, level + 1);
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
    if (ctx.colors) stack = markNodeModules(ctx, stack);
    // Symbol-keyed state (DOMException keeps its name and message that way) is not shown.
    keys = keys.filter((k) => typeof k === "string" && k !== "stack" && k !== "message");
    const hasCause = Object.prototype.hasOwnProperty.call(error, "cause") && !keys.includes("cause");
    if (ctx.indentation > 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentation)}`);
    if (level > ctx.depth && (keys.length > 0 || hasCause)) return { text: `[${stack.split("\n")[0]}]`, depth: 0 };
    if (keys.length === 0 && !hasCause) return { text: stack, depth: 0 };
    ctx.seen.push(error);
    const entries = [];
    ctx.indentation += 2;
    try {
      if (hasCause) entries.push(`[cause]: ${formatValue(ctx, error.cause, level + 1).text}`);
      for (const key of keys) entries.push(formatProperty(ctx, error, key, level).text);
    } finally {
      ctx.indentation -= 2;
      ctx.seen.pop();
    }
    return { text: joinEntries(ctx, entries, [`${stack} {`, "}"], Infinity), depth: 1 };
  }

  /** In stack frames, the package after each node_modules/ is underlined (Node's "module" style). */
  function markNodeModules(ctx, stack) {
    return stack.split("\n").map((line, i) => {
      if (i === 0 || !/^\s+at /.test(line)) return line;
      return line.replace(/([/\\]node_modules[/\\])(.+?)(?=[/\\])/g, (_, dir, pkg) => dir + ctx.stylize(pkg, "module"));
    }).join("\n");
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

  function joinEntries(ctx, entries, braces, nesting, measured = braces[0]) {
    const open = braces[0];
    if (nesting <= ctx.compact && !open.includes("\n")) {
      let total = 2 * entries.length + ctx.indentation + width(ctx, measured) + 10;
      let fits = total + entries.length <= ctx.breakLength;
      for (let i = 0; fits && i < entries.length; i++) {
        total += width(ctx, entries[i]);
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
    const widths = [];
    let total = 0;
    let widest = 0;
    for (let i = 0; i < count; i++) {
      if (entries[i].includes("\n")) return entries;
      widths.push(width(ctx, entries[i]));
      total += widths[i] + 2;
      widest = Math.max(widest, widths[i]);
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
    const columnWidths = [];
    for (let c = 0; c < columns; c++) {
      let w = 0;
      for (let j = c; j < count; j += columns) w = Math.max(w, widths[j]);
      columnWidths.push(w + 2);
    }
    let numeric = value !== undefined;
    for (let i = 0; numeric && i < count; i++) {
      const v = value[i];
      if (typeof v !== "number" && typeof v !== "bigint") numeric = false;
    }
    // Padding counts visible columns: an entry's colour codes are added to the target length.
    const pad = (text, visible, target) => {
      const fill = " ".repeat(Math.max(target - visible, 0));
      return numeric ? fill + text : text + fill;
    };
    const rows = [];
    for (let i = 0; i < count; i += columns) {
      const end = Math.min(i + columns, count);
      let line = "";
      for (let j = i; j < end - 1; j++) line += pad(`${entries[j]}, `, widths[j] + 2, columnWidths[j - i]);
      line += numeric ? pad(entries[end - 1], widths[end - 1], columnWidths[end - 1 - i] - 2) : entries[end - 1];
      rows.push(line);
    }
    if (hasMore) rows.push(entries[entries.length - 1]);
    return rows;
  }

  inspect.custom = customSymbol;
  inspect.defaultOptions = defaults;
  inspect.styles = styles;
  inspect.colors = colors;
  inspect.named = named;
  inspect.nameOf = nameOf;
  inspect.settle = settle;
  internals.inspect = inspect;
})
