package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServerTest {
    @TempDir
    Path dir;

    @Test
    void serves_the_worker_response_with_status_and_headers() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default {
                  fetch(request) {
                    return new Response("hello " + request.method + " " + request.url, { status: 203, headers: { "x-powered-by": "nano" } });
                  },
                };
                """))) {
            HttpResponse<String> r = w.get("/path?q=1");
            assertThat(r.statusCode()).isEqualTo(203);
            assertThat(r.body()).isEqualTo("hello GET " + w.uri("/path?q=1"));
            assertThat(r.headers().firstValue("x-powered-by")).hasValue("nano");
        }
    }

    @Test
    void env_comes_from_nano_toml_vars_and_dev_vars() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of(
                "nano.toml", """
                        main = "worker.js"
                        [vars]
                        GREETING = "hi"
                        SECRET = "from toml"
                        """,
                ".dev.vars", "SECRET=from dev vars\n",
                "worker.js", """
                        export default { fetch(request, env) { return new Response(env.GREETING + "/" + env.SECRET); } };
                        """))) {
            assertThat(w.get("/").body()).isEqualTo("hi/from dev vars");
        }
    }

    @Test
    void env_comes_from_wrangler_toml_when_there_is_no_nano_toml() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of(
                "wrangler.toml", """
                        name = "app"
                        main = "src/main.js"
                        [vars]
                        API_HOST = "example.com"
                        """,
                "src/main.js", """
                        export default { fetch(request, env) { return new Response(env.API_HOST); } };
                        """))) {
            assertThat(w.get("/").body()).isEqualTo("example.com");
        }
    }

    @Test
    void a_throwing_handler_gives_a_500_revealing_no_stack_logs_file_and_line_and_the_server_keeps_serving() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default {
                  async fetch(request) {
                    if (request.url.endsWith("/boom")) {
                      throw new RangeError("out of cheese");
                    }
                    return new Response("still here");
                  },
                };
                """))) {
            HttpResponse<String> r = w.get("/boom");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).isEqualTo("Internal Server Error\n").doesNotContain(dir.toString());
            assertThat(w.err()).contains("RangeError: out of cheese").contains("index.js:4");
            assertThat(w.get("/").body()).isEqualTo("still here");
        }
    }

    @Test
    void serve_answers_asset_paths_from_the_assets_directory_and_env_assets_reaches_them() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of(
                "nano.toml", "main = \"src/index.js\"\n[assets]\ndirectory = \"public\"\n",
                "public/hello.txt", "static hello",
                "src/index.js", """
                        export default {
                          async fetch(request, env) {
                            const url = new URL(request.url);
                            if (url.pathname === "/proxy") return env.ASSETS.fetch(new URL("/hello.txt", url));
                            return new Response("worker");
                          },
                        };
                        """))) {
            assertThat(w.get("/hello.txt").body()).isEqualTo("static hello");
            assertThat(w.get("/other").body()).isEqualTo("worker");
            assertThat(w.get("/proxy").body()).isEqualTo("static hello");
        }
    }

    @Test
    void a_handler_returning_a_non_response_gives_500() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default { fetch() { return "just a string"; } };
                """))) {
            HttpResponse<String> r = w.get("/");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).doesNotContain("instead of a Response");
            assertThat(w.err()).contains("instead of a Response");
        }
    }

    @Test
    void many_requests_are_in_flight_at_once_while_handlers_await_timers() throws Exception {
        int n = 40;
        // Every handler waits until all n requests arrived: this finishes only if they are in flight together.
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                let arrived = 0;
                const n = %d;
                export default {
                  async fetch(request) {
                    const mine = ++arrived;
                    while (arrived < n) await new Promise((resolve) => setTimeout(resolve, 5));
                    return new Response("request " + mine + " saw " + arrived);
                  },
                };
                """.formatted(n)))) {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                responses.add(w.client.sendAsync(HttpRequest.newBuilder(w.uri("/" + i)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> r : responses) {
                assertThat(r.get().statusCode()).isEqualTo(200);
                assertThat(r.get().body()).endsWith("saw " + n);
            }
        }
    }

    @Test
    void a_request_body_reaches_the_handler_and_streams_back() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default { fetch(request) { return new Response(request.body, { headers: { "x-method": request.method } }); } };
                """))) {
            String payload = "x".repeat(200_000);
            HttpResponse<String> r = w.client.send(HttpRequest.newBuilder(w.uri("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-method")).hasValue("POST");
            assertThat(r.body()).isEqualTo(payload);
        }
    }

    @Test
    void a_streamed_body_that_errors_midway_is_logged_with_its_error() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default {
                  fetch() {
                    let sent = false;
                    const body = new ReadableStream({
                      pull(controller) {
                        if (!sent) { sent = true; controller.enqueue(new TextEncoder().encode("first part")); }
                        else controller.error(new RangeError("the stream broke"));
                      },
                    });
                    return new Response(body);
                  },
                };
                """))) {
            try {
                w.get("/stream");
            } catch (IOException expected) {
                // the body ends early: the server aborts the response
            }
            for (int i = 0; i < 50 && !w.err().contains("the stream broke"); i++) {
                Thread.sleep(100);
            }
            assertThat(w.err()).contains("Error after responding to GET").contains("RangeError: the stream broke");
        }
    }

    @Test
    void wait_until_work_finishes_after_the_response_was_sent() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                const log = [];
                let release;
                export default {
                  fetch(request, env, ctx) {
                    if (request.url.endsWith("/log")) return new Response(log.join(","));
                    if (request.url.endsWith("/release")) { release(); return new Response("released"); }
                    ctx.waitUntil(new Promise((resolve) => { release = resolve; }).then(() => log.push("background")));
                    log.push("responded");
                    return new Response("ok");
                  },
                };
                """))) {
            assertThat(w.get("/work").body()).isEqualTo("ok");
            assertThat(w.get("/log").body()).isEqualTo("responded");
            assertThat(w.get("/release").body()).isEqualTo("released");
            assertThat(w.get("/log").body()).isEqualTo("responded,background");
        }
    }

    @Test
    void keep_alive_and_pipelined_requests_are_answered_in_order_and_read_on_the_selector_not_handed_to_the_pool() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default {
                  async fetch(request) {
                    await null;
                    return new Response(new URL(request.url).pathname);
                  },
                };
                """))) {
            try (Socket socket = new Socket("127.0.0.1", w.server.port())) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    out.write(("GET /seq" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    bodies.add(RawHttp.readOkBody(in));
                }
                StringBuilder pipelined = new StringBuilder();
                for (int i = 0; i < 5; i++) {
                    pipelined.append("GET /pipe").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
                }
                out.write(pipelined.toString().getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 5; i++) {
                    bodies.add(RawHttp.readOkBody(in));
                }
                assertThat(bodies.subList(0, 3)).containsExactly("/seq0", "/seq1", "/seq2");
                assertThat(bodies.get(49)).isEqualTo("/seq49");
                assertThat(bodies.subList(50, 55)).containsExactly("/pipe0", "/pipe1", "/pipe2", "/pipe3", "/pipe4");
            }
            assertThat(w.server.threadPool().connectionsResumedOnPool()).isZero();
        }
    }

    @Test
    void malformed_http_gets_400_from_jetty_and_the_server_keeps_serving() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default { fetch() { return new Response("fine"); } };
                """))) {
            try (Socket socket = new Socket("127.0.0.1", w.server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /\u0001bad HTTP/1.1\r\nHost: x\r\nBroken header line\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(status).isEqualTo("HTTP/1.1 400");
            }
            assertThat(w.get("/").body()).isEqualTo("fine");
        }
    }
}
