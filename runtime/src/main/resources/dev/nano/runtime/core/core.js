// The shared foundation every other Web API builds on: how globals are exposed, DOMException,
// error construction for host ops, and small WebIDL conversion helpers.
(function (ops, internals) {
  "use strict";

  /** Installs a global as WebIDL does for interfaces: writable, configurable, not enumerable. */
  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // ---- Getters a tool may call to look at a value (the REPL's completer): NANO's own that only
  // read state, never run a script's code and consume nothing (`response.status`, not `.body`).
  // A WeakSet whose methods were taken before any script ran, so no script can patch them.
  class GetterSet extends WeakSet {}
  GetterSet.prototype.add = WeakSet.prototype.add;
  GetterSet.prototype.has = WeakSet.prototype.has;
  const sideEffectFree = new GetterSet();
  const getOwnDescriptor = Object.getOwnPropertyDescriptor;

  /** Marks the getters of `obj`'s accessor properties `names` as side-effect-free. */
  function markSideEffectFree(obj, ...names) {
    for (let i = 0; i < names.length; i++) {
      const get = getOwnDescriptor(obj, names[i])?.get;
      if (get === undefined) throw new TypeError(`markSideEffectFree: ${String(names[i])} is not a getter`);
      sideEffectFree.add(get);
    }
  }

  // The lazy globals' getters, made at start-up: kept in a list until the first question, so that
  // start-up pays an array store for each rather than a WeakSet entry.
  const lazyGetters = [];

  /** The whole set, the lazy globals' getters included. */
  function allSideEffectFree() {
    if (lazyGetters.length > 0) {
      for (let i = 0; i < lazyGetters.length; i++) sideEffectFree.add(lazyGetters[i]);
      lazyGetters.length = 0;
    }
    return sideEffectFree;
  }

  function isSideEffectFreeGetter(fn) {
    return allSideEffectFree().has(fn);
  }

  /** Defines a lazily created global: the value is built on first access (keeps start-up fast). */
  function defineLazyGlobal(name, create) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = create();
        defineGlobal(name, value);
        return value;
      },
      set(value) {
        defineGlobal(name, value);
      },
    });
    markSideEffectFree(globalThis, name);
  }

  /**
   * An extension loaded on first use: touching any of `globalNames`, or any of `internalNames` on
   * `internals`, runs `load()` once, which defines the real values. Returns a function that forces
   * the load.
   */
  function defineLazyExtension(globalNames, internalNames, load) {
    let loaded = false;
    const ensureLoaded = () => {
      if (loaded) return;
      loaded = true;
      for (const name of globalNames) delete globalThis[name];
      for (const name of internalNames) delete internals[name];
      load();
    };
    for (const name of globalNames) {
      // Loading NANO's own API runs none of a script's code: a completer may read `Response.`.
      const get = () => {
        ensureLoaded();
        return globalThis[name];
      };
      lazyGetters[lazyGetters.length] = get;
      Object.defineProperty(globalThis, name, {
        configurable: true,
        enumerable: false,
        get,
        set(value) {
          ensureLoaded();
          defineGlobal(name, value);
        },
      });
    }
    for (const name of internalNames) {
      Object.defineProperty(internals, name, {
        configurable: true,
        enumerable: true,
        get() {
          ensureLoaded();
          return internals[name];
        },
        set(value) {
          Object.defineProperty(internals, name, { value, writable: true, configurable: true, enumerable: true });
        },
      });
    }
    return ensureLoaded;
  }

  // WebIDL §3.14.1 DOMException: names with their legacy codes.
  const legacyCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19,
    AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const kName = Symbol("name");
  const kMessage = Symbol("message");

  class DOMException {
    constructor(message = "", options = "Error") {
      this[kMessage] = String(message);
      if (options !== null && typeof options === "object") {
        // Newer WebIDL: new DOMException(message, { name, cause })
        this[kName] = "name" in options ? String(options.name) : "Error";
        if ("cause" in options) {
          Object.defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
        }
      } else {
        this[kName] = String(options);
      }
      const holder = {};
      Error.captureStackTrace?.(holder, DOMException);
      const stack = holder.stack ?? new Error().stack;
      Object.defineProperty(this, "stack", {
        value: typeof stack === "string" ? stack.replace(/^Error\b[^\n]*/, `${this[kName]}: ${this[kMessage]}`) : undefined,
        writable: true, configurable: true, enumerable: false,
      });
    }
    get name() {
      if (!(kName in this)) throw new TypeError("Illegal invocation");
      return this[kName];
    }
    get message() {
      if (!(kMessage in this)) throw new TypeError("Illegal invocation");
      return this[kMessage];
    }
    get code() {
      if (!(kName in this)) throw new TypeError("Illegal invocation");
      return legacyCodes[this[kName]] ?? 0;
    }
  }
  Object.setPrototypeOf(DOMException.prototype, Error.prototype);
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: "DOMException", configurable: true });
  const constantNames = {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25,
  };
  for (const [key, value] of Object.entries(constantNames)) {
    const desc = { value, writable: false, configurable: false, enumerable: true };
    Object.defineProperty(DOMException, key, desc);
    Object.defineProperty(DOMException.prototype, key, desc);
  }
  for (const key of ["name", "message", "code"]) {
    Object.defineProperty(DOMException.prototype, key, { enumerable: true });
  }
  markSideEffectFree(DOMException.prototype, "name", "message", "code");
  defineGlobal("DOMException", DOMException);

  // WebIDL §3.14.2 QuotaExceededError: a DOMException with optional quota and requested amounts.
  class QuotaExceededError extends DOMException {
    #quota = null;
    #requested = null;
    constructor(message = "", options = {}) {
      super(message, "QuotaExceededError");
      const quota = options?.quota === undefined ? null : Number(options.quota);
      const requested = options?.requested === undefined ? null : Number(options.requested);
      for (const [name, value] of [["quota", quota], ["requested", requested]]) {
        if (value !== null && (!Number.isFinite(value) || value < 0)) throw new RangeError(`${name} must be a finite, non-negative number`);
      }
      if (quota !== null && requested !== null && requested < quota) throw new RangeError("requested must not be less than quota");
      this.#quota = quota;
      this.#requested = requested;
    }
    get quota() {
      return this.#quota;
    }
    get requested() {
      return this.#requested;
    }
  }
  for (const key of ["quota", "requested"]) {
    Object.defineProperty(QuotaExceededError.prototype, key, { enumerable: true });
  }
  markSideEffectFree(QuotaExceededError.prototype, "quota", "requested");
  defineGlobal("QuotaExceededError", QuotaExceededError);

  const nativeErrors = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

  /** Builds the error a host op failure should surface as: a native error or a DOMException. */
  function makeError(name, message) {
    const Native = nativeErrors[name];
    if (Native) return new Native(message);
    if (name === "QuotaExceededError") return new QuotaExceededError(message);
    return new DOMException(message, name);
  }

  /** Formats an uncaught error the way Node prints it: the stack if there is one. */
  function formatError(error) {
    if (error !== null && typeof error === "object") {
      const stack = error.stack;
      if (typeof stack === "string" && stack.length > 0) {
        const head = `${error.name ?? "Error"}: ${error.message ?? ""}`;
        return stack.startsWith(head) || !("message" in error) ? stack : `${head}\n${stack.replace(/^[^\n]*\n?/, "")}`;
      }
      if (internals.inspect) return internals.inspect(error);
    }
    return internals.inspect ? internals.inspect(error) : String(error);
  }

  // ---- WebIDL conversions used across the APIs (WebIDL §3.2).
  const webidl = {
    /** BufferSource → Uint8Array view over the same memory (no copy). */
    toBytes(value, context = "Argument") {
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer)) {
        return new Uint8Array(value);
      }
      if (ArrayBuffer.isView(value)) {
        return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      }
      throw new TypeError(`${context} is not an ArrayBuffer or ArrayBufferView`);
    },
    isBufferSource(value) {
      return value instanceof ArrayBuffer || ArrayBuffer.isView(value) ||
        (typeof SharedArrayBuffer !== "undefined" && value instanceof SharedArrayBuffer);
    },
    /** Copies a BufferSource into a fresh ArrayBuffer (WebIDL "get a copy of the bytes held by the buffer source"). */
    copyBytes(value, context) {
      return webidl.toBytes(value, context).slice();
    },
    /**
     * Host bytes (a fresh Java ByteBuffer handed over by an op) → a Uint8Array viewing them without
     * a copy. Ops must never hand over a buffer they reuse. Copying here would cost an interop read
     * per byte (hundreds of ms per MB interpreted); a view costs nothing and goes back to the host
     * with one bulk read.
     */
    fromHost(bytes) {
      if (bytes == null) return new Uint8Array(0);
      return new Uint8Array(bytes);
    },
    requiredArguments(count, required, prefix) {
      if (count < required) {
        throw new TypeError(`${prefix}: ${required} argument${required === 1 ? "" : "s"} required, but only ${count} present`);
      }
    },
    toUSVString(value) {
      return String(value).toWellFormed();
    },
    /** WebIDL [EnforceRange] unsigned long long style conversion. */
    enforceRange(value, min, max, context) {
      const x = Number(value);
      if (!Number.isFinite(x)) throw new TypeError(`${context} is not a finite number`);
      const t = Math.trunc(x);
      if (t < min || t > max) throw new TypeError(`${context} is outside the accepted range`);
      return t;
    },
  };

  /**
   * The ops object a script half receives: same method names, but a host exception thrown by an
   * op (a JsError naming TypeError, DataError, ...) is rethrown as that JS error.
   */
  function wrapOps(hostOps, names) {
    const wrapped = {};
    for (const name of names) {
      // The method read once: a member lookup by name inside this shared function would see every
      // op of every API and fall back to the slow generic lookup (measured 2.5x the cost per call).
      const method = hostOps[name];
      wrapped[name] = function (...args) {
        try {
          return method(...args);
        } catch (e) {
          throw ops.toJsError(e);
        }
      };
    }
    return Object.freeze(wrapped);
  }

  // AsyncContext is an experimental proposal in GraalJS: the runtime uses it (a served request's
  // scope follows its awaits and timers) without offering scripts an API that may still change.
  const { AsyncContext } = globalThis;
  delete globalThis.AsyncContext;

  // GraalJS's print and printErr write through the context's own output streams, the ones
  // GraalVM's instruments listen to (the inspector shows them in the DevTools console); console
  // writes with them, and scripts do not see them (no browser, Deno or Node has them).
  const contextStreams = typeof globalThis.print === "function" && typeof globalThis.printErr === "function"
    ? Object.freeze({ out: globalThis.print, err: globalThis.printErr })
    : undefined;
  delete globalThis.print;
  delete globalThis.printErr;

  Object.assign(internals, { wrapOps, defineGlobal, defineLazyGlobal, defineLazyExtension,
    markSideEffectFree, isSideEffectFreeGetter, DOMException, QuotaExceededError, makeError, formatError, webidl, AsyncContext, contextStreams });

  Object.defineProperty(internals, "sideEffectFree", { get: allSideEffectFree, enumerable: true });

  defineGlobal("self", globalThis);
  // Scripts see no Java: host class lookup is already denied; remove the entry point itself.
  delete globalThis.Java;
})
