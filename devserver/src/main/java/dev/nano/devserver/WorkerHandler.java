package dev.nano.devserver;

import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.worker.HttpRequestDescriptor;
import dev.nano.runtime.worker.HttpRequestDescriptor.Header;
import dev.nano.runtime.worker.Worker;
import java.util.ArrayList;
import java.util.List;
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
    private final Worker worker;
    private final RuntimeServices services;
    private final SelectorWriter writers;

    WorkerHandler(Worker worker, RuntimeServices services, SelectorWriter writers) {
        this.worker = worker;
        this.services = services;
        this.writers = writers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        List<Header> headers = new ArrayList<>(request.getHeaders().size());
        for (HttpField field : request.getHeaders()) {
            headers.add(new Header(field.getName(), field.getValue()));
        }
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        HttpRequestDescriptor descriptor = new HttpRequestDescriptor(request.getMethod(), request.getHttpURI().asString(),
                headers, hasBody ? new RequestBodySource(request, services) : null);
        EmptyReadSkippingEndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint()
                instanceof EmptyReadSkippingEndPoint ours ? ours : null;
        if (!hasBody && endPoint != null) {
            endPoint.watchForClose();
        }
        worker.dispatch(descriptor, new JettyResponseSink(request, response, callback, services, writers.writerFor(request), endPoint));
        return true;
    }
}
