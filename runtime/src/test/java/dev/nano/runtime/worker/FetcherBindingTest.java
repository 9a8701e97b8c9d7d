package dev.nano.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nano.runtime.JsTesting;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.fetch.TestServer;
import dev.nano.runtime.worker.WorkerTest.ChunkSource;
import dev.nano.runtime.worker.WorkerTest.Recorded;
import dev.nano.runtime.worker.WorkerTest.RecordingSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherBindingTest {
    private static TestServer server;
    private static URI origin;

    @TempDir
    Path dir;
    private JsTesting js;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestServer();
        origin = URI.create(server.url(""));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void close() {
        if (js != null) {
            js.close();
        }
    }

    private Worker load(String code, Map<String, ?> env, Map<String, FetcherBinding> bindings) throws IOException {
        Files.writeString(dir.resolve("worker.js"), code);
        js = JsTesting.start(NanoRuntime.builder().projectRoot(dir));
        return js.runtime().loadWorker(dir.resolve("worker.js"), env, bindings);
    }

    private static Map<String, FetcherBinding> assets(Supplier<URI> where, Map<String, String> headers) {
        return Map.of("ASSETS", new FetcherBinding(where, headers));
    }

    private static Recorded dispatch(Worker worker, HttpRequestDescriptor request) throws Exception {
        RecordingSink sink = new RecordingSink();
        worker.dispatch(request, sink);
        return sink.done.get(30, TimeUnit.SECONDS);
    }

    private static HttpRequestDescriptor get(String url) {
        return new HttpRequestDescriptor("GET", url, List.of(), null);
    }

    /** A port nothing listens on: bound by the system, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void forwards_the_incoming_request_to_the_origin_with_method_query_headers_and_streamed_body() throws Exception {
        Worker worker = load("""
                export default { fetch(request, env) { return env.ASSETS.fetch(request); } };
                """, Map.of(), assets(() -> origin, Map.of("X-Nano-Secret", "s3cret", "x-over", "binding")));
        ChunkSource body = new ChunkSource(js.runtime(), "abc", "def", "ghi");
        Recorded r = dispatch(worker, new HttpRequestDescriptor("PUT", "https://example.com/echo?x=1&y=two#frag",
                List.of(new HttpRequestDescriptor.Header("x-keep", "kept"), new HttpRequestDescriptor.Header("x-over", "client")), body));
        assertThat(r.status()).as(js::err).isEqualTo(200);
        assertThat(r.body()).startsWith("PUT /echo?x=1&y=two\n")
                .contains("x-keep: kept\n")
                .contains("x-over: binding\n")
                .doesNotContain("x-over: client")
                .contains("x-nano-secret: s3cret\n")
                .endsWith("\n\nabcdefghi");
    }

    @Test
    void a_streamed_request_body_stays_streamed() throws Exception {
        // /upload reports the transfer-encoding it received: chunked only if the body was not buffered.
        Worker worker = load("""
                export default { fetch(request, env) { return env.ASSETS.fetch(request); } };
                """, Map.of(), assets(() -> origin, Map.of()));
        ChunkSource body = new ChunkSource(js.runtime(), "abc", "def");
        Recorded r = dispatch(worker, new HttpRequestDescriptor("POST", "http://localhost:8787/upload", List.of(), body));
        assertThat(r.body()).startsWith("6 ").endsWith(" chunked");
    }

    @Test
    void sends_a_string_url_with_init_to_the_origin_keeping_path_and_query() throws Exception {
        Worker worker = load("""
                export default {
                  async fetch(request, env) {
                    const reply = await env.ASSETS.fetch("https://example.com/echo?logo=1", {
                      method: "POST", headers: { "x-from": "init", "content-type": "text/plain" }, body: "posted",
                    });
                    return new Response(reply.status + " " + reply.url + "\\n" + await reply.text());
                  },
                };
                """, Map.of(), assets(() -> origin, Map.of("x-nano-secret", "s3cret")));
        String body = dispatch(worker, get("http://localhost/")).body();
        assertThat(body).startsWith("200 " + server.url("/echo?logo=1") + "\nPOST /echo?logo=1\n")
                .contains("x-from: init\n")
                .contains("x-nano-secret: s3cret\n")
                .contains("content-type: text/plain\n")
                .endsWith("\n\nposted");
    }

    @Test
    void asks_the_origin_at_each_call() throws Exception {
        AtomicReference<URI> where = new AtomicReference<>(URI.create("http://127.0.0.1:" + closedPort()));
        AtomicInteger asked = new AtomicInteger();
        Worker worker = load("""
                export default {
                  async fetch(request, env) {
                    try {
                      return await env.ASSETS.fetch("http://example.com/hello");
                    } catch (e) {
                      return new Response(`${e.name}: ${e.message}`, { status: 502 });
                    }
                  },
                };
                """, Map.of(), assets(() -> {
                    asked.incrementAndGet();
                    return where.get();
                }, Map.of()));
        assertThat(asked).hasValue(0); // not asked while loading: the server's port may not be known yet
        assertThat(dispatch(worker, get("http://localhost/")).status()).isEqualTo(502);
        where.set(origin);
        Recorded r = dispatch(worker, get("http://localhost/"));
        assertThat(r.status()).as(js::err).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello");
        assertThat(asked).hasValue(2);
    }

    @Test
    void bad_input_rejects_with_the_type_error_fetch_gives() throws Exception {
        Worker worker = load("""
                async function errorOf(promise) {
                  try {
                    await promise;
                    return "no error";
                  } catch (e) {
                    return `${e.name}: ${e.message}`;
                  }
                }
                export default {
                  async fetch(request, env) {
                    const bad = [["/logo.png"], ["http://user:pw@example.com/"], ["http://example.com/", { method: "GET", body: "x" }],
                                 ["http://example.com/", { method: "TRACE" }], ["data:text/plain,hi"]];
                    const lines = [];
                    for (const args of bad) {
                      const call = env.ASSETS.fetch(...args);
                      lines.push((call instanceof Promise) + " " + await errorOf(call) + " | " + await errorOf(fetch(...args)));
                    }
                    lines.push(await errorOf(env.ASSETS.fetch()));
                    return new Response(lines.join("\\n"));
                  },
                };
                """, Map.of(), assets(() -> origin, Map.of()));
        List<String> lines = dispatch(worker, get("http://localhost/")).body().lines().toList();
        assertThat(lines).hasSize(6);
        for (String line : lines.subList(0, 5)) {
            assertThat(line).startsWith("true TypeError: ");
            String[] both = line.substring("true ".length()).split(" \\| ");
            assertThat(both[0]).isEqualTo(both[1]);
        }
        assertThat(lines.get(0)).contains("/logo.png");
        assertThat(lines.get(4)).contains("scheme");
        assertThat(lines.get(5)).startsWith("TypeError: ");
    }

    @Test
    void connection_refused_rejects_with_a_type_error_as_fetch_does() throws Exception {
        int port = closedPort();
        Worker worker = load("""
                export default {
                  async fetch(request, env) {
                    try {
                      await env.ASSETS.fetch(request);
                      return new Response("no error");
                    } catch (e) {
                      return new Response(`${e.name}: ${e.message}`);
                    }
                  },
                };
                """, Map.of(), assets(() -> URI.create("http://127.0.0.1:" + port), Map.of()));
        assertThat(dispatch(worker, get("https://example.com/logo.png")).body())
                .startsWith("TypeError: fetch failed: connection refused")
                .contains("127.0.0.1:" + port);
    }

    @Test
    void an_origin_that_is_not_http_rejects_with_a_type_error() throws Exception {
        Worker worker = load("""
                export default {
                  async fetch(request, env) {
                    return env.ASSETS.fetch(request).then(() => new Response("no error"), (e) => new Response(`${e.name}: ${e.message}`));
                  },
                };
                """, Map.of(), assets(() -> URI.create("file:///tmp"), Map.of()));
        assertThat(dispatch(worker, get("http://localhost/")).body())
                .startsWith("TypeError: fetch failed: the ASSETS binding cannot be reached")
                .doesNotContain("Exception");
    }

    @Test
    void the_binding_is_a_frozen_fetcher_that_wins_over_a_var_of_the_same_name_and_shows_no_java() throws Exception {
        Worker worker = load("""
                export default {
                  fetch(request, env) {
                    const f = env.ASSETS;
                    console.log(f);
                    let constructed;
                    try { new f.constructor(); constructed = "constructed"; } catch (e) { constructed = e.name; }
                    return new Response([String(f), Object.isFrozen(f), Object.isFrozen(Object.getPrototypeOf(f)),
                      Object.keys(f).length, typeof f.fetch, constructed, env.OTHER, Object.keys(env).sort().join()].join(" "));
                  },
                };
                """, Map.of("ASSETS", "a var", "OTHER", "kept"), assets(() -> origin, Map.of()));
        assertThat(dispatch(worker, get("http://localhost/")).body())
                .isEqualTo("[object Fetcher] true true 0 function TypeError kept ASSETS,OTHER");
        assertThat(js.out()).isEqualTo("Fetcher {}\n");
    }

    @Test
    void rejects_invalid_binding_headers() {
        assertThatThrownBy(() -> new FetcherBinding(() -> origin, Map.of("bad name", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FetcherBinding(() -> origin, Map.of("x-a", "one\r\ntwo")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
