package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs in its own JVM with {@code -Xmx256m} (see the pom): the body must stream, never buffer whole. */
class LargeBodyEchoTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_100_mb_upload_is_echoed_back_intact_by_new_response_of_request_body() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 300L * 1024 * 1024, "runs in the small-heap execution only");
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", """
                export default { fetch(request) { return new Response(request.body); } };
                """))) {
            HttpClient client = new HttpClient();
            client.start();
            try {
                MessageDigest sent = MessageDigest.getInstance("SHA-256");
                InputStreamResponseListener listener = new InputStreamResponseListener();
                client.newRequest(w.uri("/echo")).method(HttpMethod.POST)
                        .body(new InputStreamRequestContent(new RandomBytes(SIZE, sent)))
                        .timeout(10, TimeUnit.MINUTES)
                        .send(listener);
                Response response = listener.get(10, TimeUnit.MINUTES);
                assertThat(response.getStatus()).isEqualTo(200);
                MessageDigest received = MessageDigest.getInstance("SHA-256");
                long total = 0;
                try (InputStream in = listener.getInputStream()) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        received.update(buf, 0, n);
                        total += n;
                    }
                }
                assertThat(total).isEqualTo(SIZE);
                assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            } finally {
                client.stop();
            }
        }
    }
}
