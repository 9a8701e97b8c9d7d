package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads while 64 keep-alive connections send requests back to back: no request may fail. */
class ReloadUnderLoadTest {
    static final int CONNECTIONS = 64;
    static final int RELOADS = 20;

    @TempDir
    Path dir;

    private static String version(int n) {
        // Each response waits a timer turn, so requests are in flight on the old version at each swap.
        return "export default { async fetch() { await new Promise((r) => setTimeout(r, 1)); return new Response('v" + n + "'); } };\n";
    }

    @Test
    void twenty_reloads_under_steady_load_fail_no_request() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of("src/index.js", version(0)));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong answered = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
            HttpRequest request = HttpRequest.newBuilder(p.uri("/load")).build();
            for (int c = 0; c < CONNECTIONS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> r = p.client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().startsWith("v")) {
                                failures.add(r.statusCode() + " " + r.body());
                            } else {
                                versionsSeen.add(r.body());
                            }
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                });
            }
            for (int n = 1; n <= RELOADS; n++) {
                p.save("src/index.js", version(n));
                p.awaitBody("/", "v" + n);
            }
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(failures).as("failed requests of %d", answered.get()).isEmpty();
            assertThat(answered.get()).isGreaterThan(RELOADS);
            assertThat(versionsSeen).hasSizeGreaterThan(RELOADS / 2);
            assertThat(p.out().lines().filter(l -> l.contains("reloaded in")).count()).isEqualTo(RELOADS);
        }
    }
}
