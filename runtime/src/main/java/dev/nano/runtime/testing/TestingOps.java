package dev.nano.runtime.testing;

import java.util.Locale;
import java.util.function.Consumer;
import org.graalvm.polyglot.HostAccess;

/** Host half of {@code nano test}'s runner: the clock, and where each test's outcome goes. */
public final class TestingOps {
    private final Consumer<TestResult> listener;

    TestingOps(Consumer<TestResult> listener) {
        this.listener = listener;
    }

    /** Monotonic milliseconds, for each test's duration. */
    @HostAccess.Export
    public double now() {
        return System.nanoTime() / 1e6;
    }

    @HostAccess.Export
    public void result(String name, String status, double millis, String message, String details) {
        listener.accept(new TestResult(name == null ? "" : name, TestResult.Status.valueOf(status.toUpperCase(Locale.ROOT)),
                millis, message, details));
    }
}
