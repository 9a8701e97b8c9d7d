package dev.nano.runtime.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;

/**
 * Counts a worker's {@code ctx.waitUntil} promises that have not settled yet: worker.js calls
 * {@link #started} and {@link #settled}; the host reads the count from any thread (hot reload closes
 * an old version once its background work is done).
 */
public final class WaitUntilCounter {
    private int pending;
    private List<CompletableFuture<Void>> waiters = new ArrayList<>();

    WaitUntilCounter() {
    }

    @HostAccess.Export
    public synchronized void started() {
        pending++;
    }

    @HostAccess.Export
    public void settled() {
        List<CompletableFuture<Void>> done;
        synchronized (this) {
            if (pending == 0) {
                return; // worker.js pairs every settled() with a started(); never let the count go negative
            }
            if (--pending > 0 || waiters.isEmpty()) {
                return;
            }
            done = waiters;
            waiters = new ArrayList<>();
        }
        // Completed outside the lock: a waiter's callbacks may read the count or start more work.
        done.forEach(f -> f.complete(null));
    }

    synchronized int pending() {
        return pending;
    }

    CompletableFuture<Void> whenSettled() {
        synchronized (this) {
            if (pending > 0) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                waiters.add(f);
                return f;
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
