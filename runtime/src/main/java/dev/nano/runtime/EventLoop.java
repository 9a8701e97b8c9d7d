package dev.nano.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The single thread that owns the JavaScript context. Other threads never touch JS: they
 * {@link #post} tasks here. Macrotasks are a FIFO queue plus a timer heap ordered by due time,
 * then creation order (HTML's timer ordering). GraalJS drains microtasks when each task's
 * host-to-JS call returns.
 *
 * <p>The loop is "idle" when no task is queued, no referenced timer is pending and no host
 * operation holds a reference ({@link #retain}/{@link #release}); {@code nano run} exits then.
 *
 * <p>A runtime normally starts a loop of its own. Hot reload shares one loop between the runtimes
 * of successive versions ({@link #start(String)} and {@code NanoRuntime.Builder.loop}), so one
 * thread runs every version's JS and an old and a new version never run at the same time.
 */
public final class EventLoop {
    private static final long EXPECTED_TASK_WAIT_NANOS = 200_000;
    /**
     * How long a loop that ran out of tasks keeps looking, yielding its CPU, before it parks: about
     * what parking and being woken costs on a VM (see {@link #pollWithin}). Spin-then-park for as
     * long as a park costs is never worse than twice the best choice made knowing the future.
     */
    private static final long YIELDING_POLL_NANOS = 20_000;
    private static final Runnable WAKE_UP = () -> { };

    /** A scheduled timer. Mutated only on the loop thread. */
    public static final class Timer implements Comparable<Timer> {
        final long seq;
        long due;
        final long interval;
        final Runnable action;
        boolean cancelled;
        boolean referenced = true;

        Timer(long seq, long due, long interval, Runnable action) {
            this.seq = seq;
            this.due = due;
            this.interval = interval;
            this.action = action;
        }

        @Override
        public int compareTo(Timer o) {
            int byDue = Long.compare(due, o.due);
            return byDue != 0 ? byDue : Long.compare(seq, o.seq);
        }
    }

    /**
     * Lock-free, so that posting never blocks a server thread on a lock the loop holds; a poster
     * wakes the loop only when it is parked ({@link #parked}). A blocking queue made every post take
     * the consumer's lock to signal it: under load the two selector threads and the loop contended
     * for it and parked on it.
     */
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** True while the loop thread is (about to be) parked waiting for a task. */
    private volatile boolean parked;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final AtomicInteger hostRefs = new AtomicInteger();
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();
    private final Thread thread;
    /** Where a task's failure goes: the runtime that last claimed the loop ({@link #reportFailuresTo}). */
    private volatile Consumer<Throwable> failures = e -> { };
    private long timerSeq;
    private int referencedTimers;
    private volatile boolean closed;
    /** Until then (System.nanoTime), the loop polls for tasks instead of sleeping; see {@link #expectTaskSoon}. */
    private volatile long awakeUntil;

    EventLoop(String name) {
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
    }

    /** A running loop to share between runtimes ({@code NanoRuntime.Builder.loop}); {@link #shutdown} ends it. */
    public static EventLoop start(String name) {
        EventLoop loop = new EventLoop(name);
        loop.start();
        return loop;
    }

    void start() {
        thread.start();
    }

    void reportFailuresTo(Consumer<Throwable> handler) {
        this.failures = handler;
    }

    /** True when the caller is the loop thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Queues a macrotask. Safe from any thread. */
    public void post(Runnable task) {
        if (closed) {
            return;
        }
        tasks.add(task);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Another thread will post a task within microseconds (a worker about to finish): the loop is
     * woken now, if asleep, and then polls for up to 200 µs before it sleeps again. A sleeping
     * thread takes ~25 µs to wake on a VM whose idle CPUs halt; this overlaps that with the
     * poster's last stretch of work. Safe from any thread.
     */
    public void expectTaskSoon() {
        awakeUntil = System.nanoTime() + EXPECTED_TASK_WAIT_NANOS;
        post(WAKE_UP);
    }

    /** Runs {@code work} on the loop and completes the future with its result. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the runtime is closed"));
        } else {
            post(task);
        }
        return result;
    }

    /** Keeps the loop alive for a host operation in flight (a fetch, a crypto job). */
    public void retain() {
        hostRefs.incrementAndGet();
    }

    /** Ends a {@link #retain}. Safe from any thread. */
    public void release() {
        if (hostRefs.decrementAndGet() == 0) {
            post(() -> { });
        }
    }

    /** Schedules {@code action} after {@code delayMillis}; repeating when {@code intervalMillis > 0}. Loop thread only. */
    public Timer schedule(double delayMillis, double intervalMillis, Runnable action) {
        assertInLoop();
        long delay = toNanos(delayMillis);
        Timer timer = new Timer(timerSeq++, System.nanoTime() + delay, intervalMillis > 0 ? Math.max(1, toNanos(intervalMillis)) : 0, action);
        timers.add(timer);
        referencedTimers++;
        return timer;
    }

    public void cancel(Timer timer) {
        assertInLoop();
        if (!timer.cancelled) {
            timer.cancelled = true;
            timers.remove(timer);
            if (timer.referenced) {
                referencedTimers--;
            }
        }
    }

    /** Node's {@code unref}/{@code ref}: an unreferenced timer does not keep {@code nano run} alive. */
    public void setReferenced(Timer timer, boolean referenced) {
        assertInLoop();
        if (timer.cancelled || timer.referenced == referenced) {
            return;
        }
        timer.referenced = referenced;
        referencedTimers += referenced ? 1 : -1;
    }

    /** Completes when the loop has nothing left to do. */
    public CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        post(() -> idleWaiters.add(f));
        return f;
    }

    void close() {
        closed = true;
        post(() -> { });
    }

    /** Ends a shared loop ({@link #start(String)}) once its runtimes are closed, waiting up to 5 s for the thread. */
    public void shutdown() throws InterruptedException {
        close();
        if (!inLoop()) {
            thread.join(5000);
        }
    }

    Thread thread() {
        return thread;
    }

    /** Timers scheduled and not yet cancelled or fired (for tests). Loop thread only. */
    int pendingTimers() {
        assertInLoop();
        return timers.size();
    }

    private static long toNanos(double millis) {
        if (!(millis > 0)) {
            return 0;
        }
        return (long) Math.min(millis * 1_000_000d, (double) Long.MAX_VALUE / 4);
    }

    private void assertInLoop() {
        if (!inLoop()) {
            throw new IllegalStateException("not on the event loop thread");
        }
    }

    private void run() {
        // An interrupt ends the loop, as closing does.
        while (!closed && !Thread.currentThread().isInterrupted()) {
            runDueTimers();
            Runnable task = awakeUntil - System.nanoTime() > 0 ? pollAwake() : null;
            if (task == null) {
                task = sleepUntilTaskOrTimer();
            }
            if (task != null) {
                runTask(task);
                // Run everything already queued before looking at timers again, bounded so
                // that timers are not starved by a flood of tasks (nor by slow ones: a due
                // timer ends the batch).
                for (int i = 0; i < 1024 && !timerDue() && (task = tasks.poll()) != null; i++) {
                    runTask(task);
                }
            }
            if (!idleWaiters.isEmpty() && idle()) {
                List<CompletableFuture<Void>> waiters = new ArrayList<>(idleWaiters);
                idleWaiters.clear();
                waiters.forEach(w -> w.complete(null));
            }
        }
    }

    /** Waits for a task until the next timer is due (a bounded wait when there is none). */
    private Runnable sleepUntilTaskOrTimer() {
        Timer next = timers.peek();
        if (next == null) {
            return pollWithin(idle() ? TimeUnit.MILLISECONDS.toNanos(50) : TimeUnit.SECONDS.toNanos(1));
        }
        long wait = next.due - System.nanoTime();
        return wait <= 0 ? tasks.poll() : pollWithin(wait);
    }

    /** A task, or null after up to {@code nanos} (or a spurious wake-up: the caller loops). */
    private Runnable pollWithin(long nanos) {
        Runnable task = yieldingPoll(Math.min(nanos, YIELDING_POLL_NANOS));
        if (task != null || nanos <= YIELDING_POLL_NANOS) {
            return task;
        }
        parked = true;
        try {
            // Looked at again after announcing the park: a post that came before it saw no parked loop.
            task = tasks.poll();
            if (task == null && !closed) {
                LockSupport.parkNanos(this, nanos - YIELDING_POLL_NANOS);
                task = tasks.poll();
            }
            return task;
        } finally {
            parked = false;
        }
    }

    /**
     * Polls for up to {@code nanos}, yielding the CPU between polls. Why: under load a request
     * arrives every few microseconds, and a loop that parked between two of them cost a futex wait,
     * a wake-up by the poster and two context switches each time: 1.3 µs of the loop's and 0.6 µs
     * of the selector's CPU per request in bench/serve.sh hello, ~0.15 parks per request. Yielding
     * rather than spinning leaves the core to whatever else is runnable there (the load generator,
     * on a benchmark machine; a pure spin measured slower than parking).
     */
    private Runnable yieldingPoll(long nanos) {
        Runnable task = tasks.poll();
        if (task != null || nanos <= 0) {
            return task;
        }
        long until = System.nanoTime() + nanos;
        while ((task = tasks.poll()) == null && until - System.nanoTime() > 0 && !closed) {
            Thread.yield();
        }
        return task;
    }

    /** Polls for a task until {@link #awakeUntil} or a timer is due. */
    private Runnable pollAwake() {
        Runnable task;
        while ((task = tasks.poll()) == null && awakeUntil - System.nanoTime() > 0 && !timerDue() && !closed) {
            Thread.onSpinWait();
        }
        return task;
    }

    private boolean timerDue() {
        Timer next = timers.peek();
        return next != null && next.due <= System.nanoTime();
    }

    private boolean idle() {
        return tasks.isEmpty() && referencedTimers == 0 && hostRefs.get() == 0;
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null && t.due <= now && !closed) {
            timers.poll();
            if (t.interval > 0) {
                t.due = Math.max(now, t.due) + t.interval;
                timers.add(t);
            } else {
                t.cancelled = true;
                if (t.referenced) {
                    referencedTimers--;
                }
            }
            runTask(t.action);
        }
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            failures.accept(e);
        }
    }
}
