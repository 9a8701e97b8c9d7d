package dev.nano.runtime.worker;

import dev.nano.runtime.stream.ByteSink;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where a worker's response goes (the HTTP server's side of one exchange). Exactly one of the two
 * methods is called once per request, on the event loop thread; implementations must not block.
 */
public interface ResponseSink {
    /** The whole response at once: status, headers and a body already in memory (possibly empty). */
    void respond(int status, List<HttpRequestDescriptor.Header> headers, ByteBuffer body);

    /**
     * Status and headers now; the body follows through the returned sink, chunk by chunk, waiting
     * on each write's promise (backpressure), then {@code close} or {@code abort}.
     */
    ByteSink respondStreaming(int status, List<HttpRequestDescriptor.Header> headers);

    /**
     * The handler failed before responding ({@code formattedError}: the message and JS stack, already
     * logged). The default answers a plain 500 that reveals nothing of the program, as a production
     * server must; a development server may show the error instead.
     */
    default void fail(String formattedError) {
        respond(500, List.of(new HttpRequestDescriptor.Header("content-type", "text/plain;charset=UTF-8")),
                ByteBuffer.wrap("Internal Server Error\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Runs {@code action} (from any thread, at most once) if the client goes away before the
     * exchange completes; servers that cannot tell ignore it.
     */
    default void whenClientGone(Runnable action) {}
}
