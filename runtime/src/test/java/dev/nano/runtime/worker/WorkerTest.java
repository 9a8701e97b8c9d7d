package dev.nano.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsTesting;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.stream.ByteSink;
import dev.nano.runtime.stream.ByteSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerTest {
    @TempDir
    Path dir;
    private JsTesting js;

    @AfterEach
    void close() {
        if (js != null) {
            js.close();
        }
    }

    private Worker load(String code, Map<String, ?> env) throws IOException {
        Files.writeString(dir.resolve("worker.js"), code);
        js = JsTesting.start(NanoRuntime.builder().projectRoot(dir));
        return js.runtime().loadWorker(dir.resolve("worker.js"), env);
    }

    private static HttpRequestDescriptor get(String path) {
        return new HttpRequestDescriptor("GET", "http://localhost" + path,
                List.of(new HttpRequestDescriptor.Header("x-test", "yes")), null);
    }

    @Test
    void answers_with_the_default_export_fetch_response() throws Exception {
        Worker worker = load("""
                export default {
                  async fetch(request, env, ctx) {
                    return new Response(request.method + " " + new URL(request.url).pathname + " " + request.headers.get("x-test"),
                                        { status: 201, headers: { "x-answer": "42" } });
                  },
                };
                """, Map.of());
        Recorded r = dispatch(worker, get("/hello"));
        assertThat(r.status).isEqualTo(201);
        assertThat(r.body()).isEqualTo("GET /hello yes");
        assertThat(r.headers).contains(new HttpRequestDescriptor.Header("x-answer", "42"));
    }

    @Test
    void passes_env_to_the_handler() throws Exception {
        Worker worker = load("""
                export default { fetch(request, env) { return new Response(env.GREETING + " " + env.COUNT + " " + env.NESTED.a); } };
                """, Map.of("GREETING", "hi", "COUNT", 3, "NESTED", Map.of("a", true)));
        assertThat(dispatch(worker, get("/")).body()).isEqualTo("hi 3 true");
    }

    @Test
    void a_throwing_handler_gives_500_with_the_js_stack_and_the_worker_keeps_serving() throws Exception {
        Worker worker = load("""
                export default {
                  fetch(request) {
                    if (request.url.endsWith("/boom")) {
                      throw new Error("kaboom");
                    }
                    return new Response("fine");
                  },
                };
                """, Map.of());
        Recorded r = dispatch(worker, get("/boom"));
        assertThat(r.status).isEqualTo(500);
        assertThat(r.body()).contains("Error: kaboom").contains("worker.js:4");
        assertThat(js.err()).contains("Error: kaboom").contains("worker.js:4").contains("GET http://localhost/boom");
        assertThat(dispatch(worker, get("/ok")).body()).isEqualTo("fine");
    }

    @Test
    void a_rejected_promise_gives_500() throws Exception {
        Worker worker = load("""
                export default { async fetch() { await null; throw new TypeError("late failure"); } };
                """, Map.of());
        Recorded r = dispatch(worker, get("/"));
        assertThat(r.status).isEqualTo(500);
        assertThat(r.body()).contains("TypeError: late failure");
    }

    @Test
    void a_handler_returning_something_else_than_a_response_gives_500() throws Exception {
        Worker worker = load("""
                export default { fetch() { return { status: 200 }; } };
                """, Map.of());
        Recorded r = dispatch(worker, get("/"));
        assertThat(r.status).isEqualTo(500);
        assertThat(r.body()).contains("TypeError").contains("instead of a Response");
    }

    @Test
    void streams_a_request_body_back_as_the_response_body() throws Exception {
        Worker worker = load("""
                export default { fetch(request) { return new Response(request.body); } };
                """, Map.of());
        ChunkSource source = new ChunkSource(js.runtime(), "abc", "def", "ghi");
        Recorded r = dispatch(worker, new HttpRequestDescriptor("POST", "http://localhost/echo", List.of(), source));
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body()).isEqualTo("abcdefghi");
        assertThat(r.streamed).isTrue();
    }

    @Test
    void wait_until_work_runs_after_the_response() throws Exception {
        Worker worker = load("""
                let log = [];
                export default {
                  fetch(request, env, ctx) {
                    if (request.url.endsWith("/log")) return new Response(log.join(","));
                    ctx.waitUntil(new Promise((resolve) => setTimeout(() => { log.push("after"); resolve(); }, 20)));
                    log.push("respond");
                    return new Response("ok");
                  },
                };
                """, Map.of());
        assertThat(dispatch(worker, get("/work")).body()).isEqualTo("ok");
        String log = "";
        for (int i = 0; i < 200 && !log.contains("after"); i++) {
            Thread.sleep(10);
            log = dispatch(worker, get("/log")).body();
        }
        assertThat(log).isEqualTo("respond,after");
    }

    @Test
    void a_module_without_fetch_handler_fails_to_load() {
        assertThatThrownBy(() -> load("export default {};", Map.of()))
                .isInstanceOf(WorkerLoadException.class)
                .hasMessageContaining("has no fetch handler");
    }

    @Test
    void a_module_that_throws_while_loading_names_file_and_line() {
        assertThatThrownBy(() -> load("\nthrow new Error('no config');\nexport default {};", Map.of()))
                .isInstanceOf(WorkerLoadException.class)
                .hasMessageContaining("no config")
                .hasMessageContaining("worker.js:2");
    }

    private static Recorded dispatch(Worker worker, HttpRequestDescriptor request) throws Exception {
        RecordingSink sink = new RecordingSink();
        worker.dispatch(request, sink);
        return sink.done.get(30, TimeUnit.SECONDS);
    }

    record Recorded(int status, List<HttpRequestDescriptor.Header> headers, byte[] bytes, boolean streamed) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    static final class RecordingSink implements ResponseSink {
        final CompletableFuture<Recorded> done = new CompletableFuture<>();

        @Override
        public void respond(int status, List<HttpRequestDescriptor.Header> headers, ByteBuffer body) {
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            done.complete(new Recorded(status, headers, bytes, false));
        }

        @Override
        public ByteSink respondStreaming(int status, List<HttpRequestDescriptor.Header> headers) {
            return new CollectingSink(status, headers, done);
        }
    }

    /** Host objects that scripts call must be public classes. */
    public static final class CollectingSink implements ByteSink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int status;
        private final List<HttpRequestDescriptor.Header> headers;
        private final CompletableFuture<Recorded> done;

        CollectingSink(int status, List<HttpRequestDescriptor.Header> headers, CompletableFuture<Recorded> done) {
            this.status = status;
            this.headers = headers;
            this.done = done;
        }

        @HostAccess.Export
        @Override
        public HostPromise write(Value chunk) {
            out.writeBytes(dev.nano.runtime.Bytes.copy(chunk));
            return null;
        }

        @HostAccess.Export
        @Override
        public void close() {
            done.complete(new Recorded(status, headers, out.toByteArray(), true));
        }

        @HostAccess.Export
        @Override
        public void abort(String reason) {
            done.completeExceptionally(new AssertionError("aborted: " + reason));
        }
    }

    public static final class ChunkSource implements ByteSource {
        private final NanoRuntime runtime;
        private final ArrayDeque<String> chunks;

        ChunkSource(NanoRuntime runtime, String... chunks) {
            this.runtime = runtime;
            this.chunks = new ArrayDeque<>(List.of(chunks));
        }

        @HostAccess.Export
        @Override
        public HostPromise pull() {
            HostPromise p = runtime.newPromise();
            String next = chunks.poll();
            p.resolve(next == null ? null : ByteBuffer.wrap(next.getBytes(StandardCharsets.UTF_8)));
            return p;
        }

        @HostAccess.Export
        @Override
        public void cancel(String reason) {
            chunks.clear();
        }
    }
}
