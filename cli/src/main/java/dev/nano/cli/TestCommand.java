package dev.nano.cli;

import dev.nano.devserver.ErrorPage;
import dev.nano.devserver.ServeConfig;
import dev.nano.repl.WorkerGlobals;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.testing.TestResult;
import dev.nano.runtime.testing.Testing;
import dev.nano.runtime.worker.Worker;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nano test [FILES|DIR]}: finds test files, runs each in a fresh runtime (one engine for the
 * run) with test/describe/expect as globals, and reports as bun and deno do, or as JUnit XML.
 * Exit 0 when every test passed, 1 when one failed (or no test file was found), 2 on a usage error.
 */
@Command(name = "test", description = "Run the project's tests (*.test.js, *_test.js, *.spec.js, test/**/*.js; also .mjs).",
        mixinStandardHelpOptions = true)
public final class TestCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FILES|DIR", description = "Test files to run, or a directory to search (default: the working directory).")
    List<Path> targets = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "TEXT", description = "Run only tests whose full name (suites > test) contains TEXT, or matches /REGEX/.")
    String filter;

    @Option(names = "--reporter", paramLabel = "NAME", description = "default (per-file lines and a summary) or junit (JUnit XML).")
    String reporter = "default";

    @Option(names = "--output", paramLabel = "FILE", description = "Write the junit reporter's XML to FILE instead of stdout.")
    Path output;

    @Option(names = "--timeout", paramLabel = "MS", description = "Default per-test timeout in milliseconds (default: 5000).")
    long timeout = 5000;

    @Mixin
    WorkerOptions options;

    @Mixin
    DebugFlags debug = new DebugFlags();

    /** The results of one file. */
    record FileResult(String file, List<TestResult> results, double millis) {
        long count(TestResult.Status status) {
            return results.stream().filter(r -> r.status() == status).count();
        }
    }

    @Override
    public Integer call() {
        String reporterName = reporter.toLowerCase(Locale.ROOT);
        if (!reporterName.equals("default") && !reporterName.equals("junit")) {
            System.err.println("nano test: unknown reporter \"" + reporter + "\" (default or junit)");
            return 2;
        }
        boolean junit = reporterName.equals("junit");
        if (output != null && !junit) {
            System.err.println("nano test: --output is for --reporter junit");
            return 2;
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path target : targets) {
            if (!Files.exists(target)) {
                System.err.println("nano test: not found: " + target);
                return 2;
            }
        }
        Path root = projectRoot(cwd);
        List<Path> files;
        try {
            files = testFiles(root);
        } catch (UncheckedIOException e) {
            System.err.println("nano test: " + e.getCause().getMessage());
            return 1;
        }
        if (files.isEmpty()) {
            System.err.println("nano test: no test files found in " + root
                    + " (looked for **/*.test.{js,mjs}, **/*_test.{js,mjs}, **/*.spec.{js,mjs}, test/**/*.{js,mjs})");
            return 1;
        }
        ServeConfig config;
        try {
            config = workerConfig(root);
        } catch (ServeConfig.ConfigException e) {
            System.err.println("nano test: " + e.getMessage());
            return 1;
        }
        // The default reporter prints as results arrive; the junit one writes its XML at the end.
        PrintStream out = System.out;
        Reporter live = junit ? new Reporter(null, root) : new Reporter(out, root);
        List<FileResult> results;
        long start = System.nanoTime();
        if (!debug.given()) {
            Engine engine = NanoRuntime.newEngine(Map.of());
            try {
                results = runAll(engine, null, root, files, config, live);
            } finally {
                engine.close(true);
            }
        } else {
            try (Debugger debugger = DebugStart.start(debug, "nano test", files.getFirst(), System.err)) {
                Engine engine = NanoRuntime.newEngine(Map.of(), debugger != null ? debugger.engineSetup() : b -> { });
                try {
                    if (debugger != null) {
                        debugger.awaitDebugger();
                    }
                    results = runAll(engine, debugger, root, files, config, live);
                } finally {
                    if (debugger != null) {
                        debugger.close();
                    }
                    try {
                        engine.close(true);
                    } catch (IllegalStateException ignored) {
                        // an instrument still ending its connection: the contexts are closed already
                    }
                }
            } catch (DebugFlags.Failure e) {
                System.err.println("nano test: " + e.getMessage());
                return e.exitCode;
            }
        }
        double totalMillis = (System.nanoTime() - start) / 1e6;
        if (junit) {
            String xml = JUnitXml.write(results, totalMillis);
            if (output != null) {
                try {
                    Path parent = output.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(output, xml, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    System.err.println("nano test: cannot write " + output + ": " + e.getMessage());
                    return 1;
                }
                live.summary(System.err, results, totalMillis);
            } else {
                out.print(xml);
                out.flush();
            }
        } else {
            live.summary(out, results, totalMillis);
        }
        return results.stream().anyMatch(f -> f.count(TestResult.Status.FAILED) > 0) ? 1 : 0;
    }

    /** One DIR given: that directory; else the working directory when the files are inside it, else the first file's. */
    private Path projectRoot(Path cwd) {
        if (targets.size() == 1 && Files.isDirectory(targets.getFirst())) {
            return targets.getFirst().toAbsolutePath().normalize();
        }
        boolean inside = targets.stream().allMatch(t -> t.toAbsolutePath().normalize().startsWith(cwd));
        if (inside) {
            return cwd;
        }
        Path first = targets.getFirst().toAbsolutePath().normalize();
        return Files.isDirectory(first) ? first : first.getParent();
    }

    private List<Path> testFiles(Path root) {
        if (targets.isEmpty()) {
            return discover(root, root);
        }
        List<Path> files = new ArrayList<>();
        for (Path target : targets) {
            Path abs = target.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                files.addAll(discover(abs, root));
            } else if (!files.contains(abs)) {
                files.add(abs);
            }
        }
        return files;
    }

    /** The test files under {@code dir}, sorted by path; node_modules and dot-directories are skipped. */
    static List<Path> discover(Path dir, Path root) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        Path rel = dir.relativize(p);
                        for (Path part : rel) {
                            String name = part.toString();
                            if (name.equals("node_modules") || (name.startsWith(".") && !name.equals("."))) {
                                return false;
                            }
                        }
                        return isTestFile(root.relativize(p));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isTestFile(Path relative) {
        String name = relative.getFileName().toString();
        String stem;
        if (name.endsWith(".js")) {
            stem = name.substring(0, name.length() - 3);
        } else if (name.endsWith(".mjs")) {
            stem = name.substring(0, name.length() - 4);
        } else {
            return false;
        }
        return stem.endsWith(".test") || stem.endsWith("_test") || stem.endsWith(".spec")
                || (relative.getNameCount() > 1 && relative.getName(0).toString().equals("test"));
    }

    /**
     * The worker this project serves, when it is one: a config file that does not load is an error;
     * without a config file, a default entry ({@code src/index.js}...) makes it a worker project.
     */
    private ServeConfig workerConfig(Path root) {
        try {
            return ServeConfig.load(root, options.overrides());
        } catch (ServeConfig.ConfigException e) {
            boolean hasConfig = Stream.of("nano.toml", "wrangler.toml", "wrangler.json", "wrangler.jsonc")
                    .anyMatch(name -> Files.isRegularFile(root.resolve(name)));
            if (hasConfig) {
                throw e;
            }
            return null;
        }
    }

    private List<FileResult> runAll(Engine engine, Debugger debugger, Path root, List<Path> files, ServeConfig config, Reporter live) {
        List<FileResult> all = new ArrayList<>();
        for (Path file : files) {
            String name = root.relativize(file).toString().replace('\\', '/');
            if (name.startsWith("..")) {
                name = file.toString();
            }
            live.fileStarted(name);
            long start = System.nanoTime();
            List<TestResult> results = runFile(engine, debugger, root, file, config, live);
            all.add(new FileResult(name, results, (System.nanoTime() - start) / 1e6));
        }
        return all;
    }

    private List<TestResult> runFile(Engine engine, Debugger debugger, Path root, Path file, ServeConfig config, Reporter live) {
        List<TestResult> results = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<TestResult> sink = result -> {
            results.add(result);
            live.result(result);
        };
        NanoRuntime[] holder = new NanoRuntime[1];
        NanoRuntime runtime = NanoRuntime.builder()
                .engine(engine)
                .projectRoot(root)
                .out(System.out)
                .err(System.err)
                .version(NanoVersion.nano())
                .extension(Testing.extension(sink))
                .builtinModule(Testing.MODULE_SPECIFIER, Testing.moduleFile())
                .onUncaught(message -> {
                    if (holder[0] != null) {
                        Testing.uncaught(holder[0], message);
                    }
                })
                .build();
        holder[0] = runtime;
        try (runtime) {
            if (debugger != null) {
                debugger.evaluateIn(() -> runtime);
            }
            Testing.install(runtime).join();
            if (config != null) {
                try {
                    Worker worker = runtime.loadWorker(config.entry(), config.vars());
                    WorkerGlobals.install(runtime, worker, "http://" + config.host() + ":" + config.port()).join();
                } catch (WorkerLoadException e) {
                    sink.accept(fileFailure("the worker " + root.relativize(config.entry()).toString().replace('\\', '/') + " failed to load", e.getMessage()));
                    return results;
                }
            }
            try {
                runtime.evalFile(file).join();
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                String formatted = runtime.onLoop(context -> runtime.formatError(cause)).join();
                String message = cause instanceof PolyglotException pe && pe.isSyntaxError() ? "syntax error" : "the file failed to load";
                sink.accept(fileFailure(message, formatted));
                return results;
            }
            try {
                Testing.run(runtime, filter, timeout).join();
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                sink.accept(fileFailure("the test run failed", cause.getMessage()));
            }
        }
        return results;
    }

    private static final List<String> FILE_FAILURES = List.of("syntax error", "the file failed to load", "the test run failed", "the worker ");

    private static TestResult fileFailure(String message, String details) {
        String firstLine = details == null ? message : details.lines().findFirst().orElse(message);
        return new TestResult("", TestResult.Status.FAILED, 0, message + ": " + firstLine, details == null ? message : details);
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The default reporter: a header per file, a line per test, failures with their code frame. */
    static final class Reporter {
        private final PrintStream out;
        private final Path root;

        Reporter(PrintStream out, Path root) {
            this.out = out;
            this.root = root;
        }

        void fileStarted(String file) {
            if (out != null) {
                out.println();
                out.println(file + ":");
                out.flush();
            }
        }

        void result(TestResult r) {
            if (out == null) {
                return;
            }
            switch (r.status()) {
                case PASSED -> out.println("  ✓ " + r.name() + " (" + Math.round(r.millis()) + " ms)");
                case SKIPPED -> out.println("  - " + r.name() + " (skipped)");
                case TODO -> out.println("  - " + r.name() + " (todo)");
                case FAILED -> {
                    out.println(r.fileLevel() ? "  ✗ " + fileHeadline(r) : "  ✗ " + r.name() + " (" + Math.round(r.millis()) + " ms)");
                    out.println(failureText(r, root).indent(4).stripTrailing());
                }
            }
            out.flush();
        }

        /** What failed, for a failure outside any test. */
        private static String fileHeadline(TestResult r) {
            String message = String.valueOf(r.message());
            for (String kind : FILE_FAILURES) {
                if (message.startsWith(kind)) {
                    int colon = message.indexOf(": ");
                    return colon < 0 ? message : message.substring(0, colon);
                }
            }
            return "an error outside any test";
        }

        void summary(PrintStream to, List<FileResult> files, double millis) {
            long passed = 0;
            long failed = 0;
            long skipped = 0;
            long todo = 0;
            for (FileResult f : files) {
                passed += f.count(TestResult.Status.PASSED);
                failed += f.count(TestResult.Status.FAILED);
                skipped += f.count(TestResult.Status.SKIPPED);
                todo += f.count(TestResult.Status.TODO);
            }
            to.println();
            to.println(passed + " passed, " + failed + " failed, " + skipped + " skipped" + (todo > 0 ? ", " + todo + " todo" : "")
                    + " (" + files.size() + " file" + (files.size() == 1 ? "" : "s") + ", " + Math.round(millis) + " ms)");
            to.flush();
        }
    }

    /**
     * A failure as printed: the error, its diff, and beneath them the first project location with
     * its code frame ({@link ErrorPage#terminalFrame}), or the stack when no location is the project's.
     */
    static String failureText(TestResult r, Path root) {
        String details = r.details() == null ? String.valueOf(r.message()) : r.details();
        List<String> lines = details.lines().toList();
        int firstAt = 0;
        while (firstAt < lines.size() && !lines.get(firstAt).stripLeading().startsWith("at ")) {
            firstAt++;
        }
        if (firstAt == lines.size()) {
            String framed = ErrorPage.terminalFrame(details, root);
            return framed.equals(details.stripTrailing()) ? details.stripTrailing() : framed;
        }
        String head = String.join("\n", lines.subList(0, firstAt)).stripTrailing();
        String framed = ErrorPage.terminalFrame(lines.getFirst() + "\n" + String.join("\n", lines.subList(firstAt, lines.size())), root);
        int at = framed.indexOf("\n    at ");
        return at < 0 ? details.stripTrailing() : head + "\n" + framed.substring(at + 1).stripTrailing();
    }

    /** The junit reporter: well-formed JUnit XML as Jenkins, GitHub and Eclipse read it. */
    static final class JUnitXml {
        private JUnitXml() {
        }

        static String write(List<FileResult> files, double totalMillis) {
            long tests = 0;
            long failures = 0;
            long skipped = 0;
            for (FileResult f : files) {
                tests += f.results().size();
                failures += f.count(TestResult.Status.FAILED);
                skipped += f.count(TestResult.Status.SKIPPED) + f.count(TestResult.Status.TODO);
            }
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            xml.append("<testsuites name=\"nano test\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                    .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(seconds(totalMillis)).append("\">\n");
            for (FileResult f : files) {
                xml.append("  <testsuite name=\"").append(escape(f.file())).append("\" tests=\"").append(f.results().size())
                        .append("\" failures=\"").append(f.count(TestResult.Status.FAILED))
                        .append("\" errors=\"0\" skipped=\"").append(f.count(TestResult.Status.SKIPPED) + f.count(TestResult.Status.TODO))
                        .append("\" time=\"").append(seconds(f.millis())).append("\">\n");
                for (TestResult r : f.results()) {
                    String name = r.fileLevel() ? "(file)" : r.name();
                    xml.append("    <testcase classname=\"").append(escape(f.file())).append("\" name=\"").append(escape(name))
                            .append("\" time=\"").append(seconds(r.millis())).append('"');
                    switch (r.status()) {
                        case PASSED -> xml.append("/>\n");
                        case SKIPPED -> xml.append(">\n      <skipped/>\n    </testcase>\n");
                        case TODO -> xml.append(">\n      <skipped message=\"todo\"/>\n    </testcase>\n");
                        case FAILED -> xml.append(">\n      <failure message=\"").append(escape(String.valueOf(r.message())))
                                .append("\" type=\"").append(escape(errorType(r))).append("\">")
                                .append(text(r.details() == null ? String.valueOf(r.message()) : r.details()))
                                .append("</failure>\n    </testcase>\n");
                    }
                }
                xml.append("  </testsuite>\n");
            }
            xml.append("</testsuites>\n");
            return xml.toString();
        }

        private static String errorType(TestResult r) {
            String details = r.details();
            if (details != null) {
                var m = java.util.regex.Pattern.compile("^(?:Uncaught )?([A-Za-z_$][\\w$]*):").matcher(details);
                if (m.find()) {
                    return m.group(1);
                }
            }
            return "Error";
        }

        private static String seconds(double millis) {
            return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
        }

        /** Escapes for text and attributes; characters XML 1.0 cannot hold (ANSI escapes' ESC) become U+FFFD. */
        static String escape(String s) {
            return escape(s, true);
        }

        static String text(String s) {
            return escape(s, false);
        }

        static String escape(String s, boolean attribute) {
            StringBuilder b = new StringBuilder(s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&apos;");
                    case '\n' -> b.append(attribute ? "&#10;" : "\n");
                    case '\r' -> b.append("&#13;");
                    case '\t' -> b.append(attribute ? "&#9;" : "\t");
                    default -> {
                        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                            b.append('\uFFFD');
                        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            b.append(c).append(s.charAt(++i));
                        } else if (Character.isSurrogate(c)) {
                            b.append('\uFFFD');
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.toString();
        }
    }
}
