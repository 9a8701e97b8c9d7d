package dev.nano.runtime.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Promise state in internals.inspect: read by the host (GraalJS shows scripts no state), values
 * recorded by internals.inspect.settle, and unhandled rejections still reported.
 */
class PromiseInspectTest {
    private final JsTesting js = JsTesting.start();

    @AfterEach
    void close() {
        js.close();
    }

    @Test
    void shows_a_pending_promise_as_pending() {
        assertThat(js.runWithInternals("return internals.inspect(new Promise(() => {}), { colors: true })").replace('\u001b', '~'))
                .isEqualTo("Promise { ~[36m<pending>~[39m }");
    }

    @Test
    void shows_a_fulfilled_promise_as_fulfilled_until_settle_recorded_its_value() {
        assertThat(js.runWithInternals("""
                const p = Promise.resolve(42);
                const before = internals.inspect(p);
                await internals.inspect.settle(p);
                return before + " then " + internals.inspect(p);
                """)).isEqualTo("Promise { <fulfilled> } then Promise { 42 }");
    }

    @Test
    void settle_records_the_promises_inside_a_structure() {
        assertThat(js.runWithInternals("""
                const value = { p: Promise.resolve({ a: [1] }), list: [Promise.resolve('s')] };
                await internals.inspect.settle(value);
                return internals.inspect(value);
                """)).isEqualTo("{ p: Promise { { a: [Array] } }, list: [ Promise { 's' } ] }");
    }

    @Test
    void a_promise_seen_fulfilled_shows_its_value_at_the_next_inspection() {
        assertThat(js.runWithInternals("""
                const p = (async () => 'done')();
                internals.inspect(p);
                await null;
                await null;
                return internals.inspect(p);
                """)).isEqualTo("Promise { 'done' }");
    }

    @Test
    void shows_a_handled_rejection_with_its_reason_after_settle() {
        String shown = js.runWithInternals("""
                const p = Promise.reject(new Error('boom'));
                p.catch(() => {});
                const before = internals.inspect(p);
                await internals.inspect.settle(p);
                return before + "|" + internals.inspect(p);
                """);
        assertThat(shown).startsWith("Promise { <rejected> }|Promise {\n  <rejected> Error: boom\n      at ").endsWith("\n}");
        assertThat(js.runWithInternals("""
                const p = Promise.reject(42);
                p.catch(() => {});
                await internals.inspect.settle(p);
                return internals.inspect(p);
                """)).isEqualTo("Promise { <rejected> 42 }");
        assertThat(js.err()).isEmpty();
    }

    @Test
    void settle_does_not_wait_for_a_pending_promise() {
        assertThat(js.runWithInternals("""
                const p = new Promise(() => {});
                await internals.inspect.settle(p);
                return internals.inspect(p);
                """)).isEqualTo("Promise { <pending> }");
    }

    @Test
    void inspecting_and_settling_never_hide_an_unhandled_rejection() {
        assertThatThrownBy(() -> js.runWithInternals("""
                const p = Promise.reject(new Error('nobody handles this'));
                internals.inspect(p);
                internals.inspect.settle(p);
                return 'not reported';
                """)).hasMessageContaining("nobody handles this");
    }

    @Test
    void a_pending_promise_inspected_then_rejected_without_a_handler_is_still_reported() {
        js.runWithInternals("""
                let reject;
                const p = new Promise((_, r) => { reject = r; });
                internals.inspect(p);
                await internals.inspect.settle(p);
                setTimeout(() => reject(new Error('rejected later')), 0);
                await new Promise((resolve) => setTimeout(resolve, 50));
                """);
        assertThat(js.err()).startsWith("Uncaught Error: rejected later\n");
    }

    @Test
    void a_rejection_handled_by_the_script_is_not_reported_because_it_was_inspected() {
        assertThat(js.runWithInternals("""
                let reject;
                const p = new Promise((_, r) => { reject = r; });
                internals.inspect(p);
                await internals.inspect.settle(p);
                p.catch(() => {});
                reject(new Error('handled'));
                await new Promise((resolve) => setTimeout(resolve, 20));
                await internals.inspect.settle(p);
                return internals.inspect(p).split("\\n")[1];
                """)).isEqualTo("  <rejected> Error: handled");
        assertThat(js.err()).isEmpty();
    }

    @Test
    void never_reacts_through_a_subclass_or_a_proxy() {
        assertThat(js.runWithInternals("""
                let constructed = 0;
                class Counting extends Promise {
                  constructor(executor) { constructed++; super(executor); }
                }
                const sub = Counting.resolve(1);
                constructed = 0;
                let thenRead = 0;
                const proxy = new Proxy(Promise.resolve(2), { get(t, k) { if (k === 'then') thenRead++; return Reflect.get(t, k); } });
                const shown = internals.inspect([sub]) + " " + internals.inspect(proxy);
                await internals.inspect.settle([sub, proxy]);
                await null;
                return shown + " " + constructed + " " + thenRead;
                """)).isEqualTo("[ Counting [Promise] { <fulfilled> } ] Promise { <unknown> } 0 0");
    }
}
