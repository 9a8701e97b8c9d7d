package dev.nano.devserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code nano dev} answers when the worker failed: an HTML page for a browser, JSON for a
 * client that asked for it, text otherwise; each with the JS stack and the code around the
 * project's frames. The error text comes from the worker (its message, its source): every byte of
 * it is escaped in HTML.
 */
public final class ErrorPage {
    private ErrorPage() {
    }

    /** Why there is an error to show. */
    public enum Kind {
        /** The fetch handler threw (or its promise rejected) for this request. */
        HANDLER,
        /** The last save did not load; the previous good version is still the one running. */
        RELOAD
    }

    /** A complete response: status, {@code Content-Type} and body. */
    public record Rendered(int status, String contentType, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    enum Format { HTML, JSON, TEXT }

    static final String HTML_TYPE = "text/html; charset=utf-8";
    static final String JSON_TYPE = "application/json";
    static final String TEXT_TYPE = "text/plain; charset=utf-8";
    /** Code frames shown in the page; deeper frames are in the stack above them. */
    static final int MAX_FRAMES = 8;
    static final String RELOAD_NOTE = "The last save did not load. nano dev keeps serving the last version that loaded"
            + " to non-browser clients; this page is replaced on the next good save.";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_LINE = Pattern.compile("^\\s+at .+");

    public static Rendered render(String formattedError, Path projectRoot, String acceptHeader, Kind kind) {
        String error = formattedError == null || formattedError.isBlank() ? "Error: (no message)" : formattedError.stripTrailing();
        return switch (negotiate(acceptHeader)) {
            case HTML -> new Rendered(500, HTML_TYPE, html(error, projectRoot, kind).getBytes(StandardCharsets.UTF_8));
            case JSON -> new Rendered(500, JSON_TYPE, json(error));
            case TEXT -> new Rendered(500, TEXT_TYPE, text(error, projectRoot, kind).getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * For the terminal: the error's headline, the first project location and its code frame.
     * Without a project location (the error came from NANO itself, or has no stack) the error as it is.
     */
    public static String terminalFrame(String formattedError, Path projectRoot) {
        String error = formattedError == null ? "" : formattedError.stripTrailing();
        List<CodeFrame.Location> locations = CodeFrame.locations(error, projectRoot);
        if (locations.isEmpty()) {
            return error;
        }
        CodeFrame.Location first = locations.getFirst();
        StringBuilder out = new StringBuilder(headline(error)).append("\n    at ").append(first).append('\n');
        CodeFrame.textOf(first.file(), first.line(), first.column())
                .ifPresent(frame -> out.append('\n').append(frame.indent(2)));
        return out.toString().stripTrailing();
    }

    /**
     * The format the {@code Accept} header prefers: HTML or JSON only when named (a browser names
     * {@code text/html}; {@code *}{@code /*} and no header get text, which curl prints well).
     * Between the two, the higher quality wins, HTML on a tie.
     */
    static Format negotiate(String accept) {
        if (accept == null) {
            return Format.TEXT;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
                json = Math.max(json, q);
            }
        }
        if (html > 0 && html >= json) {
            return Format.HTML;
        }
        return json > 0 ? Format.JSON : Format.TEXT;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            if (param.length() > 2 && (param.startsWith("q=") || param.startsWith("Q="))) {
                try {
                    double q = Double.parseDouble(param.substring(2).strip());
                    return Double.isFinite(q) ? Math.clamp(q, 0, 1) : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * The error's first line(s) without the stack: {@code TypeError: message}. A GraalJS syntax
     * error's second and third lines echo the source and a caret, so only its first line counts.
     */
    static String headline(String error) {
        String[] lines = error.split("\r?\n");
        String first = lines[0].startsWith("Uncaught ") ? lines[0].substring("Uncaught ".length()) : lines[0];
        if (first.startsWith("SyntaxError: ")) {
            return first;
        }
        StringBuilder out = new StringBuilder(first);
        for (int i = 1; i < lines.length && !STACK_LINE.matcher(lines[i]).matches(); i++) {
            out.append('\n').append(lines[i]);
        }
        return out.toString().stripTrailing();
    }

    private static byte[] json(String error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", headline(error));
        body.put("stack", error);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static String text(String error, Path projectRoot, Kind kind) {
        StringBuilder out = new StringBuilder();
        if (kind == Kind.RELOAD) {
            out.append("Reload failed. ").append(RELOAD_NOTE).append("\n\n");
        }
        out.append(error).append('\n');
        for (CodeFrame.Location location : CodeFrame.locations(error, projectRoot)) {
            Optional<String> frame = CodeFrame.textOf(location.file(), location.line(), location.column());
            if (frame.isPresent()) {
                out.append('\n').append(shown(projectRoot, location)).append('\n').append(frame.get());
                break;
            }
        }
        return out.toString();
    }

    private static String html(String error, Path projectRoot, Kind kind) {
        String headline = headline(error);
        String label = kind == Kind.RELOAD ? "Reload failed" : "Uncaught error in the fetch handler";
        StringBuilder out = new StringBuilder(4096);
        out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(label + ": " + firstLine(headline))).append(" · nano dev</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<p class=\"label\">").append(escape(label)).append("</p>\n")
                .append("<h1>").append(escape(headline)).append("</h1>\n");
        if (kind == Kind.RELOAD) {
            out.append("<p class=\"note\">").append(escape(RELOAD_NOTE)).append("</p>\n");
        }
        int shown = 0;
        for (CodeFrame.Location location : CodeFrame.locations(error, projectRoot)) {
            if (shown == MAX_FRAMES) {
                break;
            }
            Optional<CodeFrame> frame = CodeFrame.read(location.file(), location.line(), location.column());
            if (frame.isEmpty()) {
                continue;
            }
            shown++;
            out.append("<section>\n<h2><code>").append(escape(shown(projectRoot, location))).append("</code></h2>\n")
                    .append("<pre class=\"frame\">");
            frameHtml(frame.get(), out);
            out.append("</pre>\n</section>\n");
        }
        out.append("<h2>Stack</h2>\n<pre class=\"stack\">").append(escape(error)).append("</pre>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The frame's lines, the error line in a {@code mark} and its caret line after it. */
    private static void frameHtml(CodeFrame frame, StringBuilder out) {
        String[] lines = frame.text().split("\n");
        int index = 0;
        for (CodeFrame.Line line : frame.lines()) {
            String text = lines[index++];
            if (line.marked()) {
                out.append("<mark>").append(escape(text)).append("</mark>\n")
                        .append("<span class=\"caret\">").append(escape(lines[index++])).append("</span>\n");
            } else {
                out.append(escape(text)).append('\n');
            }
        }
    }

    /** A location as the developer knows it: relative to the project root. */
    private static String shown(Path projectRoot, CodeFrame.Location location) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path file = location.file();
        String path = file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.toString();
        return path + ":" + location.line() + ":" + location.column();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** Text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    // System colours follow the browser's light or dark scheme; the rest is spacing and type.
    private static final String STYLE = """
            :root{color-scheme:light dark;--accent:#c0392b;--muted:#6b6b6b;--panel:#f5f5f4;--mark:#fde2e1}
            @media (prefers-color-scheme:dark){:root{--accent:#ff7b72;--muted:#9a9a9a;--panel:#1e1e1e;--mark:#4a1f1f}}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:Canvas;color:CanvasText}
            main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem}
            .label{margin:0;color:var(--accent);font-weight:600;text-transform:uppercase;letter-spacing:.04em;font-size:.8rem}
            h1{margin:.25rem 0 1rem;font-size:1.35rem;white-space:pre-wrap;overflow-wrap:anywhere}
            h2{margin:1.5rem 0 .5rem;font-size:.95rem;color:var(--muted);font-weight:600}
            .note{padding:.6rem .8rem;border-left:3px solid var(--accent);background:var(--panel)}
            pre{margin:0;padding:.8rem 1rem;background:var(--panel);border-radius:6px;overflow-x:auto;
            font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;tab-size:4}
            .stack{white-space:pre-wrap;overflow-wrap:anywhere}
            mark{display:inline-block;min-width:100%;background:var(--mark);color:inherit}
            .caret{color:var(--accent);font-weight:700}
            """;
}
