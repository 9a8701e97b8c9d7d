package dev.nano.runtime;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool that runs costly host work off the loop (RSA key generation, PBKDF2, large digests).
 *
 * <p>Platform threads, started on demand up to a fixed number, and one idle thread at a time stays
 * hot for {@link #SPIN_NANOS} after its last task before it parks. Why: waking a parked thread costs
 * about 25 µs of latency on a virtual machine whose idle CPUs halt (measured here: a park/unpark
 * round trip takes ~48 µs, a spinning one ~0.3 µs), and an await of host work pays it once each way.
 * A script that awaits one digest after another then finds a hot thread for the next one. The spin
 * is bounded and only one thread spins, so an idle runtime costs nothing.
 */
public final class WorkerPool extends AbstractExecutorService {
    static final long SPIN_NANOS = 200_000;

    private final String name;
    private final int maxThreads;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> parked = new ConcurrentLinkedDeque<>();
    private final AtomicInteger threads = new AtomicInteger();
    /** Threads between tasks and not parked: one of them will look at the queue again before it sleeps. */
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger spinners = new AtomicInteger();
    private final CountDownLatch terminated;
    private volatile boolean shutdown;

    public WorkerPool(String name, int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1");
        }
        this.name = name;
        this.maxThreads = maxThreads;
        this.terminated = new CountDownLatch(1);
    }

    @Override
    public void execute(Runnable task) {
        if (shutdown) {
            throw new RejectedExecutionException(name + " is shut down");
        }
        tasks.add(task);
        if (idle.get() == 0) {
            wakeOrStartThread();
        }
    }

    /** Gets a thread to the queue: a parked one, else a new one while below the maximum. */
    private void wakeOrStartThread() {
        Thread sleeper = parked.poll();
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
            return;
        }
        int n;
        while ((n = threads.get()) < maxThreads) {
            if (threads.compareAndSet(n, n + 1)) {
                idle.incrementAndGet();
                Thread.ofPlatform().name(name + "-" + n).daemon(true).start(this::work);
                return;
            }
        }
        // Every thread is busy: the first to finish takes the task.
    }

    private void work() {
        try {
            while (!shutdown) {
                Runnable task = takeTask();
                if (task == null) {
                    continue;
                }
                // A task queued while this thread was still counted idle found no one else to run it.
                if (!tasks.isEmpty()) {
                    wakeOrStartThread();
                }
                try {
                    task.run();
                } catch (Throwable ignored) {
                    // Tasks settle their own promises; a stray failure must not kill the thread.
                } finally {
                    idle.incrementAndGet();
                }
            }
        } finally {
            idle.decrementAndGet();
            if (threads.decrementAndGet() == 0 && shutdown) {
                terminated.countDown();
            }
        }
    }

    /**
     * Called while counted idle; returns counted busy with a task, or still idle with null (after a
     * park, or on shutdown). One idle thread at a time polls for a while before parking.
     */
    private Runnable takeTask() {
        Runnable task = tasks.poll();
        if (task == null) {
            if (spinners.getAndIncrement() == 0) {
                long deadline = System.nanoTime() + SPIN_NANOS;
                while ((task = tasks.poll()) == null && System.nanoTime() < deadline && !shutdown) {
                    Thread.onSpinWait();
                }
            }
            spinners.decrementAndGet();
            if (task == null) {
                sleep();
                return null;
            }
        }
        idle.decrementAndGet();
        return task;
    }

    private void sleep() {
        Thread me = Thread.currentThread();
        idle.decrementAndGet();
        parked.push(me);
        // A task added before the push saw no idle thread and may have found no parked one: look again.
        if (tasks.isEmpty() && !shutdown) {
            LockSupport.park(this);
        }
        parked.remove(me);
        idle.incrementAndGet();
    }

    @Override
    public void shutdown() {
        shutdown = true;
        parked.forEach(LockSupport::unpark);
        if (threads.get() == 0) {
            terminated.countDown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> pending = List.copyOf(tasks);
        tasks.clear();
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && threads.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
