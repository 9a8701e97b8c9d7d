package dev.nano.runtime;

import dev.nano.runtime.module.ProjectFileSystem;
import dev.nano.runtime.worker.FetcherBinding;
import dev.nano.runtime.worker.Worker;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The single isolate: one GraalJS {@link Context} owned by one {@link EventLoop} thread, with the
 * Web APIs installed. This is the embedding API: build one, load a worker or run a script, close.
 *
 * <pre>{@code
 * try (NanoRuntime rt = NanoRuntime.builder().projectRoot(dir).build()) {
 *     int exit = rt.runMain(dir.resolve("main.js"));
 * }
 * }</pre>
 *
 * All JS work happens on the loop thread; methods here are safe from any thread and return
 * futures (or block, where named so).
 */
public final class NanoRuntime implements AutoCloseable, RuntimeServices {
    /** Only members annotated {@code @HostAccess.Export} are visible to scripts; no reflection, no class lookup. */
    public static final HostAccess HOST_ACCESS = HostAccess.newBuilder()
            .allowAccessAnnotatedBy(HostAccess.Export.class)
            .allowBufferAccess(true)
            .allowArrayAccess(true)
            .build();

    private static final Pattern MODULE_SYNTAX = Pattern.compile(
            "^\\s*(import\\s*[\\w{*'\"]|export\\s)", Pattern.MULTILINE);

    private final Builder config;
    private final EventLoop loop;
    /** False when the loop is shared (hot reload): closing this runtime then leaves it running. */
    private final boolean ownsLoop;
    private final ProjectFileSystem files;
    private final ExecutorService workers;
    private final boolean ownsEngine;
    private final Engine engine;
    private Context context;
    private Value internals;
    /** Host halves holding resources (an HTTP client), closed with the runtime. */
    private final java.util.List<AutoCloseable> closeableOps = new java.util.ArrayList<>();
    private volatile Consumer<String> uncaughtListener;
    private volatile boolean closed;

    private NanoRuntime(Builder config) {
        this.config = config;
        this.ownsEngine = config.engine == null;
        this.engine = ownsEngine ? newEngine(config.engineOptions, config.engineSetup) : config.engine;
        // As many threads as libuv gives Node by default, more on a bigger machine.
        this.workers = new WorkerPool("nano-worker", Math.max(4, Runtime.getRuntime().availableProcessors()));
        this.ownsLoop = config.loop == null;
        this.loop = ownsLoop ? new EventLoop("nano-loop") : config.loop;
        this.files = new ProjectFileSystem(config.projectRoot);
        config.builtinModules.forEach(files::builtinModule);
        this.uncaughtListener = config.uncaughtListener;
        if (ownsLoop) {
            loop.reportFailuresTo(this::reportUncaught);
            loop.start();
            await(loop.submit(() -> {
                boot();
                return null;
            }));
        } else {
            // On a shared loop the context is built on the caller's thread: nothing can reach it
            // before it is handed over, and the loop keeps serving the other versions meanwhile
            // (hot reload boots the next version while the current one answers requests).
            boot();
        }
    }

