package dev.nano.runtime.worker;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A Fetcher binding: an {@code env} entry whose {@code fetch(input, init)} sends the request to
 * {@code origin} instead of the request URL's own (what wrangler's {@code env.ASSETS} and service
 * bindings are). The script's request keeps its method, headers, body (streamed) and signal, and its
 * path and query: {@code env.X.fetch("https://example.com/logo.png?x=1")} goes to
 * {@code <origin>/logo.png?x=1}, with {@code headers} set over the request's own. The reply is
 * whatever the global {@code fetch} of that request gives: same Response, same errors.
 *
 * <p>{@code origin} is asked at each call (a server may know its port only after the worker was
 * loaded); only its scheme ({@code http} or {@code https}), host and port are used. A null answer,
 * an answer of another scheme or a failing supplier makes that call reject with a {@code TypeError}.
 * The supplier runs on the runtime's loop thread: it must answer at once.
 */
public final class FetcherBinding {
    private final Supplier<URI> origin;
    private final Map<String, String> headers;

    /**
     * @param origin  asked at each call, e.g. {@code http://127.0.0.1:8787}
     * @param headers set on each request sent (over same-named ones); names are case-insensitive
     * @throws IllegalArgumentException when a header name is not an HTTP token, a value holds CR, LF
     *                                  or NUL or characters beyond Latin-1, or two names differ only by case
     */
    public FetcherBinding(Supplier<URI> origin, Map<String, String> headers) {
        this.origin = Objects.requireNonNull(origin, "origin");
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = checkName(name);
            if (copy.put(lower, checkValue(name, value)) != null) {
                throw new IllegalArgumentException("header " + name + " is given twice");
            }
        });
        this.headers = Collections.unmodifiableMap(copy);
    }

    /** The headers set on each request, names in lower case. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The origin a call sends to, as {@code scheme://host:port}: asks the supplier.
     *
     * @throws IllegalStateException when the supplier fails or answers no http(s) origin
     */
    String currentOrigin() {
        URI uri;
        try {
            uri = origin.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("its origin is unavailable", e);
        }
        if (uri == null) {
            throw new IllegalStateException("it has no origin");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalStateException("its origin is not an http(s) origin: " + uri);
        }
        return scheme + "://" + uri.getRawAuthority();
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static String checkValue(String name, String value) {
        Objects.requireNonNull(value, name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                throw new IllegalArgumentException("invalid value for header " + name);
            }
        }
        // As Headers.set would store it: surrounding blanks are not part of a field value.
        return value.strip();
    }

    @Override
    public String toString() {
        return "FetcherBinding" + headers.keySet();
    }
}
