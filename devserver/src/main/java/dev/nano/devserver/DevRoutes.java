package dev.nano.devserver;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What {@code nano dev} answers before the worker: the error of a reload that failed (to a browser,
 * until the next good save; to everyone while no version ever loaded), else the worker's response.
 */
final class DevRoutes extends Handler.Wrapper {
    private final DevSession session;
    private final FailureResponder loadFailures;

    DevRoutes(Handler worker, DevSession session, FailureResponder loadFailures) {
        super(worker);
        this.session = session;
        this.loadFailures = loadFailures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String failure = session.loadFailure();
        if (failure != null) {
            String accept = request.getHeaders().get(HttpHeader.ACCEPT);
            // A browser is where the developer looks; a plain client keeps the last good version.
            if (session.current() == null || (accept != null && accept.contains("text/html"))) {
                FailureResponder.Page page = loadFailures.respond(failure, accept);
                response.setStatus(page.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.wrap(page.body()), callback);
                return true;
            }
        }
        return super.handle(request, response, callback);
    }
}
