package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void runs_every_task_submitted_from_many_threads() throws Exception {
        WorkerPool pool = new WorkerPool("test-worker", 3);
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(20_000);
        Thread[] submitters = new Thread[4];
        for (int t = 0; t < submitters.length; t++) {
            submitters[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    pool.execute(() -> {
                        ran.incrementAndGet();
                        done.countDown();
                    });
                    if (i % 1000 == 0) {
                        // Let the pool go idle and park now and then, so wake-ups are exercised too.
                        sleepMillis(1);
                    }
                }
            });
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(20_000);
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void a_long_task_does_not_hold_up_the_tasks_behind_it() throws Exception {
        WorkerPool pool = new WorkerPool("test-worker", 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        pool.execute(second::countDown);
        try {
            assertThat(second.await(5, TimeUnit.SECONDS)).as("second task ran while the first blocked").isTrue();
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void never_runs_more_threads_than_its_maximum() throws Exception {
        WorkerPool pool = new WorkerPool("test-worker", 2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch all = new CountDownLatch(6);
        for (int i = 0; i < 6; i++) {
            pool.execute(() -> {
                threads.add(Thread.currentThread());
                started.countDown();
                awaitQuietly(release);
                all.countDown();
            });
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        sleepMillis(50);
        assertThat(threads).hasSize(2);
        release.countDown();
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(2);
        pool.shutdown();
    }

    @Test
    void rejects_tasks_after_shutdown_and_terminates() throws Exception {
        WorkerPool pool = new WorkerPool("test-worker", 2);
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.isTerminated()).isTrue();
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
