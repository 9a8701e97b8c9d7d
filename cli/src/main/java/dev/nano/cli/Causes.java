package dev.nano.cli;

import java.net.BindException;

/** What a failure's cause chain says, for the commands' messages. */
final class Causes {
    private Causes() {
    }

    /** True when a port could not be bound (in use, or not allowed). */
    static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
