package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nano.devserver.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class WorkerOptionsTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        WorkerOptions options;
    }

    private static ServeConfig.Overrides parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.options.overrides();
    }

    @Test
    void var_takes_wranglers_colon_and_the_equals_sign() {
        ServeConfig.Overrides o = parse("--var", "A:one", "--var", "B=two");
        assertThat(o.vars()).containsExactly(Map.entry("A", "one"), Map.entry("B", "two"));
    }

    @Test
    void var_splits_at_whichever_separator_comes_first() {
        ServeConfig.Overrides o = parse("--var", "URL:http://x.test/?a=b", "--var", "PAIR=k:v", "--var", "EMPTY:");
        assertThat(o.vars())
                .containsEntry("URL", "http://x.test/?a=b")
                .containsEntry("PAIR", "k:v")
                .containsEntry("EMPTY", "");
    }

    @Test
    void a_later_var_of_the_same_name_wins() {
        assertThat(parse("--var", "A:1", "--var", "A=2").vars()).containsExactlyEntriesOf(Map.of("A", "2"));
    }

    @Test
    void passes_host_port_and_env_through() {
        ServeConfig.Overrides o = parse("--host", "0.0.0.0", "--port", "0", "--env", "staging");
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.port()).isZero();
        assertThat(o.envName()).isEqualTo("staging");
        assertThat(parse("-e", "production").envName()).isEqualTo("production");
    }

    @Test
    void without_flags_nothing_is_overridden() {
        ServeConfig.Overrides o = parse();
        assertThat(o.host()).isNull();
        assertThat(o.port()).isNull();
        assertThat(o.vars()).isEmpty();
        assertThat(o.envName()).isNull();
    }

    @Test
    void a_var_without_a_separator_is_an_error_naming_the_flag() {
        assertThatThrownBy(() -> parse("--var", "NOVALUE"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--var NOVALUE")
                .hasMessageContaining("KEY:VALUE");
        assertThatThrownBy(() -> WorkerOptions.parseVar(":value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--var");
    }

    @Test
    void serve_rejects_a_bad_var_as_a_usage_error() throws Exception {
        Files.writeString(dir.resolve("index.js"), "export default { fetch() { return new Response('x'); } };");
        int code = Main.execute("serve", dir.toString(), "--var", "NOVALUE");
        assertThat(code).isEqualTo(2);
        assertThat(stdio.err()).contains("--var NOVALUE");
    }

    @Test
    void serve_names_the_environments_when_env_is_unknown() throws Exception {
        Files.writeString(dir.resolve("wrangler.toml"), "main = \"index.js\"\n[env.staging]\n[env.production]\n");
        Files.writeString(dir.resolve("index.js"), "export default { fetch() { return new Response('x'); } };");
        int code = Main.execute("serve", dir.toString(), "--env", "prod");
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err()).contains("wrangler.toml").contains("staging, production");
    }
}
