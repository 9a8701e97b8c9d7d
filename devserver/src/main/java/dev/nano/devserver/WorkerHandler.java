package dev.nano.devserver;

import dev.nano.runtime.worker.HttpRequestDescriptor;
import dev.nano.runtime.worker.HttpRequestDescriptor.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Hands every request to the worker. Never blocks: it only describes the request and posts it to
 * the event loop, so Jetty may call it on a selector thread.
 */
final class WorkerHandler extends Handler.Abstract.NonBlocking {
    private final Supplier<WorkerTarget> targets;
    private final SelectorWriter writers;
    /** How a handler's failure is answered; null for the sink's plain 500. */
    private final FailureResponder failures;

    WorkerHandler(Supplier<WorkerTarget> targets, SelectorWriter writers, FailureResponder failures) {
        this.targets = targets;
        this.writers = writers;
        this.failures = failures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        WorkerTarget target = targets.get();
        List<Header> headers = new ArrayList<>(request.getHeaders().size());
        for (HttpField field : request.getHeaders()) {
            headers.add(new Header(field.getName(), field.getValue()));
        }
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        HttpRequestDescriptor descriptor = new HttpRequestDescriptor(request.getMethod(), request.getHttpURI().asString(),
                headers, hasBody ? new RequestBodySource(request, target.services()) : null);
        EmptyReadSkippingEndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint()
                instanceof EmptyReadSkippingEndPoint ours ? ours : null;
        if (!hasBody && endPoint != null) {
            endPoint.watchForClose();
        }
        target.dispatch(descriptor, new JettyResponseSink(request, response, callback, target.services(),
                writers.writerFor(request), endPoint, failures));
        return true;
    }
}
