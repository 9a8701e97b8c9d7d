package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nano dev} following edits made on disk, against a real server on 127.0.0.1. */
class HotReloadTest {
    @TempDir
    Path dir;

    private static String worker(String text) {
        return "export default { fetch() { return new Response(" + text + "); } };\n";
    }

    @Test
    void a_saved_edit_is_served_and_the_reload_is_reported_in_one_line() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", worker("'v1'")))) {
            assertThat(p.get("/").body()).isEqualTo("v1");
            p.save("src/index.js", worker("'v2'"));
            p.awaitBody("/", "v2");
            p.awaitOut("src/index.js changed: reloaded in ");
            assertThat(p.out().lines().filter(l -> l.contains("reloaded in")).count()).isEqualTo(1);
        }
    }

    @Test
    void an_edit_to_an_imported_module_reloads_but_files_outside_the_module_graph_do_not() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of(
                "src/index.js", "import { text } from './lib/text.js';\n" + worker("text"),
                "src/lib/text.js", "export const text = 'one';\n",
                "README.md", "# readme\n"))) {
            assertThat(p.get("/").body()).isEqualTo("one");
            p.save("README.md", "# changed\n");
            Files.createDirectories(dir.resolve(".git"));
            Files.writeString(dir.resolve(".git/index"), "state");
            p.save("src/lib/text.js", "export const text = 'two';\n");
            p.awaitBody("/", "two");
            p.awaitOut("src/lib/text.js changed: reloaded in ");
            // Events are handled in order: a reload caused by the earlier writes would be logged first.
            assertThat(p.out()).doesNotContain("README.md").doesNotContain(".git");
            assertThat(p.out().lines().filter(l -> l.contains("reloaded in")).count()).isEqualTo(1);
        }
    }

    @Test
    void a_package_under_node_modules_is_watched_too() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of(
                "src/index.js", "import { text } from 'greeting';\n" + worker("text"),
                "node_modules/greeting/package.json", "{\"name\":\"greeting\",\"type\":\"module\",\"exports\":\"./index.js\"}",
                "node_modules/greeting/index.js", "export const text = 'hello';\n"))) {
            assertThat(p.get("/").body()).isEqualTo("hello");
            p.save("node_modules/greeting/index.js", "export const text = 'patched';\n");
            p.awaitBody("/", "patched");
        }
    }

    @Test
    void a_syntax_error_keeps_the_last_good_version_for_plain_clients_and_shows_browsers_the_error_until_fixed() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", worker("'good'")))) {
            p.save("src/index.js", "export default { fetch() { return new Response('bad' } };\n");
            HttpResponse<String> page = p.awaitResponse("/", "text/html,application/xhtml+xml", r -> r.statusCode() == 500);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("SyntaxError").contains("index.js:1:");
            assertThat(p.get("/").body()).isEqualTo("good");
            assertThat(p.err()).contains("reload failed (still serving the last good version)").contains("SyntaxError");
            p.save("src/index.js", worker("'fixed'"));
            p.awaitBody("/", "fixed");
            assertThat(p.get("/", "text/html").body()).isEqualTo("fixed");
        }
    }

    @Test
    void a_top_level_throw_and_a_missing_import_fail_the_reload_and_creating_the_missing_file_recovers() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", worker("'v1'")))) {
            p.save("src/index.js", "throw new Error('not today');\n" + worker("'v2'"));
            p.awaitErr("not today");
            assertThat(p.get("/").body()).isEqualTo("v1");
            p.save("src/index.js", "import { later } from './later.js';\n" + worker("later"));
            p.awaitErr("later.js");
            assertThat(p.get("/").body()).isEqualTo("v1");
            Files.writeString(dir.resolve("src/later.js"), "export const later = 'v3';\n");
            p.awaitBody("/", "v3");
        }
    }

    @Test
    void deleting_the_entry_mid_session_shows_an_error_and_restoring_it_recovers() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", worker("'here'")))) {
            p.delete("src/index.js");
            p.awaitResponse("/", "text/html", r -> r.statusCode() == 500);
            assertThat(p.get("/").body()).isEqualTo("here");
            p.save("src/index.js", worker("'back'"));
            p.awaitBody("/", "back");
        }
    }

    @Test
    void a_project_that_fails_its_first_load_serves_the_error_to_every_client_until_fixed() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", "export default { fetch( };\n"))) {
            HttpResponse<String> r = p.get("/");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("SyntaxError");
            p.save("src/index.js", worker("'works'"));
            p.awaitBody("/", "works");
        }
    }

    @Test
    void dev_vars_and_config_edits_reload_the_env() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of(
                "nano.toml", "main = \"src/index.js\"\n[vars]\nA = \"from-toml\"\n",
                "src/index.js", "export default { fetch(r, env) { return new Response(env.A + ' ' + env.B); } };\n",
                ".dev.vars", "B=secret1\n"))) {
            assertThat(p.get("/").body()).isEqualTo("from-toml secret1");
            p.save(".dev.vars", "B=secret2\n");
            p.awaitBody("/", "from-toml secret2");
            p.save("nano.toml", "main = \"src/index.js\"\n[vars]\nA = \"edited\"\n");
            p.awaitBody("/", "edited secret2");
        }
    }

    @Test
    void a_request_in_flight_finishes_on_the_version_that_started_it_and_its_wait_until_work_goes_on() throws Exception {
        // v1's /slow answers only once v2 serves: it polls the server, whose current version answers /version.
        String v1 = """
                let recorded = "";
                export default {
                  async fetch(request, env, ctx) {
                    const url = new URL(request.url);
                    if (url.pathname === "/version") return new Response("v1");
                    if (url.pathname !== "/slow") return new Response("v1 ok");
                    const untilV2 = async () => {
                      while ((await (await fetch(new URL("/version", url))).text()) !== "v2") {
                        await new Promise((r) => setTimeout(r, 5));
                      }
                    };
                    ctx.waitUntil(untilV2().then(() => fetch(new URL("/record?from=v1-waitUntil", url))));
                    await untilV2();
                    return new Response("v1 answered after v2 was live");
                  },
                };
                """;
        String v2 = """
                let recorded = "";
                export default {
                  fetch(request) {
                    const url = new URL(request.url);
                    if (url.pathname === "/record") recorded += url.searchParams.get("from");
                    if (url.pathname === "/recorded") return new Response(recorded);
                    return new Response("v2");
                  },
                };
                """;
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", v1))) {
            CompletableFuture<HttpResponse<String>> slow = p.client.sendAsync(
                    java.net.http.HttpRequest.newBuilder(p.uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
            p.awaitBody("/", "v1 ok");
            p.save("src/index.js", v2);
            assertThat(slow.get().body()).isEqualTo("v1 answered after v2 was live");
            p.awaitBody("/recorded", "v1-waitUntil");
        }
    }

    @Test
    void a_scheduled_request_runs_the_scheduled_handler_of_the_serving_version() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", """
                let runs = [];
                export default {
                  fetch() { return new Response(runs.join(",")); },
                  async scheduled(controller, env, ctx) { runs.push(controller.cron); },
                };
                """))) {
            HttpResponse<String> ran = p.get("/__scheduled?cron=*/5+*+*+*+*");
            assertThat(ran.statusCode()).isEqualTo(200);
            assertThat(ran.body()).contains("Ran scheduled event");
            assertThat(p.get("/").body()).isEqualTo("*/5 * * * *");
            p.save("src/index.js", "export default { fetch() { return new Response('v2'); }, scheduled() { throw new Error('cron broke'); } };\n");
            p.awaitBody("/", "v2");
            HttpResponse<String> failed = p.get("/__scheduled");
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).contains("cron broke");
        }
    }

    @Test
    void a_handler_that_throws_shows_the_error_with_its_stack_in_dev() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", """
                export default {
                  fetch() {
                    throw new RangeError("out of cheese");
                  },
                };
                """))) {
            HttpResponse<String> plain = p.get("/");
            assertThat(plain.statusCode()).isEqualTo(500);
            assertThat(plain.body()).contains("RangeError: out of cheese").contains("index.js:3");
            // The terminal gets the stack and the source line under a caret.
            p.awaitErr("throw new RangeError(\"out of cheese\");");
            assertThat(p.err()).contains("RangeError: out of cheese").contains("src/index.js:3:");
        }
    }
}
