package dev.nano.runtime.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * internals.inspect, the printer of console.log and the REPL. Expected strings are what Node 20's
 * util.inspect prints for the same value and options.
 */
class InspectTest {
    private static final JsTesting js = JsTesting.start();

    @AfterAll
    static void close() {
        js.close();
    }

    /** internals.inspect(expression, options) with the ANSI escape character shown as {@code ~}. */
    private static String inspect(String expression, String options) {
        return js.runWithInternals("return internals.inspect(" + expression + ", " + options + ")").replace('\u001b', '~');
    }

    private static String colored(String expression) {
        return inspect(expression, "{ colors: true }");
    }

    @Test
    void colours_primitives_with_nodes_default_styles() {
        assertThat(colored("({ a: 1, b: 's', c: null, d: undefined, e: true, f: 10n, g: Symbol('x') })"))
                .isEqualTo("{ a: ~[33m1~[39m, b: ~[32m's'~[39m, c: ~[1mnull~[22m, d: ~[90mundefined~[39m, "
                        + "e: ~[33mtrue~[39m, f: ~[33m10n~[39m, g: ~[32mSymbol(x)~[39m }");
    }

    @Test
    void colours_dates_magenta_regexps_red_and_functions_cyan() {
        assertThat(colored("[new Date(0), /x/g, function f() {}, class K {}, 'quoted-key']"))
                .isEqualTo("[\n  ~[35m1970-01-01T00:00:00.000Z~[39m,\n  ~[31m/x/g~[39m,\n  ~[36m[Function: f]~[39m,\n"
                        + "  ~[36m[class K]~[39m,\n  ~[32m'quoted-key'~[39m\n]");
    }

    @Test
    void colours_quoted_and_symbol_keys_but_not_plain_ones() {
        assertThat(colored("({ 'a-b': 1, [Symbol('s')]: 2 })"))
                .isEqualTo("{ ~[32m'a-b'~[39m: ~[33m1~[39m, [~[32mSymbol(s)~[39m]: ~[33m2~[39m }");
    }

    @Test
    void colours_circular_markers_accessors_holes_and_depth_markers_as_special() {
        assertThat(colored("(() => { const o = {}; o.self = o; return o; })()"))
                .isEqualTo("~[36m<ref *1>~[39m { self: ~[36m[Circular *1]~[39m }");
        assertThat(colored("({ get a() { return 1 }, set b(v) {}, get c() { return 1 }, set c(v) {} })"))
                .isEqualTo("{ a: ~[36m[Getter]~[39m, b: ~[36m[Setter]~[39m, c: ~[36m[Getter/Setter]~[39m }");
        assertThat(colored("[1, , 3]")).isEqualTo("[ ~[33m1~[39m, ~[90m<1 empty item>~[39m, ~[33m3~[39m ]");
        assertThat(colored("({ a: { b: { c: { d: 1 } } }, e: [[[[1]]]] })"))
                .isEqualTo("{ a: { b: { c: ~[36m[Object]~[39m } }, e: [ [ ~[36m[Array]~[39m ] ] }");
    }

    @Test
    void colours_boxed_primitives_buffers_and_weak_collections() {
        assertThat(colored("[new Number(3), new String('ab'), Object(Symbol('q')), Object(5n), new Boolean(false)]"))
                .isEqualTo("[\n  ~[33m[Number: 3]~[39m,\n  ~[32m[String: 'ab']~[39m,\n  ~[32m[Symbol: Symbol(q)]~[39m,\n"
                        + "  ~[33m[BigInt: 5n]~[39m,\n  ~[33m[Boolean: false]~[39m\n]");
        assertThat(colored("new Uint8Array([1, 2]).buffer"))
                .isEqualTo("ArrayBuffer { ~[36m[Uint8Contents]~[39m: <01 02>, byteLength: ~[33m2~[39m }");
        assertThat(colored("new WeakMap()")).isEqualTo("WeakMap { ~[36m<items unknown>~[39m }");
        assertThat(colored("Object.assign(function f() {}, { a: 1 })")).isEqualTo("[Function: f] { a: ~[33m1~[39m }");
    }

    @Test
    void colours_map_entries_and_cut_strings_without_colouring_the_trailer() {
        assertThat(colored("new Map([[1, 'a'], ['b', { c: 2 }]])"))
                .isEqualTo("Map(2) { ~[33m1~[39m => ~[32m'a'~[39m, ~[32m'b'~[39m => { c: ~[33m2~[39m } }");
        assertThat(inspect("['x'.repeat(30)]", "{ colors: true, maxStringLength: 10 }"))
                .isEqualTo("[ ~[32m'xxxxxxxxxx'~[39m... 20 more characters ]");
    }

    @Test
    void line_breaks_measure_what_the_terminal_shows_not_the_colour_codes() {
        // 78 visible columns on one line; with its escape codes counted it would be 118.
        assertThat(colored("({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'ccccc', e: 12345 })"))
                .isEqualTo("{ alpha: ~[32m'aaaaaaaaaa'~[39m, beta: ~[32m'bbbbbbbbbb'~[39m, gamma: ~[32m'ccccc'~[39m, e: ~[33m12345~[39m }");
        assertThat(colored("({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccc', e: 12345 })"))
                .isEqualTo("{\n  alpha: ~[32m'aaaaaaaaaa'~[39m,\n  beta: ~[32m'bbbbbbbbbb'~[39m,\n  gamma: ~[32m'cccccccc'~[39m,\n"
                        + "  e: ~[33m12345~[39m\n}");
    }

