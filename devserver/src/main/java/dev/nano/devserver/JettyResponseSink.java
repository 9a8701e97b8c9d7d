package dev.nano.devserver;

import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.stream.ByteSink;
import dev.nano.runtime.worker.HttpRequestDescriptor.Header;
import dev.nano.runtime.worker.ResponseSink;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A worker's response written to Jetty: at once, or streamed chunk by chunk with backpressure.
 *
 * <p>A whole response is written by {@code writer}, the connection's selector thread when there is
 * one (see {@link SelectorWriter}): writing it from the loop thread would put the socket write,
 * and the selector wake-up for the connection's next request, on the thread that runs all the JS.
 */
final class JettyResponseSink implements ResponseSink {
    private final Request request;
    private final Response response;
    private final Callback done;
    private final RuntimeServices services;
    private final Executor writer;
    /** The connection's end point when it is ours (always, on a {@link DevServer}); else null. */
    private final EmptyReadSkippingEndPoint endPoint;
    private final FailureResponder failures;

    JettyResponseSink(Request request, Response response, Callback done, RuntimeServices services, Executor writer,
            EmptyReadSkippingEndPoint endPoint, FailureResponder failures) {
        this.failures = failures;
        this.request = request;
        this.response = response;
        this.done = done;
        this.services = services;
        this.writer = writer;
        this.endPoint = endPoint;
    }

    @Override
    public void respond(int status, List<Header> headers, ByteBuffer body) {
        writer.execute(() -> {
            HttpFields.Mutable fields = head(status, headers);
            fields.put(HttpHeader.CONTENT_LENGTH, body.remaining());
            if (endPoint != null) {
                endPoint.respondedWhole();
            }
            response.write(true, body, done);
        });
    }

    @Override
    public void fail(String formattedError) {
        if (failures == null) {
            ResponseSink.super.fail(formattedError);
            return;
        }
        FailureResponder.Page page = failures.respond(formattedError, request.getHeaders().get(HttpHeader.ACCEPT));
        respond(page.status(), List.of(new Header("content-type", page.contentType())), ByteBuffer.wrap(page.body()));
    }

    @Override
    public ByteSink respondStreaming(int status, List<Header> headers) {
        head(status, headers);
        Callback finished = done;
        if (endPoint != null) {
            finished = new Callback() {
                @Override
                public void succeeded() {
                    endPoint.stopWatching();
                    done.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    endPoint.stopWatching();
                    done.failed(failure);
                }

                @Override
                public InvocationType getInvocationType() {
                    return done.getInvocationType();
                }
            };
        }
        return new ResponseBodySink(response, finished, services);
    }

    /**
     * Jetty reports an idle timeout or a failed read or write to failure listeners; a client that
     * closes while the handler awaits is seen by the end point's watch.
     */
    @Override
    public void whenClientGone(Runnable action) {
        request.addFailureListener(failure -> action.run());
        if (endPoint != null) {
            endPoint.whenClosedByClient(action);
        }
    }

    private HttpFields.Mutable head(int status, List<Header> headers) {
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        for (Header h : headers) {
            fields.add(h.name(), h.value());
        }
        return fields;
    }
}
