package dev.nano.runtime.worker;

import dev.nano.runtime.stream.ByteSource;
import java.util.List;

/**
 * An incoming HTTP request as the host hands it to a worker: no server types, only what the
 * worker's {@code Request} is built from.
 *
 * @param method  the request method, as received ({@code GET}, {@code POST}, ...)
 * @param url     the absolute URL ({@code http://127.0.0.1:8787/path?query})
 * @param headers header fields in arrival order, each a name and a value
 * @param body    the body's bytes, or null when the request has none
 */
public record HttpRequestDescriptor(String method, String url, List<Header> headers, ByteSource body) {
    /** One header field. */
    public record Header(String name, String value) {
    }

    /** Header fields as one string for the JS side: {@code name\nvalue\n...} (HTTP forbids LF in both). */
    String headerLines() {
        StringBuilder sb = new StringBuilder(headers.size() * 32);
        for (Header h : headers) {
            sb.append(h.name()).append('\n').append(h.value()).append('\n');
        }
        return sb.toString();
    }
}
