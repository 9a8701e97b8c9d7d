package dev.nano.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    /** Logs with a fresh runtime and returns what reached stdout. */
    private static String logged(String script) {
        try (JsTesting t = JsTesting.start()) {
            t.run(script);
            return t.out();
        }
    }

    private static String errors(String script) {
        try (JsTesting t = JsTesting.start()) {
            t.run(script);
            return t.err();
        }
    }

    @Test
    void prints_strings_bare_at_top_level_and_quoted_inside_structures() {
        assertThat(logged("console.log('a', ['b'], { c: \"it's\" })"))
                .isEqualTo("a [ 'b' ] { c: \"it's\" }\n");
    }

    @Test
    void prints_primitives_as_node_does() {
        assertThat(logged("console.log(1, -0, 10n, Symbol('s'), undefined, null, true)"))
                .isEqualTo("1 -0 10n Symbol(s) undefined null true\n");
    }

    @Test
    void nests_objects_two_levels_deep() {
        assertThat(logged("console.log({ a: { b: { c: { d: 1 } } }, e: [1, [2, [3, [4]]]] })"))
                .isEqualTo("{ a: { b: { c: [Object] } }, e: [ 1, [ 2, [Array] ] ] }\n");
    }

    @Test
    void prints_collections_with_their_size() {
        assertThat(logged("console.log(new Map([['a', 1]]), new Set([1, 'x']))"))
                .isEqualTo("Map(1) { 'a' => 1 } Set(2) { 1, 'x' }\n");
    }

    @Test
    void prints_typed_arrays_buffers_dates_and_regexps() {
        assertThat(logged("console.log(new Uint8Array([1, 2, 3]), new Uint8Array([255]).buffer, new Date(0), /a+/g)"))
                .isEqualTo("Uint8Array(3) [ 1, 2, 3 ] ArrayBuffer { [Uint8Contents]: <ff>, byteLength: 1 } "
                        + "1970-01-01T00:00:00.000Z /a+/g\n");
    }

    @Test
    void names_functions_and_classes() {
        assertThat(logged("class A {} class B extends A {} console.log(function f() {}, () => {}, A, B, async function g() {})"))
                .isEqualTo("[Function: f] [Function (anonymous)] [class A] [class B extends A] [AsyncFunction: g]\n");
    }

    @Test
    void marks_circular_references() {
        assertThat(logged("const o = { n: 1 }; o.self = o; console.log(o)"))
                .isEqualTo("<ref *1> { n: 1, self: [Circular *1] }\n");
    }

    @Test
    void shows_accessors_and_class_names() {
        assertThat(logged("class P { constructor() { this.x = 1 } } "
                + "console.log(new P(), { get a() { return 1 }, set b(v) {} }, Object.create(null))"))
                .isEqualTo("P { x: 1 } { a: [Getter], b: [Setter] } [Object: null prototype] {}\n");
    }

    @Test
    void prints_errors_with_stack_and_cause() {
        String out = logged("console.log(new Error('outer', { cause: new TypeError('inner') }))");
        assertThat(out).startsWith("Error: outer\n    at ").contains("{\n  [cause]: TypeError: inner\n      at ").endsWith("}\n");
    }

    @Test
    void breaks_long_objects_over_lines() {
        assertThat(logged("console.log({ aaaaaaaaaaa: 'b'.repeat(27), ccccccccccccc: 'd'.repeat(28), e: 1 })"))
                .isEqualTo("{\n  aaaaaaaaaaa: '" + "b".repeat(27) + "',\n  ccccccccccccc: '" + "d".repeat(28) + "',\n  e: 1\n}\n");
    }

    @Test
    void groups_long_number_arrays_in_columns() {
        assertThat(logged("console.log(Array.from({ length: 8 }, (_, i) => i * 100))"))
                .isEqualTo("[\n    0, 100, 200, 300,\n  400, 500, 600, 700\n]\n");
    }

    @Test
    void applies_format_specifiers() {
        assertThat(logged("console.log('%s is %d, %i, %f %j %O %c%% %s', 'Bob', 42.5, 42.5, '1.5', { a: 1 }, { b: 2 }, 'color: red', 'x', 'extra')"))
                .isEqualTo("Bob is 42.5, 42, 1.5 {\"a\":1} { b: 2 } % x extra\n");
    }

    @Test
    void writes_warnings_errors_and_failed_assertions_to_stderr() {
        assertThat(errors("console.warn('w'); console.error('e'); console.assert(true, 'no'); console.assert(false, 'boom %s', 1)"))
                .isEqualTo("w\ne\nAssertion failed: boom 1\n");
    }

    @Test
    void traces_to_stderr_with_frames() {
        assertThat(errors("console.trace('here', 1)")).startsWith("Trace: here 1\n    at ");
    }

    @Test
    void indents_groups() {
        assertThat(logged("console.group('G'); console.log('a\\nb'); console.group(); console.log('c'); console.groupEnd(); console.groupEnd(); console.log('d')"))
                .isEqualTo("G\n  a\n  b\n    c\nd\n");
    }

    @Test
    void counts_per_label() {
        assertThat(logged("console.count(); console.count(); console.count('x'); console.countReset(); console.count()"))
                .isEqualTo("default: 1\ndefault: 2\nx: 1\ndefault: 1\n");
    }

    @Test
    void times_labels_in_milliseconds() {
        assertThat(logged("console.time('t'); console.timeLog('t', 'mid'); console.timeEnd('t')"))
                .matches("t: \\d+\\.\\d{3}ms mid\nt: \\d+\\.\\d{3}ms\n");
    }

    @Test
    void draws_tables() {
        assertThat(logged("console.table([{ a: 1, b: 'Y' }, { a: 'Z' }])")).isEqualTo("""
                ┌─────────┬─────┬─────┐
                │ (index) │ a   │ b   │
                ├─────────┼─────┼─────┤
                │ 0       │ 1   │ 'Y' │
                │ 1       │ 'Z' │     │
                └─────────┴─────┴─────┘
                """);
    }

    @Test
    void dir_honours_depth_option() {
        assertThat(logged("console.dir({ a: { b: 1 } }, { depth: 0 })")).isEqualTo("{ a: [Object] }\n");
    }
}
