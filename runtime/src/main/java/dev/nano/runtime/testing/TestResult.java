package dev.nano.runtime.testing;

/**
 * One outcome of {@code nano test}: a test, or a failure outside any test (then {@link #name} is
 * empty: the file failed to load, or an error escaped between tests).
 *
 * @param name the full name, suites and test joined with {@code " > "}
 * @param millis how long the test and its hooks ran
 * @param message the failure's one-line message; null unless failed
 * @param details the failure as printed: the error, a diff for equality matchers, the JS stack; null unless failed
 */
public record TestResult(String name, Status status, double millis, String message, String details) {
    /** What happened to a test. */
    public enum Status { PASSED, FAILED, SKIPPED, TODO }

    /** A failure that belongs to the file rather than to one test. */
    public boolean fileLevel() {
        return name.isEmpty();
    }
}
