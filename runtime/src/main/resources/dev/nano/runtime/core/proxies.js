// Proxy recognition: structuredClone must refuse a Proxy (HTML StructuredSerializeInternal step 26,
// exotic objects) without running any of its traps, and JavaScript offers no test for one. So the
// realm's Proxy constructor and Proxy.revocable are wrapped, before any script runs, to remember
// every Proxy they create; internals.isProxy(value) then answers from that record, in pure JS.
(function (ops, internals) {
  "use strict";

  const { construct, apply, defineProperty } = Reflect;
  const NativeProxy = Proxy;
  /** The record, on a WeakSet whose methods no script can reach or patch. */
  class ProxySet extends WeakSet {}
  ProxySet.prototype.add = WeakSet.prototype.add;
  ProxySet.prototype.has = WeakSet.prototype.has;
  const proxies = new ProxySet();

  // Handlers without a prototype: a trap patched onto Object.prototype must not become one of theirs.
  // Everything the handlers do not trap (name, length, calling without `new`) reaches the original.
  const recordingProxy = new NativeProxy(NativeProxy, {
    __proto__: null,
    construct(target, args, newTarget) {
      const proxy = construct(target, args, newTarget);
      proxies.add(proxy);
      return proxy;
    },
  });
  const recordingRevocable = new NativeProxy(NativeProxy.revocable, {
    __proto__: null,
    apply(target, thisArgument, args) {
      const result = apply(target, thisArgument, args);
      proxies.add(result.proxy);
      return result;
    },
  });
  proxies.add(recordingProxy);
  proxies.add(recordingRevocable);
  defineProperty(NativeProxy, "revocable", { value: recordingRevocable, writable: true, enumerable: false, configurable: true });
  defineProperty(globalThis, "Proxy", { value: recordingProxy, writable: true, enumerable: false, configurable: true });

  /** True when `value` is a Proxy (revoked or not); never runs a trap. */
  internals.isProxy = (value) => proxies.has(value);
})
