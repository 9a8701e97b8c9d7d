package dev.nano.runtime.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nano.runtime.NanoRuntime;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A loaded worker module ({@code export default { fetch(request, env, ctx) }}) ready to serve
 * requests. Get one with {@link NanoRuntime#loadWorker}; {@link #dispatch} is safe from any thread.
 *
 * <p>Each request costs one host→JS call: a JS dispatcher builds the {@code Request}, calls the
 * handler and answers through the request's {@link Exchange}. Nothing about a request is kept in
 * Java once its response is handed over.
 */
public final class Worker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NanoRuntime runtime;
    private final Value dispatcher;

    private Worker(NanoRuntime runtime, Value dispatcher) {
        this.runtime = runtime;
        this.dispatcher = dispatcher;
    }

    /**
     * Builds the dispatcher for an evaluated module. Loop thread only; called by
     * {@link NanoRuntime#loadWorker}.
     */
    public static Worker create(NanoRuntime runtime, Value namespace, String location, Map<String, ?> env) {
        try {
            Value dispatcher = runtime.internals().getMember("worker")
                    .invokeMember("makeDispatcher", namespace, toJson(env), location);
            return new Worker(runtime, dispatcher);
        } catch (PolyglotException e) {
            throw new WorkerLoadException(runtime.formatError(e));
        }
    }

    private static String toJson(Map<String, ?> env) {
        try {
            return JSON.writeValueAsString(env);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("env is not representable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Runs the worker's fetch handler for {@code request}; the response goes to {@code sink} on the loop thread. */
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
}
