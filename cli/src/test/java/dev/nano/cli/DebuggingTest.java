package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nano.inspector.CdpClient;
import dev.nano.inspector.DapClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --inspect} as a user meets it: {@code nano serve}, {@code dev} and {@code run} in their
 * own process, a CDP client on the printed WebSocket, real HTTP requests to the served worker.
 */
class DebuggingTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private static final String WORKER = """
            export default {
              async fetch(request, env) {
                const url = new URL(request.url);
                const answer = `${env.GREETING} from ${url.pathname}`;
                return new Response(answer);
              },
            };
            """;

    private Path project(String worker) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("nano.toml"), "main = \"src/index.js\"\n[vars]\nGREETING = \"Hello\"\n");
        Path entry = dir.resolve("src/index.js");
        Files.writeString(entry, worker);
        return entry;
    }

    private CompletableFuture<HttpResponse<String>> get(String base, String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CdpClient attach(String webSocket) throws Exception {
        CdpClient client = CdpClient.connect(webSocket);
        client.send("Runtime.enable");
        client.send("Debugger.enable");
        client.send("Runtime.runIfWaitingForDebugger");
        return client;
    }

    private static String evaluate(CdpClient client, JsonNode paused, String expression) throws Exception {
        String frame = paused.path("callFrames").get(0).path("callFrameId").asText();
        return client.send("Debugger.evaluateOnCallFrame", "callFrameId", frame, "expression", expression)
                .path("result").path("value").asText();
    }

    @Test
    void serve_stops_a_request_at_a_breakpoint_and_answers_it_and_the_waiting_ones_after_resume() throws Exception {
        Path entry = project(WORKER);
        try (NanoProcess nano = NanoProcess.start(dir, "serve", "--port", "0", "--inspect=0")) {
            String webSocket = nano.await("Debugger listening on (ws://\\S+)");
            String base = nano.await("Listening on (http://\\S+?)/?$");
            try (CdpClient client = attach(webSocket)) {
                client.send("Debugger.setBreakpointByUrl", "url", entry.toUri().toString(), "lineNumber", 4);
                CompletableFuture<HttpResponse<String>> first = get(base, "/first");
                JsonNode paused = client.awaitEvent("Debugger.paused");
                JsonNode top = paused.path("callFrames").get(0);
                assertThat(top.path("url").asText()).isEqualTo(entry.toUri().toString());
                assertThat(top.path("location").path("lineNumber").asInt()).isEqualTo(4);
                assertThat(evaluate(client, paused, "request.url")).isEqualTo(base + "/first");
                assertThat(evaluate(client, paused, "env.GREETING")).isEqualTo("Hello");
                assertThat(evaluate(client, paused, "answer")).isEqualTo("Hello from /first");
                JsonNode scopes = top.path("scopeChain");
                assertThat(scopes.findValuesAsText("type")).contains("local");

                CompletableFuture<HttpResponse<String>> second = get(base, "/second");
                assertThat(first).isNotDone();
                client.send("Debugger.removeBreakpoint", "breakpointId", client.send("Debugger.setBreakpointByUrl",
                        "url", entry.toUri().toString(), "lineNumber", 3).path("breakpointId").asText());
                client.send("Debugger.resume");
                // The second request hit line 4's breakpoint as well: it waited for the first.
                JsonNode again = client.awaitEvent("Debugger.paused");
                assertThat(evaluate(client, again, "request.url")).isEqualTo(base + "/second");
                assertThat(first.get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello from /first");
                assertThat(second).isNotDone();
                client.send("Debugger.resume");
                assertThat(second.get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello from /second");
            }
            // the client left: the server goes on serving
            assertThat(get(base, "/after").get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello from /after");
        }
    }

    @Test
    void serve_pauses_on_an_exception_thrown_by_the_handler_under_pause_on_caught_exceptions() throws Exception {
        Path entry = project("""
                export default {
                  async fetch(request) {
                    if (new URL(request.url).pathname === "/boom") {
                      throw new TypeError("no such thing");
                    }
                    try { JSON.parse("{"); } catch { /* caught in the worker */ }
                    return new Response("fine");
                  },
                };
                """);
        try (NanoProcess nano = NanoProcess.start(dir, "serve", "--port", "0", "--inspect=0")) {
            String webSocket = nano.await("Debugger listening on (ws://\\S+)");
            String base = nano.await("Listening on (http://\\S+?)/?$");
            try (CdpClient client = attach(webSocket)) {
                // NANO's dispatcher catches what a handler throws (to answer 500), and GraalVM counts
                // that catch: "uncaught" does not stop there, "all" does (docs/debugging.md).
                client.send("Debugger.setPauseOnExceptions", "state", "uncaught");
                assertThat(get(base, "/fine").get(30, TimeUnit.SECONDS).body()).isEqualTo("fine");
                client.send("Debugger.setPauseOnExceptions", "state", "all");
                CompletableFuture<HttpResponse<String>> boom = get(base, "/boom");
                JsonNode paused = client.awaitEvent("Debugger.paused");
                assertThat(paused.path("reason").asText()).isEqualTo("exception");
                assertThat(paused.path("callFrames").get(0).path("url").asText()).isEqualTo(entry.toUri().toString());
                assertThat(paused.path("callFrames").get(0).path("location").path("lineNumber").asInt()).isEqualTo(3);
                assertThat(paused.path("data").path("description").asText()).contains("TypeError: no such thing");
                client.send("Debugger.resume");
                assertThat(boom.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
                assertThat(client.eventsNamed("Debugger.paused")).isEmpty();
            }
        }
    }

    @Test
    void dev_keeps_the_debugger_and_its_breakpoint_across_a_hot_reload() throws Exception {
        Path entry = project(WORKER);
        try (NanoProcess nano = NanoProcess.start(dir, "dev", "--port", "0", "--inspect=0")) {
            String webSocket = nano.await("Debugger listening on (ws://\\S+)");
            String base = nano.await("Ready on (http://\\S+?)/?$");
            try (CdpClient client = attach(webSocket)) {
                client.send("Debugger.setBreakpointByUrl", "url", entry.toUri().toString(), "lineNumber", 4);
                CompletableFuture<HttpResponse<String>> before = get(base, "/before");
                JsonNode paused = client.awaitEvent("Debugger.paused");
                assertThat(evaluate(client, paused, "answer")).isEqualTo("Hello from /before");
                client.send("Debugger.resume");
                assertThat(before.get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello from /before");

                // The same lines, another answer: saved as an editor saves it.
                Files.writeString(entry, WORKER.replace("${env.GREETING} from", "${env.GREETING} again from"));
                nano.await("reloaded in");
                CompletableFuture<HttpResponse<String>> after = get(base, "/after");
                JsonNode reloaded = client.awaitEvent("Debugger.paused");
                assertThat(reloaded.path("callFrames").get(0).path("location").path("lineNumber").asInt()).isEqualTo(4);
                assertThat(evaluate(client, reloaded, "answer")).isEqualTo("Hello again from /after");
                assertThat(after).isNotDone();
                // The DevTools console, not paused, evaluates in the version serving now.
                client.send("Debugger.resume");
                assertThat(after.get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello again from /after");
                JsonNode console = client.send("Runtime.evaluate", "expression", "typeof Response");
                assertThat(console.path("result").path("value").asText()).isEqualTo("function");
            }
        }
    }

    @Test
    void run_with_inspect_brk_waits_for_a_debugger_and_pauses_on_the_entrys_first_line() throws Exception {
        Path main = dir.resolve("main.js");
        Files.writeString(main, "const greeting = 'hi from main';\nconsole.log(greeting);\n");
        try (NanoProcess nano = NanoProcess.start(dir, "run", "--inspect-brk=0", "main.js")) {
            String webSocket = nano.await("Debugger listening on (ws://\\S+)");
            nano.await("Waiting for a debugger to attach");
            try (CdpClient client = attach(webSocket)) {
                JsonNode paused = client.awaitEvent("Debugger.paused");
                JsonNode top = paused.path("callFrames").get(0);
                assertThat(top.path("url").asText()).isEqualTo(main.toUri().toString());
                assertThat(top.path("location").path("lineNumber").asInt()).isEqualTo(0);
                assertThat(nano.output()).doesNotContain("hi from main");
                client.send("Debugger.resume");
                JsonNode logged = client.awaitEvent("Runtime.consoleAPICalled");
                assertThat(logged.toString()).contains("hi from main");
            }
            assertThat(nano.waitFor()).isZero();
            assertThat(nano.output()).contains("hi from main");
        }
    }

    @Test
    void run_with_inspect_wait_runs_once_a_debugger_attached() throws Exception {
        Files.writeString(dir.resolve("main.js"), "console.log('ran');\n");
        try (NanoProcess nano = NanoProcess.start(dir, "run", "--inspect-wait=0", "main.js")) {
            String webSocket = nano.await("Debugger listening on (ws://\\S+)");
            nano.await("Waiting for a debugger to attach");
            assertThat(nano.output()).doesNotContain("ran");
            try (CdpClient client = attach(webSocket)) {
                nano.await("^ran$");
            }
            assertThat(nano.waitFor()).isZero();
        }
    }

    @Test
    void serve_with_dap_stops_a_request_at_a_breakpoint_shows_its_variables_and_answers_it_after_continue() throws Exception {
        Path entry = project(WORKER);
        try (NanoProcess nano = NanoProcess.start(dir, "serve", "--port", "0", "--dap=0")) {
            int dapPort = Integer.parseInt(nano.await("Debug adapter \\(DAP\\) listening on 127\\.0\\.0\\.1:(\\d+)"));
            String base = nano.await("Listening on (http://\\S+?)/?$");
            try (DapClient client = DapClient.connect("127.0.0.1", dapPort)) {
                client.request("initialize", "clientID", "eclipse", "adapterID", "nano", "linesStartAt1", true,
                        "columnsStartAt1", true, "pathFormat", "path");
                client.request("attach");
                client.awaitEvent("initialized");
                JsonNode set = client.send("setBreakpoints", DapClient.args("source", Map.of("path", entry.toString()),
                        "breakpoints", List.of(Map.of("line", 5)))).path("body").path("breakpoints").get(0);
                assertThat(set.path("verified").asBoolean()).isTrue();
                client.request("configurationDone");

                CompletableFuture<HttpResponse<String>> response = get(base, "/dap");
                JsonNode stopped = client.awaitEvent("stopped");
                int thread = stopped.path("threadId").asInt();
                JsonNode top = client.request("stackTrace", "threadId", thread).path("stackFrames").get(0);
                assertThat(top.path("source").path("path").asText()).isEqualTo(entry.toString());
                assertThat(top.path("line").asInt()).isEqualTo(5);
                int locals = client.request("scopes", "frameId", top.path("id").asInt()).path("scopes").get(0).path("variablesReference").asInt();
                JsonNode variables = client.request("variables", "variablesReference", locals).path("variables");
                assertThat(variables.findValuesAsText("name")).contains("request", "env", "url", "answer");
                JsonNode url = client.request("evaluate", "expression", "request.url", "frameId", top.path("id").asInt(), "context", "repl");
                assertThat(url.path("result").asText()).contains(base + "/dap");
                assertThat(response).isNotDone();
                client.request("continue", "threadId", thread);
                assertThat(response.get(30, TimeUnit.SECONDS).body()).isEqualTo("Hello from /dap");
            }
        }
    }

    @Test
    void an_inspector_port_in_use_is_named_and_exits_2() throws Exception {
        project(WORKER);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                NanoProcess nano = NanoProcess.start(dir, "serve", "--port", "0", "--inspect=" + taken.getLocalPort())) {
            assertThat(nano.waitFor()).isEqualTo(2);
            assertThat(nano.output()).contains("nano serve: cannot debug on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use (another debugger? try --inspect=0 for a free one)");
        }
    }
}
