package dev.nano.runtime.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The recording Proxy constructor (core/proxies.js) must behave as the built-in one. */
class ProxyRecordTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void proxies_still_forward_to_their_target_and_run_their_traps() {
        assertThat(js.run("""
                const p = new Proxy({ a: 1 }, { get: (t, k) => k === 'b' ? 2 : t[k] });
                const { proxy, revoke } = Proxy.revocable([3], {});
                const before = [proxy[0], Array.isArray(proxy)].join('|');
                revoke();
                let revoked;
                try { proxy[0]; } catch (e) { revoked = e instanceof TypeError; }
                return [p.a, p.b, before, revoked].join();""")).isEqualTo("1,2,3|true,true");
    }

    @Test
    void the_constructor_keeps_its_name_length_and_call_behaviour() {
        assertThat(js.run("""
                let calledWithoutNew;
                try { Proxy({}, {}); } catch (e) { calledWithoutNew = e instanceof TypeError; }
                const d = Object.getOwnPropertyDescriptor(globalThis, 'Proxy');
                return [Proxy.name, Proxy.length, 'prototype' in Proxy, Proxy.revocable.name, Proxy.revocable.length,
                  calledWithoutNew, d.writable, d.enumerable, d.configurable].join();"""))
                .isEqualTo("Proxy,2,false,revocable,2,true,true,false,true");
    }

    @Test
    void traps_patched_onto_object_prototype_do_not_reach_the_recording_handlers() {
        assertThat(js.run("""
                Object.prototype.construct = () => { throw new Error('patched construct ran'); };
                Object.prototype.apply = () => { throw new Error('patched apply ran'); };
                try {
                  return [new Proxy({ x: 1 }, {}).x, Proxy.revocable({ y: 2 }, {}).proxy.y].join();
                } finally { delete Object.prototype.construct; delete Object.prototype.apply; }""")).isEqualTo("1,2");
    }
}
