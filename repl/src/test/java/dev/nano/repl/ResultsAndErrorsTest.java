package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultsAndErrorsTest {
    ReplTesting repl;

    @BeforeEach
    void start() {
        repl = ReplTesting.start();
    }

    @AfterEach
    void stop() {
        repl.close();
    }

    @Test
    void underscore_holds_the_last_value_and_underscore_error_the_last_error() {
        repl.value("40 + 2");
        assertThat(repl.value("_")).isEqualTo("42");
        repl.error("null.x");
        assertThat(repl.value("_error instanceof TypeError")).isEqualTo("true");
        repl.value("await Promise.resolve('later')");
        assertThat(repl.value("_")).isEqualTo("'later'");
    }

    @Test
    void underscore_assigned_or_declared_by_the_program_is_left_to_it() {
        repl.value("_ = 'mine'");
        repl.value("1 + 1");
        assertThat(repl.value("_")).isEqualTo("'mine'");
        repl.value("let _error = 'also mine'");
        repl.error("null.x");
        assertThat(repl.value("_error")).isEqualTo("'also mine'");
    }

    @Test
    void values_are_shown_as_node_inspects_them() {
        assertThat(repl.value("'abc'")).isEqualTo("'abc'");
        assertThat(repl.value("({ a: [1, 'x'], m: new Map([[1, 2]]) })")).isEqualTo("{ a: [ 1, 'x' ], m: Map(1) { 1 => 2 } }");
        assertThat(repl.value("undefined")).isEqualTo("undefined");
    }

    @Test
    void a_blank_entry_shows_nothing() {
        assertThat(repl.eval("   ")).isEqualTo(Evaluation.value(""));
    }

    @Test
    void a_thrown_error_is_reported_as_node_reports_an_uncaught_one_with_its_js_stack_only() {
        String text = repl.error("function boom() { throw new Error('boom') }\nboom()");
        assertThat(text).startsWith("Uncaught Error: boom\n    at boom (REPL");
        assertThat(text).contains("at REPL").doesNotContain(".java", "dev.nano", "polyglot");
        assertThat(repl.error("throw 'plain'")).isEqualTo("Uncaught 'plain'");
    }

    @Test
    void a_syntax_error_names_line_and_column_and_shows_the_line() {
        String text = repl.error("let x = ;");
        assertThat(text).startsWith("Uncaught SyntaxError: REPL").contains(":1:8", "let x = ;\n        ^");
    }

    @Test
    void a_syntax_error_in_an_awaiting_entry_is_not_blamed_on_the_await() {
        String text = repl.error("const k = await 1; let = ;");
        assertThat(text).startsWith("Uncaught SyntaxError:").doesNotContain("await is only valid");
    }

    @Test
    void an_interrupted_entry_says_so_and_the_session_goes_on() throws Exception {
        Context context = repl.js().runtime().onLoop(c -> c).get();
        CompletableFuture<Evaluation> running = CompletableFuture.supplyAsync(() -> repl.eval("while (true) {}"));
        while (!running.isDone()) { // an interrupt while no JS runs does nothing: repeat until one lands
            context.interrupt(Duration.ofSeconds(30));
            Thread.sleep(20);
        }
        Evaluation e = running.get(30, TimeUnit.SECONDS);
        assertThat(e.interrupted()).isTrue();
        assertThat(e.ok()).isFalse();
        assertThat(repl.value("1 + 1")).isEqualTo("2");
    }
}
