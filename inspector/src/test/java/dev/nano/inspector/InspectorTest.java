package dev.nano.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nano.runtime.NanoRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DevTools endpoint on a runtime, driven by a real CDP client over a WebSocket. */
class InspectorTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Inspector inspector;
    private NanoRuntime runtime;

    private static final String MODULE = """
            globalThis.double = (x) => {
              const doubled = x * 2;
              return doubled;
            };
            globalThis.fail = () => {
              try { throw new RangeError("caught here"); } catch (e) { return e.message; }
            };
            """;

    private Path start(DebugOptions.Start mode) throws Exception {
        Path main = dir.resolve("main.mjs");
        Files.writeString(main, MODULE + "export {};\n");
        inspector = Inspector.start(new DebugOptions(DebugAddress.parse("0", 9229), mode, null),
                new Inspector.Program("main.mjs", main, "test"), new PrintStream(log, true, StandardCharsets.UTF_8));
        runtime = NanoRuntime.builder().projectRoot(dir).engineSetup(inspector.engineSetup())
                .out(new PrintStream(out, true, StandardCharsets.UTF_8)).err(new PrintStream(out, true, StandardCharsets.UTF_8)).build();
        inspector.evaluateIn(() -> runtime);
        return main;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
        if (inspector != null) {
            inspector.close();
        }
    }

    private CdpClient attach() throws Exception {
        CdpClient client = CdpClient.connect(inspector.webSocketUrl());
        client.send("Runtime.enable");
        client.send("Debugger.enable");
        client.send("Runtime.runIfWaitingForDebugger");
        return client;
    }

    @Test
    void a_breakpoint_set_by_url_pauses_there_and_the_paused_frame_evaluates() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);
        try (CdpClient client = attach()) {
            String url = main.toUri().toString();
            JsonNode bp = client.send("Debugger.setBreakpointByUrl", "url", url, "lineNumber", 1, "columnNumber", 0);
            assertThat(bp.path("breakpointId").asText()).isNotEmpty();

            CompletableFuture<Value> call = runtime.eval("call", "double(21)");
            JsonNode paused = client.awaitEvent("Debugger.paused");
            JsonNode top = paused.path("callFrames").get(0);
            assertThat(top.path("location").path("lineNumber").asInt()).isEqualTo(1);
            assertThat(top.path("url").asText()).isEqualTo(url);
            assertThat(call).isNotDone();

            JsonNode x = client.send("Debugger.evaluateOnCallFrame", "callFrameId", top.path("callFrameId").asText(), "expression", "x + 1");
            assertThat(x.path("result").path("value").asInt()).isEqualTo(22);

            // VS Code reads values with functions that end in a sourceURL comment
            String object = client.send("Debugger.evaluateOnCallFrame", "callFrameId", top.path("callFrameId").asText(),
                    "expression", "({ a: x })").path("result").path("objectId").asText();
            JsonNode called = client.send("Runtime.callFunctionOn", "objectId", object, "returnByValue", true,
                    "functionDeclaration", "function () { return 21 * 3; }\n//# sourceURL=eval-1.cdp");
            assertThat(called.path("result").path("value").asInt()).as(called.toString()).isEqualTo(63);

            client.send("Debugger.stepOver");
            JsonNode stepped = client.awaitEvent("Debugger.paused");
            assertThat(stepped.path("callFrames").get(0).path("location").path("lineNumber").asInt()).isEqualTo(2);
            client.send("Debugger.resume");
            assertThat(call.get(30, TimeUnit.SECONDS).asInt()).isEqualTo(42);
        }
    }

    @Test
    void a_program_started_to_wait_runs_once_a_debugger_attached() throws Exception {
        Path main = dir.resolve("main.mjs");
        Files.writeString(main, "globalThis.ran = true;\nexport {};\n");
        inspector = Inspector.start(new DebugOptions(DebugAddress.parse("0", 9229), DebugOptions.Start.WAIT, null),
                new Inspector.Program("main.mjs", main, "test"), new PrintStream(log, true, StandardCharsets.UTF_8));
        CompletableFuture<NanoRuntime> booted = CompletableFuture.supplyAsync(() -> {
            NanoRuntime built = NanoRuntime.builder().projectRoot(dir).engineSetup(inspector.engineSetup()).build();
            inspector.awaitDebugger(); // what each command does before the program's first line
            return built;
        });
        try (CdpClient client = CdpClient.connect(inspector.webSocketUrl())) {
            // each answer awaited before the next command, as some clients do
            client.send("Runtime.enable");
            client.send("Debugger.enable");
            String url = main.toUri().toString();
            client.send("Debugger.setBreakpointByUrl", "url", url, "lineNumber", 0);
            assertThat(booted).isNotDone();
            client.send("Runtime.runIfWaitingForDebugger");
            runtime = booted.get(30, TimeUnit.SECONDS);
            CompletableFuture<Value> ran = runtime.evalFile(main).thenCompose(v -> runtime.eval("read", "ran"));
            // the breakpoint set while the program waited is hit, and nothing paused before it
            JsonNode paused = client.awaitEvent("Debugger.paused");
            assertThat(paused.path("callFrames").get(0).path("url").asText()).isEqualTo(url);
            client.send("Debugger.resume");
            assertThat(ran.get(30, TimeUnit.SECONDS).asBoolean()).isTrue();
            assertThat(client.eventsNamed("Debugger.paused")).isEmpty();
        }
    }

    @Test
    void a_breakpoint_set_by_url_regex_binds_as_vs_code_sets_it() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);
        try (CdpClient client = attach()) {
            // VS Code's JavaScript debugger matches the path case-insensitively and ignores a query;
            // V8 looks for the pattern anywhere in the URL (GraalVM alone would match it whole)
            String regex = "[mM][aA][iI][nN]\\.[mM][jJ][sS]($|\\?)";
            client.send("Debugger.setBreakpointByUrl", "urlRegex", regex, "lineNumber", 2, "columnNumber", 0);
            CompletableFuture<Value> call = runtime.eval("call", "double(5)");
            JsonNode paused = client.awaitEvent("Debugger.paused");
            assertThat(paused.path("callFrames").get(0).path("location").path("lineNumber").asInt()).isEqualTo(2);
            client.send("Debugger.resume");
            assertThat(call.get(30, TimeUnit.SECONDS).asInt()).isEqualTo(10);
        }
    }

    @Test
    void nanos_own_scripts_are_not_shown_only_the_programs_under_their_real_paths() throws Exception {
        start(DebugOptions.Start.RUN);
        Path pkg = Files.createDirectories(dir.resolve("node_modules/greet"));
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"greet\",\"type\":\"module\",\"main\":\"index.js\"}");
        Files.writeString(pkg.resolve("index.js"), "export const greet = (who) => `hi ${who}`;\n");
        Path main = dir.resolve("app.mjs");
        Files.writeString(main, "import { greet } from 'greet';\nglobalThis.greeting = greet('x');\n");
        try (CdpClient client = attach()) {
            runtime.evalFile(main).get(30, TimeUnit.SECONDS);
            JsonNode parsed = client.awaitEvent("Debugger.scriptParsed", p -> p.path("url").asText().endsWith("app.mjs"));
            assertThat(parsed.path("url").asText()).isEqualTo(main.toUri().toString());
            JsonNode dependency = client.awaitEvent("Debugger.scriptParsed", p -> p.path("url").asText().contains("node_modules"));
            assertThat(dependency.path("url").asText()).isEqualTo(pkg.resolve("index.js").toUri().toString());
            runtime.eval("use", "new Response('x').text(); console.log(new URL('http://a/b').href)").get(30, TimeUnit.SECONDS);
            assertThat(client.eventsNamed("Debugger.scriptParsed"))
                    .extracting(p -> p.path("url").asText())
                    .noneMatch(u -> u.startsWith("nano:") || u.contains("dev/nano/runtime") || u.startsWith("jar:"));
        }
    }

    @Test
    void console_output_reaches_the_devtools_console_and_the_terminal() throws Exception {
        start(DebugOptions.Start.RUN);
        try (CdpClient client = attach()) {
            runtime.eval("log", "console.log('hello', { devtools: true }); console.error('bad news')").get(30, TimeUnit.SECONDS);
            JsonNode logged = client.awaitEvent("Runtime.consoleAPICalled", p -> p.toString().contains("hello"));
            assertThat(logged.toString()).contains("hello { devtools: true }");
            JsonNode error = client.awaitEvent("Runtime.consoleAPICalled", p -> p.toString().contains("bad news"));
            assertThat(error.path("type").asText()).isEqualTo("error");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("hello { devtools: true }");
    }

    @Test
    void the_console_evaluates_while_the_program_runs() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);
        try (CdpClient client = attach()) {
            JsonNode sum = client.send("Runtime.evaluate", "expression", "double(20) + 2");
            assertThat(sum.path("result").path("type").asText()).isEqualTo("number");
            assertThat(sum.path("result").path("value").asInt()).isEqualTo(42);

            JsonNode object = client.send("Runtime.evaluate", "expression", "({ a: [1, 2], b: 'x' })");
            assertThat(object.path("result").path("type").asText()).isEqualTo("object");
            assertThat(object.path("result").path("description").asText()).isEqualTo("{ a: [ 1, 2 ], b: 'x' }");

            client.send("Runtime.evaluate", "expression", "globalThis.setAtConsole = 7");
            assertThat(runtime.eval("read", "setAtConsole").get(30, TimeUnit.SECONDS).asInt()).isEqualTo(7);

            JsonNode thrown = client.send("Runtime.evaluate", "expression", "null.x");
            assertThat(thrown.path("exceptionDetails").path("exception").path("className").asText()).isEqualTo("TypeError");

            JsonNode preview = client.send("Runtime.evaluate", "expression", "globalThis.sideEffect = 1", "throwOnSideEffect", true);
            assertThat(preview.has("exceptionDetails")).isTrue();
            assertThat(runtime.eval("read", "typeof sideEffect").get(30, TimeUnit.SECONDS).asString()).isEqualTo("undefined");
        }
    }

    @Test
    void pauses_on_caught_exceptions_and_debugger_statements_when_asked() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);
        try (CdpClient client = attach()) {
            client.send("Debugger.setPauseOnExceptions", "state", "all");
            CompletableFuture<Value> call = runtime.eval("call", "fail()");
            JsonNode paused = client.awaitEvent("Debugger.paused");
            assertThat(paused.path("reason").asText()).isEqualTo("exception");
            assertThat(paused.path("data").path("description").asText()).contains("RangeError");
            client.send("Debugger.resume");
            assertThat(call.get(30, TimeUnit.SECONDS).asString()).isEqualTo("caught here");

            client.send("Debugger.setPauseOnExceptions", "state", "none");
            CompletableFuture<Value> stop = runtime.eval("stop.js", "let seen = 'before';\ndebugger;\nseen = 'after';\nseen");
            JsonNode atDebugger = client.awaitEvent("Debugger.paused");
            assertThat(atDebugger.path("callFrames").get(0).path("location").path("lineNumber").asInt()).isEqualTo(1);
            client.send("Debugger.resume");
            assertThat(stop.get(30, TimeUnit.SECONDS).asString()).isEqualTo("after");
        }
    }

    @Test
    void a_client_that_drops_while_paused_lets_the_program_go_on_and_the_next_one_attaches() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);
        CdpClient first = attach();
        first.send("Debugger.setBreakpointByUrl", "url", main.toUri().toString(), "lineNumber", 1);
        CompletableFuture<Value> call = runtime.eval("call", "double(1)");
        first.awaitEvent("Debugger.paused");
        first.abort();
        assertThat(call.get(30, TimeUnit.SECONDS).asInt()).isEqualTo(2);

        try (CdpClient second = attach()) {
            // the first client's breakpoint went with it
            assertThat(runtime.eval("call", "double(2)").get(30, TimeUnit.SECONDS).asInt()).isEqualTo(4);
            assertThat(second.send("Runtime.evaluate", "expression", "double(3)").path("result").path("value").asInt()).isEqualTo(6);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Debugger attached.");
    }

    @Test
    void garbage_gets_an_error_reply_and_the_session_goes_on_and_a_second_client_is_turned_away() throws Exception {
        start(DebugOptions.Start.RUN);
        try (CdpClient client = attach()) {
            JsonNode reply = client.sendRaw(0, "this is not json {");
            assertThat(reply.path("error").path("code").asInt()).isEqualTo(-32700);
            JsonNode noMethod = client.sendRaw(5, "{\"id\":5}");
            assertThat(noMethod.has("error")).isTrue();

            assertThatThrownBy(() -> CdpClient.connect(inspector.webSocketUrl()))
                    .hasRootCauseMessage("Unexpected HTTP response status code 409");

            assertThat(client.send("Runtime.evaluate", "expression", "6 * 7").path("result").path("value").asInt()).isEqualTo(42);
        }
    }

    @Test
    void discovery_lists_the_target_as_node_does_for_local_hosts_only() throws Exception {
        Path main = start(DebugOptions.Start.RUN);
        HttpClient http = HttpClient.newHttpClient();
        String base = inspector.webSocketUrl().replaceFirst("^ws://([^/]+)/.*$", "http://$1");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode target = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).get(0);
        assertThat(target.path("type").asText()).isEqualTo("node");
        assertThat(target.path("webSocketDebuggerUrl").asText()).isEqualTo(inspector.webSocketUrl());
        assertThat(target.path("devtoolsFrontendUrl").asText()).isEqualTo(inspector.devToolsUrl());
        assertThat(target.path("url").asText()).isEqualTo(main.toUri().toString());
        assertThat(inspector.webSocketUrl()).matches("ws://127\\.0\\.0\\.1:\\d+/[0-9a-f-]{36}");

        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + "/json/version")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.body()).contains("\"Browser\":\"NANO/test\"");

        // A page on evil.example resolving to 127.0.0.1 would send its own name as Host.
        assertThat(DevToolsEndpoint.isIpOrLocalhost("evil.example:9229")).isFalse();
        assertThat(DevToolsEndpoint.isIpOrLocalhost("127.0.0.1:9229")).isTrue();
        assertThat(DevToolsEndpoint.isIpOrLocalhost("localhost:9229")).isTrue();
        assertThat(DevToolsEndpoint.isIpOrLocalhost("[::1]:9229")).isTrue();
    }
}
