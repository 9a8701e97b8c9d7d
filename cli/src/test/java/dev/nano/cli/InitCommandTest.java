package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nano.devserver.DevServer;
import dev.nano.devserver.ServeConfig;
import dev.nano.runtime.NanoRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code nano init} and {@code nano types}, through the CLI entry point; generated workers served for real. */
class InitCommandTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(name|description|template|secret)}}");
    private static final List<String> EVERY_PROJECT_HAS = List.of("src/index.js", "nano.toml", "test/index.test.js",
            "jsconfig.json", "nano.d.ts", "nano-test.d.ts", "env.d.ts", ".gitignore", "README.md",
            ".vscode/launch.json", ".project", "nano-attach.launch");

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    private Path init(String name, String template) {
        Path dir = tmp.resolve(name);
        assertThat(Main.execute("init", dir.toString(), "--template", template)).as(stdio.err()).isZero();
        return dir;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "router", "crypto", "proxy", "hono"})
    void each_template_makes_a_complete_project_with_no_placeholder_left(String template) throws IOException {
        Path dir = init("my-" + template, template);
        for (String file : EVERY_PROJECT_HAS) {
            assertThat(dir.resolve(file)).as(file).isRegularFile();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(read(file)).as(dir.relativize(file).toString()).doesNotContainPattern(PLACEHOLDER);
            }
        }
        assertThat(read(dir.resolve("nano.toml"))).contains("name = \"my-" + template + "\"").contains("main = \"src/index.js\"").contains("[vars]");
        assertThat(read(dir.resolve("env.d.ts"))).contains("interface Env {");
        assertThat(read(dir.resolve(".gitignore"))).contains("node_modules").contains(".dev.vars").contains(".nano/");
        assertThat(read(dir.resolve("test/index.test.js"))).contains("dispatch(").contains("expect(").doesNotContain("import ");
        assertThat(stdio.out()).contains("cd " + dir).contains("nano dev").contains("nano test")
                .contains("Existing Projects into Workspace");
    }

    /** hono's test needs `npm install` (the network), which CI does not do: its files are checked above. */
    @ParameterizedTest
    @ValueSource(strings = {"hello", "router", "crypto", "proxy"})
    void each_templates_own_tests_pass_under_nano_test(String template) throws IOException {
        Path dir = init("t-" + template, template);
        int exit = Main.execute("test", dir.toString());
        assertThat(exit).as(stdio.out() + stdio.err()).isZero();
        assertThat(stdio.out()).containsPattern("\\d+ passed, 0 failed");
    }

    @Test
    void the_editor_files_attach_vs_code_to_9229_and_make_a_plain_eclipse_project() throws IOException {
        Path dir = init("editors", "hello");
        JsonNode attach = new ObjectMapper().readTree(dir.resolve(".vscode/launch.json").toFile()).get("configurations").get(0);
        assertThat(attach.get("type").asText()).isEqualTo("node");
        assertThat(attach.get("request").asText()).isEqualTo("attach");
        assertThat(attach.get("name").asText()).isEqualTo("Attach to nano");
        assertThat(attach.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(attach.get("port").asInt()).isEqualTo(9229);
        assertThat(attach.get("restart").asBoolean()).isTrue();
        assertThat(read(dir.resolve(".project"))).contains("<name>editors</name>").contains("<natures>").doesNotContain("javanature");
        assertThat(read(dir.resolve("nano-attach.launch"))).contains("org.eclipse.lsp4e.debug.launchType").contains("4711")
                .contains("&quot;request&quot;: &quot;attach&quot;");
        JsonNode jsconfig = new ObjectMapper().readTree(dir.resolve("jsconfig.json").toFile()).get("compilerOptions");
        assertThat(jsconfig.get("checkJs").asBoolean()).isTrue();
        assertThat(jsconfig.get("module").asText()).isEqualTo("esnext");
        assertThat(jsconfig.get("target").asText()).isEqualTo("es2022");
    }

    @Test
    void the_project_name_comes_from_the_directory_made_package_like() throws IOException {
        Path dir = init("My Worker!", "hello");
        assertThat(read(dir.resolve("nano.toml"))).contains("name = \"my-worker\"");
        assertThat(read(dir.resolve(".project"))).contains("<name>my-worker</name>");
        assertThat(stdio.out()).contains("cd '" + dir + "'");
        assertThat(InitCommand.projectName("..Über_Cool--App..")).isEqualTo("ber_cool-app");
        assertThat(InitCommand.projectName("!!!")).isEqualTo("worker");
    }

    @Test
    void crypto_writes_a_random_secret_to_dev_vars_and_declares_it_in_env() throws IOException {
        Path a = init("a", "crypto");
        Path b = init("b", "crypto");
        String secretA = read(a.resolve(".dev.vars")).lines().filter(l -> l.startsWith("SECRET=")).findFirst().orElseThrow();
        String secretB = read(b.resolve(".dev.vars")).lines().filter(l -> l.startsWith("SECRET=")).findFirst().orElseThrow();
        assertThat(secretA).matches("SECRET=[0-9a-f]{64}").isNotEqualTo(secretB);
        assertThat(read(a.resolve("env.d.ts"))).contains("SECRET: string;").contains("TOKEN_TTL_SECONDS: number;");
    }

    @Test
    void hono_pins_an_exact_version_and_imports_hono() throws IOException {
        Path dir = init("web", "hono");
        JsonNode pkg = new ObjectMapper().readTree(dir.resolve("package.json").toFile());
        assertThat(pkg.get("name").asText()).isEqualTo("web");
        assertThat(pkg.get("dependencies").get("hono").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(read(dir.resolve("src/index.js"))).contains("import { Hono } from \"hono\"");
        assertThat(stdio.out()).contains("npm install");
        // Serving it needs node_modules/hono, which a test cannot download: only the files are checked.
    }

    // ---- the generated workers, served ----

    /** Serves {@code dir} as nano serve does, on a free port, with {@code vars} over the config's. */
    private static <T> T served(Path dir, Map<String, String> vars, ServedCall<T> call) throws Exception {
        ServeConfig config = ServeConfig.load(dir, new ServeConfig.Overrides("127.0.0.1", 0, vars));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (NanoRuntime runtime = NanoRuntime.builder().projectRoot(config.projectRoot())
                .err(new PrintStream(err, true, StandardCharsets.UTF_8)).build();
                DevServer server = DevServer.startServe(runtime, config);
                HttpClient client = HttpClient.newHttpClient()) {
            return call.run(server.uri(), client);
        }
    }

    @FunctionalInterface
    private interface ServedCall<T> {
        T run(URI base, HttpClient client) throws Exception;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void served_hello_greets() throws Exception {
        Path dir = init("greeter", "hello");
        HttpResponse<String> res = served(dir, Map.of(), (base, client) -> send(client, HttpRequest.newBuilder(base.resolve("/"))));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("Hello from greeter");
    }

    @Test
    void served_router_answers_json_routes_and_json_errors() throws Exception {
        Path dir = init("api", "router");
        served(dir, Map.of(), (base, client) -> {
            HttpResponse<String> items = send(client, HttpRequest.newBuilder(base.resolve("/items/1")));
            assertThat(items.statusCode()).isEqualTo(200);
            assertThat(items.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
            assertThat(items.body()).isEqualTo("{\"id\":\"1\",\"name\":\"first item\"}");
            HttpResponse<String> created = send(client, HttpRequest.newBuilder(base.resolve("/items"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"second\"}")));
            assertThat(created.statusCode()).isEqualTo(201);
            HttpResponse<String> bad = send(client, HttpRequest.newBuilder(base.resolve("/items")).POST(HttpRequest.BodyPublishers.ofString("nope")));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"error\":\"The body must be JSON\"}");
            HttpResponse<String> missing = send(client, HttpRequest.newBuilder(base.resolve("/nowhere")));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{\"error\":\"No route for /nowhere\"}");
            assertThat(send(client, HttpRequest.newBuilder(base.resolve("/items")).PUT(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .isEqualTo(405);
            return null;
        });
    }

    @Test
    void served_crypto_signs_a_token_that_opens_me_and_refuses_a_tampered_one() throws Exception {
        Path dir = init("tokens", "crypto");
        served(dir, Map.of(), (base, client) -> {
            HttpResponse<String> issued = send(client, HttpRequest.newBuilder(base.resolve("/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"alice\"}")));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            String token = new ObjectMapper().readTree(issued.body()).get("token").asText();
            assertThat(token.split("\\.")).hasSize(3);
            HttpResponse<String> me = send(client, HttpRequest.newBuilder(base.resolve("/me")).header("authorization", "Bearer " + token));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"sub\":\"alice\"");
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertThat(send(client, HttpRequest.newBuilder(base.resolve("/me")).header("authorization", "Bearer " + tampered)).statusCode())
                    .isEqualTo(401);
            return null;
        });
        // Another project has another secret: its tokens are not accepted here.
        Path other = init("others", "crypto");
        String foreign = served(other, Map.of(), (base, client) -> new ObjectMapper().readTree(send(client,
                HttpRequest.newBuilder(base.resolve("/token")).POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"eve\"}"))).body())
                .get("token").asText());
        int status = served(dir, Map.of(), (base, client) ->
                send(client, HttpRequest.newBuilder(base.resolve("/me")).header("authorization", "Bearer " + foreign)).statusCode());
        assertThat(status).isEqualTo(401);
    }

    @Test
    void served_proxy_streams_the_upstream_through_and_answers_502_and_504_as_json() throws Exception {
        Path dir = init("front", "proxy");
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("upstream saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-upstream", "yes");
            exchange.sendResponseHeaders(203, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        upstream.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        upstream.start();
        try {
            String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
            served(dir, Map.of("UPSTREAM", upstreamUrl, "TIMEOUT_MS", "500"), (base, client) -> {
                HttpResponse<String> res = send(client, HttpRequest.newBuilder(base.resolve("/a/b?c=d")));
                assertThat(res.statusCode()).isEqualTo(203);
                assertThat(res.body()).isEqualTo("upstream saw GET /a/b?c=d");
                assertThat(res.headers().firstValue("x-upstream")).hasValue("yes");
                assertThat(res.headers().firstValue("x-proxied-by")).hasValue("front");
                HttpResponse<String> slow = send(client, HttpRequest.newBuilder(base.resolve("/slow")));
                assertThat(slow.statusCode()).isEqualTo(504);
                assertThat(slow.body()).contains("did not answer within 500 ms");
                return null;
            });
        } finally {
            upstream.stop(0);
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpResponse<String> down = served(dir, Map.of("UPSTREAM", "http://127.0.0.1:" + closedPort),
                (base, client) -> send(client, HttpRequest.newBuilder(base.resolve("/"))));
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).contains("could not be reached");
    }

    // ---- never destroys ----

    @Test
    void a_directory_with_files_the_template_has_is_refused_with_the_list_and_exit_1() throws IOException {
        Path dir = tmp.resolve("existing");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "// mine\n");
        Files.writeString(dir.resolve("nano.toml"), "# mine\n");
        Files.writeString(dir.resolve("notes.txt"), "keep\n");
        int code = Main.execute("init", dir.toString(), "--template", "hello");
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err()).contains("would overwrite").contains("  nano.toml").contains("  src/index.js")
                .contains("--force").doesNotContain("notes.txt");
        assertThat(read(dir.resolve("src/index.js"))).isEqualTo("// mine\n");
        assertThat(dir.resolve("jsconfig.json")).doesNotExist();
    }

    @Test
    void force_overwrites_the_template_files_only() throws IOException {
        Path dir = tmp.resolve("existing");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "// mine\n");
        Files.writeString(dir.resolve("notes.txt"), "keep\n");
        int code = Main.execute("init", dir.toString(), "--template", "hello", "--force");
        assertThat(code).isZero();
        assertThat(read(dir.resolve("src/index.js"))).contains("export default worker");
        assertThat(read(dir.resolve("notes.txt"))).isEqualTo("keep\n");
        assertThat(stdio.out()).contains("overwrote src/index.js");
    }

    @Test
    void a_directory_whose_files_the_template_does_not_have_is_used_and_they_are_left_alone() throws IOException {
        Path dir = tmp.resolve("repo");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("LICENSE"), "mine\n");
        assertThat(Main.execute("init", dir.toString(), "--template", "hello")).isZero();
        assertThat(read(dir.resolve("LICENSE"))).isEqualTo("mine\n");
        assertThat(dir.resolve("src/index.js")).isRegularFile();
    }

    @Test
    void an_unknown_template_exits_2_naming_the_templates() {
        int code = Main.execute("init", tmp.resolve("x").toString(), "--template", "nope");
        assertThat(code).isEqualTo(2);
        assertThat(stdio.err()).contains("no template named nope").contains("hello, router, crypto, proxy, hono");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void a_dir_that_is_a_file_exits_2() throws IOException {
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThat(Main.execute("init", file.toString(), "--template", "hello")).isEqualTo(2);
        assertThat(stdio.err()).contains("is a file, not a directory");
    }

    @Test
    void list_names_every_template_with_its_description() {
        assertThat(Main.execute("init", "--list")).isZero();
        assertThat(stdio.out().lines()).hasSize(5);
        assertThat(stdio.out()).contains("hello ").contains("router ").contains("crypto ").contains("proxy ").contains("hono ")
                .contains("HMAC-SHA-256").doesNotContain("_common");
    }

    @Test
    void without_a_template_or_a_terminal_hello_is_used_and_said() throws IOException {
        Path dir = tmp.resolve("plain");
        assertThat(Main.execute("init", dir.toString())).isZero();
        assertThat(stdio.out()).contains("using hello");
        assertThat(read(dir.resolve("src/index.js"))).contains("env.GREETING");
    }

    // ---- nano types ----

    @Test
    void types_declares_strings_numbers_booleans_and_tables_with_their_types() throws IOException {
        Path dir = tmp.resolve("typed");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "export default { fetch() { return new Response('x'); } };\n");
        Files.writeString(dir.resolve("nano.toml"), """
                main = "src/index.js"
                [vars]
                NAME = "x"
                LIMIT = 10
                RATIO = 0.5
                DEBUG = true
                TAGS = ["a", "b"]
                "odd-key" = "y"
                [vars.DB]
                host = "localhost"
                port = 5432
                """);
        Files.writeString(dir.resolve(".dev.vars"), "TOKEN=abc\n");
        assertThat(Main.execute("types", dir.toString())).as(stdio.err()).isZero();
        assertThat(read(dir.resolve("env.d.ts"))).contains("""
                interface Env {
                  NAME: string;
                  LIMIT: number;
                  RATIO: number;
                  DEBUG: boolean;
                  TAGS: string[];
                  "odd-key": string;
                  DB: {
                    host: string;
                    port: number;
                  };
                  TOKEN: string;
                }
                """);
        assertThat(stdio.out()).contains("Wrote").contains("NAME, LIMIT");
    }

    @Test
    void types_without_a_project_fails_with_exit_1() {
        assertThat(Main.execute("types", tmp.resolve("none").toString())).isEqualTo(1);
        assertThat(stdio.err()).contains("error: not found");
    }

    // ---- the chooser's keys (the terminal itself is not driven here) ----

    private static int choose(String keys) throws IOException {
        List<Templates.Template> templates = Templates.load().all();
        StringReader in = new StringReader(keys);
        return TemplateChooser.choose(templates, in::read, new PrintWriter(new StringWriter()));
    }

    @Test
    void chooser_moves_with_arrows_and_picks_with_enter() throws IOException {
        assertThat(choose("\r")).isZero();
        assertThat(choose("\u001b[B\r")).isEqualTo(1);
        assertThat(choose("\u001b[B\u001b[B\u001b[A\n")).isEqualTo(1);
        assertThat(choose("\u001bOB\u001bOB\r")).isEqualTo(2); // application cursor mode
        assertThat(choose("jjk\r")).isEqualTo(1);
        assertThat(choose("\u001b[A\r")).isEqualTo(4); // up from the first wraps to the last
        assertThat(choose("x\u001b[C\r")).isZero(); // other keys are ignored
    }

    @Test
    void chooser_aborts_on_ctrl_c_ctrl_d_q_and_end_of_input() throws IOException {
        assertThat(choose("\u001b[B\u0003")).isEqualTo(TemplateChooser.ABORTED);
        assertThat(choose("\u0004")).isEqualTo(TemplateChooser.ABORTED);
        assertThat(choose("q")).isEqualTo(TemplateChooser.ABORTED);
        assertThat(choose("")).isEqualTo(TemplateChooser.ABORTED);
    }

    @Test
    void chooser_draws_the_list_and_redraws_it_in_place() throws IOException {
        StringWriter screen = new StringWriter();
        List<Templates.Template> templates = Templates.load().all();
        StringReader in = new StringReader("\u001b[B\r");
        TemplateChooser.choose(templates, in::read, new PrintWriter(screen));
        assertThat(screen.toString()).contains("Choose a template").contains("> hello").contains("> router")
                .contains("\u001b[" + templates.size() + "A");
    }

    // ---- the chooser on a real terminal (tmux) ----

    private static void awaitExit(TmuxTerminal t) throws Exception {
        t.await(s -> {
            try {
                return t.exited();
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(30), "nano init to exit");
    }

    @Test
    @org.junit.jupiter.api.Disabled("flaky in a full ./test.sh run: a key sent by tmux (Down once, Enter once) did not take effect within a minute; alone it passes. Cause not found yet (JLine raw-mode reading, or the process stalling after the key); the key handling is unit-tested above")
    void on_a_terminal_down_and_enter_pick_the_second_template() throws Exception {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed: the chooser's terminal test is skipped");
        try (TmuxTerminal t = TmuxTerminal.nano(tmp, Map.of("TERM", "xterm-256color"), "init", "picked")) {
            t.awaitText("Choose a template");
            String first = t.awaitText("> hello");
            assertThat(first.lines().filter(l -> l.startsWith(" 405"))).as("no row wraps").isEmpty();
            t.press("Down");
            t.awaitText("> router");
            assertThat(t.screen()).contains("  hello ").doesNotContain("> hello");
            t.press("Enter");
            t.awaitText("Next steps");
            awaitExit(t);
            assertThat(t.exitStatus()).isIn(0, -1); // -1: tmux 3.3a sometimes never reports the status of a JVM's pane
            assertThat(t.screen()).contains("Created picked (template router)");
        }
        assertThat(read(tmp.resolve("picked/src/router.js"))).contains("class Router");
    }

    @Test
    @org.junit.jupiter.api.Disabled("flaky in a full ./test.sh run: a key sent by tmux (Down once, Enter once) did not take effect within a minute; alone it passes. Cause not found yet (JLine raw-mode reading, or the process stalling after the key); the key handling is unit-tested above")
    void on_a_terminal_ctrl_c_aborts_with_130_and_writes_nothing() throws Exception {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed: the chooser's terminal test is skipped");
        try (TmuxTerminal t = TmuxTerminal.nano(tmp, Map.of("TERM", "xterm-256color"), "init", "never")) {
            t.awaitText("> hello");
            t.press("C-c");
            t.awaitText("aborted");
            awaitExit(t);
            assertThat(t.exitStatus()).isIn(130, -1); // -1: as above (run from a shell, the status is 130)
        }
        assertThat(tmp.resolve("never")).doesNotExist();
    }
}
