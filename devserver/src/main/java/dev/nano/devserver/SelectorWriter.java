package dev.nano.devserver;

import java.nio.channels.SelectableChannel;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectableChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Runs a response write on the selector thread that owns the request's connection. Jetty runs
 * submitted selector updates between two selects, many per wake-up, and a write made there asks
 * for the connection's next request without waking any thread, so the event loop hands a response
 * over for the cost of a queued update; the connection then reads its next request on that thread
 * too ({@link SelectorResumingThreadPool}). Connections that are not on one of the connector's
 * selectors are written to from the calling thread.
 */
final class SelectorWriter {
    private static final Executor CALLING_THREAD = Runnable::run;

    private volatile List<ManagedSelector> selectors = List.of();

    /** Called once the connector has started, with its selectors ({@link DevServer#selectors}). */
    void connectorStarted(List<ManagedSelector> started) {
        selectors = started;
    }

    /** Where {@code request}'s response is to be written. */
    Executor writerFor(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SelectableChannelEndPoint selectable) {
            SelectableChannel channel = selectable.getChannel();
            for (ManagedSelector selector : selectors) {
                if (channel.keyFor(selector.getSelector()) != null) {
                    return write -> selector.submit(ignored -> SelectorResumingThreadPool.writeOnSelector(write));
                }
            }
        }
        return CALLING_THREAD;
    }
}
