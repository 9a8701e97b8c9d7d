package dev.nano.devserver;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.stream.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** The streamed body: each write resolves its promise once Jetty took the bytes. */
public final class ResponseBodySink implements ByteSink {
    private final Response response;
    private final Callback done;
    private final RuntimeServices services;

    ResponseBodySink(Response response, Callback done, RuntimeServices services) {
        this.response = response;
        this.done = done;
        this.services = services;
    }

    @HostAccess.Export
    @Override
    public HostPromise write(Value chunk) {
        HostPromise written = services.newPromise();
        response.write(false, ByteBuffer.wrap(Bytes.copy(chunk)), Callback.from(
                () -> written.resolve(null),
                failure -> written.reject(new JsError("TypeError", failure.getMessage() == null
                        ? "the client went away"
                        : "the client went away: " + failure.getMessage()))));
        return written;
    }

    @HostAccess.Export
    @Override
    public void close() {
        response.write(true, null, done);
    }

    @HostAccess.Export
    @Override
    public void abort(String reason) {
        done.failed(new IOException("response body failed: " + reason));
    }
}