    /**
     * On a shared loop, makes this runtime the one that reports the loop's task failures (its timer
     * callbacks', say): hot reload calls it when the version becomes the one serving.
     */
    public void reportLoopFailures() {
        loop.reportFailuresTo(this::reportUncaught);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An engine suitable for sharing between runtimes (hot reload keeps one engine and builds a new
     * runtime on it for each version). {@code options} are engine options such as {@code inspect}.
     */
    public static Engine newEngine(Map<String, String> options) {
        return newEngine(options, builder -> { });
    }

    /**
     * An engine as {@link #newEngine(Map)} makes, with {@code setup} applied to its builder last:
     * the hook through which a debugger door adds its instrument options and message transport.
     */
    public static Engine newEngine(Map<String, String> options, Consumer<Engine.Builder> setup) {
        Engine.Builder b = Engine.newBuilder("js")
                .allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false");
        options.forEach(b::option);
        setup.accept(b);
        Engine engine = b.build();
        if (engine.getImplementationName().startsWith("GraalVM")) {
            CompilerPriority.startOnce(); // JIT mode: compiler threads behind the event threads
        }
        return engine;
    }

    private void boot() {
        Context.Builder b = Context.newBuilder("js")
                .engine(engine)
                .allowHostAccess(HOST_ACCESS)
                .allowHostClassLookup(name -> false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowIO(IOAccess.newBuilder().fileSystem(files).build())
                .allowExperimentalOptions(true)
                .out(config.out)
                .err(config.err)
                .option("js.ecmascript-version", "latest")
                .option("js.esm-eval-returns-exports", "true")
                .option("js.unhandled-rejections", "throw")
                .option("js.console", "false")
                // console writes with print/printErr (through the context's streams, which the
                // inspector sees); core.js takes them off the global object.
                .option("js.print", "true")
                .option("js.load", "false")
                .option("js.graal-builtin", "false")
                .option("js.java-package-globals", "false")
                .option("js.performance", "false")
                .option("js.foreign-object-prototype", "true")
                .option("js.timer-resolution", "0")
                // AsyncContext (TC39 proposal, experimental in GraalJS) carries a served request's
                // fetch scope across awaits and timers; core.js keeps it internal.
                .option("js.async-context", "true")
                // Function bodies become Truffle trees on first call, not at load: start-up parses
                // NANO's own scripts and a program's modules without translating what never runs.
                .option("js.lazy-translation", "true");
        config.contextOptions.forEach(b::option);
        context = b.build();
        internals = context.eval(internalSource("({})", "nano:internals"));
        for (Extension ext : config.extensions) {
            if (!ext.isLazy()) {
                load(ext);
            } else {
                ProxyExecutable loader = args -> {
                    load(ext);
                    return null;
                };
                internals.invokeMember("defineLazyExtension", ext.lazyGlobals().toArray(), ext.lazyInternals().toArray(), loader);
            }
        }
        if (config.warmUp != null) {
            context.eval(internalSource(config.warmUp, "nano:warm-up"));
        }
        // Deno.args-style access to the command line of `nano run FILE ARGS...`.
        context.eval(internalSource("(args, version) => internals => internals.defineGlobal('Nano', Object.freeze({ args: Object.freeze([...args]), version }))", "nano:globals"))
                .execute(config.args.toArray(), config.version)
                .execute(internals);
    }

    /** NANO's own code: hidden from debuggers and stack traces unless internals are exposed. */
    private Source internalSource(String code, String name) {
        return Source.newBuilder("js", code, name).internal(!config.exposeInternals).buildLiteral();
    }

    private void load(Extension ext) {
        Object ops = ext.createOps(this);
        if (ops instanceof AutoCloseable closeable) {
            closeableOps.add(closeable);
        }
        for (String script : ext.scripts()) {
            String resource = "dev/nano/runtime/" + ext.name() + "/" + script;
            Source source = Source.newBuilder("js", readResource(resource), "nano:" + ext.name() + "/" + script)
                    .internal(!config.exposeInternals)
                    .buildLiteral();
            context.eval(source).execute(jsFacing(ops), internals);
        }
    }

    /**
     * What a script half sees of its ops: each exported method wrapped so that a host exception
     * ({@link JsError} above all) is rethrown as the JS error it names, never as a Java object.
     */
    private Object jsFacing(Object ops) {
        if (ops == null || !internals.hasMember("wrapOps")) {
            return ops;
        }
        String[] names = java.util.Arrays.stream(ops.getClass().getMethods())
                .filter(m -> m.isAnnotationPresent(HostAccess.Export.class))
                .map(java.lang.reflect.Method::getName)
                .distinct()
                .toArray(String[]::new);
        return internals.invokeMember("wrapOps", ops, names);
    }

    private static String readResource(String name) {
        URL url = NanoRuntime.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing runtime resource " + name);
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- embedding API

    /** The engine's implementation name: {@code "GraalVM CE"} with the JIT, {@code "Interpreted"} without. */
    public String engineImplementation() {
        return engine.getImplementationName();
    }

    public String engineVersion() {
        return engine.getVersion();
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Evaluates a file as an ES module (or, when it has no import/export syntax and is not
     * {@code .mjs}, as a classic script) and returns its namespace (or completion value).
     */
    public CompletableFuture<Value> evalFile(Path file) {
        return loop.submit(() -> context.eval(sourceFor(file)));
    }

    /**
     * Loads a worker module ({@code export default { fetch(request, env, ctx) }}) for serving.
     * {@code env} becomes the handler's {@code env} argument (values: strings, numbers, booleans,
     * lists and maps, as JSON allows). Blocks until the module evaluated.
     *
     * @throws WorkerLoadException when the module fails to evaluate or has no fetch handler
     */
    public Worker loadWorker(Path entry, Map<String, ?> env) {
        return loadWorker(entry, env, Map.of());
    }

    /**
     * Loads a worker module as {@link #loadWorker(Path, Map)} does, with {@code bindings} as
     * Fetcher entries of {@code env}: {@code env.NAME.fetch(input, init)} sends the request to the
     * binding's origin (see {@link FetcherBinding}). A binding named as an
     * {@code env} value replaces that value.
     *
     * @throws WorkerLoadException when the module fails to evaluate or has no fetch handler
     */
    public Worker loadWorker(Path entry, Map<String, ?> env, Map<String, FetcherBinding> bindings) {
        // Copied here, on the caller's thread: the loop must not see the caller change the map.
        Map<String, FetcherBinding> fixed = new java.util.LinkedHashMap<>(bindings);
        Path file = entry.toAbsolutePath().normalize();
        return await(loop.submit(() -> {
            Value namespace;
            try {
                namespace = context.eval(sourceFor(file));
            } catch (PolyglotException e) {
                throw new WorkerLoadException(formatError(e));
            }
            return Worker.create(this, namespace, file.toString(), env, fixed);
        }));
    }

    /**
     * Every file scripts have read so far (the entry of {@link #loadWorker} and each module it
     * imported, node_modules included): what a watcher must watch to see a change to the program.
     */
    public java.util.Set<Path> loadedFiles() {
        return files.filesRead();
    }

    /** Evaluates code as a classic script on the loop. */
    public CompletableFuture<Value> eval(String name, String code) {
        return loop.submit(() -> context.eval(Source.newBuilder("js", code, name).buildLiteral()));
    }

    /**
     * Stops the JS that is running now (a runaway {@code while (true) {}} included) with an
     * interruption, leaving the context, its globals and its pending timers intact: the evaluation
     * that was running fails with a {@link PolyglotException} whose {@code isInterrupted()} is true.
     * Safe from any thread; returns once the interruption took effect, or after {@code timeout}
     * (false) when the loop did not reach a point where it could be interrupted.
     */
    public boolean interrupt(java.time.Duration timeout) {
        Context running = context;
        if (running == null || closed) {
            return false;
        }
        try {
            running.interrupt(timeout);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (IllegalStateException e) {
            return false; // closed meanwhile
        }
    }

    /** Runs {@code action} on the loop with access to the context. */
    public <T> CompletableFuture<T> onLoop(java.util.function.Function<Context, T> action) {
        return loop.submit(() -> action.apply(context));
    }

    /**
     * {@code nano run}: evaluates {@code file}, then runs the loop until nothing is pending.
     * Returns 0, or 1 after the first uncaught error or unhandled rejection (printed with its JS stack).
     */
    public int runMain(Path file) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Consumer<String> previous = uncaughtListener;
        uncaughtListener = message -> {
            config.err.println(message);
            exit.complete(1);
        };
        try {
            evalFile(file).whenComplete((v, e) -> {
                if (e != null) {
                    reportUncaught(unwrap(e));
                    return;
                }
                loop.whenIdle().thenRun(() -> exit.complete(0));
            });
            return await(exit);
        } finally {
            uncaughtListener = previous;
        }
    }

    Source sourceFor(Path file) throws IOException {
        files.noteRead(file);
        String text = Files.readString(file);
        String name = file.getFileName().toString();
        boolean module = name.endsWith(".mjs")
                || (!name.endsWith(".cjs") && MODULE_SYNTAX.matcher(text).find());
        Source.Builder b = Source.newBuilder("js", file.toAbsolutePath().toFile()).content(text);
        if (module) {
            b.mimeType("application/javascript+module");
        }
        return b.build();
    }

    /** Where uncaught errors go (default: printed to err). Receives the formatted message with the JS stack. */
    public void onUncaught(Consumer<String> listener) {
        this.uncaughtListener = listener;
    }

    /** Shared JS-side registry of the Web APIs; loop thread only. */
    public Value internals() {
        return internals;
    }

    // ---------------------------------------------------------------- errors

    /** Turns a host failure into the JS error value a script should see. Loop thread only. */
    public Value toJsError(Throwable failure) {
        if (failure instanceof PolyglotException pe && pe.isGuestException() && pe.getGuestObject() != null) {
            return pe.getGuestObject();
        }
        String name = failure instanceof JsError je ? je.name() : "Error";
        String message = failure instanceof JsError ? failure.getMessage() : "internal error: " + failure;
        return internals.invokeMember("makeError", name, message == null ? "" : message);
    }

    /** Formats an error as Node does: {@code Uncaught Error: msg} followed by the JS stack. */
    public String formatError(Throwable failure) {
        if (failure instanceof PolyglotException pe) {
            if (pe.isHostException()) {
                Throwable host = pe.asHostException();
                return host instanceof JsError je ? je.name() + ": " + je.getMessage() : "internal error: " + host;
            }
            if (pe.isSyntaxError()) {
                // GraalJS's message already names file:line:column and shows the line.
                return pe.getMessage().stripTrailing();
            }
            if (pe.getGuestObject() == null || !loop.inLoop()) {
                return pe.getMessage() + formatLocation(pe);
            }
            try {
                return internals.invokeMember("formatError", pe.getGuestObject()).asString();
            } catch (RuntimeException e) {
                return pe.getMessage();
            }
        }
        if (failure instanceof JsError je) {
            return je.name() + ": " + je.getMessage();
        }
        return "internal error: " + failure;
    }

    private static String formatLocation(PolyglotException pe) {
        var loc = pe.getSourceLocation();
        if (loc == null || loc.getSource() == null) {
            return "";
        }
        return "\n    at " + loc.getSource().getName() + ":" + loc.getStartLine() + ":" + loc.getStartColumn();
    }

    void reportUncaught(Throwable e) {
        if (closed) {
            return;
        }
        if (e instanceof PolyglotException pe && pe.isCancelled()) {
            return;
        }
        String message = "Uncaught " + formatError(e);
        Consumer<String> listener = uncaughtListener;
        if (listener != null) {
            listener.accept(message);
        } else {
            config.err.println(message);
        }
    }

    // ---------------------------------------------------------------- RuntimeServices

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public HostPromise newPromise() {
        return new HostPromise(this);
    }

    @Override
    public PrintStream out() {
        return config.out;
    }

    @Override
    public PrintStream err() {
        return config.err;
    }

    @Override
    public Path projectRoot() {
        return config.projectRoot;
    }

    @Override
    public String setting(String key, String fallback) {
        return config.settings.getOrDefault(key, fallback);
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!ownsLoop) {
            // The loop goes on serving other versions: this version's timers and host resources are
            // released on it, between two tasks, and its context closed there.
            CompletableFuture<Void> done = loop.submit(() -> {
                closeOps();
                closeContext();
                return null;
            });
            try {
                if (!loop.inLoop()) {
                    done.get(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                closeContext(); // stuck in JS (or the loop is gone): cancel it from here
            }
            workers.shutdownNow();
            if (ownsEngine) {
                closeEngine();
            }
            return;
        }
        // Stops running JS (a runaway loop included) from another thread.
        closeContext();
        loop.close();
        try {
            loop.thread().join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeOps();
        workers.shutdownNow();
        if (ownsEngine) {
            closeEngine();
        }
    }

    private void closeEngine() {
        try {
            engine.close(true);
        } catch (IllegalStateException e) {
            // An instrument's thread still ending (a debugger connection that just closed) fails
            // the close: the engine's contexts are closed already, and its threads end on their own.
        }
    }

    private void closeContext() {
        if (context != null) {
            try {
                context.close(true);
            } catch (RuntimeException ignored) {
                // cancelling a context that is mid-execution may surface here; it is closed either way
            }
        }
    }

    private void closeOps() {
        for (AutoCloseable ops : closeableOps) {
            try {
                ops.close();
            } catch (Exception ignored) {
                // best effort: the runtime is going away
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    public static <T> T await(CompletableFuture<T> f, long timeout, TimeUnit unit) throws Exception {
        try {
            return f.get(timeout, unit);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Configures a {@link NanoRuntime}. */
    public static final class Builder {
        private Path projectRoot = Path.of("").toAbsolutePath();
        private Engine engine;
        private EventLoop loop;
        private String warmUp;
        private final Map<String, String> engineOptions = new HashMap<>();
        private Consumer<Engine.Builder> engineSetup = builder -> { };
        private final Map<String, String> contextOptions = new HashMap<>();
        private final Map<String, String> settings = new HashMap<>();
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private List<Extension> extensions = new ArrayList<>(Extensions.standard());
        /** {@code -Dnano.exposeInternals=true} shows NANO's JS to profilers and debuggers without code changes. */
        private boolean exposeInternals = Boolean.getBoolean("nano.exposeInternals");
        private Consumer<String> uncaughtListener;
        private List<String> args = List.of();
        private String version = "dev";
        private final Map<String, Path> builtinModules = new java.util.LinkedHashMap<>();

        public Builder projectRoot(Path root) {
            this.projectRoot = root.toAbsolutePath().normalize();
            return this;
        }

        /** Share an engine (hot reload, inspector). The runtime then does not close it. */
        public Builder engine(Engine engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Run on a shared loop ({@link EventLoop#start(String)}) instead of a loop of its own: hot
         * reload builds each version's runtime on the same loop thread. Closing the runtime then
         * leaves the loop running.
         */
        public Builder loop(EventLoop loop) {
            this.loop = loop;
            return this;
        }

        /**
         * A classic script run once while the runtime is built, before anything else can reach it:
         * it loads and exercises the Web APIs the embedder's scripts will use at once (most load
         * on first use, and a context's first use of each is slow), so that work is done ahead.
         */
        public Builder warmUp(String script) {
            this.warmUp = script;
            return this;
        }

        public Builder engineOption(String key, String value) {
            engineOptions.put(key, value);
            return this;
        }

        /**
         * Applied to the builder of the engine this runtime makes (not to a shared {@link #engine}):
         * how a debugger adds its instrument options and message transport.
         */
        public Builder engineSetup(Consumer<Engine.Builder> setup) {
            this.engineSetup = setup;
            return this;
        }

        public Builder contextOption(String key, String value) {
            contextOptions.put(key, value);
            return this;
        }

        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public Builder err(PrintStream err) {
            this.err = err;
            return this;
        }

        public Builder extension(Extension extension) {
            extensions.add(extension);
            return this;
        }

        /**
         * Serves {@code file} to {@code import ... from "specifier"} (a URL-like name such as
         * {@code nano:test}), wherever the file is: how a command offers a built-in module.
         */
        public Builder builtinModule(String specifier, Path file) {
            builtinModules.put(specifier, file);
            return this;
        }

        /** Show NANO's own JS in stack traces and the debugger (for working on NANO itself). */
        public Builder exposeInternals(boolean expose) {
            this.exposeInternals = expose;
            return this;
        }

        public Builder onUncaught(Consumer<String> listener) {
            this.uncaughtListener = listener;
            return this;
        }

        /** The script's command-line arguments, visible as {@code Nano.args}. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** The embedder's version, visible as {@code Nano.version}. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public NanoRuntime build() {
            return new NanoRuntime(this);
        }
    }
}
