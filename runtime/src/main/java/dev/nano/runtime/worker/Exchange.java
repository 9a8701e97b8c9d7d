package dev.nano.runtime.worker;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.EventLoop;
import dev.nano.runtime.stream.ByteSink;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One request's way back to the server, handed to the JS dispatcher. It lives only as long as the
 * request's JS objects refer to it. Loop thread only.
 */
public final class Exchange {
    private static final List<HttpRequestDescriptor.Header> TEXT_PLAIN =
            List.of(new HttpRequestDescriptor.Header("content-type", "text/plain;charset=UTF-8"));

    private final HttpRequestDescriptor request;
    private final ResponseSink sink;
    private final PrintStream err;
    private final EventLoop loop;
    private ByteSink streaming;
    private boolean responded;

    Exchange(HttpRequestDescriptor request, ResponseSink sink, PrintStream err, EventLoop loop) {
        this.loop = loop;
        this.request = request;
        this.sink = sink;
        this.err = err;
    }

    /** The whole response: {@code body} is null, a string (sent as UTF-8) or a BufferSource. */
    @HostAccess.Export
    public void respond(int status, String headerLines, Value body) {
        if (responded) {
            return;
        }
        responded = true;
        ByteBuffer bytes;
        if (body == null || body.isNull()) {
            bytes = ByteBuffer.allocate(0);
        } else if (body.isString()) {
            bytes = ByteBuffer.wrap(body.asString().getBytes(StandardCharsets.UTF_8));
        } else {
            bytes = ByteBuffer.wrap(Bytes.copy(body));
        }
        sink.respond(status, parseHeaders(headerLines), bytes);
    }

    /** Status and headers now, the body through the returned sink (JS pipes the body's stream into it). */
    @HostAccess.Export
    public ByteSink respondStreaming(int status, String headerLines) {
        if (responded) {
            throw new IllegalStateException("response already sent");
        }
        responded = true;
        streaming = sink.respondStreaming(status, parseHeaders(headerLines));
        return streaming;
    }

    /**
     * The handler threw, rejected, or returned something that is not a Response. Logs the error with
     * its JS stack and lets the sink answer the 500 ({@link ResponseSink#fail}); once a streamed
     * body started, aborts it.
     */
    @HostAccess.Export
    public void fail(String formattedError) {
        err.println("Error handling " + request.method() + " " + request.url() + "\n" + formattedError);
        if (!responded) {
            responded = true;
            sink.fail(formattedError);
        } else if (streaming != null) {
            streaming.abort(formattedError);
        }
    }

    /**
     * The request's fetch scope (see fetch.js): aborted on the loop thread if the client goes away
     * before the exchange completes, which aborts the fetches the handler started.
     */
    @HostAccess.Export
    public void onClientGone(Value scope) {
        sink.whenClientGone(() -> loop.post(() -> scope.invokeMember("abort")));
    }

    /** Reports an error that happens after the response (a rejected {@code ctx.waitUntil} promise, a failed body stream). */
    @HostAccess.Export
    public void log(String formattedError) {
        err.println("Error after responding to " + request.method() + " " + request.url() + "\n" + formattedError);
    }

    private static List<HttpRequestDescriptor.Header> parseHeaders(String lines) {
        List<HttpRequestDescriptor.Header> headers = new ArrayList<>();
        int i = 0;
        while (i < lines.length()) {
            int nameEnd = lines.indexOf('\n', i);
            int valueEnd = lines.indexOf('\n', nameEnd + 1);
            headers.add(new HttpRequestDescriptor.Header(lines.substring(i, nameEnd), lines.substring(nameEnd + 1, valueEnd)));
            i = valueEnd + 1;
        }
        return headers;
    }
}
