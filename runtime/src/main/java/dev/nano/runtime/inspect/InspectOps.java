package dev.nano.runtime.inspect;

import dev.nano.runtime.HostPromise;
import dev.nano.runtime.RuntimeServices;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of {@code internals.inspect}: what a script cannot see of a value. GraalJS offers
 * scripts no way to read a promise's state; the host reads it from the promise's display string.
 */
public final class InspectOps {
    private static final String STATUS = "Promise{[[PromiseStatus]]: \"";

    private final RuntimeServices services;

    public InspectOps(RuntimeServices services) {
        this.services = services;
    }

    /**
     * {@code "pending"}, {@code "fulfilled"} or {@code "rejected"}; {@code ""} for anything that is
     * not a promise itself (a Proxy around one included: reading through it could run its traps).
     * The display string also renders the promise's value, so a promise holding a string of
     * megabytes costs milliseconds here; reading it runs no script code (no getters, no traps).
     */
    @HostAccess.Export
    public String promiseState(Value promise) {
        if (promise == null || !promise.hasMembers()) {
            return "";
        }
        String shown = promise.toString();
        if (!shown.startsWith(STATUS)) {
            return "";
        }
        int end = shown.indexOf('"', STATUS.length());
        return switch (end < 0 ? "" : shown.substring(STATUS.length(), end)) {
            case "pending" -> "pending";
            case "resolved", "fulfilled" -> "fulfilled";
            case "rejected" -> "rejected";
            default -> "";
        };
    }

    /**
     * A promise that settles in a later task of the loop: by then the engine has reported a
     * rejection that nothing handled during the current one, so a handler attached afterwards
     * hides nothing.
     */
    @HostAccess.Export
    public HostPromise nextTask() {
        HostPromise promise = services.newPromise();
        promise.resolve(null);
        return promise;
    }
}
