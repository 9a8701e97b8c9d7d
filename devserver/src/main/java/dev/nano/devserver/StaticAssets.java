package dev.nano.devserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.DateParser;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The files of an {@code [assets] directory}, served the way {@code wrangler dev} serves them:
 * a request whose path names a file is answered here, any other goes on to the worker.
 *
 * <p>Path rules ({@link #resolve}): the path is percent-decoded; {@code .} and {@code ..} segments,
 * empty segments, backslashes and NUL are refused rather than normalized, so nothing can name a
 * file outside the directory; a symlink is followed only when its target is inside the directory
 * too. Dotfiles and anything under a dot directory ({@code .env}, {@code .dev.vars}, {@code .git/})
 * are never served. HTML handling is wrangler's default {@code auto-trailing-slash}, without its
 * redirects: {@code /} and {@code /dir/} serve {@code index.html} in them, {@code /about} serves
 * {@code about}, else {@code about.html}, else {@code about/index.html}.
 *
 * <pre>{@code
 * StaticAssets assets = new StaticAssets(projectRoot.resolve("public"));
 * // in a Handler:
 * if (assets.handle(request, response, callback)) return true;
 * return worker.handle(request, response, callback);
 * }</pre>
 */
public final class StaticAssets {
    /** Files up to this size are read and written at once; larger ones are streamed in chunks. */
    static final int SMALL_FILE = 64 * 1024;
    private static final int CHUNK = 32 * 1024;
    /** Wrangler's dev default: caches may keep a copy but must ask again before each use. */
    private static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"));

    private final Path root;

    /**
     * @param directory the assets directory; it must exist (wrangler refuses to start otherwise)
     * @throws IllegalArgumentException when it is not a directory
     */
    public StaticAssets(Path directory) {
        try {
            // Real path once: symlink targets are compared against it.
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("assets directory not found: " + directory, e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("assets directory is not a directory: " + directory);
        }
    }

    /**
     * The file that {@code urlPath} (the path of a request URL, percent-encoded as received; a
     * query is ignored) names in the directory after the HTML handling above, or null when it
     * names none or is refused by the path rules.
     */
    public Path resolve(String urlPath) {
        String decoded = decodePath(urlPath);
        if (decoded == null) {
            return null;
        }
        if (decoded.endsWith("/")) {
            return file(decoded + "index.html");
        }
        Path exact = file(decoded);
        if (exact != null) {
            return exact;
        }
        Path html = file(decoded + ".html");
        return html != null ? html : file(decoded + "/index.html");
    }

    /**
     * Serves the request if it is a GET or HEAD whose path names an asset, and returns true;
     * otherwise does nothing and returns false, for the caller to pass the request on.
     */
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            return false;
        }
        Path file = resolve(request.getHttpURI().getPath());
        if (file == null) {
            return false;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return false; // gone since resolve: as if it had never been there
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String etag = etag(file, size, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));

        HttpFields requestHeaders = request.getHeaders();
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(modified));
        headers.put(HttpHeader.CACHE_CONTROL, CACHE_CONTROL);

        if (notModified(requestHeaders, etag, modified)) {
            // RFC 9110 §15.4.5: a 304 carries the validators and Cache-Control of the 200, no content.
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            return true;
        }

        headers.put(HttpHeader.CONTENT_TYPE, contentType(file));
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        long first = 0;
        long length = size;
        // RFC 9110 §14.2: GET is the only method with range handling; HEAD ignores Range.
        String range = head ? null : requestHeaders.get(HttpHeader.RANGE);
        if (range != null && ifRangeHolds(requestHeaders.get(HttpHeader.IF_RANGE), etag)) {
            long[] span = parseRange(range, size);
            if (span == UNSATISFIABLE) {
                response.setStatus(HttpStatus.RANGE_NOT_SATISFIABLE_416);
                headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                headers.remove(HttpHeader.CONTENT_TYPE);
                headers.put(HttpHeader.CONTENT_LENGTH, 0);
                response.write(true, null, callback);
                return true;
            }
            if (span != null) {
                first = span[0];
                length = span[1] - span[0] + 1;
                response.setStatus(HttpStatus.PARTIAL_CONTENT_206);
                headers.put(HttpHeader.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + size);
            }
        }
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        if (head || length == 0) {
            response.write(true, null, callback);
        } else if (length <= SMALL_FILE) {
            ByteBuffer body;
            try {
                body = read(file, first, (int) length);
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            response.write(true, body, callback);
        } else {
            stream(request, response, callback, file, first, length);
        }
        return true;
    }

    /**
     * Large files: Jetty's copy reads a chunk, writes it, and reads the next when the write
     * completes. It starts on a pool thread because this handler may be running on a selector
     * thread (its caller never blocks); later chunks continue on the thread that completes each
     * write, and the callback declares itself BLOCKING, so Jetty never runs such a completion (and
     * with it the next disk read) in place of a selector.
     */
    private static void stream(Request request, Response response, Callback done, Path file, long first, long length) {
        // Whatever invocation type Jetty's callback declares, ours is BLOCKING (see above).
        Callback callback = new Callback() {
            @Override
            public void succeeded() {
                done.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                done.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return InvocationType.BLOCKING;
            }
        };
        request.getComponents().getExecutor().execute(() -> {
            try {
                ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), false, CHUNK);
                Content.copy(Content.Source.from(buffers, file, first, length), response, callback);
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        });
    }

    private static ByteBuffer read(Path file, long first, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, first + buffer.position()) < 0) {
                    throw new IOException("file shrank while being read: " + file);
                }
            }
        }
        return buffer.flip();
    }

    /**
     * The ETag: a strong validator (RFC 9110 §8.8.3) made of a hash of the file's path and its
     * size and modification time in nanoseconds, as many servers do. No content is read, so a
     * large file costs the same as a small one; it changes whenever a save changes the size or the
     * modification time, which every editor and build tool does. The path keeps two files with the
     * same size and time apart ({@code /a/} and {@code /b/index.html} behind one cache, say).
     */
    static String etag(Path file, long size, long modifiedNanos) {
        return "\"" + Integer.toHexString(file.toString().hashCode()) + "-" + Long.toHexString(size)
                + "-" + Long.toHexString(modifiedNanos) + "\"";
    }

    /**
     * RFC 9110 §13.1.2: If-None-Match is false (so GET and HEAD answer 304) for {@code *} or when a
     * listed tag matches by weak comparison. §13.1.3: If-Modified-Since counts only without it.
     */
    private static boolean notModified(HttpFields requestHeaders, String etag, long modifiedMillis) {
        String ifNoneMatch = requestHeaders.get(HttpHeader.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            return anyTagMatches(ifNoneMatch, etag);
        }
        String ifModifiedSince = requestHeaders.get(HttpHeader.IF_MODIFIED_SINCE);
        if (ifModifiedSince != null) {
            long since = DateParser.parseDate(ifModifiedSince);
            // HTTP dates have whole seconds; an unparsable date (-1) is ignored (§13.1.3).
            return since >= 0 && modifiedMillis / 1000 <= since / 1000;
        }
        return false;
    }

    /** Whether {@code field} ({@code *} or a list of entity tags) has a tag weakly matching {@code etag}. */
    static boolean anyTagMatches(String field, String etag) {
        String trimmed = field.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        String opaque = stripWeak(etag);
        int i = 0;
        int n = trimmed.length();
        while (i < n) {
            char c = trimmed.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (trimmed.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= n || trimmed.charAt(i) != '"') {
                return false; // not an entity tag: the list is malformed, nothing matches
            }
            // The opaque tag ends at the next quote; a comma inside it is part of it (§8.8.3).
            int close = trimmed.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (stripWeak(trimmed.substring(start, close + 1)).equals(opaque)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * RFC 9110 §13.1.5: with If-Range the range applies only if the validator still matches by
     * strong comparison. Only entity tags are honoured; a date (or a weak tag) never matches, which
     * only costs the whole file, the answer the client is ready for.
     */
    private static boolean ifRangeHolds(String ifRange, String etag) {
        return ifRange == null || ifRange.trim().equals(etag);
    }

    /** {@link #parseRange}'s answer for a valid range set that no byte of the file satisfies. */
    static final long[] UNSATISFIABLE = new long[0];

    /**
     * The inclusive {@code [first, last]} of a single {@code bytes} range (RFC 9110 §14.1.2), clamped
     * to the file; {@link #UNSATISFIABLE}; or null when the header is to be ignored and the whole
     * file sent: another unit, an invalid range set (§14.2 lets a server ignore it), an empty file,
     * or more than one range. Several ranges are answered with the whole file (200), which §14.2
     * allows, rather than a multipart/byteranges body that browsers do not ask for.
     */
    static long[] parseRange(String header, long size) {
        String value = header.trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || size == 0) {
            return null;
        }
        String set = value.substring(6).trim();
        if (set.indexOf(',') >= 0) {
            return null;
        }
        int dash = set.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String firstText = set.substring(0, dash).trim();
        String lastText = set.substring(dash + 1).trim();
        if (firstText.isEmpty()) {
            long suffix = digits(lastText);
            if (suffix < 0) {
                return null;
            }
            // §14.1.3: a suffix range of length 0 is unsatisfiable; a longer one than the file is all of it.
            return suffix == 0 ? UNSATISFIABLE : new long[] {Math.max(0, size - suffix), size - 1};
        }
        long first = digits(firstText);
        long last = lastText.isEmpty() ? Long.MAX_VALUE : digits(lastText);
        if (first < 0 || last < 0 || last < first) {
            return null;
        }
        if (first >= size) {
            return UNSATISFIABLE;
        }
        return new long[] {first, Math.min(last, size - 1)};
    }

    /** A non-negative decimal, saturating at Long.MAX_VALUE; -1 unless it is all digits. */
    private static long digits(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return value;
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type != null ? type : OCTET_STREAM;
    }

    /**
     * {@code relative} (decoded, starting with '/') as a regular file inside the directory, or null.
     * Every segment is checked before the file system is asked, and the real path (symlinks
     * followed) must still be inside the directory and free of dot segments.
     */
    private Path file(String relative) {
        Path candidate = root;
        for (String segment : relative.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.charAt(0) == '.' || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0) {
                return null;
            }
            try {
                candidate = candidate.resolve(segment);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        try {
            if (!Files.isRegularFile(candidate)) {
                return null;
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                return null;
            }
            // A symlink to a dotfile; also a second guard against escapes, whose first part is "..".
            for (Path part : root.relativize(real)) {
                if (part.toString().startsWith(".")) {
                    return null;
                }
            }
            return real;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /**
     * The percent-decoded path (UTF-8; RFC 3986 §2.1), without query or fragment; null when it
     * does not start with '/', has a malformed escape, or is not UTF-8.
     */
    static String decodePath(String urlPath) {
        if (urlPath == null) {
            return null;
        }
        int end = urlPath.length();
        int query = urlPath.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = urlPath.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        if (end == 0 || urlPath.charAt(0) != '/') {
            return null;
        }
        if (urlPath.indexOf('%') < 0) {
            return urlPath.substring(0, end);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end);
        int i = 0;
        while (i < end) {
            int percent = urlPath.indexOf('%', i);
            int runEnd = percent < 0 || percent > end ? end : percent;
            // Characters between escapes as themselves (a raw path should be ASCII, but need not be).
            bytes.writeBytes(urlPath.substring(i, runEnd).getBytes(StandardCharsets.UTF_8));
            i = runEnd;
            if (i < end) {
                int hi = i + 2 < end ? Character.digit(urlPath.charAt(i + 1), 16) : -1;
                int lo = i + 2 < end ? Character.digit(urlPath.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
