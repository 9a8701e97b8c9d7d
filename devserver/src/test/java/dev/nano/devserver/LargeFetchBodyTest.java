package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's fetch streams 100 MB bodies both ways: upstream → worker → client and client →
 * worker → upstream. Runs in its own JVM with {@code -Xmx256m} (see the pom), with the upstream
 * in the same JVM, so neither body can be buffered whole.
 */
class LargeFetchBodyTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @TempDir
    Path dir;
    private Server upstream;
    private ServerConnector connector;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        upstream = new Server();
        connector = new ServerConnector(upstream);
        connector.setHost("127.0.0.1");
        upstream.addConnector(connector);
        upstream.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) throws Exception {
                if (Request.getPathInContext(request).equals("/download")) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, SIZE);
                    try (InputStream in = new RandomBytes(SIZE, MessageDigest.getInstance("SHA-256"));
                            OutputStream out = Content.Sink.asOutputStream(response)) {
                        in.transferTo(out);
                    }
                    callback.succeeded();
                } else {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    long count = 0;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        byte[] buffer = new byte[64 * 1024];
                        for (int n; (n = in.read(buffer)) > 0; count += n) {
                            digest.update(buffer, 0, n);
                        }
                    }
                    Content.Sink.write(response, true, count + " " + HexFormat.of().formatHex(digest.digest()), callback);
                }
                return true;
            }
        });
        upstream.start();
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        upstream.stop();
    }

    private ServedWorker serveProxy() throws Exception {
        String base = "http://127.0.0.1:" + connector.getLocalPort();
        return ServedWorker.serve(dir, Map.of("src/index.js", """
                export default {
                  fetch(request) {
                    if (new URL(request.url).pathname === "/download") return fetch("%s/download");
                    return fetch("%s/upload", { method: "POST", body: request.body, duplex: "half" });
                  },
                };
                """.formatted(base, base)));
    }

    @Test
    void a_100_mb_upstream_response_streams_through_the_worker_intact() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 300L * 1024 * 1024, "runs in the small-heap execution only");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        new RandomBytes(SIZE, expected).transferTo(OutputStream.nullOutputStream());
        try (ServedWorker w = serveProxy()) {
            InputStreamResponseListener listener = new InputStreamResponseListener();
            client.newRequest(w.uri("/download")).timeout(10, TimeUnit.MINUTES).send(listener);
            Response response = listener.get(10, TimeUnit.MINUTES);
            assertThat(response.getStatus()).isEqualTo(200);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream in = listener.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; total += n) {
                    received.update(buffer, 0, n);
                }
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        }
    }

    @Test
    void a_100_mb_upload_streams_through_the_worker_to_the_upstream_intact() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 300L * 1024 * 1024, "runs in the small-heap execution only");
        try (ServedWorker w = serveProxy()) {
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            InputStreamResponseListener listener = new InputStreamResponseListener();
            client.newRequest(w.uri("/upload")).method(HttpMethod.POST)
                    .body(new InputStreamRequestContent(new RandomBytes(SIZE, sent)))
                    .timeout(10, TimeUnit.MINUTES)
                    .send(listener);
            Response response = listener.get(10, TimeUnit.MINUTES);
            String answer;
            try (InputStream in = listener.getInputStream()) {
                answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(answer).isEqualTo(SIZE + " " + HexFormat.of().formatHex(sent.digest()));
        }
    }
}
