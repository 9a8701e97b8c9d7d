package dev.nano.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class EventTargetTest {
    @AutoClose
    private static final JsTesting js = JsTesting.start();

    @Test
    void runs_capture_listeners_first_then_the_others_in_order() {
        assertThat(js.run("""
                const t = new EventTarget(); const seen = [];
                t.addEventListener('x', () => seen.push('a'));
                t.addEventListener('x', () => seen.push('capture'), true);
                t.addEventListener('x', () => seen.push('b'));
                t.dispatchEvent(new Event('x'));
                return seen.join();
                """)).isEqualTo("capture,a,b");
    }

    @Test
    void once_listeners_run_a_single_time() {
        assertThat(js.run("""
                const t = new EventTarget(); let n = 0;
                t.addEventListener('x', () => n++, { once: true });
                t.dispatchEvent(new Event('x')); t.dispatchEvent(new Event('x'));
                return n;
                """)).isEqualTo("1");
    }

    @Test
    void ignores_duplicate_listeners_and_removes_by_callback_and_capture() {
        assertThat(js.run("""
                const t = new EventTarget(); let n = 0; const f = () => n++;
                t.addEventListener('x', f); t.addEventListener('x', f); t.addEventListener('x', f, true);
                t.dispatchEvent(new Event('x'));
                t.removeEventListener('x', f);
                t.dispatchEvent(new Event('x'));
                return n;
                """)).isEqualTo("3");
    }

    @Test
    void calls_handle_event_on_listener_objects() {
        assertThat(js.run("""
                const t = new EventTarget();
                const listener = { handleEvent(e) { this.got = e.type + (e.currentTarget === t); } };
                t.addEventListener('ping', listener);
                t.dispatchEvent(new Event('ping'));
                return listener.got;
                """)).isEqualTo("pingtrue");
    }

    @Test
    void prevent_default_cancels_only_cancelable_events_outside_passive_listeners() {
        assertThat(js.run("""
                const t = new EventTarget();
                t.addEventListener('x', (e) => e.preventDefault());
                const a = t.dispatchEvent(new Event('x', { cancelable: true }));
                const b = t.dispatchEvent(new Event('x'));
                const p = new EventTarget();
                p.addEventListener('x', (e) => e.preventDefault(), { passive: true });
                const c = p.dispatchEvent(new Event('x', { cancelable: true }));
                return [a, b, c].join();
                """)).isEqualTo("false,true,true");
    }

    @Test
    void stop_immediate_propagation_skips_later_listeners() {
        assertThat(js.run("""
                const t = new EventTarget(); const seen = [];
                t.addEventListener('x', (e) => { seen.push(1); e.stopImmediatePropagation(); });
                t.addEventListener('x', () => seen.push(2));
                t.dispatchEvent(new Event('x'));
                return seen.join();
                """)).isEqualTo("1");
    }

    @Test
    void aborting_the_signal_removes_the_listener() {
        assertThat(js.run("""
                const t = new EventTarget(); const ac = new AbortController(); let n = 0;
                t.addEventListener('x', () => n++, { signal: ac.signal });
                t.dispatchEvent(new Event('x'));
                ac.abort();
                t.dispatchEvent(new Event('x'));
                t.addEventListener('x', () => n++, { signal: ac.signal });
                t.dispatchEvent(new Event('x'));
                return n;
                """)).isEqualTo("1");
    }

    @Test
    void exposes_target_and_phase_only_during_dispatch() {
        assertThat(js.run("""
                const t = new EventTarget(); let during;
                t.addEventListener('x', (e) => { during = [e.target === t, e.eventPhase, e.isTrusted].join(); });
                const e = new Event('x');
                t.dispatchEvent(e);
                return during + ' ' + e.eventPhase + ' ' + (e.currentTarget === null) + ' ' + (e.target === t);
                """)).isEqualTo("true,2,false 0 true true");
    }

    @Test
    void redispatching_a_dispatching_event_throws_invalid_state_error() {
        assertThat(js.run("""
                const t = new EventTarget(); let name;
                t.addEventListener('x', (e) => { try { t.dispatchEvent(e); } catch (err) { name = err.name; } });
                t.dispatchEvent(new Event('x'));
                return name;
                """)).isEqualTo("InvalidStateError");
    }

    @Test
    void custom_event_carries_detail() {
        assertThat(js.run("return new CustomEvent('c', { detail: { n: 5 } }).detail.n + ' ' + new CustomEvent('d').detail"))
                .isEqualTo("5 null");
    }

    @Test
    void a_throwing_listener_does_not_stop_the_others() {
        assertThat(js.run("""
                const t = new EventTarget(); let ran = false;
                globalThis.setTimeout = ((original) => (f, ms) => original(() => { try { f(); } catch {} }, ms))(setTimeout);
                t.addEventListener('x', () => { throw new Error('boom'); });
                t.addEventListener('x', () => { ran = true; });
                return t.dispatchEvent(new Event('x')) + ' ' + ran;
                """)).isEqualTo("true true");
    }

    @Test
    void the_global_object_and_performance_are_event_targets() {
        assertThat(js.run("""
                let n = 0; const f = () => n++;
                addEventListener('g', f); dispatchEvent(new Event('g')); removeEventListener('g', f); dispatchEvent(new Event('g'));
                return n + ' ' + (performance instanceof EventTarget);
                """)).isEqualTo("1 true");
    }

    @Test
    void inspects_events_by_their_class_with_a_custom_events_detail() {
        assertThat(js.runWithInternals("""
                const e = new Event('foo', { cancelable: true });
                e.preventDefault();
                return internals.inspect([e, new CustomEvent('bar', { detail: { n: 1 } })], { breakLength: Infinity });
                """).replaceAll("timeStamp: [\\d.]+", "timeStamp: T"))
                .isEqualTo("[ Event { type: 'foo', defaultPrevented: true, cancelable: true, timeStamp: T }, "
                        + "CustomEvent { type: 'bar', defaultPrevented: false, cancelable: false, timeStamp: T, detail: { n: 1 } } ]");
    }
}
