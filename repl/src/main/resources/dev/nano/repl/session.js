// The REPL's half inside the program's context: the helper rewritten entries call to declare their
// names globally, what shows an entry's value or error (and keeps them as _ and _error), and
// completion over the live global object that never runs the program's code.
(function (internals) {
  "use strict";

  // Built-ins as they were before any entry ran: an entry may redeclare any global.
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, getOwnPropertyNames, freeze } = Object;
  const toObject = Object;
  const { apply } = Reflect;
  const { parse } = JSON;
  const SafeSet = Set;
  const SafeWeakSet = WeakSet;
  const regExpPrototype = RegExp.prototype;
  const functionPrototype = Function.prototype;
  const objectPrototype = Object.prototype;
  const HELPER = "__nano_repl__"; // the name tooling.js writes into rewritten entries

  // ---------------------------------------------------------------- declarations

  /** The getters of the REPL's const bindings (and of _ and _error): reading one only returns a value. */
  const replGetters = new SafeWeakSet();

  function alreadyDeclared(name) {
    return new SyntaxError(`Identifier '${name}' has already been declared`);
  }

  /**
   * Makes `names` global bindings before an entry assigns them. let, const and class replace what
   * the name held, as a browser's console lets a later line redeclare them; a name a var or
   * function made permanent (or a permanent built-in such as undefined) cannot be redeclared so.
   * var keeps an existing value; function makes the binding permanent, as a script's would be.
   */
  function declare(kind, names) {
    for (const name of names) {
      const existing = getOwnPropertyDescriptor(globalThis, name);
      if (kind === "var") {
        if (existing === undefined) defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: true, configurable: false });
      } else if (kind === "function") {
        if (existing === undefined || existing.configurable) {
          defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: true, configurable: false });
        } else if (!existing.writable) {
          throw alreadyDeclared(name);
        }
      } else {
        if (existing !== undefined && !existing.configurable) throw alreadyDeclared(name);
        defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: false, configurable: true });
      }
    }
  }

  function assignToConstant() {
    throw new TypeError("Assignment to constant variable.");
  }

  /** After a const declaration ran: its names keep their values and reject assignment. */
  function constify(names) {
    for (const name of names) {
      const { value } = getOwnPropertyDescriptor(globalThis, name);
      const get = () => value;
      replGetters.add(get);
      defineProperty(globalThis, name, { get, set: assignToConstant, enumerable: false, configurable: true });
    }
  }

  defineProperty(globalThis, HELPER, {
    value: freeze({ __proto__: null, declare, constify }),
    writable: false, enumerable: false, configurable: false,
  });

  // ---------------------------------------------------------------- results

  // _ and _error read the last value and error; assigning or declaring either takes the name over
  // for the program, and the REPL stops updating it, as Node's does.
  const kept = { __proto__: null, _: undefined, _error: undefined };
  const keptGetters = { __proto__: null };
  function keepName(name) {
    const get = () => kept[name];
    keptGetters[name] = get;
    replGetters.add(get); // reading it has no effect: completion may follow it
    defineProperty(globalThis, name, {
      get,
      set(value) {
        defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
      },
      enumerable: false,
      configurable: true,
    });
  }
  keepName("_");
  keepName("_error");

  function keep(name, value) {
    const current = getOwnPropertyDescriptor(globalThis, name);
    if (current === undefined) keepName(name);
    else if (current.get !== keptGetters[name]) return;
    kept[name] = value;
  }

  async function show(value, colors) {
    const inspect = internals.inspect;
    if (typeof inspect.settle === "function") {
      // a promise is shown once it has settled, as Node's REPL shows it after its microtasks ran
      try {
        await inspect.settle(value);
      } catch {
        // shown as it is
      }
    }
    return inspect(value, { colors });
  }

  /**
   * Reports an evaluated entry to done(ok, text): its value (awaited first for an async entry, whose
   * script yields a promise of { value }), kept as _, or the error it threw, kept as _error.
   */
  async function finish(result, async, colors, done) {
    let value;
    try {
      value = async ? (await result)?.value : result;
    } catch (error) {
      fail(error, done);
      return;
    }
    keep("_", value);
    let text;
    try {
      text = await show(value, colors);
    } catch (error) {
      text = `[value that cannot be shown: ${String(error?.message ?? error)}]`;
    }
    done(true, text);
  }

  /** Reports an error an entry threw, kept as _error; `text` says it instead when given (a syntax error). */
  function fail(error, done, text) {
    keep("_error", error);
    if (text === undefined) {
      try {
        text = `Uncaught ${internals.formatError(error)}`;
      } catch {
        text = "Uncaught error that cannot be shown";
      }
    }
    done(false, text);
  }

  // ---------------------------------------------------------------- completion

  const keywords = [
    "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "export", "extends", "false", "finally", "for", "function", "if", "import", "in",
    "instanceof", "let", "new", "null", "return", "static", "super", "switch", "this", "throw", "true",
    "try", "typeof", "var", "void", "while", "with", "yield", "async", "of",
  ];
  const identifier = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

  // NANO's own Proxy constructor and Proxy.revocable are proxies that trap only calls: safe to list.
  const ownProxies = new SafeWeakSet([getOwnPropertyDescriptor(globalThis, "Proxy")?.value].filter(Boolean));

  const isProxy = (value) => internals.isProxy(value) && !ownProxies.has(value);

  // Only NANO's own getters that read state (the runtime marks them: the lazy Web API globals,
  // crypto.subtle, a Response's status...) and the REPL's own declarations are read; a getter the
  // program defined never runs, whenever it was defined (a worker's module ran before this file).
  function sideEffectFree(getter) {
    return replGetters.has(getter) || internals.isSideEffectFreeGetter(getter) === true;
  }

  const isObject = (v) => (typeof v === "object" && v !== null) || typeof v === "function";
  const unknown = Symbol("unknown");

  // A subject is what completion lists the names of: a value, or (for `new X()` and literals whose
  // value is not computed) the prototype its instances would have, plus names known to be there.

  /**
   * The value of `subject.key`, found through property descriptors: a data property's value, or a
   * getter's result only for getters known to be side-effect-free. Proxies are never touched.
   */
  function read(subject, key) {
    const receiver = "value" in subject ? subject.value : unknown;
    let o = "value" in subject ? (isObject(subject.value) ? subject.value : toObject(subject.value)) : subject.proto;
    for (; o !== null; o = getPrototypeOf(o)) {
      if (isProxy(o)) return null;
      const d = getOwnPropertyDescriptor(o, key);
      if (d === undefined) continue;
      if ("value" in d) return { value: d.value };
      if (d.get === undefined || receiver === unknown || !sideEffectFree(d.get)) return null;
      return { value: apply(d.get, receiver, []) };
    }
    return null;
  }

  function literal(root) {
    switch (root.type) {
      case "string": return { value: "" };
      case "number": return { value: 0 };
      case "bigint": return { value: 0n };
      case "boolean": return { value: false };
      case "array": return { value: [] };
      case "regexp": return { proto: regExpPrototype, names: ["lastIndex"] };
      case "function": return { proto: functionPrototype, names: ["length", "name"] };
      case "object": return { proto: objectPrototype, names: root.keys };
    }
    return null;
  }

  function resolve(chain) {
    const { root } = chain;
    let subject;
    if (root.kind === "global") subject = read({ value: globalThis }, root.name);
    else if (root.kind === "this") subject = { value: globalThis };
    else if (root.kind === "literal") subject = literal(root);
    else if (root.kind === "new") {
      const constructor = resolve(root.callee);
      if (constructor === null || !("value" in constructor) || typeof constructor.value !== "function" || isProxy(constructor.value)) return null;
      const proto = getOwnPropertyDescriptor(constructor.value, "prototype")?.value;
      subject = isObject(proto) ? { proto } : null;
    }
    for (const step of chain.steps) {
      if (subject === null) return null;
      subject = read(subject, step);
    }
    return subject;
  }

  function names(subject) {
    const found = new SafeSet(subject.names ?? []);
    const { value } = subject;
    if ("value" in subject && (value === null || value === undefined)) return found;
    let o = "value" in subject ? (isObject(value) ? value : toObject(value)) : subject.proto;
    for (; o !== null && !isProxy(o); o = getPrototypeOf(o)) {
      for (const name of getOwnPropertyNames(o)) found.add(name);
    }
    return found;
  }

  /** Completions for a target of JsTooling.completionTarget: sorted names starting with `partial`. */
  function complete(kind, chainJson, partial) {
    let found;
    if (kind === "GLOBAL") {
      found = names({ value: globalThis });
      found.delete(HELPER);
      for (const k of keywords) found.add(k);
    } else {
      let subject = null;
      try {
        subject = resolve(parse(chainJson));
      } catch {
        // a getter that threw, a namespace binding not yet initialised: nothing to offer
      }
      if (subject === null) return [];
      found = names(subject);
    }
    return [...found].filter((n) => n.startsWith(partial) && identifier.test(n)).sort();
  }

  return { finish, fail, complete };
})
