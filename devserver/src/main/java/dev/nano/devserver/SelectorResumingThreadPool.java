package dev.nano.devserver;

import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty's thread pool, except that a connection resumed by a response write that
 * {@link SelectorWriter} runs on the connection's selector thread is run right there.
 *
 * <p>Why: every response of ours completes after the handler has returned (JS answers later, on
 * the loop), and Jetty then resumes reading the connection by executing it on the pool. That was
 * one thread hand-off per request: a futex wake, a context switch, and the next request's read and
 * parse on a pool thread; bench/serve.sh hello measured about 5 µs of CPU per request on the pool
 * threads against 14 µs on both selectors. Reading the next request on the selector thread is what
 * Jetty does itself for a connection whose handler never blocks, as {@link WorkerHandler} never does.
 */
final class SelectorResumingThreadPool extends QueuedThreadPool {
    /** Set while a selector thread runs a response write for {@link SelectorWriter}. */
    private static final ThreadLocal<boolean[]> WRITING_ON_SELECTOR = ThreadLocal.withInitial(() -> new boolean[1]);

    private final LongAdder connectionsResumedOnPool = new LongAdder();

    SelectorResumingThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    /** Runs {@code write} (on a selector thread) so that the connection it completes resumes here. */
    static void writeOnSelector(Runnable write) {
        boolean[] writing = WRITING_ON_SELECTOR.get();
        writing[0] = true;
        try {
            write.run();
        } finally {
            writing[0] = false;
        }
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof Connection) {
            boolean[] writing = WRITING_ON_SELECTOR.get();
            if (writing[0]) {
                // Cleared first: only the write's own completion resumes inline, never something the
                // resumed connection asks for in turn.
                writing[0] = false;
                job.run();
                return;
            }
            connectionsResumedOnPool.increment();
        }
        super.execute(job);
    }

    /** How many times a connection was handed to a pool thread (a streamed response's end, say). */
    long connectionsResumedOnPool() {
        return connectionsResumedOnPool.sum();
    }
}
