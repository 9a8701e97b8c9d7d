package dev.nano.runtime.abort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AbortSignalTest {
    private static JsTesting js;

    @BeforeAll
    static void start() {
        js = JsTesting.start();
        js.runtime().onLoop(ctx -> {
            ctx.getBindings("js").putMember("internals", js.runtime().internals());
            return null;
        }).join();
    }

    @AfterAll
    static void stop() {
        js.close();
    }

    @Test
    void abort_sets_reason_and_fires_abort_once() {
        assertThat(js.run("""
                const ac = new AbortController(); let events = 0, handler = 0;
                ac.signal.addEventListener('abort', (e) => { events++; if (!e.isTrusted) throw new Error('untrusted'); });
                ac.signal.onabort = () => handler++;
                ac.abort('why'); ac.abort('again');
                return [ac.signal.aborted, ac.signal.reason, events, handler].join();
                """)).isEqualTo("true,why,1,1");
    }

    @Test
    void default_reason_is_an_abort_error() {
        assertThat(js.run("const ac = new AbortController(); ac.abort(); return ac.signal.reason instanceof DOMException && ac.signal.reason.name"))
                .isEqualTo("AbortError");
    }

    @Test
    void throw_if_aborted_throws_the_reason() {
        assertThat(js.run("try { AbortSignal.abort('r').throwIfAborted(); return 'no'; } catch (e) { return e; }")).isEqualTo("r");
        assertThat(js.run("new AbortController().signal.throwIfAborted(); return 'ok'")).isEqualTo("ok");
    }

    @Test
    void timeout_aborts_with_timeout_error() {
        assertThat(js.run("""
                const s = AbortSignal.timeout(5);
                await new Promise((resolve) => s.addEventListener('abort', resolve));
                return s.reason.name + ' ' + s.reason.code;
                """)).isEqualTo("TimeoutError 23");
    }

    @Test
    void any_follows_the_first_source_to_abort() {
        assertThat(js.run("""
                const a = new AbortController(), b = new AbortController();
                const any = AbortSignal.any([a.signal, b.signal]);
                const nested = AbortSignal.any([any]);
                b.abort('b first'); a.abort('a later');
                return [any.aborted, any.reason, nested.reason].join();
                """)).isEqualTo("true,b first,b first");
    }

    @Test
    void any_of_an_already_aborted_signal_is_aborted() {
        assertThat(js.run("return AbortSignal.any([new AbortController().signal, AbortSignal.abort('x')]).reason")).isEqualTo("x");
    }

    @Test
    void signals_cannot_be_constructed_directly() {
        assertThat(js.run("try { new AbortSignal(); return 'no'; } catch (e) { return e.name; }")).isEqualTo("TypeError");
    }

    @Test
    void internals_run_abort_algorithms_until_removed() {
        assertThat(js.run("""
                const a = new AbortController(), b = new AbortController(); const seen = [];
                internals.abort.addAlgorithm(a.signal, (reason) => seen.push('a:' + reason));
                const stop = internals.abort.addAlgorithm(b.signal, () => seen.push('b'));
                stop(); a.abort('r'); b.abort();
                return seen.join();
                """)).isEqualTo("a:r");
    }

    @Test
    void inspects_controllers_and_signals_as_node_does() {
        assertThat(js.runWithInternals("""
                const c = new AbortController();
                const d = new AbortController();
                d.abort();
                return internals.inspect([c, d.signal]);
                """)).isEqualTo("[\n  AbortController { signal: AbortSignal { aborted: false } },\n  AbortSignal { aborted: true }\n]");
    }
}
