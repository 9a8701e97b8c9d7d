package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.repl.CompletionTarget.Kind;
import dev.nano.runtime.NanoRuntime;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompletionTargetTest {
    static final List<String> COMMANDS = List.of(".break", ".editor", ".exit", ".help");
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

    private static String chain(String prefix) {
        CompletionTarget t = tooling.completionTarget(prefix);
        assertThat(t.kind()).as(prefix).isEqualTo(Kind.MEMBER);
        return t.chain();
    }

    @Test
    void a_property_of_a_global_names_the_word_and_where_it_starts() {
        CompletionTarget t = tooling.completionTarget("crypto.su");
        assertThat(t.kind()).isEqualTo(Kind.MEMBER);
        assertThat(t.partial()).isEqualTo("su");
        assertThat(t.start()).isEqualTo(7);
        assertThat(t.chain()).isEqualTo("{\"root\":{\"kind\":\"global\",\"name\":\"crypto\"},\"steps\":[]}");
    }

    @Test
    void property_steps_follow_the_chain_including_optional_and_quoted_ones() {
        assertThat(chain("a.b?.[\"c\"].d.")).isEqualTo("{\"root\":{\"kind\":\"global\",\"name\":\"a\"},\"steps\":[\"b\",\"c\",\"d\"]}");
        assertThat(chain("a?.b")).isEqualTo("{\"root\":{\"kind\":\"global\",\"name\":\"a\"},\"steps\":[]}");
    }

    @Test
    void new_expressions_are_described_by_their_constructor_not_run() {
        assertThat(chain("new URL(\"http://a\").se"))
                .isEqualTo("{\"root\":{\"kind\":\"new\",\"callee\":{\"root\":{\"kind\":\"global\",\"name\":\"URL\"},\"steps\":[]}},\"steps\":[]}");
        // without an argument list the dot belongs to the constructor's name: new (a.B)
        assertThat(chain("new a.")).isEqualTo("{\"root\":{\"kind\":\"global\",\"name\":\"a\"},\"steps\":[]}");
    }

    @Test
    void literals_are_described_by_their_type() {
        assertThat(chain("[1,2].ma")).contains("\"type\":\"array\"");
        assertThat(chain("\"x\".toUp")).contains("\"type\":\"string\"");
        assertThat(chain("`a${b}`.len")).contains("\"type\":\"string\"");
        assertThat(chain("(1).toF")).contains("\"type\":\"number\"");
        assertThat(chain("1n.toS")).contains("\"type\":\"bigint\"");
        assertThat(chain("/a/g.te")).contains("\"type\":\"regexp\"");
        assertThat(chain("true.to")).contains("\"type\":\"boolean\"");
        assertThat(chain("({ port: 1, 'host': 2 }).")).contains("\"type\":\"object\"", "\"keys\":[\"port\",\"host\"]");
        assertThat(chain("(() => 1).ca")).contains("\"type\":\"function\"");
    }

    @Test
    void the_operand_just_before_the_dot_is_the_one_completed() {
        assertThat(chain("x = a.b + \"s\".len")).contains("\"type\":\"string\"");
        assertThat(chain("foo(1, crypto.su")).contains("\"name\":\"crypto\"");
        assertThat(chain("const n = await res.j")).contains("\"name\":\"res\"");
        assertThat(chain("if (ok) console.lo")).contains("\"name\":\"console\"");
        assertThat(chain("!env.")).contains("\"name\":\"env\"");
        assertThat(chain("[1, 2]\n  .ma")).contains("\"type\":\"array\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f().x", "a[i].x", "a.b().c.", "tag`x`.le", "(1 + 2).toF", "x++.a"})
    void nothing_is_offered_where_knowing_the_value_would_take_running_code(String prefix) {
        assertThat(tooling.completionTarget(prefix).kind()).isEqualTo(Kind.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc.de", "'x", "`abc.de", "x // cons", "/* cons", "12"})
    void nothing_is_offered_inside_strings_comments_or_numbers(String prefix) {
        assertThat(tooling.completionTarget(prefix).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    void a_word_in_scope_completes_against_globals() {
        CompletionTarget t = tooling.completionTarget("let x = cou");
        assertThat(t.kind()).isEqualTo(Kind.GLOBAL);
        assertThat(t.partial()).isEqualTo("cou");
        assertThat(t.start()).isEqualTo(8);
        assertThat(tooling.completionTarget("").kind()).isEqualTo(Kind.GLOBAL);
        assertThat(tooling.completionTarget("[...ite").kind()).isEqualTo(Kind.GLOBAL);
    }

    @Test
    void an_entry_that_is_only_a_dot_word_completes_a_command() {
        CompletionTarget t = tooling.completionTarget(".he");
        assertThat(t.kind()).isEqualTo(Kind.COMMAND);
        assertThat(t.partial()).isEqualTo(".he");
        assertThat(t.start()).isZero();
        assertThat(t.matching(COMMANDS)).containsExactly(".help");
        assertThat(tooling.completionTarget(".").matching(COMMANDS)).isEqualTo(COMMANDS);
        assertThat(tooling.completionTarget(".5").kind()).isEqualTo(Kind.NONE);
    }
}
