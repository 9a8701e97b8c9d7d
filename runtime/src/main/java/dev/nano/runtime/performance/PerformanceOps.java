package dev.nano.runtime.performance;

import dev.nano.runtime.RuntimeServices;
import java.time.Instant;
import org.graalvm.polyglot.HostAccess;

/** Host half of High Resolution Time: a monotonic clock measured from the runtime's time origin. */
public final class PerformanceOps {
    private final long originNanos = System.nanoTime();
    private final double timeOrigin;

    public PerformanceOps(RuntimeServices services) {
        Instant now = Instant.now();
        this.timeOrigin = now.getEpochSecond() * 1e3 + now.getNano() / 1e6;
    }

    /** Milliseconds since the time origin, monotonic, with sub-millisecond precision. */
    @HostAccess.Export
    public double now() {
        return (System.nanoTime() - originNanos) / 1e6;
    }

    /** The time origin as milliseconds since the Unix epoch (with fractions). */
    @HostAccess.Export
    public double timeOrigin() {
        return timeOrigin;
    }
}
