package dev.nano.runtime.stream;

import dev.nano.runtime.HostPromise;
import org.graalvm.polyglot.Value;

/**
 * A host destination that JS pipes a {@code ReadableStream} into (an outgoing response body, a
 * fetch request body). JS side: {@code internals.streams.pipeToSink(readable, sink)}, which calls
 * {@code write} per chunk, waits for the returned promise (backpressure), then {@code close} or
 * {@code abort}.
 *
 * <p>Implementations must annotate the methods with {@code @HostAccess.Export}. Loop thread only.
 */
public interface ByteSink {
    /** Takes one chunk (a Uint8Array; copy it with {@link dev.nano.runtime.Bytes#copy}). Returns a promise to wait for, or null when more can be written at once. */
    HostPromise write(Value chunk);

    /** The stream ended normally. */
    void close();

    /** The stream failed or was cancelled. */
    void abort(String reason);
}
