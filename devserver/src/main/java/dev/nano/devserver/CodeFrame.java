package dev.nano.devserver;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines around an error's location, as Node, Babel and Deno print them:
 * <pre>
 *   1 | const a = 1;
 * > 2 | const b = 2 x;
 *     |             ^
 *   3 | export default {};
 * </pre>
 * and {@link #locations} to find the project's {@code file:line:column} locations in a formatted error.
 *
 * @param lines       the lines shown, one of them {@linkplain Line#marked marked} as the error line
 * @param caretColumn where the caret goes under the marked line: 0-based, in display columns
 */
public record CodeFrame(List<Line> lines, int caretColumn) {
    /** Lines shown before and after the error line. */
    public static final int CONTEXT = 2;
    /** Tabs are expanded to this stop so the caret lines up whatever the terminal's tab width. */
    static final int TAB_STOP = 4;
    /** Wider lines (minified bundles) are cut to a window around the caret. */
    static final int MAX_WIDTH = 160;
    /** Larger files are not read: a frame is a convenience, not worth reading a huge bundle again. */
    static final long MAX_FILE_BYTES = 16L << 20;

    /** One shown line: its 1-based number and its text, tabs expanded, controls replaced. */
    public record Line(int number, String text, boolean marked) {
    }

    /** A place in a file, as a stack names it; line and column are 1-based. */
    public record Location(Path file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    public CodeFrame {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a code frame shows at least its error line");
        }
    }

    /** The frame as text, {@code >} marking the error line and a caret under its column. */
    public String text() {
        int width = String.valueOf(lines.getLast().number()).length();
        StringBuilder out = new StringBuilder();
        for (Line line : lines) {
            String number = String.valueOf(line.number());
            out.append(line.marked() ? "> " : "  ")
                    .append(" ".repeat(width - number.length())).append(number).append(" |");
            if (!line.text().isEmpty()) {
                out.append(' ').append(line.text());
            }
            out.append('\n');
            if (line.marked()) {
                out.append("  ").append(" ".repeat(width)).append(" | ")
                        .append(" ".repeat(caretColumn)).append("^\n");
            }
        }
        return out.toString();
    }

    /** The frame's text for {@code file} at a 1-based line and column, or empty when the file cannot be read. */
    public static Optional<String> textOf(Path file, int line, int column) {
        return read(file, line, column, CONTEXT).map(CodeFrame::text);
    }

    public static Optional<CodeFrame> read(Path file, int line, int column) {
        return read(file, line, column, CONTEXT);
    }

    /**
     * Reads the frame: {@code context} lines either side of {@code line}. Empty when the file is
     * gone, unreadable, too large, or shorter than {@code line} (it changed since the error): a
     * frame is best effort and never an error of its own.
     */
    public static Optional<CodeFrame> read(Path file, int line, int column, int context) {
        if (line < 1) {
            return Optional.empty();
        }
        List<String> source;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            // Decoding replaces malformed bytes rather than failing: a frame of a mis-encoded file is still useful.
            source = splitLines(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return of(source, line, column, context);
    }

    /** The frame over lines already in memory (the first is line 1). */
    static Optional<CodeFrame> of(List<String> source, int line, int column, int context) {
        if (line < 1 || line > source.size()) {
            return Optional.empty();
        }
        String errorLine = source.get(line - 1);
        // Columns count UTF-16 units from 1, as GraalJS reports them; past the end points just after it.
        int units = Math.max(0, column - 1);
        int caret = displayWidth(errorLine.substring(0, Math.min(units, errorLine.length())))
                + Math.max(0, units - errorLine.length());
        int first = Math.max(1, line - context);
        int last = Math.min(source.size(), line + context);
        List<String> shown = new ArrayList<>();
        int widest = 0;
        for (int n = first; n <= last; n++) {
            String text = display(source.get(n - 1));
            shown.add(text);
            widest = Math.max(widest, text.codePointCount(0, text.length()));
        }
        // One window for every line keeps the context aligned with the caret.
        int start = 0;
        if (widest > MAX_WIDTH && caret > MAX_WIDTH / 2) {
            start = caret - MAX_WIDTH / 2;
        }
        List<Line> lines = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            lines.add(new Line(n, window(shown.get(n - first), start), n == line));
        }
        return Optional.of(new CodeFrame(lines, start == 0 ? caret : caret - start + 1));
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (true) {
            int nl = text.indexOf('\n', from);
            String line = nl < 0 ? text.substring(from) : text.substring(from, nl);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (nl < 0) {
                return lines;
            }
            if (nl == text.length() - 1) {
                return lines;  // a final newline ends the last line rather than starting an empty one
            }
            from = nl + 1;
        }
    }

    /** Display columns of {@code text}: tabs to the next stop, every other code point one column. */
    private static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width = cp == '\t' ? (width / TAB_STOP + 1) * TAB_STOP : width + 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    /** Tabs expanded; control characters replaced, so a source file cannot drive the terminal it is printed on. */
    private static String display(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                int next = (width / TAB_STOP + 1) * TAB_STOP;
                out.repeat(' ', next - width);
                width = next;
                continue;
            }
            out.appendCodePoint(cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ? '\uFFFD' : cp);
            width++;
        }
        return out.toString().stripTrailing();
    }

    /** {@code MAX_WIDTH} columns of {@code text} from {@code start}, an ellipsis where it was cut. */
    private static String window(String text, int start) {
        int length = text.codePointCount(0, text.length());
        if (start == 0 && length <= MAX_WIDTH) {
            return text;
        }
        int from = Math.min(start, length);
        int to = Math.min(length, start + MAX_WIDTH);
        String cut = text.substring(text.offsetByCodePoints(0, from), text.offsetByCodePoints(0, to));
        return (start > 0 ? "…" : "") + cut + (to < length ? "…" : "");
    }

    // ---------------------------------------------------------------- locations in a formatted error

    /** GraalJS's syntax error: {@code SyntaxError: name:line:column message}, then the line and a caret. */
    private static final Pattern SYNTAX_ERROR = Pattern.compile("^(?:Uncaught )?SyntaxError: (.+?):(\\d+):(\\d+)(?: |$)");
    private static final Pattern LOCATION = Pattern.compile("^(.+):(\\d+):(\\d+)$");
    private static final Pattern STACK_LINE = Pattern.compile("^\\s+at (.+)$");
    /** A URL scheme (nano:, node:, http:); two letters or more so that a Windows drive is not one. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    /**
     * Frames are only read from script files: a thrown message can contain text that looks like a
     * stack line, and must not get {@code .dev.vars} or other files shown in a page.
     */
    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("js", "mjs", "cjs", "jsx", "ts", "mts", "cts", "tsx");
    /** Bounds the search for a syntax error's relative name in a large project. */
    private static final int MAX_FILES_SEARCHED = 20_000;

    /**
     * The {@code file:line:column} locations in {@code formattedError} that are in the project, in
     * stack order, without repeats: stack lines ({@code at name (file:1:2)}, {@code at file:1:2},
     * {@code file:} URLs) and GraalJS's syntax error first line. NANO's own frames
     * ({@code nano:...}), native frames, other schemes, files outside {@code projectRoot} and
     * non-script files are skipped.
     *
     * <p>A syntax error names its module as it was imported ({@code ./sub/bad.js}, relative to the
     * importer, which the error does not name): such a name is looked up in the project, and the
     * source line GraalJS echoes picks the file when several match.
     */
    public static List<Location> locations(String formattedError, Path projectRoot) {
        List<Location> found = new ArrayList<>();
        if (formattedError == null || projectRoot == null) {
            return found;
        }
        Path root = projectRoot.toAbsolutePath().normalize();
        String[] lines = formattedError.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            Location location = null;
            Matcher syntax = i == 0 ? SYNTAX_ERROR.matcher(text) : null;
            if (syntax != null && syntax.find()) {
                String echoed = lines.length > 1 ? lines[1] : null;
                location = resolve(root, syntax.group(1), syntax.group(2), syntax.group(3), echoed);
            } else {
                Matcher stack = STACK_LINE.matcher(text);
                if (stack.matches()) {
                    location = stackLocation(root, stack.group(1).strip());
                }
            }
            if (location != null && !found.contains(location)) {
                found.add(location);
            }
        }
        return found;
    }

    /** {@code name (file:1:2)} or {@code file:1:2}; a path may itself hold " (", so each is tried from the left. */
    private static Location stackLocation(Path root, String frame) {
        if (frame.endsWith(")")) {
            for (int open = frame.indexOf(" ("); open >= 0; open = frame.indexOf(" (", open + 1)) {
                Matcher m = LOCATION.matcher(frame.substring(open + 2, frame.length() - 1));
                if (m.matches()) {
                    return resolve(root, m.group(1), m.group(2), m.group(3), null);
                }
            }
        }
        Matcher m = LOCATION.matcher(frame);
        return m.matches() ? resolve(root, m.group(1), m.group(2), m.group(3), null) : null;
    }

    private static Location resolve(Path root, String name, String line, String column, String echoed) {
        int lineNumber;
        int columnNumber;
        try {
            lineNumber = Integer.parseInt(line);
            columnNumber = Integer.parseInt(column);
        } catch (NumberFormatException e) {
            return null;
        }
        Path file = toPath(root, name, lineNumber, echoed);
        if (file == null || !isScript(file) || !inside(root, file)) {
            return null;
        }
        return new Location(file, lineNumber, columnNumber);
    }

    private static Path toPath(Path root, String name, int line, String echoed) {
        try {
            if (name.startsWith("file:")) {
                return Path.of(URI.create(name)).normalize();
            }
            if (name.startsWith("<") || SCHEME.matcher(name).find()) {
                return null;
            }
            Path path = Path.of(name);
            return path.isAbsolute() ? path.normalize() : findInProject(root, path, line, echoed);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {  // bad URI or path: no location
            return null;
        }
    }

    /**
     * A relative module name: the file under {@code root} it names, else the project's files whose
     * path ends with it (leading {@code ./} and {@code ../} dropped). With the echoed source line,
     * only files that have it at {@code line} count; without it, only a single match does.
     */
    private static Path findInProject(Path root, Path name, int line, String echoed) {
        Path direct = root.resolve(name).normalize();
        if (Files.isRegularFile(direct) && hasLine(direct, line, echoed)) {
            return direct;
        }
        Path suffix = name.normalize();
        while (suffix.getNameCount() > 0 && suffix.getName(0).toString().equals("..")) {
            if (suffix.getNameCount() == 1) {
                return null;
            }
            suffix = suffix.subpath(1, suffix.getNameCount());
        }
        Path wanted = suffix;
        List<Path> candidates = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                int seen;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String dirName = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (dirName.startsWith(".") || dirName.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.endsWith(wanted)) {
                        candidates.add(file.normalize());
                    }
                    return ++seen >= MAX_FILES_SEARCHED ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return null;
        }
        candidates.sort(null);
        if (echoed == null) {
            return candidates.size() == 1 ? candidates.getFirst() : null;
        }
        return candidates.stream().filter(c -> hasLine(c, line, echoed)).findFirst().orElse(null);
    }

    private static boolean hasLine(Path file, int line, String echoed) {
        if (echoed == null) {
            return true;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.skip(line - 1L).findFirst().map(l -> l.stripTrailing().equals(echoed.stripTrailing())).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isScript(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return false;
        }
        String name = fileName.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && SCRIPT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Inside the root by their real paths (symlinks, /tmp on macOS), else by the paths as written for a file now gone. */
    static boolean inside(Path root, Path file) {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (IOException | RuntimeException e) {
            return file.normalize().startsWith(root);
        }
    }
}
