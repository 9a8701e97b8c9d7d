package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.Test;

class HostErrorTest {
    public static final class FailingOps {
        @HostAccess.Export
        public int dataError() {
            throw new JsError("DataError", "the key data is malformed");
        }

        @HostAccess.Export
        public int typeError() {
            throw JsError.typeError("expected a string");
        }

        @HostAccess.Export
        public int javaBug() {
            throw new IllegalStateException("a bug");
        }
    }

    @Test
    void op_exceptions_reach_scripts_as_the_js_errors_they_name() {
        Extension failing = Extension.of("lazyprobe", List.of("failing.js"), services -> new FailingOps());
        try (JsTesting js = JsTesting.start(NanoRuntime.builder().extension(failing))) {
            String seen = js.run("""
                    const describe = (f) => { try { f(); return 'no error'; } catch (e) {
                      return [e.constructor.name, e.name, e.message, e instanceof Error].join('|'); } };
                    return [describe(Failing.dataError), describe(Failing.typeError), describe(Failing.javaBug)].join('\\n');
                    """);
            assertThat(seen.split("\n")).containsExactly(
                    "DOMException|DataError|the key data is malformed|true",
                    "TypeError|TypeError|expected a string|true",
                    "Error|Error|internal error: java.lang.IllegalStateException: a bug|true");
        }
    }
}
