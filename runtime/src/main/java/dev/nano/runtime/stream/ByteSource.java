package dev.nano.runtime.stream;

import dev.nano.runtime.HostPromise;

/**
 * Bytes produced by the host that JS reads as a {@code ReadableStream} of {@code Uint8Array}
 * (an incoming request body, a fetch response body). JS side:
 * {@code internals.streams.readableFromSource(source)}.
 *
 * <p>Implementations must annotate both methods with {@code @HostAccess.Export}. They are called on
 * the loop thread, one {@code pull} at a time.
 */
public interface ByteSource {
    /**
     * The next chunk: a promise resolving to a {@link java.nio.ByteBuffer} (never empty) or to
     * {@code null} at the end; rejecting (with a {@link dev.nano.runtime.JsError}) when the
     * source failed, which errors the stream.
     */
    HostPromise pull();

    /** The reader gave up: release what the source holds (close the connection, free buffers). */
    void cancel(String reason);
}
