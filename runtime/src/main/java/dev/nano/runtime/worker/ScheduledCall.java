package dev.nano.runtime.worker;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;

/**
 * One run of a scheduled handler's way back to the host, handed to the JS half (the scheduled
 * counterpart of {@link Exchange}). Loop thread only.
 */
public final class ScheduledCall {
    private final String cron;
    private final PrintStream err;
    private final CompletableFuture<ScheduledOutcome> outcome;

    ScheduledCall(String cron, PrintStream err, CompletableFuture<ScheduledOutcome> outcome) {
        this.cron = cron;
        this.err = err;
        this.outcome = outcome;
    }

    /** The handler and all its {@code waitUntil} work settled; {@code formattedError} is null when all succeeded. */
    @HostAccess.Export
    public void settle(boolean noRetry, String formattedError) {
        outcome.complete(new ScheduledOutcome(formattedError == null, noRetry, formattedError));
    }

    /** Reports a failure as it happens (as a fetch handler's errors are), not only in the outcome. */
    @HostAccess.Export
    public void log(String formattedError) {
        err.println("Error in scheduled handler (cron \"" + cron + "\")\n" + formattedError);
    }
}
