package dev.nano.runtime.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** internals.isSideEffectFreeGetter: which getters a tool such as the REPL's completer may call. */
class SideEffectFreeGettersTest {
    private final JsTesting js = JsTesting.start();

    @AfterEach
    void close() {
        js.close();
    }

    /** Whether the getter of `property` on `target` is marked, for each "target|property" pair. */
    private String marked(String... pairs) {
        StringBuilder body = new StringBuilder("const out = [];\n");
        for (String pair : pairs) {
            String[] p = pair.split("\\|");
            body.append("out.push(internals.isSideEffectFreeGetter(Object.getOwnPropertyDescriptor(")
                    .append(p[0]).append(", '").append(p[1]).append("').get));\n");
        }
        return js.runWithInternals(body + "return out.join(' ');");
    }

    @Test
    void marks_the_lazy_globals_so_that_reading_one_loads_only_nanos_own_code() {
        assertThat(marked("globalThis|Response", "globalThis|URL", "globalThis|crypto")).isEqualTo("true true true");
        assertThat(js.run("return typeof Response")).isEqualTo("function");
    }

    @Test
    void marks_crypto_subtle_and_the_crypto_global() {
        assertThat(js.run("return typeof crypto.subtle")).isEqualTo("object");
        assertThat(marked("Crypto.prototype|subtle", "globalThis|crypto", "CryptoKey.prototype|algorithm")).isEqualTo("true true true");
    }

    @Test
    void marks_state_getters_of_requests_and_responses_but_not_body() {
        assertThat(marked("Response.prototype|status", "Response.prototype|headers", "Response.prototype|bodyUsed",
                "Request.prototype|url", "Request.prototype|method", "Request.prototype|signal", "Response.prototype|body",
                "Request.prototype|body")).isEqualTo("true true true true true true false false");
    }

    @Test
    void marks_url_blob_abort_event_and_stream_state_getters() {
        assertThat(marked("URL.prototype|href", "URL.prototype|searchParams", "URLSearchParams.prototype|size",
                "Blob.prototype|size", "File.prototype|name", "AbortSignal.prototype|aborted", "AbortController.prototype|signal",
                "Event.prototype|type", "CustomEvent.prototype|detail", "TextDecoder.prototype|encoding",
                "ReadableStream.prototype|locked", "DOMException.prototype|name", "new Event('x')|isTrusted"))
                .isEqualTo("true true true true true true true true true true true true true");
    }

    @Test
    void the_set_itself_holds_the_lazy_globals_getters_too() {
        assertThat(js.runWithInternals("return internals.sideEffectFree.has(Object.getOwnPropertyDescriptor(globalThis, 'Headers').get)"))
                .isEqualTo("true");
    }

    @Test
    void never_marks_a_scripts_own_getter() {
        assertThat(js.runWithInternals("""
                const o = { get x() { return 1; } };
                class Sub extends Response { get status() { return 1; } }
                return [Object.getOwnPropertyDescriptor(o, 'x').get, Object.getOwnPropertyDescriptor(Sub.prototype, 'status').get,
                  () => 1, undefined, 42].map((f) => internals.isSideEffectFreeGetter(f)).join(' ');
                """)).isEqualTo("false false false false false");
    }

    @Test
    void answers_from_methods_no_script_can_patch() {
        assertThat(js.runWithInternals("""
                WeakSet.prototype.has = () => true;
                WeakSet.prototype.add = () => { throw new Error('patched add ran'); };
                const status = Object.getOwnPropertyDescriptor(Response.prototype, 'status').get;
                return internals.isSideEffectFreeGetter(() => 1) + ' ' + internals.isSideEffectFreeGetter(status);
                """)).isEqualTo("false true");
    }

    @Test
    void refuses_to_mark_a_property_that_is_not_a_getter() {
        assertThat(js.runWithInternals("""
                try {
                  internals.markSideEffectFree({ x: 1 }, 'x');
                  return 'marked';
                } catch (e) {
                  return e.message;
                }
                """)).isEqualTo("markSideEffectFree: x is not a getter");
    }
}
