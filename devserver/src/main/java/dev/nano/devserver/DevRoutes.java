package dev.nano.devserver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * What {@code nano dev} answers before the worker: the error of a reload that failed (to a browser,
 * until the next good save; to everyone while no version ever loaded), else the worker's response.
 */
final class DevRoutes extends Handler.Wrapper {
    /** As {@code wrangler dev --test-scheduled}: a request here runs the worker's scheduled handler. */
    static final String SCHEDULED_PATH = "/__scheduled";

    private final DevSession session;
    private final FailureResponder loadFailures;

    DevRoutes(Handler worker, DevSession session, FailureResponder loadFailures) {
        super(worker);
        this.session = session;
        this.loadFailures = loadFailures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (SCHEDULED_PATH.equals(request.getHttpURI().getPath())) {
            runScheduled(request, response, callback);
            return true;
        }
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

    /** {@code GET /__scheduled?cron=...}: runs {@code scheduled()} now; 200 once it and its waitUntil work succeeded, else 500 with the error. */
    private void runScheduled(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String cron = query.getValue("cron");
        session.runScheduled(cron == null ? "" : cron, System.currentTimeMillis()).whenComplete((outcome, failure) -> {
            boolean ok = outcome != null && outcome.ok();
            response.setStatus(ok ? 200 : 500);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
            String error = outcome != null ? outcome.error() : "internal error: " + failure;
            String body = ok ? "Ran scheduled event\n" : "scheduled() failed\n" + error + "\n";
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        });
    }
}
