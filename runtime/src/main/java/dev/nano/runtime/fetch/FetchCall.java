package dev.nano.runtime.fetch;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.stream.ByteSink;
import dev.nano.runtime.stream.ByteSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * One HTTP exchange of a fetch. JS awaits {@link #head()} (settled when the response headers
 * arrive), then reads the body as a {@link ByteSource}. The body is read from Jetty at most
 * {@link #MAX_CHUNK} bytes ahead of JS (all of it for {@link #readAll()}), so bytes flow only about as
 * fast as JS reads them; reading ahead lets a small body end on Jetty's selector thread, which
 * returns the connection to the pool at once and leaves JS's read nothing to wait for.
 * Jetty callbacks arrive on its threads; state is guarded by {@code this}.
 */
public final class FetchCall implements ByteSource {
    /** Coalesce small network chunks into one JS chunk up to this size; also how far reading runs ahead of JS. */
    private static final int MAX_CHUNK = 64 * 1024;

    private final RuntimeServices services;
    private final Request request;
    private final HostPromise head;
    /** Body bytes read from Jetty that JS has not taken yet. */
    private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
    private final Runnable onDemand = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this::onDemand);
    private Content.Source content;
    private HostPromise pendingPull;
    private HostPromise pendingReadAll;
    /** The waiting readAll wants the body as text (UTF-8 decoded, a leading BOM dropped), not bytes. */
    private boolean readAllAsText;
    private boolean exchangeComplete;
    /** Jetty's last chunk was read (or JS cancelled): nothing more comes into {@link #buffered}. */
    private boolean sourceEnded;
    private boolean demandPending;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean headersReceived;
    private JsError failure;
    private AsyncRequestContent requestContent;

    FetchCall(RuntimeServices services, Request request) {
        this.services = services;
        this.request = request;
        this.head = services.newPromise();
    }

    /** A call that failed before it started (an invalid URL): its head rejects with {@code error}. */
    static FetchCall failed(RuntimeServices services, JsError error) {
        FetchCall call = new FetchCall(services, null);
        call.fail(error);
        return call;
    }

    void fixedBody(byte[] body) {
        request.body(new BytesRequestContent(body));
    }

    void streamBody() {
        requestContent = new AsyncRequestContent();
        request.body(requestContent);
    }

    /**
     * Sends from the calling (loop) thread: Jetty's send never blocks (names are resolved on its
     * executor, connects and writes are non-blocking), and a hand-off to another thread would add
     * a thread wake-up to every fetch.
     */
    void start() {
        request.onResponseHeaders(this::onHeaders);
        request.onResponseContentSource(this::onContentSource);
        request.send(this::onComplete);
    }

    /** The response head: status, statusText, headers. */
    @HostAccess.Export
    public HostPromise head() {
        return head;
    }

    /** Where JS pipes a streamed request body. */
    @HostAccess.Export
    public ByteSink requestSink() {
        return new RequestSink();
    }

    /** Aborts the exchange (an AbortSignal fired): pending and later reads fail with {@code name: message}. */
    @HostAccess.Export
    public void abort(String name, String message) {
        fail(new JsError(name, message));
    }

    @Override
    @HostAccess.Export
    public HostPromise pull() {
        HostPromise promise = services.newPromise();
        synchronized (this) {
            if (failure != null) {
                promise.reject(failure);
                return promise;
            }
            pendingPull = promise;
        }
        pump();
        return promise;
    }

    /** The whole remaining body in one host promise (Body.arrayBuffer() and the like without a stream). */
    @HostAccess.Export
    public HostPromise readAll() {
        return readAll(false);
    }

    /**
     * The whole remaining body as a string, UTF-8 decoded as Body.text() does (malformed bytes become
     * U+FFFD, a leading BOM is dropped): the bytes never cross into JS.
     */
    @HostAccess.Export
    public HostPromise readAllText() {
        return readAll(true);
    }

    private HostPromise readAll(boolean asText) {
        HostPromise promise = services.newPromise();
        synchronized (this) {
            if (failure != null) {
                promise.reject(failure);
                return promise;
            }
            pendingReadAll = promise;
            readAllAsText = asText;
        }
        pump();
        return promise;
    }

    @Override
    @HostAccess.Export
    public void cancel(String reason) {
        synchronized (this) {
            sourceEnded = true;
            buffered.reset();
        }
        request.abort(new IOException("body cancelled: " + reason));
    }

    // ---------------------------------------------------------------- Jetty callbacks

    private void onHeaders(Response response) {
        synchronized (this) {
            headersReceived = true;
        }
        StringBuilder fields = new StringBuilder();
        for (HttpField field : response.getHeaders()) {
            if (!fields.isEmpty()) {
                fields.append('\n');
            }
            fields.append(field.getName()).append('\n').append(field.getValue() == null ? "" : field.getValue());
        }
        String reason = response.getReason();
        head.resolve(new Head(response.getStatus(), reason == null ? "" : reason, fields.toString(), response.getVersion().asString()));
    }

    private void onContentSource(Response response, Content.Source source) {
        synchronized (this) {
            content = source;
        }
        pump();
    }

    private void onComplete(Result result) {
        if (result.isFailed()) {
            fail(describe(result.getFailure()));
            return;
        }
        boolean settleNow;
        synchronized (this) {
            exchangeComplete = true;
            settleNow = content == null || sourceEnded;
        }
        // A body's end comes as its last chunk; reading it again here would fail over HTTP/2
        // (the stream is released once complete), and may nest inside a read in progress. Once the
        // last chunk was read, the end that waited for this (see settle) is handed over now.
        if (settleNow) {
            pump();
        }
    }

    private void fail(JsError error) {
        HostPromise pull;
        HostPromise all;
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = error;
            pull = pendingPull;
            all = pendingReadAll;
            pendingPull = null;
            pendingReadAll = null;
        }
        head.reject(error);
        if (pull != null) {
            pull.reject(error);
        }
        if (all != null) {
            all.reject(error);
        }
        if (request != null) {
            request.abort(error);
        }
        if (requestContent != null) {
            requestContent.fail(error);
        }
    }

    private void onDemand() {
        synchronized (this) {
            demandPending = false;
        }
        pump();
    }

    /**
     * Runs {@link #transfer} on one thread at a time: JS's reads (loop thread) and Jetty's content
     * and demand callbacks (its threads) may call this together; a call during a run makes it run again.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                pumpAgain = true;
                return;
            }
            pumping = true;
        }
        boolean again = true;
        while (again) {
            try {
                transfer();
            } catch (RuntimeException e) {
                fail(describe(e));
            }
            synchronized (this) {
                again = pumpAgain;
                pumpAgain = false;
                pumping = again;
            }
        }
    }

    /** Reads what Jetty has into {@link #buffered} and settles a waiting read, again while a pull took everything. */
    private void transfer() {
        Content.Source source;
        synchronized (this) {
            source = content;
            if (source == null && exchangeComplete) {
                sourceEnded = true; // a response without a body
            }
        }
        do {
            if (source != null && !readAvailable(source)) {
                return;
            }
        } while (settle() && wantsMore());
    }

    private synchronized boolean wantsMore() {
        return failure == null && !sourceEnded && !demandPending && (pendingReadAll != null || buffered.size() < MAX_CHUNK);
    }

    /**
     * Moves chunks from Jetty into {@link #buffered} until it holds {@link #MAX_CHUNK} bytes (no limit
     * for a readAll), the body ends, or nothing is there (then asks Jetty to call back when there is).
     * Returns false when the body failed.
     */
    private boolean readAvailable(Content.Source source) {
        while (wantsMore()) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                synchronized (this) {
                    demandPending = true;
                }
                source.demand(onDemand);
                return true;
            }
            if (Content.Chunk.isFailure(chunk)) {
                fail(describe(chunk.getFailure()));
                return false;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            boolean last = chunk.isLast();
            chunk.release();
            synchronized (this) {
                if (!sourceEnded) { // else JS cancelled the body meanwhile
                    buffered.writeBytes(copy);
                    sourceEnded = last;
                }
            }
        }
        return true;
    }

    /**
     * Hands the buffered bytes to a waiting pull (null once the body ended), or the whole body to a
     * waiting readAll once it ended. Returns true when a pull took bytes (reading may go on ahead).
     */
    private boolean settle() {
        HostPromise pull = null;
        HostPromise all = null;
        byte[] bytes = null;
        boolean asText = false;
        synchronized (this) {
            if (failure != null) {
                return false;
            }
            // The end of the body reaches JS once the exchange is complete too: Jetty has put the
            // connection back in its pool by then, so a fetch the script starts next reuses it
            // instead of opening another (the last chunk is read a moment before that).
            boolean ended = sourceEnded && exchangeComplete;
            if (pendingReadAll != null && ended) {
                all = pendingReadAll;
                pendingReadAll = null;
                asText = readAllAsText;
                bytes = buffered.toByteArray();
                buffered.reset();
            } else if (pendingPull != null && (buffered.size() > 0 || ended)) {
                pull = pendingPull;
                pendingPull = null;
                bytes = buffered.size() > 0 ? buffered.toByteArray() : null;
                buffered.reset();
            }
        }
        if (all != null) {
            all.resolve(asText ? Bytes.utf8Decode(bytes) : ByteBuffer.wrap(bytes));
        }
        if (pull != null) {
            pull.resolve(bytes == null ? null : ByteBuffer.wrap(bytes));
        }
        return pull != null && bytes != null;
    }

    /** A failure as the TypeError (or DOMException) a script should see, saying what happened. */
    private JsError describe(Throwable failure) {
        String target = request.getHost() + ":" + request.getPort();
        boolean inBody;
        synchronized (this) {
            inBody = headersReceived;
        }
        boolean closed = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsError js) {
                return js;
            }
            if (t instanceof ContentDecoders.InvalidEncoding invalid) {
                return JsError.typeError("fetch failed: " + invalid.getMessage() + " from " + target);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return JsError.typeError("fetch failed: connection refused by " + target);
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return JsError.typeError("fetch failed: unknown host " + request.getHost());
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return JsError.typeError("fetch failed: TLS handshake with " + target + " failed: " + t.getMessage());
            }
            if (t instanceof TimeoutException) {
                return new JsError("TimeoutError", "fetch to " + target + " timed out");
            }
            if (t instanceof EofException || t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException
                    || "Connection reset".equals(t.getMessage())) {
                closed = true;
            }
        }
        if (inBody) {
            return JsError.typeError("fetch failed: the connection to " + target + " was closed before the response body completed");
        }
        if (closed) {
            return JsError.typeError("fetch failed: the connection to " + target + " was closed before a response arrived");
        }
        String detail = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return JsError.typeError("fetch failed: " + (detail.length() > 200 ? detail.substring(0, 200) + "…" : detail));
    }

    /** The response head handed to JS. */
    public static final class Head {
        @HostAccess.Export
        public final int status;
        @HostAccess.Export
        public final String statusText;
        /** "name\nvalue\nname\nvalue". */
        @HostAccess.Export
        public final String headers;
        @HostAccess.Export
        public final String protocol;

        Head(int status, String statusText, String headers, String protocol) {
            this.status = status;
            this.statusText = statusText;
            this.headers = headers;
            this.protocol = protocol;
        }
    }

    /** A streamed request body: each write resolves when Jetty has taken the bytes (backpressure). */
    public final class RequestSink implements ByteSink {
        @Override
        @HostAccess.Export
        public HostPromise write(Value chunk) {
            HostPromise written = services.newPromise();
            requestContent.write(ByteBuffer.wrap(Bytes.copy(chunk)), Callback.from(() -> written.resolve(null),
                    x -> written.reject(describe(x))));
            return written;
        }

        @Override
        @HostAccess.Export
        public void close() {
            requestContent.close();
        }

        @Override
        @HostAccess.Export
        public void abort(String reason) {
            fail(JsError.typeError("fetch failed: the request body stream failed: " + reason));
        }
    }
}
