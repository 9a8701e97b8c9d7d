package dev.nano.devserver;

/**
 * Turns a handler's failure into the response a client gets. {@code nano serve} answers a plain
 * 500 (the {@link dev.nano.runtime.worker.ResponseSink#fail} default); {@code nano dev} shows the
 * error, its stack and the source around it.
 */
@FunctionalInterface
public interface FailureResponder {
    /** The response for {@code formattedError} (message and JS stack), chosen by the request's {@code Accept}. */
    Page respond(String formattedError, String accept);

    /** A whole response: status, content type and body. */
    record Page(int status, String contentType, byte[] body) {
    }
}
