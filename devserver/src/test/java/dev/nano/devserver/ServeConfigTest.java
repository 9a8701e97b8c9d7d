package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigTest {
    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    @Test
    void reads_main_port_and_vars_from_nano_toml() throws IOException {
        write("nano.toml", """
                main = "app/worker.js"
                port = 9000
                [vars]
                NAME = "nano"
                LIMIT = 10
                """);
        write("app/worker.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.entry()).isEqualTo(dir.resolve("app/worker.js").toAbsolutePath());
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.vars()).containsEntry("NAME", "nano").containsEntry("LIMIT", 10);
    }

    @Test
    void nano_toml_wins_over_wrangler_toml() throws IOException {
        write("nano.toml", "main = \"a.js\"\n");
        write("wrangler.toml", "main = \"b.js\"\n[vars]\nX = \"wrangler\"\n");
        write("a.js", "");
        write("b.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.entry().getFileName().toString()).isEqualTo("a.js");
        assertThat(c.vars()).isEmpty();
    }

    @Test
    void reads_wrangler_toml_main_vars_and_dev_port() throws IOException {
        write("wrangler.toml", """
                name = "app"
                main = "src/worker.js"
                [vars]
                API = "https://example.com"
                [dev]
                port = 8123
                """);
        write("src/worker.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.entry().getFileName().toString()).isEqualTo("worker.js");
        assertThat(c.port()).isEqualTo(8123);
        assertThat(c.vars()).containsEntry("API", "https://example.com");
    }

    @Test
    void reads_wrangler_jsonc_with_comments_and_trailing_commas() throws IOException {
        write("wrangler.jsonc", """
                {
                  // the worker
                  "main": "index.js",
                  /* settings */
                  "vars": { "MODE": "dev", "FLAGS": { "beta": true }, },
                }
                """);
        write("index.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.entry().getFileName().toString()).isEqualTo("index.js");
        assertThat(c.vars()).containsEntry("MODE", "dev").containsEntry("FLAGS", Map.of("beta", true));
    }

    @Test
    void dev_vars_override_file_vars_and_flags_override_everything() throws IOException {
        write("wrangler.json", "{\"main\": \"index.js\", \"vars\": {\"A\": \"file\", \"B\": \"file\", \"C\": \"file\"}}");
        write(".dev.vars", """
                # secrets
                B=dev vars
                C="quoted value"
                """);
        write("index.js", "");
        ServeConfig c = ServeConfig.load(dir, new ServeConfig.Overrides("0.0.0.0", 1234, Map.of("C", "flag")));
        assertThat(c.vars()).containsEntry("A", "file").containsEntry("B", "dev vars").containsEntry("C", "flag");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(1234);
    }

    @Test
    void without_config_serves_src_index_js_on_the_default_port() throws IOException {
        write("src/index.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.entry()).isEqualTo(dir.resolve("src/index.js").toAbsolutePath());
        assertThat(c.port()).isEqualTo(8787);
        assertThat(c.configFile()).isNull();
    }

    @Test
    void an_entry_file_finds_the_config_of_its_project() throws IOException {
        write("nano.toml", "[vars]\nFROM = \"project\"\n");
        write("src/index.js", "");
        ServeConfig c = ServeConfig.load(dir.resolve("src/index.js"), ServeConfig.Overrides.NONE);
        assertThat(c.projectRoot()).isEqualTo(dir.toAbsolutePath());
        assertThat(c.vars()).containsEntry("FROM", "project");
    }

    @Test
    void a_missing_main_is_reported_with_the_config_file() throws IOException {
        write("nano.toml", "main = \"nope.js\"\n");
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("nano.toml")
                .hasMessageContaining("nope.js");
    }

    @Test
    void a_bad_port_is_reported() throws IOException {
        write("nano.toml", "port = \"eighty\"\n");
        write("index.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("port");
    }
}
