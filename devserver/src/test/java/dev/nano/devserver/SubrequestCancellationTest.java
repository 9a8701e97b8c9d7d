package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetches a handler started, and the request's {@code signal}, are aborted when the client of the
 * incoming request goes away.
 */
class SubrequestCancellationTest {
    @TempDir
    Path dir;

    /**
     * An upstream that never answers: it completes {@code accepted} when the first bytes of a
     * request arrive (the fetch is then in flight, not queued) and {@code closed} when the
     * requesting side closes the connection.
     */
    private static final class SilentUpstream implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final CompletableFuture<Void> accepted = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        SilentUpstream() throws Exception {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket connection = socket.accept(); InputStream in = connection.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    if (in.read(buffer) > 0) {
                        accepted.complete(null);
                    }
                    while (in.read(buffer) >= 0) {
                        // the rest of the request, then nothing until the other side closes
                    }
                    closed.complete(null);
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/slow";
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void a_client_disconnect_aborts_the_fetch_its_handler_started() throws Exception {
        assertUpstreamClosedOnDisconnect("""
                export default { fetch(request) { return fetch("%s"); } };
                """);
    }

    @Test
    void a_client_disconnect_aborts_a_fetch_started_after_an_await_inside_a_timer() throws Exception {
        // The request's scope follows the handler across its await and into the timer callback.
        assertUpstreamClosedOnDisconnect("""
                export default {
                  async fetch(request) {
                    await new Promise((resolve) => setTimeout(resolve, 10));
                    return new Promise((resolve, reject) => setTimeout(() => fetch("%s").then(resolve, reject), 10));
                  },
                };
                """);
    }

    @Test
    void a_client_disconnect_aborts_request_signal() throws Exception {
        String worker = """
                let seen = "nothing yet";
                export default {
                  async fetch(request) {
                    if (new URL(request.url).pathname === "/seen") return new Response(seen);
                    request.signal.addEventListener("abort", () => {
                      seen = request.signal.reason.name + ": " + request.signal.reason.message;
                    });
                    return new Promise(() => {}); // answers never: only the client's close ends it
                  },
                };
                """;
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", worker))) {
            try (Socket client = new Socket("127.0.0.1", w.server.port())) {
                client.getOutputStream().write("GET /wait HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                Thread.sleep(300);
            }
            String seen = "";
            for (int i = 0; i < 100 && !seen.startsWith("AbortError"); i++) {
                Thread.sleep(100);
                seen = w.get("/seen").body();
            }
            assertThat(seen).isEqualTo("AbortError: The client of the incoming request went away.");
        }
    }

    @Test
    void a_client_that_leaves_a_streamed_response_cancels_the_stream_and_logs_no_error() throws Exception {
        String worker = """
                let seen = "nothing yet";
                export default {
                  fetch(request) {
                    if (new URL(request.url).pathname === "/seen") return new Response(seen);
                    let timer;
                    const body = new ReadableStream({
                      start(controller) {
                        timer = setInterval(() => controller.enqueue(new TextEncoder().encode("data: tick\\n\\n")), 20);
                      },
                      cancel(reason) {
                        clearInterval(timer);
                        seen = "cancelled: " + reason.message;
                      },
                    });
                    return new Response(body, { headers: { "content-type": "text/event-stream" } });
                  },
                };
                """;
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", worker))) {
            try (Socket client = new Socket("127.0.0.1", w.server.port())) {
                client.getOutputStream().write("GET /events HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                assertThat(RawHttp.readHead(client.getInputStream())).startsWith("HTTP/1.1 200");
            }
            String seen = "";
            for (int i = 0; i < 100 && !seen.startsWith("cancelled"); i++) {
                Thread.sleep(100);
                seen = w.get("/seen").body();
            }
            assertThat(seen).isEqualTo("cancelled: the client went away");
            assertThat(w.err()).doesNotContain("Error after responding");
        }
    }

    private void assertUpstreamClosedOnDisconnect(String workerTemplate) throws Exception {
        try (SilentUpstream upstream = new SilentUpstream();
                ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", workerTemplate.formatted(upstream.url())))) {
            try (Socket client = new Socket("127.0.0.1", w.server.port())) {
                OutputStream out = client.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                upstream.accepted.get(60, TimeUnit.SECONDS);
            }
            // Without cancellation the upstream connection would stay open (fetch has no default
            // timeout); Jetty alone would notice the client gone at the connection's 30 s idle
            // timeout. The server watches the socket while the handler waits, as Node does.
            upstream.closed.get(10, TimeUnit.SECONDS);
            assertThat(upstream.closed).isCompleted();
        }
    }
}
