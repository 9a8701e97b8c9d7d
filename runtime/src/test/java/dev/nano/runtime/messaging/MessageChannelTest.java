package dev.nano.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class MessageChannelTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void delivers_structured_clones_in_order_as_message_events_once_onmessage_is_set() {
        assertThat(js.run("""
                const { port1, port2 } = new MessageChannel();
                const original = { when: new Date(0), list: new Map([[1, 'one']]) };
                port2.postMessage(original);
                port2.postMessage('second');
                const seen = [];
                await new Promise((resolve) => {
                  port1.onmessage = (event) => { seen.push(event); if (seen.length === 2) resolve(); };
                });
                const [first, second] = seen;
                return [first instanceof MessageEvent, first.type, first.data !== original, first.data.when instanceof Date,
                        first.data.list.get(1), second.data, first.target === port1].join();
                """)).isEqualTo("true,message,true,true,one,second,true");
    }

    @Test
    void posts_a_message_in_a_runtime_that_never_used_structuredClone() {
        // structuredClone loads on first use; postMessage must load it too (a fresh runtime, so nothing did yet).
        try (JsTesting fresh = JsTesting.start()) {
            assertThat(fresh.run("""
                    const { port1, port2 } = new MessageChannel();
                    const data = await new Promise((resolve) => {
                      port1.onmessage = (event) => resolve(event.data);
                      port2.postMessage({ n: 1 });
                    });
                    port1.close();
                    return data.n;
                    """)).isEqualTo("1");
        }
    }

    @Test
    void add_event_listener_waits_for_start() {
        assertThat(js.run("""
                const { port1, port2 } = new MessageChannel();
                const seen = [];
                port1.addEventListener('message', (e) => seen.push(e.data));
                port2.postMessage('queued');
                await new Promise((resolve) => setTimeout(resolve, 20));
                const beforeStart = seen.length;
                port1.start();
                await new Promise((resolve) => setTimeout(resolve, 20));
                return beforeStart + ' ' + seen.join();
                """)).isEqualTo("0 queued");
    }

    @Test
    void a_transferred_port_keeps_the_channel_and_the_original_is_detached() {
        assertThat(js.run("""
                const { port1, port2 } = new MessageChannel();
                const copy = structuredClone(port2, { transfer: [port2] });
                const received = new Promise((resolve) => { port1.onmessage = (e) => resolve(e.data); });
                port2.postMessage('from the detached original');
                copy.postMessage('ohai');
                return [copy !== port2, copy instanceof MessagePort, await received].join();
                """)).isEqualTo("true,true,ohai");
    }

    @Test
    void ports_sent_in_a_message_arrive_in_event_ports_entangled() {
        assertThat(js.run("""
                const outer = new MessageChannel();
                const inner = new MessageChannel();
                const got = new Promise((resolve) => { outer.port1.onmessage = resolve; });
                outer.port2.postMessage('here', [inner.port2]);
                const event = await got;
                const answer = new Promise((resolve) => { inner.port1.onmessage = (e) => resolve(e.data); });
                event.ports[0].postMessage('through the moved port');
                return event.ports.length + ' ' + Object.isFrozen(event.ports) + ' ' + await answer;
                """)).isEqualTo("1 true through the moved port");
    }

    @Test
    void a_port_can_be_cloned_only_by_transfer_and_never_twice() {
        assertThat(js.run("""
                const { port1, port2 } = new MessageChannel();
                const errors = [];
                for (const attempt of [
                  () => structuredClone(port1),
                  () => structuredClone(port1, { transfer: [port1, port1] }),
                  () => port1.postMessage(null, [port1]),
                  () => { structuredClone(port2, { transfer: [port2] }); structuredClone(port2, { transfer: [port2] }); },
                ]) {
                  try { attempt(); errors.push('no error'); } catch (e) { errors.push(e.name); }
                }
                return errors.join();
                """)).isEqualTo("DataCloneError,DataCloneError,DataCloneError,DataCloneError");
    }

    @Test
    void a_closed_channel_delivers_nothing_and_an_idle_port_does_not_keep_the_loop_alive() {
        assertThat(js.run("""
                const { port1, port2 } = new MessageChannel();
                let delivered = 0;
                port1.onmessage = () => delivered++;
                port1.close();
                port2.postMessage('lost');
                await new Promise((resolve) => setTimeout(resolve, 20));
                return delivered;
                """)).isEqualTo("0");
    }

    @Test
    void message_event_can_be_constructed_with_its_init_dictionary() {
        assertThat(js.run("""
                const e = new MessageEvent('message', { data: 42, origin: 'o', lastEventId: '7' });
                const empty = new MessageEvent('x');
                return [e.data, e.origin, e.lastEventId, e.source, e.ports.length, empty.data, String(empty)].join();
                """)).isEqualTo("42,o,7,,0,,[object MessageEvent]");
    }

    @Test
    void inspects_a_message_event_with_its_data() {
        assertThat(js.runWithInternals("return internals.inspect(new MessageEvent('message', { data: [1] }), { breakLength: Infinity })")
                .replaceAll("timeStamp: [\\d.]+", "timeStamp: T"))
                .isEqualTo("MessageEvent { type: 'message', defaultPrevented: false, cancelable: false, timeStamp: T, data: [ 1 ] }");
    }
}
