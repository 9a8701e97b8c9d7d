package dev.nano.devserver;

import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.stream.ByteSource;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.graalvm.polyglot.HostAccess;

/**
 * An incoming request body read from Jetty on demand: each {@code pull} reads one chunk, or asks
 * Jetty to call back when one arrives. Nothing is read ahead, so a slow handler slows the client.
 */
public final class RequestBodySource implements ByteSource {
    private final Request request;
    private final RuntimeServices services;

    RequestBodySource(Request request, RuntimeServices services) {
        this.request = request;
        this.services = services;
    }

    @HostAccess.Export
    @Override
    public HostPromise pull() {
        HostPromise next = services.newPromise();
        readInto(next);
        return next;
    }

    /** Settles {@code next} with the next non-empty chunk (copied: Jetty reuses its buffers) or null at the end. */
    private void readInto(HostPromise next) {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(() -> readInto(next));
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                next.reject(new JsError("TypeError", "the request body could not be read: " + chunk.getFailure().getMessage()));
                return;
            }
            ByteBuffer data = chunk.getByteBuffer();
            ByteBuffer copy = null;
            if (data.hasRemaining()) {
                copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (copy != null) {
                next.resolve(copy);
                return;
            }
            if (last) {
                next.resolve(null);
                return;
            }
        }
    }

    @HostAccess.Export
    @Override
    public void cancel(String reason) {
        // Jetty consumes or discards what is left when the exchange completes.
    }
}
