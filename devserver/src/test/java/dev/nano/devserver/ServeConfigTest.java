package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigTest {
    @TempDir
    Path dir;

    private static ServeConfig.Overrides env(String name) {
        return new ServeConfig.Overrides(null, null, Map.of(), name);
    }

    private void write(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    @Test
    void a_project_without_an_entry_names_the_paths_it_tried() {
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("src/index.js, src/index.mjs, index.js")
                .hasMessageContaining("set main in nano.toml");
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
    private static final String WRANGLER_WITH_ENVS = """
            name = "app"
            main = "src/index.js"
            [vars]
            MODE = "top"
            ONLY_TOP = "yes"
            [dev]
            port = 8123
            [assets]
            directory = "./public"
            [triggers]
            crons = ["0 * * * *"]
            [env.staging]
            name = "app-staging"
            [env.staging.vars]
            MODE = "staging"
            [env.production]
            main = "src/prod.js"
            [env.production.triggers]
            crons = ["*/5 * * * *", "0 0 * * MON"]
            """;

    private void writeWranglerWithEnvs() throws IOException {
        write("wrangler.toml", WRANGLER_WITH_ENVS);
        write("src/index.js", "");
        write("src/prod.js", "");
        Files.createDirectories(dir.resolve("public"));
    }

    @Test
    void env_section_replaces_top_level_vars() throws IOException {
        writeWranglerWithEnvs();
        ServeConfig c = ServeConfig.load(dir, env("staging"));
        assertThat(c.vars()).containsExactlyEntriesOf(Map.of("MODE", "staging"));
        assertThat(c.envName()).isEqualTo("staging");
    }

    @Test
    void an_env_without_vars_has_none_of_the_top_level_vars() throws IOException {
        writeWranglerWithEnvs();
        assertThat(ServeConfig.load(dir, env("production")).vars()).isEmpty();
    }

    @Test
    void env_inherits_main_dev_assets_and_triggers_from_the_top_level() throws IOException {
        writeWranglerWithEnvs();
        ServeConfig c = ServeConfig.load(dir, env("staging"));
        assertThat(c.entry()).isEqualTo(dir.resolve("src/index.js").toAbsolutePath());
        assertThat(c.port()).isEqualTo(8123);
        assertThat(c.assetsDir()).isEqualTo(dir.resolve("public").toAbsolutePath());
        assertThat(c.crons()).containsExactly("0 * * * *");
    }

    @Test
    void env_section_overrides_main_and_triggers() throws IOException {
        writeWranglerWithEnvs();
        ServeConfig c = ServeConfig.load(dir, env("production"));
        assertThat(c.entry()).isEqualTo(dir.resolve("src/prod.js").toAbsolutePath());
        assertThat(c.crons()).containsExactly("*/5 * * * *", "0 0 * * MON");
    }

    @Test
    void without_env_the_top_level_is_used_and_env_sections_are_ignored() throws IOException {
        writeWranglerWithEnvs();
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.vars()).containsExactlyInAnyOrderEntriesOf(Map.of("MODE", "top", "ONLY_TOP", "yes"));
        assertThat(c.entry().getFileName().toString()).isEqualTo("index.js");
        assertThat(c.envName()).isNull();
    }

    @Test
    void wrangler_jsonc_env_object_is_chosen_with_env() throws IOException {
        write("wrangler.jsonc", """
                {
                  "main": "index.js",
                  "vars": { "MODE": "top" },
                  // per environment
                  "env": {
                    "dev": { "vars": { "MODE": "dev", "DEBUG": true }, "dev": { "port": 9999 } },
                  },
                }
                """);
        write("index.js", "");
        ServeConfig c = ServeConfig.load(dir, env("dev"));
        assertThat(c.vars()).containsExactlyInAnyOrderEntriesOf(Map.of("MODE", "dev", "DEBUG", true));
        assertThat(c.port()).isEqualTo(9999);
    }

    @Test
    void nano_toml_environments_have_the_same_shape() throws IOException {
        write("nano.toml", """
                main = "a.js"
                port = 9000
                [vars]
                WHO = "top"
                [env.qa]
                port = 9100
                host = "0.0.0.0"
                [env.qa.vars]
                WHO = "qa"
                """);
        write("a.js", "");
        ServeConfig c = ServeConfig.load(dir, env("qa"));
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.vars()).containsExactlyEntriesOf(Map.of("WHO", "qa"));
        assertThat(c.entry().getFileName().toString()).isEqualTo("a.js");
    }

    @Test
    void an_unknown_env_names_the_file_and_the_environments() throws IOException {
        writeWranglerWithEnvs();
        assertThatThrownBy(() -> ServeConfig.load(dir, env("prod")))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("wrangler.toml")
                .hasMessageContaining("\"prod\"")
                .hasMessageContaining("staging, production");
    }

    @Test
    void an_env_in_a_file_without_environments_says_there_are_none() throws IOException {
        write("nano.toml", "main = \"a.js\"\n");
        write("a.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, env("staging")))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("nano.toml")
                .hasMessageContaining("defines no environments");
    }

    @Test
    void an_env_without_a_config_file_is_an_error() throws IOException {
        write("src/index.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, env("staging")))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("--env staging");
    }

    @Test
    void dev_vars_of_the_environment_replace_dev_vars() throws IOException {
        writeWranglerWithEnvs();
        write(".dev.vars", "SECRET=generic\nGENERIC_ONLY=1\n");
        write(".dev.vars.staging", "SECRET=staging\n");
        ServeConfig c = ServeConfig.load(dir, env("staging"));
        assertThat(c.vars()).containsEntry("SECRET", "staging").doesNotContainKey("GENERIC_ONLY");
    }

    @Test
    void dev_vars_is_read_when_the_environment_has_no_file_of_its_own() throws IOException {
        writeWranglerWithEnvs();
        write(".dev.vars", "SECRET=generic\n");
        write(".dev.vars.staging", "SECRET=staging\n");
        assertThat(ServeConfig.load(dir, env("production")).vars()).containsEntry("SECRET", "generic");
        assertThat(ServeConfig.load(dir, ServeConfig.Overrides.NONE).vars()).containsEntry("SECRET", "generic");
    }

    @Test
    void reads_assets_directory_and_binding() throws IOException {
        write("wrangler.toml", """
                main = "index.js"
                [assets]
                directory = "./site/../public"
                binding = "ASSETS"
                """);
        write("index.js", "");
        Files.createDirectories(dir.resolve("public"));
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.assetsDir()).isEqualTo(dir.resolve("public").toAbsolutePath()).isAbsolute();
        assertThat(c.assetsBinding()).isEqualTo("ASSETS");
    }

    @Test
    void reads_wrangler_json_assets_without_a_binding() throws IOException {
        write("wrangler.json", "{\"main\": \"index.js\", \"assets\": {\"directory\": \"dist\"}}");
        write("index.js", "");
        Files.createDirectories(dir.resolve("dist"));
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.assetsDir()).isEqualTo(dir.resolve("dist").toAbsolutePath());
        assertThat(c.assetsBinding()).isNull();
    }

    @Test
    void without_assets_or_triggers_there_are_none() throws IOException {
        write("index.js", "");
        ServeConfig c = ServeConfig.load(dir, ServeConfig.Overrides.NONE);
        assertThat(c.assetsDir()).isNull();
        assertThat(c.assetsBinding()).isNull();
        assertThat(c.crons()).isEmpty();
    }

    @Test
    void a_missing_assets_directory_is_reported() throws IOException {
        write("nano.toml", "main = \"a.js\"\n[assets]\ndirectory = \"./public\"\n");
        write("a.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("nano.toml")
                .hasMessageContaining("./public")
                .hasMessageContaining("does not exist");
    }

    @Test
    void reads_trigger_crons_from_wrangler_jsonc() throws IOException {
        write("wrangler.jsonc", "{\"main\": \"index.js\", \"triggers\": {\"crons\": [\"*/5 * * * *\", \"0 12 * JAN-JUN FRI\"]}}");
        write("index.js", "");
        assertThat(ServeConfig.load(dir, ServeConfig.Overrides.NONE).crons())
                .isEqualTo(List.of("*/5 * * * *", "0 12 * JAN-JUN FRI"));
    }

    @Test
    void a_malformed_cron_is_reported_with_the_file_and_the_field() throws IOException {
        write("wrangler.toml", "main = \"index.js\"\n[triggers]\ncrons = [\"*/5 * * *\"]\n");
        write("index.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("wrangler.toml")
                .hasMessageContaining("triggers.crons")
                .hasMessageContaining("*/5 * * *")
                .hasMessageContaining("expected 5");
    }

    @Test
    void a_cron_that_is_not_a_string_is_reported() throws IOException {
        write("wrangler.toml", "main = \"index.js\"\n[triggers]\ncrons = [5]\n");
        write("index.js", "");
        assertThatThrownBy(() -> ServeConfig.load(dir, ServeConfig.Overrides.NONE))
                .isInstanceOf(ServeConfig.ConfigException.class)
                .hasMessageContaining("triggers.crons must hold strings");
    }
}
