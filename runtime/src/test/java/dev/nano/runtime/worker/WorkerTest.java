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
    void a_throwing_handler_gives_a_plain_500_logs_the_js_stack_and_the_worker_keeps_serving() throws Exception {
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
        assertThat(r.body()).isEqualTo("Internal Server Error\n");
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
        assertThat(r.body()).doesNotContain("late failure");
        assertThat(js.err()).contains("TypeError: late failure");
    }

    @Test
    void a_handler_returning_something_else_than_a_response_gives_500() throws Exception {
        Worker worker = load("""
                export default { fetch() { return { status: 200 }; } };
                """, Map.of());
        Recorded r = dispatch(worker, get("/"));
        assertThat(r.status).isEqualTo(500);
        assertThat(js.err()).contains("TypeError").contains("instead of a Response");
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
    void incoming_headers_have_lowercase_names_and_repeated_fields_combined() throws Exception {
        Worker worker = load("""
                export default {
                  fetch(request) {
                    const copy = new Request(request);
                    return new Response([request.headers.get("x-multi"), [...request.headers.keys()].join(","),
                                         request.clone().headers.get("x-multi"), copy.headers.get("content-type")].join("|"));
                  },
                };
                """, Map.of());
        List<HttpRequestDescriptor.Header> headers = List.of(new HttpRequestDescriptor.Header("X-Multi", "a"),
                new HttpRequestDescriptor.Header("Content-Type", "text/plain"), new HttpRequestDescriptor.Header("x-multi", "b"));
        Recorded r = dispatch(worker, new HttpRequestDescriptor("GET", "http://localhost/", headers, null));
        assertThat(r.body()).isEqualTo("a, b|content-type,x-multi|a, b|text/plain");
    }

    @Test
    void incoming_methods_are_normalized_like_the_request_constructor_does() throws Exception {
        Worker worker = load("""
                export default { fetch(request) { return new Response(request.method + " " + request.url); } };
                """, Map.of());
        assertThat(dispatch(worker, new HttpRequestDescriptor("delete", "http://LOCALHOST:80/a?b", List.of(), null)).body())
                .isEqualTo("DELETE http://localhost/a?b");
        assertThat(dispatch(worker, new HttpRequestDescriptor("patch", "http://localhost/", List.of(), null)).body())
                .isEqualTo("patch http://localhost/");
        Recorded forbidden = dispatch(worker, new HttpRequestDescriptor("TRACE", "http://localhost/", List.of(), null));
        assertThat(forbidden.status).isEqualTo(500);
        assertThat(js.err()).contains("TypeError").contains("forbidden");
    }

    @Test
    void reads_a_request_body_whole_and_from_a_clone() throws Exception {
        Worker worker = load("""
                export default {
                  async fetch(request) {
                    const copy = request.clone();
                    const json = await request.json();
                    return new Response(json.a + " " + (await copy.text()) + " " + request.bodyUsed);
                  },
                };
                """, Map.of());
        ChunkSource source = new ChunkSource(js.runtime(), "{\"a\":", "42}");
        Recorded r = dispatch(worker, new HttpRequestDescriptor("POST", "http://localhost/", List.of(), source));
        assertThat(r.body()).isEqualTo("42 {\"a\":42} true");
    }

    @Test
    void string_and_json_bodies_are_sent_whole_as_utf8() throws Exception {
        Worker worker = load("""
                export default {
                  fetch(request) {
                    return request.url.endsWith("/json") ? Response.json({ s: "é" }) : new Response("héllo \\uD800");
                  },
                };
                """, Map.of());
        Recorded text = dispatch(worker, get("/text"));
        assertThat(text.body()).isEqualTo("héllo \uFFFD");
        assertThat(text.streamed).isFalse();
        assertThat(text.headers).contains(new HttpRequestDescriptor.Header("content-type", "text/plain;charset=UTF-8"));
        Recorded json = dispatch(worker, get("/json"));
        assertThat(json.body()).isEqualTo("{\"s\":\"é\"}");
        assertThat(json.streamed).isFalse();
        assertThat(json.headers).contains(new HttpRequestDescriptor.Header("content-type", "application/json"));
    }

    @Test
    void response_header_fields_are_combined_except_set_cookie() throws Exception {
        Worker worker = load("""
                export default {
                  fetch() {
                    return new Response(null, { status: 204, headers: [["Set-Cookie", "a=1"], ["X-A", "1"], ["set-cookie", "b=2"], ["x-a", "2"]] });
                  },
                };
                """, Map.of());
        Recorded r = dispatch(worker, get("/"));
        assertThat(r.status).isEqualTo(204);
        assertThat(r.bytes).isEmpty();
        assertThat(r.headers).containsExactly(new HttpRequestDescriptor.Header("set-cookie", "a=1"),
                new HttpRequestDescriptor.Header("set-cookie", "b=2"), new HttpRequestDescriptor.Header("x-a", "1, 2"));
    }

    @Test
    void a_stream_body_is_streamed() throws Exception {
        Worker worker = load("""
                export default {
                  fetch() {
                    const parts = ["one ", "two"];
                    return new Response(new ReadableStream({ pull(c) { parts.length ? c.enqueue(new TextEncoder().encode(parts.shift())) : c.close(); } }));
                  },
                };
                """, Map.of());
        Recorded r = dispatch(worker, get("/"));
        assertThat(r.body()).isEqualTo("one two");
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
    void pending_wait_until_counts_promises_until_they_settle() throws Exception {
        Worker worker = load("""
                globalThis.settle = [];
                export default {
                  fetch(request, env, ctx) {
                    ctx.waitUntil(new Promise((resolve) => settle.push(resolve)));
                    ctx.waitUntil(new Promise((resolve, reject) => settle.push(() => reject(new Error("background failed")))));
                    return new Response("ok");
                  },
                };
                """, Map.of());
        assertThat(worker.pendingWaitUntil()).isZero();
        assertThat(worker.whenWaitUntilSettled()).isDone();

        assertThat(dispatch(worker, get("/")).body()).isEqualTo("ok");
        assertThat(worker.pendingWaitUntil()).isEqualTo(2);
        CompletableFuture<Void> settled = worker.whenWaitUntilSettled();
        assertThat(settled).isNotDone();

        // A timer fires only once the microtasks the settled promise queued have run.
        js.run("settle.shift()(); await new Promise((resolve) => setTimeout(resolve, 0));");
        assertThat(worker.pendingWaitUntil()).isEqualTo(1);
        assertThat(settled).isNotDone();

        js.run("settle.shift()();");
        settled.get(30, TimeUnit.SECONDS);
        assertThat(worker.pendingWaitUntil()).isZero();
        assertThat(js.err()).contains("Error: background failed");
        assertThat(worker.whenWaitUntilSettled()).isDone();
    }

    @Test
    void pending_wait_until_counts_scheduled_runs_too() throws Exception {
        Worker worker = load("""
                export default {
                  fetch() { return new Response("ok"); },
                  scheduled(controller, env, ctx) {
                    ctx.waitUntil(new Promise((resolve) => { globalThis.release = resolve; }));
                  },
                };
                """, Map.of());
        CompletableFuture<ScheduledOutcome> outcome = worker.scheduled("* * * * *", 0);
        // Any request is handled after the scheduled run was started: its response orders the two.
        dispatch(worker, get("/"));
        assertThat(worker.pendingWaitUntil()).isEqualTo(1);
        CompletableFuture<Void> settled = worker.whenWaitUntilSettled();
        assertThat(settled).isNotDone();
        js.run("globalThis.release();");
        settled.get(30, TimeUnit.SECONDS);
        assertThat(outcome.get(30, TimeUnit.SECONDS).ok()).isTrue();
        assertThat(worker.pendingWaitUntil()).isZero();
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