    @Test
    void aligns_coloured_numbers_in_columns_by_their_visible_width() {
        assertThat(colored("Array.from({ length: 12 }, (_, i) => i * 97)"))
                .isEqualTo("[\n"
                        + "    ~[33m0~[39m,  ~[33m97~[39m, ~[33m194~[39m,  ~[33m291~[39m,\n"
                        + "  ~[33m388~[39m, ~[33m485~[39m, ~[33m582~[39m,  ~[33m679~[39m,\n"
                        + "  ~[33m776~[39m, ~[33m873~[39m, ~[33m970~[39m, ~[33m1067~[39m\n"
                        + "]");
    }

    @Test
    void prints_without_colour_by_default_and_console_log_never_colours() {
        assertThat(inspect("{ a: 1, s: 'x' }", "undefined")).isEqualTo("{ a: 1, s: 'x' }");
        try (JsTesting fresh = JsTesting.start()) {
            fresh.run("console.log({ a: 1, s: 'x', d: new Date(0) }, [null])");
            assertThat(fresh.out()).isEqualTo("{ a: 1, s: 'x', d: 1970-01-01T00:00:00.000Z } [ null ]\n");
        }
    }

    @Test
    void underlines_package_names_in_coloured_stack_frames() {
        String shown = inspect("Object.assign(new Error('x'), { stack: 'Error: x\\n    at f (/app/node_modules/hono/dist/index.js:1:2)' })",
                "{ colors: true }");
        assertThat(shown).isEqualTo("Error: x\n    at f (/app/node_modules/~[4mhono~[24m/dist/index.js:1:2)");
    }

    @Test
    void does_not_invoke_getters_unless_asked() {
        assertThat(inspect("({ get boom() { throw new Error('ran') }, n: 1 })", "{}")).isEqualTo("{ boom: [Getter], n: 1 }");
        assertThat(inspect("({ a: { get g() { return 5 }, get o() { return { z: 1 } }, get n() { return null } } })", "{ getters: true }"))
                .isEqualTo("{ a: { g: [Getter: 5], o: [Getter] { z: 1 }, n: [Getter: null] } }");
    }

    @Test
    void names_class_instances_and_leaves_anonymous_ones_plain() {
        assertThat(inspect("[new (class Foo { constructor() { this.x = 1 } })(), new (class {})(), Object.create(null), "
                + "new (class Bar extends Map {})()]", "{}"))
                .isEqualTo("[ Foo { x: 1 }, {}, [Object: null prototype] {}, Bar(0) [Map] {} ]");
    }

    @Test
    void marks_each_circular_reference_with_its_own_number() {
        assertThat(inspect("(() => { const a = { name: 'a' }; const b = { name: 'b', a }; a.b = b; return [a, b]; })()", "{}"))
                .isEqualTo("[\n  <ref *1> { name: 'a', b: { name: 'b', a: [Circular *1] } },\n"
                        + "  <ref *2> { name: 'b', a: <ref *1> { name: 'a', b: [Circular *2] } }\n]");
    }

    @Test
    void abbreviates_long_arrays_after_a_hundred_items() {
        assertThat(inspect("new Array(1000).fill(0)", "{}")).isEqualTo("[\n"
                + "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n".repeat(8)
                + "  0, 0, 0, 0,\n"
                + "  ... 900 more items\n]");
        String strings = inspect("Array.from({ length: 150 }, (_, i) => 'item' + i)", "{}");
        assertThat(strings).startsWith("[\n  'item0',  'item1',  'item2',  'item3',  'item4',  'item5',\n")
                .endsWith("  'item96', 'item97', 'item98', 'item99',\n  ... 50 more items\n]");
    }

    @Test
    void abbreviates_typed_arrays_with_their_length() {
        assertThat(inspect("new Uint8Array(1000)", "{}")).isEqualTo("Uint8Array(1000) [\n"
                + "  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n".repeat(8)
                + "  0, 0, 0, 0,\n"
                + "  ... 900 more items\n]");
        assertThat(colored("new Int16Array([1, -2, 300])")).isEqualTo("Int16Array(3) [ ~[33m1~[39m, ~[33m-2~[39m, ~[33m300~[39m ]");
    }

    @Test
    void cuts_strings_longer_than_ten_thousand_characters() {
        assertThat(inspect("['y'.repeat(10005)]", "{}")).isEqualTo("[\n  '" + "y".repeat(10000) + "'... 5 more characters\n]");
    }

    @Test
    void shows_a_prototype_object_instead_of_calling_its_inspect_hook() {
        assertThat(inspect("URL.prototype", "{}")).startsWith("Object [URL] {").contains("href: [Getter/Setter]");
    }

    @Test
    void named_display_objects_take_depth_and_colours_like_any_object() {
        assertThat(colored("internals.inspect.named('Thing', { n: 1, inner: internals.inspect.named('Inner', { s: 'x' }) })"))
                .isEqualTo("Thing { n: ~[33m1~[39m, inner: Inner { s: ~[32m'x'~[39m } }");
        assertThat(inspect("({ a: { b: { c: internals.inspect.named('Thing', {}) } } })", "{}"))
                .isEqualTo("{ a: { b: { c: [Thing] } } }");
        assertThat(inspect("internals.inspect.named('Headers', [['__proto__', '1']])", "{}")).isEqualTo("Headers { ['__proto__']: '1' }");
    }
}
