package dev.nano.repl;

import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.worker.Worker;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Value;

/**
 * A worker at the prompt: {@code env} (the object its handlers receive) and
 * {@code dispatch(input, init)}, which calls its {@code fetch} handler in process and returns the
 * Response, become globals of the worker's own context.
 */
public final class WorkerGlobals {
    private WorkerGlobals() {
    }

    /** {@code origin} is what a path given to {@code dispatch} is resolved against (the dev server's URL). */
    public static CompletableFuture<Void> install(NanoRuntime runtime, Worker worker, String origin) {
        return runtime.onLoop(context -> {
            Value global = context.getBindings("js");
            global.putMember("env", worker.env());
            global.putMember("dispatch", worker.inProcessFetch(origin));
            return null;
        });
    }
}
