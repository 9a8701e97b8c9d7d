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
 *
 * <p>It also notices a client that goes away while its request is handled ({@link #watchForClose}).
 * Jetty reads an HTTP/1.1 connection only when it wants the next request or the body, so a client
 * that closed while the handler awaited was seen at the next write or at the 30 s idle timeout,
 * and the fetches the handler had started ran on for nothing. Node and Deno end such a request as
 * soon as its client closes.
 */
final class EmptyReadSkippingEndPoint extends SocketChannelEndPoint {
    /** The last read returned less than the buffer had room for: the receive queue was empty then. */
    private volatile boolean drained;
    /** A whole response was written since the last read that returned bytes. */
    private volatile boolean respondedSinceRead;
    /** The socket is watched for the client's close while a request without a body is handled. */
    private volatile boolean watchingForClose;
    private final Object clientCloseLock = new Object();
    /** What to run when the watch sees the client close; guarded by {@link #clientCloseLock}. */
    private Runnable onClientClose;
    /** The watch saw the client close; guarded by {@link #clientCloseLock}. */
    private boolean closedByClient;

    private final SocketChannel channel;
    private volatile SelectionKey key;

    EmptyReadSkippingEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, Scheduler scheduler) {
        super(channel, selector, key, scheduler);
        this.channel = channel;
        this.key = key;
    }

    @Override
    public void replaceKey(SelectionKey newKey) {
        key = newKey;
        super.replaceKey(newKey);
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
        } else if (filled < 0 && watchingForClose) {
            // Jetty sometimes reads on while the handler runs, and then it is Jetty that meets the
            // end of the stream; it handles that itself, but fails nothing before the response.
            watchingForClose = false;
            clientClosed(false);
        }
        return filled;
    }

    /** Called as a whole response is handed to Jetty for writing on this connection. */
    void respondedWhole() {
        respondedSinceRead = true;
        stopWatching();
    }

    /**
     * The response is out (or failed): a close from now on ends a finished exchange, and must not
     * abort what it left running ({@code ctx.waitUntil} work, say).
     */
    void stopWatching() {
        watchingForClose = false;
        synchronized (clientCloseLock) {
            onClientClose = null;
        }
    }

    /**
     * Asks the selector to report the socket readable while Jetty is not reading it (a request
     * without a body is being handled). Call it on the thread that handed the request over, before
     * the response: Jetty does not read again until then.
     */
    void watchForClose() {
        synchronized (clientCloseLock) {
            onClientClose = null;
        }
        watchingForClose = true;
        needsFillInterest();
    }

    /**
     * Runs {@code action} if the watch sees the client close during the current request (at once
     * if it already did). Closing the end point alone does not fail Jetty's exchange: its failure
     * listeners hear of idle timeouts and failed reads or writes, not of a close seen here.
     */
    void whenClosedByClient(Runnable action) {
        boolean closed;
        synchronized (clientCloseLock) {
            closed = closedByClient;
            if (!closed) {
                onClientClose = action;
            }
        }
        if (closed) {
            action.run();
        }
    }

    /** The selector saw the socket readable (or writable): the next fill reads for real. */
    @Override
    public Runnable onSelected() {
        drained = false;
        boolean readable = (key.readyOps() & SelectionKey.OP_READ) != 0;
        Runnable task = super.onSelected();
        if (readable && watchingForClose && !getFillInterest().isInterested()) {
            watchingForClose = false;
            // Readable with nothing to read is the end of the stream (the client closed, or reset
            // the connection): the end point closes and the request's client-gone action runs
            // (its fetches and request.signal abort). Bytes waiting are a pipelined request: left
            // in the socket, Jetty reads them next.
            if (!hasBytesWaiting()) {
                clientClosed(true);
            }
        }
        return task;
    }

    private void clientClosed(boolean closeEndPoint) {
        Runnable action;
        synchronized (clientCloseLock) {
            closedByClient = true;
            action = onClientClose;
            onClientClose = null;
        }
        if (closeEndPoint) {
            close();
        }
        if (action != null) {
            action.run();
        }
    }

    /** Whether the socket's receive queue holds bytes (FIONREAD), read without taking them. */
    private boolean hasBytesWaiting() {
        try {
            return channel.socket().getInputStream().available() > 0;
        } catch (IOException e) {
            return false;
        }
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
