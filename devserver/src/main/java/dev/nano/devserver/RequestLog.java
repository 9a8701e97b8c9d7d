package dev.nano.devserver;

import java.io.PrintStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One line per request once its response has ended: method, path, status and duration, the
 * status coloured on a terminal (green 2xx, cyan 3xx, yellow 4xx, red 5xx), plain when piped.
 */
final class RequestLog extends Handler.Wrapper {
    private final PrintStream out;
    private final boolean colour;

    RequestLog(Handler next, PrintStream out, boolean colour) {
        super(next);
        this.out = out;
        this.colour = colour;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        Callback logged = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                log(request, response.getStatus(), start, null);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                log(request, response.getStatus(), start, x);
                super.failed(x);
            }
        };
        return super.handle(request, response, logged);
    }

    private void log(Request request, int status, long start, Throwable failure) {
        long micros = (System.nanoTime() - start) / 1000;
        String duration = micros < 10_000 ? String.format("%.1f ms", micros / 1000.0) : (micros / 1000) + " ms";
        String path = request.getHttpURI().getPathQuery();
        String code = String.valueOf(status);
        if (colour) {
            String c = status >= 500 ? "31" : status >= 400 ? "33" : status >= 300 ? "36" : "32";
            code = "\u001b[" + c + "m" + code + "\u001b[0m";
            duration = "\u001b[2m" + duration + "\u001b[0m";
        }
        out.println(request.getMethod() + " " + path + " " + code + " " + duration
                + (failure != null ? " (the connection failed: " + failure.getMessage() + ")" : ""));
    }
}
