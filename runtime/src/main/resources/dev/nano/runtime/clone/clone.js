// structuredClone(value, { transfer }): the HTML Standard's StructuredSerializeWithTransfer followed
// by StructuredDeserializeWithTransfer (§2.7.3–2.7.7), fused into one pass that builds the copy as it
// walks the value: both halves run in the same realm, so no intermediate record is needed.
(function (ops, internals) {
  "use strict";

  const { DOMException, isProxy } = internals;
  // The built-ins a clone constructs, captured at start-up: scripts that replace the globals or patch
  // their prototypes cannot change what a clone does.
  const { Object, Array, Map, Set, WeakMap, WeakSet, WeakRef, FinalizationRegistry, Date, RegExp, Boolean, Number,
    String, BigInt, Symbol, ArrayBuffer, SharedArrayBuffer, DataView, Uint8Array, Function, TypeError } = globalThis;

  /** The memory of one clone (original → copy), on a Map whose methods no script can reach. */
  class Memory extends Map {}
  Memory.prototype.get = Map.prototype.get;
  Memory.prototype.set = Map.prototype.set;
  Memory.prototype.has = Map.prototype.has;

  const uncurryThis = (fn) => Function.prototype.call.bind(fn);
  const getter = (proto, key) => uncurryThis(Object.getOwnPropertyDescriptor(proto, key).get);
  const { getPrototypeOf, keys: objectKeys, defineProperty, hasOwn, getOwnPropertyDescriptor, isExtensible } = Object;
  const ObjectPrototype = Object.prototype;
  const ArrayPrototype = Array.prototype;
  const MapPrototype = Map.prototype;
  const SetPrototype = Set.prototype;
  const DatePrototype = Date.prototype;
  const ArrayBufferPrototype = ArrayBuffer.prototype;
  const isArray = Array.isArray;
  const objectToString = uncurryThis(Object.prototype.toString);

  const mapForEach = uncurryThis(Map.prototype.forEach);
  const mapSet = uncurryThis(Map.prototype.set);
  const setForEach = uncurryThis(Set.prototype.forEach);
  const setAdd = uncurryThis(Set.prototype.add);

  const dateGetTime = uncurryThis(Date.prototype.getTime);
  const NOT_A_DATE = Symbol("not a Date");
  const RegExpPrototype = RegExp.prototype;
  const regExpSource = getter(RegExp.prototype, "source");
  // [[OriginalFlags]], read flag by flag through the slot-reading getters (the "flags" getter is observable).
  const regExpFlagGetters = [
    ["d", "hasIndices"], ["g", "global"], ["i", "ignoreCase"], ["m", "multiline"], ["s", "dotAll"],
    ["u", "unicode"], ["v", "unicodeSets"], ["y", "sticky"],
  ].filter(([, name]) => getOwnPropertyDescriptor(RegExp.prototype, name)).map(([flag, name]) => [flag, getter(RegExp.prototype, name)]);

  const arrayBufferByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const arrayBufferResizable = getter(ArrayBuffer.prototype, "resizable");
  const arrayBufferMaxByteLength = getter(ArrayBuffer.prototype, "maxByteLength");
  const arrayBufferDetached = getter(ArrayBuffer.prototype, "detached");
  const arrayBufferSlice = uncurryThis(ArrayBuffer.prototype.slice);
  const arrayBufferTransfer = uncurryThis(ArrayBuffer.prototype.transfer);
  const SharedArrayBufferPrototype = typeof SharedArrayBuffer === "function" ? SharedArrayBuffer.prototype : null;
  const sharedArrayBufferByteLength = SharedArrayBufferPrototype && getter(SharedArrayBufferPrototype, "byteLength");
  const isView = ArrayBuffer.isView;
  const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
  const typedArrayName = getter(TypedArrayPrototype, Symbol.toStringTag);
  const typedArrayBuffer = getter(TypedArrayPrototype, "buffer");
  const typedArrayByteOffset = getter(TypedArrayPrototype, "byteOffset");
  const typedArrayLength = getter(TypedArrayPrototype, "length");
  const typedArraySet = uncurryThis(TypedArrayPrototype.set);
  const dataViewBuffer = getter(DataView.prototype, "buffer");
  const dataViewByteOffset = getter(DataView.prototype, "byteOffset");
  const dataViewByteLength = getter(DataView.prototype, "byteLength");
  const typedArrayConstructors = { __proto__: null };
  for (const name of ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {
    if (typeof globalThis[name] === "function") typedArrayConstructors[name] = globalThis[name];
  }
  const bytesPerElement = (name) => typedArrayConstructors[name].BYTES_PER_ELEMENT;

  const booleanValueOf = uncurryThis(Boolean.prototype.valueOf);
  const numberValueOf = uncurryThis(Number.prototype.valueOf);
  const stringValueOf = uncurryThis(String.prototype.valueOf);
  const bigIntValueOf = uncurryThis(BigInt.prototype.valueOf);
  const symbolValueOf = uncurryThis(Symbol.prototype.valueOf);
  const weakMapHas = uncurryThis(WeakMap.prototype.has);
  const weakSetHas = uncurryThis(WeakSet.prototype.has);
  const weakRefDeref = uncurryThis(WeakRef.prototype.deref);
  const finalizationRegistryUnregister = uncurryThis(FinalizationRegistry.prototype.unregister);

  // HTML StructuredSerializeInternal step 18: only the native error names survive; others become "Error".
  const errorConstructors = { __proto__: null, Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

  /** Describes the value that failed, the way V8 does: "function f() {} could not be cloned." */
  function describe(value) {
    if (typeof value === "function") {
      const source = Function.prototype.toString.call(value);
      return source.length > 60 ? source.slice(0, 57) + "..." : source;
    }
    if (typeof value === "symbol") return symbolDescription(value);
    let name = "Object";
    try {
      const tag = objectToString(value).slice(8, -1);
      name = tag === "Object" ? (value.constructor?.name || "Object") : tag;
    } catch {
      // a revoked Proxy or a hostile getter: keep the generic name
    }
    return `#<${name}>`;
  }

  function symbolDescription(symbol) {
    return `Symbol(${symbol.description ?? ""})`;
  }

  function dataCloneError(value) {
    return new DOMException(`${describe(value)} could not be cloned.`, "DataCloneError");
  }

  /** A Proxy or host object: described without touching it, since any access could run a trap. */
  function exoticCloneError() {
    return new DOMException("#<Proxy> (or host object) could not be cloned.", "DataCloneError");
  }

  /** True when `check(value)` does not throw: the brand checks of the built-ins throw on objects without the slot. */
  function hasSlot(check, value) {
    try {
      check(value);
      return true;
    } catch {
      return false;
    }
  }

  /** The state of one structuredClone call: `memory` maps each original object to its copy. */
  class Cloner {
    constructor(memory) {
      this.memory = memory;
    }

    clone(value) {
      if (typeof value !== "object" || value === null) {
        if (typeof value === "function" || typeof value === "symbol") throw dataCloneError(value);
        return value; // primitives, step 4
      }
      const seen = this.memory.get(value);
      if (seen !== undefined) return seen;
      // Before anything that could run a trap: even reading a Proxy's prototype would.
      if (isProxy(value)) throw exoticCloneError();
      // The prototype picks the likely kind and a brand check (which a look-alike fails) confirms it;
      // everything else, subclass instances and impostors included, takes the general path. The
      // brand check is the first operation that needs the slot: it throws on a look-alike.
      const proto = getPrototypeOf(value);
      if (proto === ObjectPrototype) {
        if (objectToString(value) === "[object Object]") return this.cloneObject(value, {});
      } else if (proto === ArrayPrototype) {
        if (isArray(value)) return this.cloneArray(value);
      } else if (proto === MapPrototype) {
        const copy = this.cloneIfMap(value);
        if (copy !== undefined) return copy;
      } else if (proto === SetPrototype) {
        const copy = this.cloneIfSet(value);
        if (copy !== undefined) return copy;
      } else if (proto === DatePrototype) {
        const time = timeValueOf(value);
        if (time !== NOT_A_DATE) {
          const copy = new Date(time);
          this.memory.set(value, copy);
          return copy;
        }
      } else if (proto === ArrayBufferPrototype) {
        const copy = this.cloneIfArrayBuffer(value);
        if (copy !== undefined) return copy;
      } else if (isView(value)) {
        return this.cloneView(value);
      }
      return this.cloneByTag(value);
    }

    /** Objects with internal slots, platform objects, and ordinary objects with another prototype. */
    cloneByTag(value) {
      if (isView(value)) return this.cloneView(value);
      // Host (Java) objects are never extensible: only then is asking the host worth its cost.
      if (!isExtensible(value) && ops.isHostObject(value)) throw exoticCloneError();
      const tag = objectToString(value);
      switch (tag) {
        case "[object Array]":
          return this.cloneArray(value);
        case "[object Date]":
          return this.remember(value, new Date(dateGetTime(value)));
        case "[object RegExp]": {
          if (value !== RegExpPrototype) return this.cloneRegExp(value);
          break;
        }
        case "[object Boolean]":
          return this.remember(value, Object(booleanValueOf(value)));
        case "[object Number]":
          return this.remember(value, Object(numberValueOf(value)));
        case "[object String]":
          return this.remember(value, Object(stringValueOf(value)));
        case "[object Error]":
          return this.cloneError(value);
        // The other built-ins take their tag from the prototype: the tag picks the candidate and the
        // brand check confirms it, so a mismatch never throws and an impostor stays an ordinary object.
        case "[object Map]": {
          const copy = this.cloneIfMap(value);
          if (copy !== undefined) return copy;
          break;
        }
        case "[object Set]": {
          const copy = this.cloneIfSet(value);
          if (copy !== undefined) return copy;
          break;
        }
        case "[object ArrayBuffer]": {
          const copy = this.cloneIfArrayBuffer(value);
          if (copy !== undefined) return copy;
          break;
        }
        case "[object SharedArrayBuffer]":
          // Same agent: the clone shares the block, and this realm's only handle on it is the object itself.
          if (hasSlot(sharedArrayBufferByteLength, value)) return this.remember(value, value);
          break;
        case "[object BigInt]":
          if (hasSlot(bigIntValueOf, value)) return this.remember(value, Object(bigIntValueOf(value)));
          break;
        case "[object Symbol]":
          if (hasSlot(symbolValueOf, value)) throw dataCloneError(value);
          break;
        case "[object WeakMap]":
          if (hasSlot((v) => weakMapHas(v, ObjectPrototype), value)) throw dataCloneError(value);
          break;
        case "[object WeakSet]":
          if (hasSlot((v) => weakSetHas(v, ObjectPrototype), value)) throw dataCloneError(value);
          break;
        case "[object WeakRef]":
          if (hasSlot(weakRefDeref, value)) throw dataCloneError(value);
          break;
        case "[object FinalizationRegistry]":
          if (hasSlot((v) => finalizationRegistryUnregister(v, ObjectPrototype), value)) throw dataCloneError(value);
          break;
        case "[object Promise]":
          // no side-effect-free brand check exists for promises: the tag decides
          throw dataCloneError(value);
        default:
          break;
      }
      const platformCopy = this.clonePlatformObject(value);
      if (platformCopy !== undefined) return platformCopy;
      return this.cloneObject(value, {});
    }

    remember(value, copy) {
      this.memory.set(value, copy);
      return copy;
    }

    /** Step 26: own enumerable string-keyed properties, in order, each read once. */
    cloneObject(value, copy) {
      this.memory.set(value, copy);
      return this.cloneProperties(value, copy, objectKeys(value));
    }

    /**
     * Clones the own enumerable string-keyed properties `keys` of `value` onto `copy`. Like every loop
     * here, it tests step 4 (a primitive other than a symbol is its own copy) itself: until the JIT's
     * second tier inlines, a call per value is a real call.
     */
    cloneProperties(value, copy, keys) {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (!hasOwn(value, key)) continue; // deleted by an earlier getter
        const original = readAt(i, value, key);
        const element = typeof original !== "object" && typeof original !== "function" && typeof original !== "symbol" ? original : this.clone(original);
        if (key === "__proto__") {
          defineProperty(copy, key, { value: element, writable: true, enumerable: true, configurable: true });
        } else {
          writeAt(i, copy, key, element);
        }
      }
      return copy;
    }

    /** Step 21: an array of the same length, holes kept, then the other own enumerable properties. */
    cloneArray(value) {
      const length = value.length;
      const copy = new Array(length);
      this.memory.set(value, copy);
      const keys = objectKeys(value);
      if (keys.length === length && (length === 0 || keys[length - 1] === `${length - 1}`)) {
        // Dense: `length` keys ending with index length-1 are exactly the indices 0..length-1.
        for (let i = 0; i < length; i++) {
          const original = value[i];
          copy[i] = typeof original !== "object" && typeof original !== "function" && typeof original !== "symbol" ? original : this.clone(original);
        }
        return copy;
      }
      return this.cloneProperties(value, copy, keys);
    }

    cloneRegExp(value) {
      let flags = "";
      for (let i = 0; i < regExpFlagGetters.length; i++) {
        if (regExpFlagGetters[i][1](value)) flags += regExpFlagGetters[i][0];
      }
      return this.remember(value, new RegExp(regExpSource(value), flags));
    }

    /**
     * Step 19: the entries are listed first, so getters that mutate the Map do not change what is
     * copied. Listing them is also the brand check: undefined when `value` is not a Map.
     */
    cloneIfMap(value) {
      const entries = [];
      try {
        mapForEach(value, appendEntry, entries);
      } catch {
        return undefined;
      }
      const copy = new Map();
      this.memory.set(value, copy);
      for (let i = 0; i < entries.length; i += 2) {
        const key = entries[i];
        const keyCopy = typeof key !== "object" && typeof key !== "function" && typeof key !== "symbol" ? key : this.clone(key);
        const entryValue = entries[i + 1];
        mapSet(copy, keyCopy, typeof entryValue !== "object" && typeof entryValue !== "function" && typeof entryValue !== "symbol" ? entryValue : this.clone(entryValue));
      }
      return copy;
    }

    /** Step 20, like a Map: undefined when `value` is not a Set. */
    cloneIfSet(value) {
      const members = [];
      try {
        setForEach(value, appendMember, members);
      } catch {
        return undefined;
      }
      const copy = new Set();
      this.memory.set(value, copy);
      for (let i = 0; i < members.length; i++) {
        const member = members[i];
        setAdd(copy, typeof member !== "object" && typeof member !== "function" && typeof member !== "symbol" ? member : this.clone(member));
      }
      return copy;
    }

    /**
     * Step 13: a detached buffer cannot be cloned; a resizable one keeps its maximum length.
     * Undefined when `value` is not an ArrayBuffer (a SharedArrayBuffer included).
     */
    cloneIfArrayBuffer(value) {
      let detached;
      try {
        detached = arrayBufferDetached(value);
      } catch {
        return undefined;
      }
      if (detached) throw dataCloneError(value);
      let copy;
      if (arrayBufferResizable(value)) {
        const length = arrayBufferByteLength(value);
        copy = new ArrayBuffer(length, { maxByteLength: arrayBufferMaxByteLength(value) });
        typedArraySet(new Uint8Array(copy), new Uint8Array(value, 0, length));
      } else {
        copy = arrayBufferSlice(value, 0);
      }
      this.memory.set(value, copy);
      return copy;
    }

    /** Step 14: the buffer is cloned (or found in memory), then a view of the same kind over it. */
    cloneView(value) {
      const name = typedArrayName(value);
      if (name === undefined) {
        const buffer = this.cloneViewedBuffer(dataViewBuffer(value));
        return this.remember(value, new DataView(buffer, dataViewByteOffset(value), dataViewByteLength(value)));
      }
      const sourceBuffer = typedArrayBuffer(value);
      const buffer = this.cloneViewedBuffer(sourceBuffer);
      const offset = typedArrayByteOffset(value);
      const length = typedArrayLength(value);
      const Constructor = typedArrayConstructors[name];
      // A view over a resizable buffer that reaches its end is taken to track the buffer's length.
      const tracksLength = isResizable(sourceBuffer) &&
        offset + length * bytesPerElement(name) === byteLengthOf(sourceBuffer);
      const copy = tracksLength ? new Constructor(buffer, offset) : new Constructor(buffer, offset, length);
      this.memory.set(value, copy);
      return copy;
    }

    /**
     * A view's [[ViewedArrayBuffer]]: a real ArrayBuffer or SharedArrayBuffer, never a Proxy, so its
     * slot decides its kind and its prototype is not consulted.
     */
    cloneViewedBuffer(buffer) {
      const seen = this.memory.get(buffer);
      if (seen !== undefined) return seen;
      const copy = this.cloneIfArrayBuffer(buffer);
      return copy !== undefined ? copy : this.remember(buffer, buffer); // shared: the same block
    }

    /** Step 18: name (native ones only), message, cause, and the stack as V8 keeps it. */
    cloneError(value) {
      const nameValue = value.name;
      const name = typeof nameValue === "string" && errorConstructors[nameValue] ? nameValue : "Error";
      const messageDesc = getOwnPropertyDescriptor(value, "message");
      const message = messageDesc !== undefined && "value" in messageDesc ? String(messageDesc.value) : undefined;
      const copy = message === undefined ? new errorConstructors[name]() : new errorConstructors[name](message);
      this.memory.set(value, copy);
      const causeDesc = getOwnPropertyDescriptor(value, "cause");
      if (causeDesc !== undefined && "value" in causeDesc) {
        defineProperty(copy, "cause", { value: this.clone(causeDesc.value), writable: true, enumerable: false, configurable: true });
      }
      const stack = value.stack;
      if (typeof stack === "string") {
        defineProperty(copy, "stack", { value: stack, writable: true, enumerable: false, configurable: true });
      }
      return copy;
    }

    /**
     * Serializable platform objects (HTML [Serializable]) of the other APIs, looked up when needed so
     * the load order of the APIs does not matter: DOMException, Blob and File, CryptoKey.
     */
    clonePlatformObject(value) {
      if (value instanceof DOMException) {
        return this.remember(value, new DOMException(value.message, value.name));
      }
      const messaging = loaded("messaging");
      if (messaging !== undefined && messaging.isPort(value)) {
        // §9.4.3: a MessagePort is transferable, not serializable; only the transfer list can carry it.
        throw new DOMException("A MessagePort could not be cloned: it must be listed in 'transfer'.", "DataCloneError");
      }
      const blob = loaded("blob");
      if (blob !== undefined && blob.isBlob(value)) {
        const { File } = globalThis;
        if (value instanceof File) {
          return this.remember(value, new File([value], value.name, { type: value.type, lastModified: value.lastModified }));
        }
        // A Blob's bytes are immutable: the copy shares the snapshot, as the spec's serialization does.
        return this.remember(value, blob.create(blob.bytesOf(value), value.type));
      }
      const crypto = loaded("crypto");
      if (crypto !== undefined && crypto.isCryptoKey(value)) {
        return this.remember(value, crypto.cloneKey(value));
      }
      // Platform objects that are not [Serializable] (step 25): URL and URLSearchParams.
      const url = loaded("url");
      if (url !== undefined && url.isUrlObject(value)) throw dataCloneError(value);
      return undefined;
    }
  }

  /**
   * An API's internals if that API has been loaded, without loading it: none of its objects can
   * exist before it is.
   */
  function loaded(name) {
    return getOwnPropertyDescriptor(internals, name)?.value;
  }

  /** False for a fixed-length ArrayBuffer and for a SharedArrayBuffer (whose getter throws). */
  function isResizable(buffer) {
    try {
      return arrayBufferResizable(buffer);
    } catch {
      return false;
    }
  }

  /** A Date's time value (step 9), or NOT_A_DATE when `value` has no [[DateValue]]. */
  function timeValueOf(value) {
    try {
      return dateGetTime(value);
    } catch {
      return NOT_A_DATE;
    }
  }


  // Property access by position in the key list. Objects built alike (a list of records) have the
  // same key at the same position, so a site per position keeps each inline cache to a few shapes,
  // where one `value[key]` site for every key goes megamorphic: about 3x slower per property on GraalJS.

  /** value[key], where `key` is at `position` in the key list of `value`. */
  function readAt(position, value, key) {
    switch (position) {
      case 0: return value[key];
      case 1: return value[key];
      case 2: return value[key];
      case 3: return value[key];
      case 4: return value[key];
      case 5: return value[key];
      case 6: return value[key];
      case 7: return value[key];
      case 8: return value[key];
      case 9: return value[key];
      case 10: return value[key];
      case 11: return value[key];
      case 12: return value[key];
      case 13: return value[key];
      case 14: return value[key];
      case 15: return value[key];
      default: return value[key];
    }
  }

  /** copy[key] = element, where `key` is at `position` in the key list being copied. */
  function writeAt(position, copy, key, element) {
    switch (position) {
      case 0: copy[key] = element; return;
      case 1: copy[key] = element; return;
      case 2: copy[key] = element; return;
      case 3: copy[key] = element; return;
      case 4: copy[key] = element; return;
      case 5: copy[key] = element; return;
      case 6: copy[key] = element; return;
      case 7: copy[key] = element; return;
      case 8: copy[key] = element; return;
      case 9: copy[key] = element; return;
      case 10: copy[key] = element; return;
      case 11: copy[key] = element; return;
      case 12: copy[key] = element; return;
      case 13: copy[key] = element; return;
      case 14: copy[key] = element; return;
      case 15: copy[key] = element; return;
      default: copy[key] = element;
    }
  }

  /** Map.prototype.forEach callback (this: the list): lists key then value. */
  function appendEntry(entryValue, key) {
    this[this.length] = key;
    this[this.length] = entryValue;
  }

  /** Set.prototype.forEach callback (this: the list). */
  function appendMember(member) {
    this[this.length] = member;
  }

  function byteLengthOf(buffer) {
    return hasSlot(arrayBufferByteLength, buffer) ? arrayBufferByteLength(buffer) : sharedArrayBufferByteLength(buffer);
  }

  /** WebIDL StructuredSerializeOptions: { transfer: sequence<object> = [] }. */
  function transferListOf(options) {
    if (options === undefined || options === null) return [];
    if (typeof options !== "object" && typeof options !== "function") {
      throw new TypeError("Failed to execute 'structuredClone': The provided value is not of type 'StructuredSerializeOptions'.");
    }
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    if (transfer === null || typeof transfer !== "object" && typeof transfer !== "function" || typeof transfer[Symbol.iterator] !== "function") {
      throw new TypeError("Failed to execute 'structuredClone': The 'transfer' option is not iterable.");
    }
    const list = [];
    for (const item of transfer) {
      if (item === null || typeof item !== "object" && typeof item !== "function") {
        throw new TypeError("Failed to execute 'structuredClone': Transfer list items must be objects.");
      }
      list[list.length] = item;
    }
    return list;
  }

  /**
   * StructuredSerializeWithTransfer steps 1–4: every entry must be a distinct transferable: an
   * attached, non-shared ArrayBuffer or a MessagePort. Buffers are then cloned like any buffer (views
   * over them still read their offsets before anything is detached); each port stands for a fresh
   * port in the memory. Only a clone that succeeded detaches or moves anything.
   */
  function checkTransferList(list, memory) {
    const listed = new Memory();
    const messaging = loaded("messaging");
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const isPort = messaging !== undefined && messaging.isPort(item);
      // the brand check fails for a Proxy or host object too
      if (!isPort && !hasSlot(arrayBufferByteLength, item)) {
        throw new DOMException(`Value at index ${i} does not have a transferable type.`, "DataCloneError");
      }
      const kind = isPort ? "MessagePort" : "ArrayBuffer";
      if (listed.has(item)) {
        throw new DOMException(`${kind} at index ${i} is a duplicate of an earlier ${kind}. Duplicates are not allowed.`, "DataCloneError");
      }
      listed.set(item, true);
      if (isPort) {
        memory.set(item, messaging.prepareTransfer(item));
      } else if (arrayBufferDetached(item)) {
        throw new DOMException(`ArrayBuffer at index ${i} is already detached.`, "DataCloneError");
      }
    }
  }

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    }
    const transfer = transferListOf(options);
    if (transfer.length === 0) return new Cloner(new Memory()).clone(value);
    const memory = new Memory();
    checkTransferList(transfer, memory);
    const copy = new Cloner(memory).clone(value);
    // StructuredSerializeWithTransfer step 6: detach each listed buffer (its clone is where it
    // appeared, or, for a buffer listed but not reachable from the value, a clone nobody will see),
    // and move each listed port into the port that took its place.
    for (let i = 0; i < transfer.length; i++) {
      const item = transfer[i];
      if (hasSlot(arrayBufferByteLength, item)) arrayBufferTransfer(item, 0);
      else loaded("messaging").completeTransfer(item, memory.get(item));
    }
    return copy;
  }

  internals.structuredClone = structuredClone;
  internals.defineGlobal("structuredClone", structuredClone);
})
