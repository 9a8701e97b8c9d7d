package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeclarationsAcrossEntriesTest {
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
    void let_const_and_class_declared_on_one_entry_are_usable_on_the_next() {
        repl.value("let a = 1; const b = 2; class C { get v() { return 3 } }");
        assertThat(repl.value("a + b + new C().v")).isEqualTo("6");
    }

    @Test
    void let_const_and_class_may_be_declared_again_on_a_later_entry() {
        repl.value("let a = 1; const b = 2; class C { v() { return 1 } }");
        repl.value("let a = 10; const b = 20; class C { v() { return 100 } }");
        assertThat(repl.value("a + b + new C().v()")).isEqualTo("130");
        repl.value("const a = 5");
        assertThat(repl.value("a")).isEqualTo("5");
    }

    @Test
    void a_const_cannot_be_assigned_within_its_entry_nor_after_it() {
        assertThat(repl.error("const a = 1; a = 2")).startsWith("Uncaught TypeError: Assignment to constant variable.");
        assertThat(repl.value("a")).isEqualTo("1");
        assertThat(repl.error("a = 3")).startsWith("Uncaught TypeError: Assignment to constant variable.");
        assertThat(repl.error("function set() { a++ } set()")).startsWith("Uncaught TypeError: Assignment to constant variable.");
        assertThat(repl.value("a")).isEqualTo("1");
    }

    @Test
    void closures_see_assignments_made_by_later_entries() {
        repl.value("let count = 0; function inc() { count++ }");
        assertThat(repl.value("inc(); count")).isEqualTo("1");
        repl.value("count = 10");
        assertThat(repl.value("inc(); count")).isEqualTo("11");
    }

    @Test
    void destructuring_declarations_bind_every_name() {
        repl.value("const { a, b: [c, d = 4], ...rest } = { a: 1, b: [3], e: 5, f: 6 }");
        assertThat(repl.value("[a, c, d, rest]")).isEqualTo("[ 1, 3, 4, { e: 5, f: 6 } ]");
        assertThat(repl.error("rest = 1")).contains("Assignment to constant variable.");
        repl.value("let [x, , ...ys] = [1, 2, 3, 4]");
        assertThat(repl.value("[x, ys]")).isEqualTo("[ 1, [ 3, 4 ] ]");
    }

    @Test
    void an_entry_shows_the_value_a_script_would_complete_with() {
        assertThat(repl.value("let x = 5")).isEqualTo("undefined");
        assertThat(repl.value("class K {}")).isEqualTo("undefined");
        assertThat(repl.value("if (1) { 2 }")).isEqualTo("2");
        assertThat(repl.value("1; let y = 2")).isEqualTo("1");
        assertThat(repl.value("let z; z")).isEqualTo("undefined");
    }

    @Test
    void declared_functions_and_classes_keep_their_names() {
        assertThat(repl.value("const f = () => 1; let g = function () {}; class H {}; [f.name, g.name, H.name]"))
                .isEqualTo("[ 'f', 'g', 'H' ]");
    }

    @Test
    void a_var_or_function_stays_declared_as_in_a_script() {
        repl.value("var v = 1; function fn() { return v }");
        repl.value("var v");
        assertThat(repl.value("fn()")).isEqualTo("1");
        assertThat(repl.error("const v = 2")).startsWith("Uncaught SyntaxError: Identifier 'v' has already been declared");
    }

    @Test
    void sloppy_mode_code_runs_as_in_a_script() {
        assertThat(repl.value("with ({ a: 1 }) { a + 1 }")).isEqualTo("2");
        assertThat(repl.value("undeclared = 3; undeclared")).isEqualTo("3");
    }

    @Test
    void the_repl_helper_is_not_an_enumerable_global() {
        repl.value("let a = 1");
        assertThat(repl.value("Object.keys(globalThis).filter(k => k.includes('nano'))")).isEqualTo("[]");
    }
}
