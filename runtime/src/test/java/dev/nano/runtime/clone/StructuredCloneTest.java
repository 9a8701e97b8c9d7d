package dev.nano.runtime.clone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class StructuredCloneTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    /** The DataCloneError a body throws, as "name code: message". */
    private static String cloneError(String body) {
        return js.run("try { " + body + "; return 'no error'; } catch (e) {"
                + " return (e instanceof DOMException ? '' : 'not a DOMException ') + e.name + ' ' + e.code + ': ' + e.message; }");
    }

    @Test
    void primitives_come_back_as_they_were_including_negative_zero_nan_and_bigint() {
        assertThat(js.run("""
                const values = [undefined, null, true, 0.5, -0, NaN, Infinity, 'x\\uD800', 12345678901234567890n];
                return values.map((v) => Object.is(structuredClone(v), v)).join();""")).isEqualTo("true,true,true,true,true,true,true,true,true");
    }

    @Test
    void wrapper_objects_date_and_regexp_keep_their_values_but_not_last_index() {
        assertThat(js.run("""
                const r = /a+b/gimsuy; r.lastIndex = 3;
                const [b, n, s, big, d, rc] = structuredClone([new Boolean(false), new Number(-0), new String('s'), Object(5n), new Date(42), r]);
                return [b instanceof Boolean && b.valueOf() === false, Object.is(n.valueOf(), -0), s.valueOf(), typeof big, big.valueOf(),
                  d instanceof Date && d.getTime(), String(rc), rc.lastIndex, rc !== r].join();""")).isEqualTo("true,true,s,object,5,42,/a+b/gimsuy,0,true");
    }

    @Test
    void plain_objects_keep_own_enumerable_string_keys_in_order_and_read_getters_once() {
        assertThat(js.run("""
                let reads = 0;
                const source = Object.create({ inherited: 1 }, { hidden: { value: 1, enumerable: false } });
                source.b = 1; source.a = 2; source[Symbol('s')] = 3;
                Object.defineProperty(source, 'g', { get() { reads++; return 'got'; }, enumerable: true });
                source['__proto__'] = 0;
                const copy = structuredClone(JSON.parse('{"__proto__": {"p": 1}}'));
                const c = structuredClone(source);
                return [Object.keys(c).join('|'), reads, c.g, Object.getOwnPropertyDescriptor(c, 'g').value, 'inherited' in c,
                  Object.getPrototypeOf(copy) === Object.prototype, copy.__proto__.p].join();"""))
                .isEqualTo("b|a|g,1,got,got,false,true,1");
    }

    @Test
    void objects_of_many_shapes_and_more_than_sixteen_keys_keep_every_key_in_order() {
        assertThat(js.run("""
                const wide = {};
                for (let i = 0; i < 40; i++) wide['k' + i] = i;
                const list = [wide, { a: 1, b: 2 }, { b: 'x', a: 'y', c: 'z' }, { 2: 'two', 1: 'one', z: 0 }, wide];
                const c = structuredClone(list);
                return [Object.keys(c[0]).join('') === Object.keys(wide).join(''), Object.values(c[0]).join('') === Object.values(wide).join(''),
                  JSON.stringify(c.slice(1, 4)), c[4] === c[0]].join();"""))
                .isEqualTo("true,true,[{\"a\":1,\"b\":2},{\"b\":\"x\",\"a\":\"y\",\"c\":\"z\"},{\"1\":\"one\",\"2\":\"two\",\"z\":0}],true");
    }

    @Test
    void a_key_deleted_by_an_earlier_getter_is_skipped_and_one_changed_is_read_after_the_change() {
        assertThat(js.run("""
                const source = { first: 0, gone: 'gone', later: 'before' };
                Object.defineProperty(source, 'first', { get() { delete source.gone; source.later = 'after'; return 1; }, enumerable: true });
                const c = structuredClone(source);
                return [Object.keys(c).join('|'), c.later].join();"""))
                .isEqualTo("first|later,after");
    }

    @Test
    void null_and_containers_nested_in_arrays_objects_maps_and_sets_are_copied_in_place() {
        assertThat(js.run("""
                const shared = { s: 1 };
                const source = [null, { n: null, o: { deep: [null, shared] } }, new Map([[null, null], [shared, [shared]]]), new Set([null, shared])];
                const c = structuredClone(source);
                const [n, o, m, set] = c;
                return [n, o.n, o.o.deep[0], JSON.stringify(o), m.get(null), [...m.keys()][1] === o.o.deep[1],
                  m.get(o.o.deep[1])[0] === o.o.deep[1], set.has(null), set.has(o.o.deep[1]), o.o.deep[1] !== shared].join();"""))
                .isEqualTo(",,,{\"n\":null,\"o\":{\"deep\":[null,{\"s\":1}]}},,true,true,true,true,true");
    }

    @Test
    void getters_run_depth_first_in_the_order_of_serialization() {
        assertThat(js.run("""
                const log = [];
                const logged = (name, value) => Object.defineProperty({}, name, { get() { log.push(name); return value; }, enumerable: true });
                const key = logged('mapKey', 1), value = logged('mapValue', 2);
                const source = { a: logged('a', logged('a.inner', 0)), m: new Map([[key, value]]), s: new Set([logged('setMember', 3)]) };
                Object.defineProperty(source, 'z', { get() { log.push('z'); return 4; }, enumerable: true });
                structuredClone(source);
                return log.join();""")).isEqualTo("a,a.inner,mapKey,mapValue,setMember,z");
    }

    @Test
    void maps_and_sets_are_listed_without_running_patched_or_own_iterators() {
        assertThat(js.run("""
                const calls = [];
                const originals = [Set.prototype[Symbol.iterator], Map.prototype[Symbol.iterator]];
                const fakeIterator = function* () { calls.push('iterator'); yield 'fake'; };
                class OwnSet extends Set { *[Symbol.iterator]() { calls.push('subclass'); yield 'fake'; } }
                const own = new Set([1]); own[Symbol.iterator] = fakeIterator;
                const source = { patch: null, plain: new Set([1, 2]), sub: new OwnSet([3]), own, map: new Map([[4, 5]]) };
                Object.defineProperty(source, 'patch', { enumerable: true, get() {
                  Set.prototype[Symbol.iterator] = fakeIterator; Map.prototype[Symbol.iterator] = fakeIterator; return 0; } });
                try {
                  const c = structuredClone(source);
                  return [calls.length, [...Set.prototype.values.call(c.plain)].join(), [...Set.prototype.values.call(c.sub)].join(),
                    [...Set.prototype.values.call(c.own)].join(), JSON.stringify([...Map.prototype.entries.call(c.map)])].join(' ');
                } finally {
                  Set.prototype[Symbol.iterator] = originals[0]; Map.prototype[Symbol.iterator] = originals[1];
                }""")).isEqualTo("0 1,2 3 1 [[4,5]]");
    }

    @Test
    void arrays_keep_length_holes_and_extra_properties() {
        assertThat(js.run("""
                const a = [1, , 3]; a.length = 5; a.extra = 'x';
                const c = structuredClone(a);
                return [Array.isArray(c), c.length, 1 in c, 4 in c, c[2], c.extra, Object.keys(c).join('|')].join();"""))
                .isEqualTo("true,5,false,false,3,x,0|2|extra");
    }

    @Test
    void maps_and_sets_keep_insertion_order() {
        assertThat(js.run("""
                const m = new Map([['z', 1], [{ k: 1 }, 2], [3, 'three']]);
                const s = new Set(['c', 'a', 'b']);
                const [mc, sc] = structuredClone([m, s]);
                return [[...mc.keys()].map((k) => typeof k === 'object' ? 'obj' : k).join('|'), [...mc.values()].join('|'), [...sc].join('|')].join();"""))
                .isEqualTo("z|obj|3,1|2|three,c|a|b");
    }

    @Test
    void cycles_through_map_values_and_set_members_and_shared_references_are_preserved() {
        assertThat(js.run("""
                const shared = { n: 1 };
                const root = { a: shared, b: shared, m: new Map(), s: new Set(), list: [shared] };
                root.m.set('root', root); root.m.set(root, 'key'); root.s.add(root); root.self = root;
                const c = structuredClone(root);
                return [c !== root, c.a === c.b, c.list[0] === c.a, c.a !== shared, c.m.get('root') === c,
                  c.m.get(c), c.s.has(c), c.self === c].join();""")).isEqualTo("true,true,true,true,true,key,true,true");
    }

    @Test
    void array_buffers_are_copied_and_a_resizable_one_keeps_its_maximum_length() {
        assertThat(js.run("""
                const fixed = new Uint8Array([1, 2, 3]).buffer;
                const resizable = new ArrayBuffer(2, { maxByteLength: 64 }); new Uint8Array(resizable)[1] = 9;
                const [f, r] = structuredClone([fixed, resizable]);
                new Uint8Array(fixed)[0] = 100;
                return [f !== fixed, new Uint8Array(f).join('|'), f.resizable, r.resizable, r.maxByteLength, r.byteLength, new Uint8Array(r)[1]].join();"""))
                .isEqualTo("true,1|2|3,false,true,64,2,9");
    }

    @Test
    void every_typed_array_kind_and_data_view_is_cloned_with_offset_and_length() {
        assertThat(js.run("""
                const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
                  Float16Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
                const results = kinds.map((Kind) => {
                  const buffer = new ArrayBuffer(64);
                  const view = new Kind(buffer, 8, 3);
                  view[1] = Kind.name.startsWith('Big') ? 7n : 7;
                  const c = structuredClone(view);
                  return c.constructor === Kind && c.byteOffset === 8 && c.length === 3 && c.buffer.byteLength === 64 && c[1] == 7;
                });
                const dv = structuredClone(new DataView(new ArrayBuffer(16), 4, 6));
                return results.every(Boolean) + ',' + (dv instanceof DataView) + ',' + dv.byteOffset + ',' + dv.byteLength;"""))
                .isEqualTo("true,true,4,6");
    }

    @Test
    void views_that_share_a_buffer_still_share_one_after_the_clone() {
        assertThat(js.run("""
                const buffer = new ArrayBuffer(8);
                const [a, b, d] = structuredClone([new Uint8Array(buffer), new Uint16Array(buffer, 2, 1), new DataView(buffer)]);
                a[2] = 1; a[3] = 1;
                return [a.buffer === b.buffer, b.buffer === d.buffer, b[0], a.buffer !== buffer].join();"""))
                .isEqualTo("true,true,257,true");
    }

    @Test
    void a_view_is_cloned_by_its_buffer_slot_even_when_the_buffer_has_another_prototype() {
        assertThat(js.run("""
                const buffer = new ArrayBuffer(4);
                new Uint8Array(buffer).set([1, 2, 3, 4]);
                Object.setPrototypeOf(buffer, Object.prototype);
                const [view, alone] = structuredClone([new Uint8Array(buffer, 1, 2), buffer]);
                return [view.join('|'), view.buffer === alone, Object.getPrototypeOf(alone) === ArrayBuffer.prototype].join();"""))
                .isEqualTo("2|3,true,true");
    }

    @Test
    void shared_array_buffers_stay_shared() {
        assertThat(js.run("""
                const sab = new SharedArrayBuffer(4);
                const view = structuredClone(new Int32Array(sab));
                new Int32Array(sab)[0] = 5;
                return view[0];""")).isEqualTo("5");
    }

    @Test
    void errors_keep_their_native_kind_message_cause_and_stack() {
        assertThat(js.run("""
                const e = new RangeError('too far', { cause: { why: 'limit' } });
                const c = structuredClone(e);
                class Custom extends Error { constructor() { super('mine'); this.name = 'Custom'; } }
                const custom = structuredClone(new Custom());
                return [c instanceof RangeError, c.name, c.message, c.cause.why, c.stack === e.stack,
                  Object.getOwnPropertyDescriptor(c, 'cause').enumerable, custom.constructor === Error, custom.name, custom.message].join();"""))
                .isEqualTo("true,RangeError,too far,limit,true,false,true,Error,mine");
    }

    @Test
    void dom_exceptions_keep_name_and_message() {
        assertThat(js.run("""
                const c = structuredClone(new DOMException('gone', 'AbortError'));
                return [c instanceof DOMException, c.name, c.message, c.code].join();""")).isEqualTo("true,AbortError,gone,20");
    }

    @Test
    void blobs_and_files_keep_their_bytes_type_name_and_last_modified() {
        assertThat(js.run("""
                const [b, f] = structuredClone([new Blob(['hi'], { type: 'text/plain' }), new File(['abc'], 'a.txt', { type: 'text/x', lastModified: 7 })]);
                return [b instanceof Blob, b.type, await b.text(), f instanceof File, f.name, f.type, f.lastModified, await f.text()].join();"""))
                .isEqualTo("true,text/plain,hi,true,a.txt,text/x,7,abc");
    }

    @Test
    void crypto_keys_are_cloned_with_their_algorithm_and_usages_and_still_work() {
        assertThat(js.run("""
                const key = await crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
                const copy = structuredClone(key);
                const [a, b] = await Promise.all([crypto.subtle.sign('HMAC', key, new Uint8Array(1)), crypto.subtle.sign('HMAC', copy, new Uint8Array(1))]);
                return [copy !== key, copy instanceof CryptoKey, copy.algorithm.hash.name, copy.usages.join(), copy.extractable,
                  new Uint8Array(a).join() === new Uint8Array(b).join()].join();"""))
                .isEqualTo("true,true,SHA-256,sign,false,true");
    }

    @Test
    void functions_and_symbols_throw_a_data_clone_error_naming_the_value() {
        assertThat(cloneError("structuredClone({ nested: [function answer() { return 42; }] })"))
                .isEqualTo("DataCloneError 25: function answer() { return 42; } could not be cloned.");
        assertThat(cloneError("structuredClone(Symbol('tag'))")).isEqualTo("DataCloneError 25: Symbol(tag) could not be cloned.");
        assertThat(cloneError("structuredClone(Object(Symbol('boxed')))")).isEqualTo("DataCloneError 25: #<Symbol> could not be cloned.");
    }

    @Test
    void weak_collections_weak_refs_and_promises_throw_a_data_clone_error() {
        assertThat(cloneError("structuredClone(new WeakMap())")).isEqualTo("DataCloneError 25: #<WeakMap> could not be cloned.");
        assertThat(cloneError("structuredClone(new WeakSet())")).isEqualTo("DataCloneError 25: #<WeakSet> could not be cloned.");
        assertThat(cloneError("structuredClone(new WeakRef({}))")).isEqualTo("DataCloneError 25: #<WeakRef> could not be cloned.");
        assertThat(cloneError("structuredClone({ p: Promise.resolve(1) })")).isEqualTo("DataCloneError 25: #<Promise> could not be cloned.");
    }

    @Test
    void proxies_of_objects_arrays_and_functions_throw_without_running_traps() {
        assertThat(cloneError("""
                let trapped = false;
                const handler = { get() { trapped = true; }, ownKeys() { trapped = true; return []; },
                  getPrototypeOf() { trapped = true; return Object.prototype; }, isExtensible() { trapped = true; return true; } };
                try { structuredClone(new Proxy({ a: 1 }, handler)); } finally { if (trapped) throw new Error('trap ran'); }"""))
                .startsWith("DataCloneError 25: #<Proxy>");
        assertThat(cloneError("structuredClone([new Proxy([1], {})])")).startsWith("DataCloneError 25: #<Proxy>");
        assertThat(cloneError("structuredClone(new Proxy(() => 1, {}))")).startsWith("DataCloneError 25:");
        assertThat(cloneError("structuredClone({ m: new Map([[1, new Proxy(new Date(), {})]]) })")).startsWith("DataCloneError 25: #<Proxy>");
        assertThat(cloneError("const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); structuredClone([proxy])"))
                .startsWith("DataCloneError 25: #<Proxy>");
        assertThat(cloneError("structuredClone(Reflect.construct(Proxy, [new ArrayBuffer(1), {}]))")).startsWith("DataCloneError 25: #<Proxy>");
    }

    @Test
    void host_objects_throw_a_data_clone_error() throws Exception {
        js.runtime().onLoop(context -> {
            context.getBindings("js").putMember("hostMap", ProxyObject.fromMap(new HashMap<>(Map.of("a", 1))));
            context.getBindings("js").putMember("hostList", new ArrayList<>(List.of(1)));
            return null;
        }).get(60, TimeUnit.SECONDS);
        assertThat(cloneError("structuredClone({ m: hostMap })")).startsWith("DataCloneError 25: #<Proxy> (or host object)");
        assertThat(cloneError("structuredClone([hostList])")).startsWith("DataCloneError 25: #<Proxy> (or host object)");
    }

    @Test
    void detached_buffers_cannot_be_cloned() {
        assertThat(cloneError("const b = new ArrayBuffer(2); b.transfer(); structuredClone(b)"))
                .isEqualTo("DataCloneError 25: #<ArrayBuffer> could not be cloned.");
    }

    @Test
    void transfer_moves_buffers_and_detaches_the_source() {
        assertThat(js.run("""
                const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
                const view = new Uint8Array(buffer, 1, 2);
                const copy = structuredClone({ buffer, view }, { transfer: [buffer] });
                return [buffer.byteLength, buffer.detached, copy.buffer.byteLength, copy.view.buffer === copy.buffer, copy.view.join('|')].join();"""))
                .isEqualTo("0,true,4,true,2|3");
    }

    @Test
    void a_clone_that_fails_detaches_nothing() {
        assertThat(js.run("""
                const buffer = new ArrayBuffer(4);
                try { structuredClone({ buffer, bad: () => 1 }, { transfer: [buffer] }); } catch (e) { return e.name + ',' + buffer.byteLength; }"""))
                .isEqualTo("DataCloneError,4");
    }

    @Test
    void transfer_rejects_duplicates_detached_buffers_and_non_transferables() {
        assertThat(cloneError("const b = new ArrayBuffer(1); try { structuredClone(b, { transfer: [b, b] }) } finally { if (b.detached) throw 1 }"))
                .contains("DataCloneError 25: ArrayBuffer at index 1 is a duplicate");
        assertThat(cloneError("const b = new ArrayBuffer(1); b.transfer(); structuredClone(1, { transfer: [b] })"))
                .contains("DataCloneError 25: ArrayBuffer at index 0 is already detached");
        assertThat(cloneError("structuredClone(1, { transfer: [{}] })")).contains("DataCloneError 25: Value at index 0 does not have a transferable type");
        assertThat(cloneError("structuredClone(1, { transfer: [new SharedArrayBuffer(1)] })")).contains("DataCloneError 25:");
        assertThat(cloneError("structuredClone(1, { transfer: 5 })")).startsWith("not a DOMException TypeError");
    }

    @Test
    void object_prototype_is_cloned_as_an_ordinary_object() {
        assertThat(js.run("""
                const c = structuredClone(Object.prototype);
                Object.setPrototypeOf(c, { p: 1 });
                return c !== Object.prototype && c.p === 1;""")).isEqualTo("true");
    }

    @Test
    void patched_prototypes_do_not_change_what_a_clone_does() {
        assertThat(js.run("""
                const set = Map.prototype.set, add = Set.prototype.add;
                const source = { m: new Map([[1, 2]]), s: new Set([3]) };
                Map.prototype.set = () => { throw new Error('patched'); };
                Set.prototype.add = () => { throw new Error('patched'); };
                try {
                  const c = structuredClone(source);
                  return c.m.get(1) + ',' + c.s.has(3);
                } finally { Map.prototype.set = set; Set.prototype.add = add; }""")).isEqualTo("2,true");
    }

    @Test
    void class_instances_and_impostors_of_built_ins_are_cloned_as_ordinary_objects() {
        assertThat(js.run("""
                class Point { constructor() { this.x = 1; } }
                const point = structuredClone(new Point());
                const fakeMap = structuredClone(Object.setPrototypeOf({ y: 2 }, Map.prototype));
                const bare = structuredClone(Object.create(null, { z: { value: 3, enumerable: true } }));
                const impostors = structuredClone([Set.prototype, Date.prototype, ArrayBuffer.prototype].map((p) => Object.setPrototypeOf({ w: 4 }, p)));
                return [Object.getPrototypeOf(point) === Object.prototype, point.x, fakeMap instanceof Map, fakeMap.y, bare.z,
                  impostors.map((o) => Object.getPrototypeOf(o) === Object.prototype && o.w).join('|')].join();"""))
                .isEqualTo("true,1,false,2,3,4|4|4");
    }

    @Test
    void requires_an_argument() {
        assertThat(cloneError("structuredClone()")).startsWith("not a DOMException TypeError");
    }
}
