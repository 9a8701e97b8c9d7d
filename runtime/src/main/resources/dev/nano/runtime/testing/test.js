// `nano test`: the test registry (test/it/describe and hooks), the runner and `expect`, in the
// style of Vitest/Jest's globals, bun test and deno test. Loaded only when the test command reaches
// for `internals.testing`; ordinary scripts never see any of it.
(function (ops, internals) {
  "use strict";
  const inspect = (value, options) => internals.inspect(value, options);
  const show = (value) => inspect(value, { depth: 4 });
  const DEFAULT_TIMEOUT = 5000;

  // ---------------------------------------------------------------- registry

  function newSuite(name, parent, mode) {
    return { kind: "suite", name, parent, mode, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
  }

  const root = newSuite("", null, "run");
  let collecting = root;
  let running = false;
  let hasOnly = false;
  let defaultTimeout = DEFAULT_TIMEOUT;

  function checkName(name, what) {
    if (typeof name === "function" && name.name) return name.name;
    if (typeof name !== "string") return String(name);
    return name;
  }

  function addTest(mode, name, fn, timeout) {
    if (running) throw new Error(`${mode === "todo" ? "test.todo" : "test"}("${name}") called while tests run: declare tests at the top level or in describe()`);
    if (mode !== "todo" && typeof fn !== "function") throw new TypeError(`test("${name}"): the second argument must be a function`);
    if (typeof timeout === "object" && timeout !== null) timeout = timeout.timeout;
    if (mode === "only") hasOnly = true;
    collecting.children.push({ kind: "test", name: checkName(name), fn, timeout: timeout ?? undefined, mode, parent: collecting });
  }

  function addSuite(mode, name, fn) {
    if (running) throw new Error(`describe("${name}") called while tests run: declare suites at the top level or in describe()`);
    if (typeof fn !== "function") throw new TypeError(`describe("${name}"): the second argument must be a function`);
    if (mode === "only") hasOnly = true;
    const suite = newSuite(checkName(name), collecting, mode);
    collecting.children.push(suite);
    const previous = collecting;
    collecting = suite;
    try {
      const result = fn();
      if (result && typeof result.then === "function") {
        throw new Error(`describe("${suite.name}") returned a promise: a describe callback declares tests synchronously`);
      }
    } finally {
      collecting = previous;
    }
  }

  function addHook(kind, fn, timeout) {
    if (running) throw new Error(`${kind}() called while tests run`);
    if (typeof fn !== "function") throw new TypeError(`${kind}: the argument must be a function`);
    collecting[kind].push({ fn, timeout });
  }

  const test = (name, fn, timeout) => addTest("run", name, fn, timeout);
  test.skip = (name, fn, timeout) => addTest("skip", name, fn, timeout);
  test.only = (name, fn, timeout) => addTest("only", name, fn, timeout);
  test.todo = (name) => addTest("todo", name, undefined, undefined);
  test.if = (condition) => (condition ? test : test.skip);
  test.skipIf = (condition) => (condition ? test.skip : test);
  const describe = (name, fn) => addSuite("run", name, fn);
  describe.skip = (name, fn) => addSuite("skip", name, fn);
  describe.only = (name, fn) => addSuite("only", name, fn);
  describe.todo = (name) => addSuite("skip", name, () => {});
  const beforeAll = (fn, timeout) => addHook("beforeAll", fn, timeout);
  const afterAll = (fn, timeout) => addHook("afterAll", fn, timeout);
  const beforeEach = (fn, timeout) => addHook("beforeEach", fn, timeout);
  const afterEach = (fn, timeout) => addHook("afterEach", fn, timeout);

  // ---------------------------------------------------------------- expect

  class AssertionError extends Error {
    constructor(message, diff) {
      super(message);
      this.name = "AssertionError";
      if (diff) this.diff = diff;
    }
  }

  const ASYMMETRIC = Symbol("nano.asymmetricMatcher");
  function asymmetric(description, match) {
    return { [ASYMMETRIC]: true, asymmetricMatch: match, toString: () => description, [Symbol.for("nodejs.util.inspect.custom")]: () => description };
  }
  const isAsymmetric = (v) => v !== null && typeof v === "object" && v[ASYMMETRIC] === true;

  const typeTag = (v) => Object.prototype.toString.call(v);

  /** Jest's `equals`: structural, Object.is at the leaves; `strict` as toStrictEqual. */
  function equals(a, b, strict, seen = []) {
    if (isAsymmetric(b)) return b.asymmetricMatch(a);
    if (isAsymmetric(a)) return a.asymmetricMatch(b);
    if (Object.is(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
      return false;
    }
    const tag = typeTag(a);
    if (tag !== typeTag(b)) return false;
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    for (let i = 0; i < seen.length; i++) {
      if (seen[i][0] === a) return seen[i][1] === b;
    }
    switch (tag) {
      case "[object Date]": return Object.is(a.getTime(), b.getTime());
      case "[object RegExp]": return a.source === b.source && a.flags === b.flags;
      case "[object Number]": case "[object String]": case "[object Boolean]":
        return Object.is(a.valueOf(), b.valueOf());
      case "[object Error]":
        if (a.message !== b.message || a.name !== b.name) return false;
        break;
    }
    if (a instanceof ArrayBuffer || ArrayBuffer.isView(a)) {
      const x = a instanceof ArrayBuffer ? new Uint8Array(a) : new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = b instanceof ArrayBuffer ? new Uint8Array(b) : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : null;
      if (y === null || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      return true;
    }
    seen.push([a, b]);
    try {
      if (a instanceof Map) {
        if (!(b instanceof Map) || a.size !== b.size) return false;
        for (const [k, v] of a) {
          if (!b.has(k) || !equals(v, b.get(k), strict, seen)) return false;
        }
        return true;
      }
      if (a instanceof Set) {
        if (!(b instanceof Set) || a.size !== b.size) return false;
        outer: for (const v of a) {
          if (b.has(v)) continue;
          for (const w of b) if (equals(v, w, strict, seen)) continue outer;
          return false;
        }
        return true;
      }
      if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) {
          if (strict && (i in a) !== (i in b)) return false;
          if (!equals(a[i], b[i], strict, seen)) return false;
        }
      }
      const keys = (o) => {
        const own = Object.keys(o).concat(Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s)));
        const list = Array.isArray(o) ? own.filter((k) => typeof k === "symbol" || !/^\d+$/.test(k)) : own;
        return strict ? list : list.filter((k) => o[k] !== undefined);
      };
      const ka = keys(a);
      const kb = keys(b);
      if (ka.length !== kb.length) return false;
      for (const k of ka) {
        if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
        if (!equals(a[k], b[k], strict, seen)) return false;
      }
      return true;
    } finally {
      seen.pop();
    }
  }

  /** toMatchObject: every property of `expected` is in `actual`, recursively. */
  function matchesObject(actual, expected, seen = new Set()) {
    if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
    if (typeof expected !== "object" || expected === null || typeof actual !== "object" || actual === null) {
      return equals(actual, expected, false);
    }
    if (seen.has(expected)) return true;
    seen.add(expected);
    if (Array.isArray(expected)) {
      return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matchesObject(actual[i], e, seen));
    }
    if (expected instanceof Date || expected instanceof RegExp || expected instanceof Map || expected instanceof Set) {
      return equals(actual, expected, false);
    }
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) return false;
      if (!matchesObject(actual[k], expected[k], seen)) return false;
    }
    return true;
  }

  /** Node's assert prints values for a diff so: one property a line, keys sorted. */
  const forDiff = (v) => (typeof v === "string" ? v : inspect(v, { compact: false, sorted: true, depth: 20, breakLength: Infinity }));

  /** A line diff of two values as inspected: "- Expected" / "+ Received", common lines indented. */
  function diff(expected, actual) {
    const a = forDiff(expected).split("\n");
    const b = forDiff(actual).split("\n");
    if (a.length * b.length > 4_000_000) return "";
    // LCS table, then a walk that emits removals before additions.
    const n = a.length;
    const m = b.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const out = ["- Expected", "+ Received", ""];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        out.push(`  ${a[i]}`);
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push(`- ${a[i++]}`);
      } else {
        out.push(`+ ${b[j++]}`);
      }
    }
    return out.join("\n");
  }

  const wantsDiff = (expected, actual) =>
    (typeof expected === "object" && expected !== null && !isAsymmetric(expected)) ||
    (typeof actual === "object" && actual !== null) ||
    (typeof expected === "string" && typeof actual === "string" && (expected.includes("\n") || actual.includes("\n")));

  function errorOf(fn) {
    try {
      fn();
    } catch (e) {
      return { thrown: true, error: e };
    }
    return { thrown: false };
  }

  function describeThrown(e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : show(e);
  }

  function toNumberCheck(name, v) {
    if (typeof v !== "number" && typeof v !== "bigint") throw new TypeError(`${name}: the value must be a number or bigint, got ${show(v)}`);
  }

  function getPath(object, path) {
    const keys = Array.isArray(path) ? path.map(String)
      : String(path).replace(/\[(\w+)\]/g, ".$1").split(".").filter((k) => k !== "");
    let value = object;
    for (const key of keys) {
      if (value === null || value === undefined || !(key in Object(value))) return { found: false };
      value = value[key];
    }
    return { found: true, value };
  }

  // Each matcher returns { pass, message(not), diff? }; `not` is "" or " not".
  const matchers = {
    toBe(actual, expected) {
      const pass = Object.is(actual, expected);
      const similar = !pass && equals(actual, expected, true) ? " (the same structure, but not the same object: use toStrictEqual or toEqual)" : "";
      return { pass, message: (not) => `expected ${show(actual)}${not} to be ${show(expected)}${not ? "" : similar}`, diff: [expected, actual] };
    },
    toEqual(actual, expected) {
      return { pass: equals(actual, expected, false), message: (not) => `expected ${show(actual)}${not} to equal ${show(expected)}`, diff: [expected, actual] };
    },
    toStrictEqual(actual, expected) {
      return { pass: equals(actual, expected, true), message: (not) => `expected ${show(actual)}${not} to strictly equal ${show(expected)}`, diff: [expected, actual] };
    },
    toBeTruthy: (actual) => ({ pass: !!actual, message: (not) => `expected ${show(actual)}${not} to be truthy` }),
    toBeFalsy: (actual) => ({ pass: !actual, message: (not) => `expected ${show(actual)}${not} to be falsy` }),
    toBeNull: (actual) => ({ pass: actual === null, message: (not) => `expected ${show(actual)}${not} to be null` }),
    toBeUndefined: (actual) => ({ pass: actual === undefined, message: (not) => `expected ${show(actual)}${not} to be undefined` }),
    toBeDefined: (actual) => ({ pass: actual !== undefined, message: (not) => `expected ${show(actual)}${not} to be defined` }),
    toBeNaN: (actual) => ({ pass: Number.isNaN(actual), message: (not) => `expected ${show(actual)}${not} to be NaN` }),
    toContain(actual, item) {
      let pass;
      if (typeof actual === "string") {
        pass = actual.includes(String(item));
      } else if (actual !== null && actual !== undefined && typeof actual[Symbol.iterator] === "function") {
        pass = Array.from(actual).some((x) => x === item || (Number.isNaN(x) && Number.isNaN(item)));
      } else {
        throw new TypeError(`toContain: expected a string, an array or an iterable, got ${show(actual)}`);
      }
      return { pass, message: (not) => `expected ${show(actual)}${not} to contain ${show(item)}` };
    },
    toContainEqual(actual, item) {
      if (actual === null || actual === undefined || typeof actual[Symbol.iterator] !== "function") {
        throw new TypeError(`toContainEqual: expected an array or an iterable, got ${show(actual)}`);
      }
      return { pass: Array.from(actual).some((x) => equals(x, item, false)), message: (not) => `expected ${show(actual)}${not} to contain an item equal to ${show(item)}` };
    },
    toMatch(actual, pattern) {
      if (typeof actual !== "string") throw new TypeError(`toMatch: expected a string, got ${show(actual)}`);
      const pass = typeof pattern === "string" ? actual.includes(pattern) : pattern.test(actual);
      return { pass, message: (not) => `expected ${show(actual)}${not} to match ${typeof pattern === "string" ? show(pattern) : String(pattern)}` };
    },
    toMatchObject(actual, expected) {
      if (typeof actual !== "object" || actual === null) throw new TypeError(`toMatchObject: expected an object, got ${show(actual)}`);
      return { pass: matchesObject(actual, expected), message: (not) => `expected ${show(actual)}${not} to match object ${show(expected)}`, diff: [expected, actual] };
    },
    toHaveLength(actual, length) {
      const has = actual !== null && actual !== undefined && typeof actual.length === "number";
      const pass = has && actual.length === length;
      return { pass, message: (not) => `expected ${show(actual)}${not} to have length ${length}${has && !not ? `, but its length is ${actual.length}` : ""}` };
    },
    toHaveProperty(actual, path, ...rest) {
      const got = getPath(actual, path);
      const withValue = rest.length > 0;
      const pass = got.found && (!withValue || equals(got.value, rest[0], false));
      const name = Array.isArray(path) ? path.join(".") : String(path);
      return {
        pass,
        message: (not) => `expected ${show(actual)}${not} to have property "${name}"` +
          (withValue ? ` equal to ${show(rest[0])}${got.found && !not ? `, but it is ${show(got.value)}` : ""}` : ""),
        diff: withValue && got.found ? [rest[0], got.value] : undefined,
      };
    },
    toBeGreaterThan(actual, n) {
      toNumberCheck("toBeGreaterThan", actual);
      return { pass: actual > n, message: (not) => `expected ${show(actual)}${not} to be greater than ${show(n)}` };
    },
    toBeGreaterThanOrEqual(actual, n) {
      toNumberCheck("toBeGreaterThanOrEqual", actual);
      return { pass: actual >= n, message: (not) => `expected ${show(actual)}${not} to be greater than or equal to ${show(n)}` };
    },
    toBeLessThan(actual, n) {
      toNumberCheck("toBeLessThan", actual);
      return { pass: actual < n, message: (not) => `expected ${show(actual)}${not} to be less than ${show(n)}` };
    },
    toBeLessThanOrEqual(actual, n) {
      toNumberCheck("toBeLessThanOrEqual", actual);
      return { pass: actual <= n, message: (not) => `expected ${show(actual)}${not} to be less than or equal to ${show(n)}` };
    },
    toBeCloseTo(actual, expected, digits = 2) {
      toNumberCheck("toBeCloseTo", actual);
      const pass = (actual === Infinity && expected === Infinity) || (actual === -Infinity && expected === -Infinity) ||
        Math.abs(expected - actual) < Math.pow(10, -digits) / 2;
      return { pass, message: (not) => `expected ${show(actual)}${not} to be close to ${show(expected)} (${digits} digits, difference ${Math.abs(expected - actual)})` };
    },
    toBeInstanceOf(actual, type) {
      if (typeof type !== "function") throw new TypeError(`toBeInstanceOf: expected a class, got ${show(type)}`);
      const pass = actual instanceof type;
      const actualType = actual !== null && actual !== undefined && Object.getPrototypeOf(Object(actual))?.constructor?.name;
      return { pass, message: (not) => `expected ${show(actual)}${not} to be an instance of ${type.name || "the class"}${!not && actualType ? ` (it is a ${actualType})` : ""}` };
    },
    toThrow(actual, expected) {
      const fromPromise = this !== undefined && this.fromPromise === true;
      let outcome;
      if (fromPromise) {
        outcome = { thrown: true, error: actual };
      } else {
        if (typeof actual !== "function") throw new TypeError(`toThrow: expected a function, got ${show(actual)}`);
        outcome = errorOf(actual);
      }
      const e = outcome.error;
      const message = e !== null && typeof e === "object" && "message" in e ? String(e.message) : String(e);
      let pass;
      let what;
      if (expected === undefined) {
        pass = outcome.thrown;
        what = "to throw";
      } else if (typeof expected === "string") {
        pass = outcome.thrown && message.includes(expected);
        what = `to throw an error containing ${show(expected)}`;
      } else if (expected instanceof RegExp) {
        pass = outcome.thrown && expected.test(message);
        what = `to throw an error matching ${String(expected)}`;
      } else if (typeof expected === "function") {
        pass = outcome.thrown && e instanceof expected;
        what = `to throw ${expected.name || "an instance of the class"}`;
      } else if (isAsymmetric(expected)) {
        pass = outcome.thrown && expected.asymmetricMatch(e);
        what = `to throw ${String(expected)}`;
      } else if (expected !== null && typeof expected === "object") {
        pass = outcome.thrown && message === String(expected.message);
        what = `to throw an error with message ${show(String(expected.message))}`;
      } else {
        throw new TypeError(`toThrow: expected a string, a RegExp, a class or an error, got ${show(expected)}`);
      }
      const subject = fromPromise ? "promise" : "function";
      return {
        pass,
        message: (not) => `expected ${subject}${not} ${what}` +
          (outcome.thrown ? `, but it ${fromPromise ? "rejected with" : "threw"} ${describeThrown(e)}` : ", but it did not throw"),
      };
    },
  };
  matchers.toThrowError = matchers.toThrow;

  // Per-test assertion counting for expect.assertions(n) / expect.hasAssertions().
  let assertionCount = 0;
  let expectedAssertions = null;
  let needsAssertions = false;

  function buildExpectation(actual, negated, mode) {
    const expectation = {};
    for (const name of Object.keys(matchers)) {
      expectation[name] = function (...args) {
        // Where the call was made: a promise's failure happens later, with no useful stack of its own.
        const site = new Error();
        const check = (value, fromPromise) => {
          assertionCount++;
          const result = matchers[name].call({ fromPromise }, value, ...args);
          if (result.pass === negated) {
            const message = result.message(negated ? " not" : "");
            const d = !negated && result.diff && wantsDiff(result.diff[0], result.diff[1]) ? diff(result.diff[0], result.diff[1]) : "";
            const error = new AssertionError(message, d);
            error.stack = `AssertionError: ${message}\n${String(site.stack).split("\n").slice(1).join("\n")}`;
            throw error;
          }
        };
        if (mode === undefined) {
          check(actual, false);
          return undefined;
        }
        return Promise.resolve(actual).then(
          (value) => {
            if (mode === "rejects") throw withStack(new AssertionError(`expected promise to reject, but it resolved with ${show(value)}`), site);
            return check(value, false);
          },
          (reason) => {
            if (mode === "resolves") throw withStack(new AssertionError(`expected promise to resolve, but it rejected with ${describeThrown(reason)}`), site);
            return check(reason, true);
          });
      };
    }
    return expectation;
  }

  function withStack(error, site) {
    error.stack = `${error.name}: ${error.message}\n${String(site.stack).split("\n").slice(1).join("\n")}`;
    return error;
  }

  function expect(actual) {
    const make = (negated, mode) => {
      const e = buildExpectation(actual, negated, mode);
      Object.defineProperty(e, "not", { get: () => make(!negated, mode) });
      if (mode === undefined) {
        Object.defineProperty(e, "resolves", { get: () => make(negated, "resolves") });
        Object.defineProperty(e, "rejects", { get: () => make(negated, "rejects") });
      }
      return e;
    };
    return make(false, undefined);
  }
  expect.assertions = (n) => {
    expectedAssertions = n;
  };
  expect.hasAssertions = () => {
    needsAssertions = true;
  };
  expect.anything = () => asymmetric("Anything", (v) => v !== null && v !== undefined);
  expect.any = (type) => asymmetric(`Any<${type?.name ?? type}>`, (v) => {
    if (type === String) return typeof v === "string" || v instanceof String;
    if (type === Number) return typeof v === "number" || v instanceof Number;
    if (type === Boolean) return typeof v === "boolean" || v instanceof Boolean;
    if (type === BigInt) return typeof v === "bigint";
    if (type === Symbol) return typeof v === "symbol";
    if (type === Function) return typeof v === "function";
    if (type === Object) return typeof v === "object" && v !== null;
    return v instanceof type;
  });
  expect.stringContaining = (s) => asymmetric(`StringContaining ${show(s)}`, (v) => typeof v === "string" && v.includes(s));
  expect.stringMatching = (re) => asymmetric(`StringMatching ${String(re)}`, (v) => typeof v === "string" && new RegExp(re).test(v));
  expect.objectContaining = (o) => asymmetric(`ObjectContaining ${show(o)}`, (v) => typeof v === "object" && v !== null && matchesObject(v, o));
  expect.arrayContaining = (arr) => asymmetric(`ArrayContaining ${show(arr)}`, (v) => Array.isArray(v) && arr.every((x) => v.some((y) => equals(y, x, false))));

  // ---------------------------------------------------------------- runner

  class TimeoutError extends Error {
    constructor(message) {
      super(message);
      this.name = "TimeoutError";
      this.stack = `TimeoutError: ${message}`;
    }
  }

  /** What an uncaught error or unhandled rejection rejects: the runtime's formatted text. */
  class UncaughtError extends Error {
    constructor(formatted) {
      const text = String(formatted).replace(/^Uncaught /, "");
      super(text.split("\n")[0]);
      this.name = "UncaughtError";
      this.formatted = text;
    }
  }

  /** Rejects the step running now when an uncaught error arrives (null between steps). */
  let failCurrent = null;
  const fileErrors = [];

  function runStep(fn, timeout, what) {
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        failCurrent = null;
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(() => finish(new TimeoutError(`${what} timed out after ${timeout} ms`)), timeout);
      failCurrent = (error) => finish(error);
      try {
        let result;
        if (fn.length > 0) {
          // A `done` callback, as Jest and node:test allow.
          result = fn((error) => finish(error === undefined || error === null ? undefined : error));
        } else {
          result = fn();
          if (!result || typeof result.then !== "function") {
            finish(undefined);
            return;
          }
        }
        if (result && typeof result.then === "function") {
          result.then(() => finish(undefined), (error) => finish(error === undefined ? new Error("rejected with undefined") : error));
        }
      } catch (error) {
        finish(error);
      }
    });
  }

  function fullName(node) {
    const parts = [];
    for (let n = node; n !== null && n !== root; n = n.parent) parts.unshift(n.name);
    return parts.join(" > ");
  }

  function describeError(error) {
    if (error instanceof UncaughtError) return { message: error.message, details: error.formatted };
    if (error instanceof TimeoutError) return { message: error.message, details: error.message };
    let message;
    let details;
    try {
      message = error !== null && typeof error === "object" && "message" in error ? String(error.message) : show(error);
      details = internals.formatError(error);
      if (error && typeof error === "object" && typeof error.diff === "string" && error.diff !== "") {
        const lines = String(details).split("\n");
        const at = lines.findIndex((l) => /^\s+at /.test(l));
        const head = at < 0 ? lines : lines.slice(0, at);
        const rest = at < 0 ? [] : lines.slice(at);
        details = [...head, "", error.diff, "", ...rest].join("\n");
      }
    } catch (e) {
      message = String(error);
      details = message;
    }
    return { message, details: String(details) };
  }

  function report(name, status, ms, error) {
    if (error === undefined) {
      ops.result(name, status, ms, null, null);
    } else {
      const { message, details } = describeError(error);
      ops.result(name, status, ms, message, details);
    }
  }

  function makeMatcher(filter) {
    if (filter === null || filter === undefined || filter === "") return () => true;
    const re = /^\/(.*)\/([a-z]*)$/s.exec(filter);
    if (re) {
      const pattern = new RegExp(re[1], re[2]);
      return (name) => pattern.test(name);
    }
    return (name) => name.includes(filter);
  }

  /** Decides for each test: "run", "skip", "todo" or "filtered". */
  function plan(suite, inheritedMode, matches) {
    let runs = 0;
    for (const child of suite.children) {
      const mode = child.mode === "skip" || inheritedMode === "skip" ? "skip"
        : child.mode === "only" ? "only" : inheritedMode;
      if (child.kind === "suite") {
        child.plannedMode = mode;
        runs += plan(child, mode, matches);
      } else {
        let decision;
        if (child.mode === "todo") decision = "todo";
        else if (!matches(fullName(child))) decision = "filtered";
        else if (mode === "skip") decision = "skip";
        else if (hasOnly && mode !== "only") decision = "skip";
        else decision = "run";
        child.decision = decision;
        if (decision === "run") runs++;
      }
    }
    suite.runs = runs;
    return runs;
  }

  const hooksOf = (suite, kind) => {
    const chain = [];
    for (let s = suite; s !== null; s = s.parent) chain.unshift(s);
    return chain.flatMap((s) => s[kind].map((h) => ({ ...h, suite: s })));
  };

  async function runSuite(suite, inheritedFailure) {
    let failure = inheritedFailure;
    if (suite.runs > 0 && failure === undefined) {
      for (const hook of suite.beforeAll) {
        try {
          await runStep(hook.fn, hook.timeout ?? defaultTimeout, "beforeAll hook");
        } catch (error) {
          failure = error;
          break;
        }
      }
    }
    for (const child of suite.children) {
      if (child.kind === "suite") await runSuite(child, failure);
      else await runTest(child, failure);
    }
    if (suite.runs > 0 && inheritedFailure === undefined) {
      for (const hook of suite.afterAll) {
        try {
          await runStep(hook.fn, hook.timeout ?? defaultTimeout, "afterAll hook");
        } catch (error) {
          const where = fullName(suite);
          report(where ? `${where} > afterAll` : "afterAll", "failed", 0, error);
        }
      }
    }
  }

  async function runTest(t, suiteFailure) {
    const name = fullName(t);
    switch (t.decision) {
      case "filtered": return;
      case "todo": report(name, "todo", 0); return;
      case "skip": report(name, "skipped", 0); return;
    }
    const start = ops.now();
    if (suiteFailure !== undefined) {
      report(name, "failed", 0, suiteFailure);
      return;
    }
    assertionCount = 0;
    expectedAssertions = null;
    needsAssertions = false;
    let failure;
    try {
      for (const hook of hooksOf(t.parent, "beforeEach")) {
        await runStep(hook.fn, hook.timeout ?? defaultTimeout, "beforeEach hook");
      }
      await runStep(t.fn, t.timeout ?? defaultTimeout, "test");
      if (expectedAssertions !== null && assertionCount !== expectedAssertions) {
        throw new AssertionError(`expected ${expectedAssertions} assertion${expectedAssertions === 1 ? "" : "s"}, but ${assertionCount} ran`);
      }
      if (needsAssertions && assertionCount === 0) throw new AssertionError("expected at least one assertion, but none ran");
    } catch (error) {
      failure = error;
    }
    for (const hook of hooksOf(t.parent, "afterEach").reverse()) {
      try {
        await runStep(hook.fn, hook.timeout ?? defaultTimeout, "afterEach hook");
      } catch (error) {
        if (failure === undefined) failure = error;
      }
    }
    const ms = ops.now() - start;
    if (failure === undefined) report(name, "passed", ms);
    else report(name, "failed", ms, failure);
  }

  /** Runs the declared tests; calls `finished()` when done (with the error's text if the runner itself failed). */
  function run(filter, timeout, finished) {
    if (typeof timeout === "number" && timeout > 0) defaultTimeout = timeout;
    running = true;
    const all = async () => {
      plan(root, "run", makeMatcher(filter));
      await runSuite(root, undefined);
      for (const error of fileErrors) report("", "failed", 0, error);
      fileErrors.length = 0;
    };
    all().then(() => finished(), (error) => finished(String(internals.formatError(error))));
  }

  /** An uncaught error or unhandled rejection (the runtime's formatted text): fails what runs now. */
  function uncaught(formatted) {
    const error = new UncaughtError(formatted);
    if (failCurrent !== null) failCurrent(error);
    else fileErrors.push(error);
  }

  const api = Object.freeze({
    test, it: test, describe, suite: describe, expect, beforeAll, afterAll, beforeEach, afterEach,
  });

  /** Makes the API the test file's globals (as Vitest's globals mode and bun test do). */
  function install() {
    for (const [name, value] of Object.entries(api)) internals.defineGlobal(name, value);
    internals.defineGlobal(Symbol.for("nano.test"), api);
  }

  internals.testing = Object.freeze({ install, run, uncaught, api });
});
