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

/** Fetches a handler started are aborted when the client of the incoming request goes away. */
class SubrequestCancellationTest {
    @TempDir
    Path dir;

    /**
     * An upstream that never answers: it completes {@code accepted} when a request arrives and
     * {@code closed} when the requesting side closes the connection.
     */
    private static final class SilentUpstream implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final CompletableFuture<Void> accepted = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        SilentUpstream() throws Exception {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket connection = socket.accept(); InputStream in = connection.getInputStream()) {
                    accepted.complete(null);
                    byte[] buffer = new byte[4096];
                    while (in.read(buffer) >= 0) {
                        // the request, then nothing until the other side closes
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
            // timeout). Jetty notices an HTTP/1.1 client gone when it next reads or writes, or at the
            // connection's idle timeout (30 s) while the handler waits, as here.
            upstream.closed.get(60, TimeUnit.SECONDS);
            assertThat(upstream.closed).isCompleted();
        }
    }
}
