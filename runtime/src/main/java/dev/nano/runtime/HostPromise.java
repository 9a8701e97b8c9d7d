package dev.nano.runtime;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * A thenable that host ops return for work finishing later, possibly on another thread. JavaScript
 * awaits it like any promise ({@code await ops.work()}); settlement is always delivered on the event
 * loop thread. Ops complete it with {@link #resolve} / {@link #reject} from any thread.
 */
public final class HostPromise {
    private final NanoRuntime runtime;
    private final EventLoop loop;
    private Value onFulfilled;
    private Value onRejected;
    private boolean settled;
    private boolean delivered;
    private Object result;
    private Throwable failure;

    HostPromise(NanoRuntime runtime) {
        this.runtime = runtime;
        this.loop = runtime.loop();
        loop.retain();
    }

    /** Called by the JS promise machinery (on the loop thread) when this thenable is awaited. */
    @HostAccess.Export
    public void then(Value onFulfilled, Value onRejected) {
        synchronized (this) {
            this.onFulfilled = onFulfilled;
            this.onRejected = onRejected;
            if (!settled) {
                return;
            }
        }
        loop.post(this::deliver);
    }

    /**
     * Says that this promise will be settled within microseconds: the loop wakes now and waits for
     * the result awake ({@link EventLoop#expectTaskSoon}), so the settlement does not pay for a
     * sleeping thread's wake-up. Any thread.
     */
    public void settlingSoon() {
        loop.expectTaskSoon();
    }

    public void resolve(Object value) {
        settle(value, null);
    }

    public void reject(Throwable error) {
        settle(null, error == null ? new JsError("Error", "rejected") : error);
    }

    private void settle(Object value, Throwable error) {
        boolean listening;
        synchronized (this) {
            if (settled) {
                return;
            }
            settled = true;
            result = value;
            failure = error;
            listening = onFulfilled != null;
        }
        if (listening) {
            loop.post(this::deliver);
        } else {
            // Nobody awaited yet: the loop reference is kept until then() delivers.
        }
    }

    private void deliver() {
        Value ok;
        Value ko;
        synchronized (this) {
            if (delivered) {
                return;
            }
            delivered = true;
            ok = onFulfilled;
            ko = onRejected;
        }
        try {
            if (runtime.isClosed()) {
                // Its runtime was closed while the work ran (hot reload retired the version on a
                // shared loop): no script is left to tell, and its context would refuse the call.
                return;
            }
            if (failure == null) {
                ok.executeVoid(result);
            } else {
                ko.executeVoid(runtime.toJsError(failure));
            }
        } finally {
            loop.release();
        }
    }
}
