package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CompletionTest {
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
    void properties_complete_along_a_chain_of_globals() {
        assertThat(repl.complete("crypto.su")).containsExactly("subtle");
        assertThat(repl.complete("crypto.subtle.di")).containsExactly("digest");
        assertThat(repl.complete("Math.ma")).containsExactly("max");
        assertThat(repl.complete("globalThis.Math.PI.toF")).containsExactly("toFixed");
    }

    @Test
    void an_instance_completes_from_its_constructor_prototype_without_constructing_it() {
        repl.value("globalThis.made = 0; class Made { constructor() { made++ } go() {} get g() { made++ } }");
        assertThat(repl.complete("new URL(\"http://a\").se")).containsExactly("search", "searchParams");
        assertThat(repl.complete("new Made().")).contains("go", "g", "constructor", "hasOwnProperty");
        assertThat(repl.complete("new Made().g.")).isEmpty();
        assertThat(repl.value("made")).isEqualTo("0");
    }

    @Test
    void a_global_getter_the_program_defined_before_the_repl_came_is_never_run() {
        try (ReplTesting late = ReplTesting.startAfter(
                "globalThis.reads = 0; Object.defineProperty(globalThis, 'config', { get() { reads++; return { port: 1 }; } });")) {
            assertThat(late.complete("config.po")).isEmpty();
            assertThat(late.complete("crypto.su")).containsExactly("subtle");
            assertThat(late.value("reads")).isEqualTo("0");
        }
    }

    @Test
    void literals_complete_from_their_prototypes() {
        assertThat(repl.complete("[1,2].ma")).containsExactly("map");
        assertThat(repl.complete("\"x\".toUp")).containsExactly("toUpperCase");
        assertThat(repl.complete("\"x\".len")).containsExactly("length");
        assertThat(repl.complete("(5).toFi")).containsExactly("toFixed");
        assertThat(repl.complete("/a/.te")).containsExactly("test");
        assertThat(repl.complete("({ port: 1 }).po")).containsExactly("port");
    }

    @Test
    void an_object_completes_its_own_and_inherited_names() {
        repl.value("globalThis.env = { DB: 'd1', API_KEY: 'k' }");
        assertThat(repl.complete("env.")).contains("API_KEY", "DB", "hasOwnProperty", "toString");
        assertThat(repl.complete("env.A")).containsExactly("API_KEY");
    }

    @Test
    void names_in_scope_include_globals_repl_declarations_and_keywords_but_not_the_repl_helper() {
        repl.value("let myValue = 1; const myConst = { port: 1 }; class MyClass {}");
        assertThat(repl.complete("my")).containsExactly("myConst", "myValue");
        assertThat(repl.complete("My")).containsExactly("MyClass");
        assertThat(repl.complete("myConst.po")).containsExactly("port");
        assertThat(repl.complete("Prom")).containsExactly("Promise");
        assertThat(repl.complete("fetc")).containsExactly("fetch");
        assertThat(repl.complete("awa")).containsExactly("await");
        assertThat(repl.complete("fun")).containsExactly("function");
        assertThat(repl.complete("__nano")).isEmpty();
    }

    @Test
    void commands_complete_from_the_list_the_ui_gives() {
        assertThat(repl.complete(".e")).containsExactly(".editor", ".exit");
    }

    @Test
    void a_user_getter_is_never_run_to_complete() {
        repl.value("globalThis.calls = 0; const o = { get g() { calls++; return { x: 1 } } }");
        repl.value("Object.defineProperty(globalThis, 'lazy', { get() { calls++; return {} }, configurable: true })");
        assertThat(repl.complete("o.")).contains("g");
        assertThat(repl.complete("o.g.")).isEmpty();
        assertThat(repl.complete("lazy.")).isEmpty();
        assertThat(repl.complete("la")).contains("lazy");
        assertThat(repl.value("calls")).isEqualTo("0");
    }

    @Test
    void a_proxy_is_never_looked_into() {
        repl.value("""
                globalThis.traps = 0;
                const count = (trap) => (...args) => { traps++; return Reflect[trap](...args); };
                const handler = {};
                for (const trap of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf"]) handler[trap] = count(trap);
                const p = new Proxy({ a: { b: 1 } }, handler);
                const child = Object.create(p);
                Object.defineProperty(child, "own", { value: 1, enumerable: true });
                0
                """);
        assertThat(repl.complete("p.")).isEmpty();
        assertThat(repl.complete("p.a.")).isEmpty();
        assertThat(repl.complete("child.")).containsExactly("own");
        assertThat(repl.complete("child.a.")).isEmpty();
        assertThat(repl.value("traps")).isEqualTo("0");
    }

    @Test
    void calls_are_never_made_to_complete() {
        repl.value("globalThis.calls = 0; function f() { calls++; return { x: 1 } }");
        assertThat(repl.complete("f().")).isEmpty();
        assertThat(repl.complete("f.app")).containsExactly("apply");
        assertThat(repl.value("calls")).isEqualTo("0");
    }
}
