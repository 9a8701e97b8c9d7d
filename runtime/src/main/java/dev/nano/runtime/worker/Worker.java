package dev.nano.runtime.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nano.runtime.NanoRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A loaded worker module ({@code export default { fetch(request, env, ctx), scheduled(controller, env, ctx) }})
 * ready to serve requests and scheduled runs. Get one with {@link NanoRuntime#loadWorker};
 * {@link #dispatch}, {@link #scheduled} and the {@code waitUntil} queries are safe from any thread.
 *
 * <p>Each request costs one host→JS call: a JS dispatcher builds the {@code Request}, calls the
 * handler and answers through the request's {@link Exchange}. Nothing about a request is kept in
 * Java once its response is handed over.
 */
public final class Worker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NanoRuntime runtime;
    private final Value dispatcher;
    private final Value scheduler;
    private final WaitUntilCounter waitUntil;

    private final Value entryPoints;

    private Worker(NanoRuntime runtime, Value entryPoints, WaitUntilCounter waitUntil) {
        this.runtime = runtime;
        this.entryPoints = entryPoints;
        this.dispatcher = entryPoints.getMember("fetch");
        this.scheduler = entryPoints.getMember("scheduled");
        this.waitUntil = waitUntil;
    }

    /** The {@code env} object the handlers receive (the same object each call). Loop thread only. */
    public Value env() {
        return entryPoints.getMember("env");
    }

    /**
     * A JS function {@code (input, init) => Promise<Response>} that calls the fetch handler in
     * process, as a service binding would: {@code input} (a path, a URL or a Request) is resolved
     * against {@code origin}, and the Response comes back as the handler returned it, its body
     * unread. Loop thread only.
     */
    public Value inProcessFetch(String origin) {
        return entryPoints.getMember("call").execute(origin);
    }

    /**
     * Builds the entry points for an evaluated module. Loop thread only; called by
     * {@link NanoRuntime#loadWorker}.
     */
    public static Worker create(NanoRuntime runtime, Value namespace, String location, Map<String, ?> env) {
        return create(runtime, namespace, location, env, Map.of());
    }

    /**
     * Builds the entry points for an evaluated module, {@code bindings} becoming {@code env} entries
     * of the same names (over same-named {@code env} values). Loop thread only; called by
     * {@link NanoRuntime#loadWorker(java.nio.file.Path, Map, Map)}.
     */
    public static Worker create(NanoRuntime runtime, Value namespace, String location, Map<String, ?> env,
            Map<String, FetcherBinding> bindings) {
        List<String> names = List.copyOf(bindings.keySet());
        List<FetcherBinding> values = names.stream().map(name -> Objects.requireNonNull(bindings.get(name), name)).toList();
        // Names and headers cross once, as JSON; origins are asked per call through the ops.
        List<Map<String, Object>> described = names.stream()
                .map(name -> Map.<String, Object>of("name", name, "headers", bindings.get(name).headers().entrySet().stream()
                        .map(h -> List.of(h.getKey(), h.getValue())).toList()))
                .toList();
        try {
            WaitUntilCounter waitUntil = new WaitUntilCounter();
            Value bindingOps = runtime.internals().invokeMember("wrapOps", new BindingOps(names, values), (Object) new String[] {"origin"});
            Value entryPoints = runtime.internals().getMember("worker")
                    .invokeMember("makeDispatcher", namespace, toJson("env", env), location, waitUntil,
                            toJson("bindings", described), bindingOps);
            return new Worker(runtime, entryPoints, waitUntil);
        } catch (PolyglotException e) {
            throw new WorkerLoadException(runtime.formatError(e));
        }
    }

    private static String toJson(String what, Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Runs the worker's fetch handler for {@code request}; the response goes to {@code sink} on the loop
     * thread. A worker with only a scheduled handler answers 500 saying it has no fetch handler.
     */
    public void dispatch(HttpRequestDescriptor request, ResponseSink sink) {
        if (runtime.isClosed()) {
            sink.respond(503, List.of(new HttpRequestDescriptor.Header("content-type", "text/plain;charset=UTF-8")),
                    ByteBuffer.wrap("the runtime is shutting down\n".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        // The header text is made on the calling (server) thread: the loop thread runs all the JS.
        String headerLines = request.headerLines();
        runtime.loop().post(() -> {
            Exchange exchange = new Exchange(request, sink, runtime.err(), runtime.loop());
            try {
                dispatcher.executeVoid(request.method(), request.url(), headerLines, request.body(), exchange);
            } catch (PolyglotException e) {
                // Only reached when the dispatcher itself fails (a broken Request global, say): the
                // handler's own errors are caught in JS and reported through the exchange.
                exchange.fail(runtime.formatError(e));
            }
        });
    }

    /**
     * Runs the worker's {@code scheduled(controller, env, ctx)} handler as a cron trigger would, with
     * {@code controller.cron} and {@code controller.scheduledTime} (ms since the epoch) set from the
     * arguments. The outcome completes, on the loop thread, once the handler's promise and all its
     * {@code ctx.waitUntil} promises have settled; a failure is also printed to the runtime's error
     * stream. A worker without a scheduled handler gives a failed outcome saying so. Never completes
     * exceptionally; dependent stages must not block the loop.
     */
    public CompletableFuture<ScheduledOutcome> scheduled(String cron, long scheduledTimeMillis) {
        Objects.requireNonNull(cron, "cron");
        CompletableFuture<ScheduledOutcome> outcome = new CompletableFuture<>();
        if (runtime.isClosed()) {
            outcome.complete(ScheduledOutcome.failed("the runtime is shutting down"));
            return outcome;
        }
        runtime.loop().post(() -> {
            ScheduledCall call = new ScheduledCall(cron, runtime.err(), outcome);
            try {
                // A JS number: the time as a double keeps it one (ms since the epoch are exact in a double).
                scheduler.executeVoid(cron, (double) scheduledTimeMillis, call);
            } catch (PolyglotException e) {
                // Only when the entry point itself fails: the handler's own errors are caught in JS.
                String error = runtime.formatError(e);
                call.log(error);
                outcome.complete(ScheduledOutcome.failed(error));
            }
        });
        return outcome;
    }

    /** How many {@code ctx.waitUntil} promises (of fetch and scheduled runs) have not settled yet. */
    public int pendingWaitUntil() {
        return waitUntil.pending();
    }

    /**
     * Completes when no {@code ctx.waitUntil} promise is left unsettled: at once if none is, else on
     * the loop thread when the last one settles (hot reload closes an old version then).
     */
    public CompletableFuture<Void> whenWaitUntilSettled() {
        return waitUntil.whenSettled();
    }
}
