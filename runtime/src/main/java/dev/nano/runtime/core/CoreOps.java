package dev.nano.runtime.core;

import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.RuntimeServices;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** Host half of the core: turns exceptions thrown by host ops into the JS errors scripts should see. */
public final class CoreOps {
    private final NanoRuntime runtime;

    public CoreOps(RuntimeServices services) {
        this.runtime = (NanoRuntime) services;
    }

    /**
     * A host exception caught in JS ({@code JsError} or anything else) becomes a TypeError,
     * RangeError or DOMException with the op's message; JS values pass through unchanged.
     */
    @HostAccess.Export
    public Object toJsError(Value caught) {
        if (caught != null && caught.isHostObject() && caught.asHostObject() instanceof Throwable failure) {
            return runtime.toJsError(failure);
        }
        return caught;
    }
}
