package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.NanoRuntime;
import java.util.Map;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryCompletenessTest {
    static Engine engine;
    static JsTooling tooling;

    @BeforeAll
    static void start() {
        engine = NanoRuntime.newEngine(Map.of());
        tooling = new JsTooling(engine);
    }

    @AfterAll
    static void stop() {
        tooling.close();
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"let x = {", "foo(1,", "[1, 2", "class A {", "function f() {", "if (x) {\n  y();", "const { Hono } = await import("})
    void keeps_reading_while_a_bracket_is_open(String input) {
        assertThat(tooling.isComplete(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x = 1 +", "a ? b", "x =>", "a.", "new"})
    void keeps_reading_while_an_operator_waits_for_its_operand(String input) {
        assertThat(tooling.isComplete(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"`abc ${", "`abc", "`first line\nsecond", "`a ${ `b", "/* abc", "let x = 1; /* a\n * b"})
    void keeps_reading_an_open_template_literal_or_block_comment(String input) {
        assertThat(tooling.isComplete(input)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"'abc", "\"abc", "let x = ;", "}", "a b"})
    void an_entry_with_another_syntax_error_is_complete_for_evaluation_to_report(String input) {
        assertThat(tooling.isComplete(input)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "let x = 1", "const r = await fetch(url)", "const { Hono } = await import(\"hono\")", "import x from \"y\"",
            "with (a) { b }", "let x = {\n  a: 1\n}", "`a\nb`", "/* a\n */ 1", "x // comment", "", "  \n "})
    void a_whole_entry_is_complete(String input) {
        assertThat(tooling.isComplete(input)).isTrue();
    }
}
