package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ManagedSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A response reaches its connection as an update submitted to the selector from the loop thread,
 * at any moment of the selector's cycle: while it polls, as it stops polling, while it blocks. An
 * update whose wake-up a poll swallowed would wait for some other socket's event: on an otherwise
 * quiet server, forever.
 */
class YieldingManagedSelectorTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void an_update_submitted_at_any_point_of_the_selector_cycle_runs_at_once() throws Exception {
        try (ServedWorker w = ServedWorker.serve(dir, Map.of("src/index.js", "export default { fetch() { return new Response('ok'); } };"))) {
            ManagedSelector selector = w.server.selectors().get(0);
            assertThat(selector).isInstanceOf(YieldingManagedSelector.class);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 20_000; i++) {
                // Pauses around the polling window (20 µs) and past it, so submits land in every phase.
                long pauseNanos = random.nextLong(2 * YieldingManagedSelector.YIELDING_SELECT_NANOS + 10_000);
                long until = System.nanoTime() + pauseNanos;
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait();
                }
                CountDownLatch ran = new CountDownLatch(1);
                selector.submit(ignored -> ran.countDown());
                assertThat(ran.await(5, TimeUnit.SECONDS)).as("update %d after a %d ns pause", i, pauseNanos).isTrue();
            }
        }
    }
}
