package dev.nano.devserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket end point that answers "nothing to read" without a system call when the socket was
 * drained by the last read and a whole response went out since: a keep-alive client sends its
 * next request only after reading that response, so the read would find nothing.
 *
 * <p>Why: once a response is written, Jetty reads the connection again, and when that read finds
 * nothing it reads once more (a retry meant for TLS) before asking the selector. On a served
 * request those two empty reads were two of the three {@code read} calls per request
 * (bench/serve.sh "hello", counted with perf), each a system call with the socket lock taken.
 *
 * <p>Why it is safe: a fill that returns 0 is always followed by fill interest (or by nobody
 * wanting data), and the selector's epoll is level-triggered: bytes already waiting when interest
 * is registered are reported at the next select. A wrong guess costs one select, never data.
 * Only whole responses ({@link JettyResponseSink#respond}) count: while a body streams both ways
 * (an upload echoed back), the client keeps sending, and skipping a read there cost a select per
 * chunk (a 100 MB echo took 20% longer).
 */
final class EmptyReadSkippingEndPoint extends SocketChannelEndPoint {
    /** The last read returned less than the buffer had room for: the receive queue was empty then. */
    private volatile boolean drained;
    /** A whole response was written since the last read that returned bytes. */
    private volatile boolean respondedSinceRead;

    EmptyReadSkippingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
    }

    @Override
    public int fill(ByteBuffer buffer) throws IOException {
        if (drained && respondedSinceRead) {
            return 0;
        }
        int room = roomFor(buffer);
        int filled = super.fill(buffer);
        drained = filled >= 0 && filled < room;
        if (filled > 0) {
            respondedSinceRead = false;
        }
        return filled;
    }

    /** Called as a whole response is handed to Jetty for writing on this connection. */
    void respondedWhole() {
        respondedSinceRead = true;
    }

    /** The selector saw the socket readable (or writable): the next fill reads for real. */
    @Override
    public Runnable onSelected() {
        drained = false;
        return super.onSelected();
    }

    /** The bytes a fill can add to {@code buffer} (which is in flush mode), as Jetty's flipToFill makes room. */
    private static int roomFor(ByteBuffer buffer) {
        if (buffer.position() == buffer.limit()) {
            return buffer.capacity();
        }
        if (buffer.limit() < buffer.capacity()) {
            return buffer.capacity() - buffer.limit();
        }
        return buffer.position();
    }
}
