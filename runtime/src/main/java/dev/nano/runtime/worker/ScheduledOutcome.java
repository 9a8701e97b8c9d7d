package dev.nano.runtime.worker;

/**
 * How one run of a worker's {@code scheduled} handler ended, once its returned promise and every
 * {@code ctx.waitUntil} promise it registered have settled (workerd's scheduled outcome).
 *
 * @param ok      the handler returned or resolved, and no {@code waitUntil} promise rejected
 * @param noRetry the handler called {@code controller.noRetry()}
 * @param error   the first failure formatted with its JS stack, or null when {@code ok}
 */
public record ScheduledOutcome(boolean ok, boolean noRetry, String error) {
    public ScheduledOutcome {
        if (ok != (error == null)) {
            throw new IllegalArgumentException("an outcome has an error exactly when it is not ok");
        }
    }

    static ScheduledOutcome failed(String error) {
        return new ScheduledOutcome(false, false, error);
    }
}
