package dev.nano.devserver;

import dev.nano.runtime.EventLoop;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.HostPromise;
import dev.nano.runtime.stream.ByteSink;
import dev.nano.runtime.worker.HttpRequestDescriptor;
import dev.nano.runtime.worker.ResponseSink;
import dev.nano.runtime.worker.ScheduledOutcome;
import dev.nano.runtime.worker.Worker;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Hot reload: the versions of one worker project served one after another.
 *
 * <p>One {@link Engine} and one {@link EventLoop} live for the whole session, so parsed and
 * compiled code of unchanged modules is reused and every version's JS runs on the same thread. Each
 * version is a fresh {@link NanoRuntime} (a new context) built on them. A new version takes new
 * requests once its modules evaluated; requests in flight finish on the version that started them,
 * and an old version is closed after its last request and its {@code ctx.waitUntil} work (at most
 * {@link #RETIRE_GRACE_SECONDS} later). A load that fails keeps the last good version serving.
 *
 * <p>Reloads run one at a time on their own thread. The next version's runtime is booted ahead of
 * time, after each reload, so that a save costs only evaluating the project's modules.
 */
public final class DevSession implements AutoCloseable {
    static final long RETIRE_GRACE_SECONDS = 30;
    /**
     * What the spare runtime does ahead of a save, with what a worker's first request uses: the Web
     * APIs load on first use, and a context's first Request, URL and Response are slow. Done in the
     * spare, it took a small worker's load from ~9 to ~2 ms and its first request from ~10-20 to ~2 ms.
     */
    private static final String WARM_UP = """
            {
            const request = new Request("http://localhost/warm-up?q=1", { headers: { accept: "text/plain" } });
            new URL(request.url).searchParams.get("q");
            request.headers.get("accept");
            new Response("ok", { headers: { "content-type": "text/plain" } }).headers.get("content-type");
            Response.json({ ok: true });
            new TextEncoder().encode("ok");
            void ReadableStream;
            }
            """;

    private final Path target;
    private final ServeConfig.Overrides flags;
    private final PrintStream out;
    private final PrintStream err;
    private final Engine engine;
    private final EventLoop loop;
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("nano-reload").daemon(true).unstarted(r));
    private final ScheduledThreadPoolExecutor graceTimers = graceTimers();
    private final FileWatcher watcher;
    private final String version;
    private volatile ServeConfig config;
    private volatile Version current;
    /** The last load's failure (formatted), while no later load succeeded; else null. */
    private volatile String loadFailure;
    private NanoRuntime spare;
    /** Replaced versions not closed yet (requests or waitUntil work still running). */
    private final Set<Version> retiring = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final AssetsBinding assetsBinding = new AssetsBinding();
    private volatile Consumer<Serving> versionListener;
    private final AtomicInteger versions = new AtomicInteger();
    private volatile StaticAssets assets;
    private volatile Path assetsDir;

    private DevSession(ServeConfig config, ServeConfig.Overrides flags, Path target, PrintStream out, PrintStream err,
            Consumer<Engine.Builder> engineSetup, String version) throws IOException {
        this.config = config;
        this.flags = flags;
        this.target = target;
        this.out = out;
        this.err = err;
        this.version = version;
        this.engine = NanoRuntime.newEngine(Map.of(), engineSetup);
        this.loop = EventLoop.start("nano-loop");
        this.watcher = new FileWatcher(this::filesChanged);
    }

    /**
     * Loads the project (a failed first load is reported and served as an error until fixed) and
     * starts watching it.
     *
     * {@code engineSetup} configures the one engine every version runs on (a debugger's instrument);
     * {@code beforeFirstLoad} runs once the engine exists, before the first version's code (a
     * debugger's wait for a client to attach).
     *
     * @throws ServeConfig.ConfigException when the project's configuration cannot be read at all
     */
    public static DevSession start(Path target, ServeConfig.Overrides flags, PrintStream out, PrintStream err,
            Consumer<Engine.Builder> engineSetup, Runnable beforeFirstLoad, String version) throws IOException {
        ServeConfig config = ServeConfig.load(target, flags);
        DevSession session = new DevSession(config, flags, target, out, err, engineSetup, version);
        CompletableFuture.runAsync(() -> {
            beforeFirstLoad.run();
            session.reload(null, System.nanoTime());
        }, session.reloads).join();
        return session;
    }

    /** The engine every version runs on (shared with tools such as a REPL's parser). */
    public Engine engine() {
        return engine;
    }

    public ServeConfig config() {
        return config;
    }

    /** Where the session reports errors (the terminal's stderr). */
    PrintStream err() {
        return err;
    }

    private static ScheduledThreadPoolExecutor graceTimers() {
        var timers = new ScheduledThreadPoolExecutor(1,
                r -> Thread.ofPlatform().name("nano-retire").daemon(true).unstarted(r));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    /** The assets directory of the current configuration, or null when it has none. */
    StaticAssets assets() {
        Path dir = config.assetsDir();
        if (dir == null) {
            return null;
        }
        synchronized (this) {
            if (!dir.equals(assetsDir)) {
                assets = new StaticAssets(dir);
                assetsDir = dir;
            }
            return assets;
        }
    }

    AssetsBinding assetsBinding() {
        return assetsBinding;
    }

    /** The formatted error of the last load, while it has not been fixed; else null. */
    public String loadFailure() {
        return loadFailure;
    }

    /**
     * The serving version's runtime and worker, for a REPL in the same isolate ({@code nano dev
     * --repl}); null before a first good load. The runtime is closed some time after a reload
     * replaced it: follow {@link #onNewVersion}.
     */
    public Serving serving() {
        Version v = current;
        return v == null ? null : v.serving;
    }

    /**
     * Calls {@code listener} (on the reload thread) each time a new version starts serving, after
     * it took over new requests.
     */
    public void onNewVersion(Consumer<Serving> listener) {
        this.versionListener = listener;
    }

    /**
     * A version as a REPL sees it: its runtime (context) and loaded worker, and its number (1 for
     * the first good load).
     */
    public record Serving(NanoRuntime runtime, Worker worker, int number) {
    }

    /** The version serving now, or null before a first good load. */
    Version current() {
        return current;
    }

    /** Reloads now (the {@code r} key), as if every file had changed. */
    public CompletableFuture<Void> reloadNow() {
        return CompletableFuture.runAsync(() -> reload(Set.of(), System.nanoTime()), reloads);
    }

    /** A burst of changes, timed from its first event: the reload line counts the burst's quiet window too. */
    private void filesChanged(Set<Path> changed, long seen) {
        CompletableFuture.runAsync(() -> reload(changed, seen), reloads).join();
    }

    /** A reload; on the reload thread. {@code changed} is null for the first load. */
    private void reload(Set<Path> changed, long startNanos) {
        if (closed) {
            return;
        }
        Set<Path> watched = new LinkedHashSet<>();
        NanoRuntime runtime = null;
        try {
            ServeConfig fresh = ServeConfig.load(target, flags);
            config = fresh;
            runtime = takeSpare();
            Worker worker = runtime.loadWorker(fresh.entry(), fresh.vars(), assetsBinding.bindings(fresh));
            watched.addAll(runtime.loadedFiles());
            watched.addAll(configFiles(fresh));
            Version next = new Version(runtime, worker);
            Version previous = current;
            runtime.reportLoopFailures();
            current = next;
            loadFailure = null;
            watcher.watch(watched, false);
            if (previous != null) {
                previous.retire();
            }
            if (changed != null) {
                out.println(describe(changed) + ": reloaded in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms");
            }
            Consumer<Serving> listener = versionListener;
            if (listener != null) {
                listener.accept(next.serving);
            }
        } catch (WorkerLoadException | ServeConfig.ConfigException e) {
            if (runtime != null) {
                watched.addAll(runtime.loadedFiles());
                runtime.close();
            }
            Version serving = current;
            if (serving != null) {
                watched.addAll(serving.runtime.loadedFiles());
            }
            Path entry = config.entry();
            if (entry != null) {
                watched.add(entry);
            }
            watched.addAll(configFiles(config));
            watcher.watch(watched, true);
            loadFailure = e.getMessage();
            String what = changed == null ? "the worker failed to load" : describe(changed) + ": reload failed";
            err.println(what + (serving != null ? " (still serving the last good version)" : "") + "\n"
                    + ErrorPage.terminalFrame(e.getMessage(), config.projectRoot()));
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            loadFailure = "internal error: " + e;
            err.println("reload failed: internal error: " + e);
        }
        bootSpare();
    }

    /** The files whose appearance or change alters the configuration (existing or not). */
    private static List<Path> configFiles(ServeConfig config) {
        List<Path> files = new ArrayList<>();
        for (String name : ServeConfig.CONFIG_FILES) {
            files.add(config.projectRoot().resolve(name));
        }
        files.add(config.projectRoot().resolve(".dev.vars"));
        if (config.envName() != null) {
            files.add(config.projectRoot().resolve(".dev.vars." + config.envName()));
        }
        return files;
    }

    private String describe(Set<Path> changed) {
        if (changed.isEmpty()) {
            return "reload requested";
        }
        List<String> names = new ArrayList<>();
        for (Path p : changed) {
            Path root = config.projectRoot();
            names.add(p.startsWith(root) ? root.relativize(p).toString() : p.toString());
        }
        return (names.size() > 3 ? String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more"
                : String.join(", ", names)) + " changed";
    }

    private NanoRuntime takeSpare() {
        NanoRuntime runtime = spare;
        spare = null;
        return runtime != null ? runtime : newRuntime();
    }

    private void bootSpare() {
        if (spare == null && !closed) {
            try {
                spare = newRuntime();
            } catch (RuntimeException e) {
                spare = null; // the next reload boots one itself and reports what fails
            }
        }
    }

    private NanoRuntime newRuntime() {
        return NanoRuntime.builder()
                .engine(engine)
                .loop(loop)
                .projectRoot(config.projectRoot())
                .out(out)
                .err(err)
                .version(version)
                .warmUp(WARM_UP)
                .build();
    }

    /** The version each request goes to, counted as in flight there until its response ends. */
    WorkerTarget acquire() {
        while (true) {
            Version v = current;
            if (v == null || v.enter()) {
                return v;
            }
            // retired between the read and the count: the newer version takes it
        }
    }

    /**
     * Runs the serving version's {@code scheduled} handler ({@code /__scheduled}, {@code --cron}).
     * The version stays open until the run and its {@code waitUntil} work end.
     */
    public CompletableFuture<ScheduledOutcome> runScheduled(String cron, long scheduledTimeMillis) {
        WorkerTarget target = acquire();
        if (!(target instanceof Version version)) {
            return CompletableFuture.completedFuture(new ScheduledOutcome(false, false,
                    "the worker failed to load:\n" + loadFailure));
        }
        return version.worker.scheduled(cron, scheduledTimeMillis).whenComplete((outcome, failure) -> version.leave());
    }

    @Override
    public void close() throws Exception {
        closed = true;
        watcher.close();
        reloads.shutdownNow();
        graceTimers.shutdownNow();
        reloads.awaitTermination(5, TimeUnit.SECONDS);
        Version v = current;
        if (v != null) {
            v.runtime.close();
        }
        for (Version old : retiring) {
            old.runtime.close();
        }
        if (spare != null) {
            spare.close();
        }
        loop.shutdown();
        engine.close(true);
    }

    /** One loaded version of the worker. */
    final class Version implements WorkerTarget {
        final NanoRuntime runtime;
        final Worker worker;
        /** Requests in flight, plus one while the version is current. */
        private final AtomicInteger holds = new AtomicInteger(1);
        private final AtomicBoolean closing = new AtomicBoolean();
        private volatile ScheduledFuture<?> graceTimer;

        final Serving serving;

        Version(NanoRuntime runtime, Worker worker) {
            this.runtime = runtime;
            this.worker = worker;
            this.serving = new Serving(runtime, worker, versions.incrementAndGet());
        }

        boolean enter() {
            int n;
            do {
                n = holds.get();
                if (n == 0) {
                    return false;
                }
            } while (!holds.compareAndSet(n, n + 1));
            return true;
        }

        void leave() {
            if (holds.decrementAndGet() == 0) {
                closeWhenBackgroundWorkEnds();
            }
        }

        /** No longer current: closes once its last request is answered. */
        void retire() {
            // A request that never answers does not keep an old version forever. The timer is
            // cancelled (and forgets the version) once it closes: 200 reloads must not hold 200 contexts.
            retiring.add(this);
            graceTimer = graceTimers.schedule(this::closeNow, RETIRE_GRACE_SECONDS, TimeUnit.SECONDS);
            leave();
        }

        private void closeWhenBackgroundWorkEnds() {
            worker.whenWaitUntilSettled().thenRun(this::closeNow);
        }

        private void closeNow() {
            if (closing.compareAndSet(false, true)) {
                ScheduledFuture<?> timer = graceTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
                retiring.remove(this);
                // Not on the loop thread: closing waits for the loop to run the close between two tasks.
                if (!closed) {
                    reloads.execute(runtime::close);
                }
            }
        }

        @Override
        public RuntimeServices services() {
            return runtime;
        }

        @Override
        public void dispatch(HttpRequestDescriptor request, ResponseSink sink) {
            worker.dispatch(request, new CountedSink(sink, this));
        }
    }

    /** A response sink that tells its version when the response has ended. */
    private static final class CountedSink implements ResponseSink {
        private final ResponseSink sink;
        private final Version version;
        private final AtomicBoolean ended = new AtomicBoolean();

        CountedSink(ResponseSink sink, Version version) {
            this.sink = sink;
            this.version = version;
        }

        private void ended() {
            if (ended.compareAndSet(false, true)) {
                version.leave();
            }
        }

        @Override
        public void respond(int status, List<HttpRequestDescriptor.Header> headers, ByteBuffer body) {
            try {
                sink.respond(status, headers, body);
            } finally {
                ended();
            }
        }

        @Override
        public void fail(String formattedError) {
            try {
                sink.fail(formattedError);
            } finally {
                ended();
            }
        }

        @Override
        public ByteSink respondStreaming(int status, List<HttpRequestDescriptor.Header> headers) {
            ByteSink body = sink.respondStreaming(status, headers);
            return new CountedBody(body, this::ended);
        }

        @Override
        public void whenClientGone(Runnable action) {
            sink.whenClientGone(action);
        }
    }

    /** A streamed body whose end (or abort) ends the request's hold on its version. */
    public static final class CountedBody implements ByteSink {
        private final ByteSink body;
        private final Runnable ended;

        CountedBody(ByteSink body, Runnable ended) {
            this.body = body;
            this.ended = ended;
        }

        @HostAccess.Export
        @Override
        public HostPromise write(Value chunk) {
            return body.write(chunk);
        }

        @HostAccess.Export
        @Override
        public void close() {
            try {
                body.close();
            } finally {
                ended.run();
            }
        }

        @HostAccess.Export
        @Override
        public void abort(String reason) {
            try {
                body.abort(reason);
            } finally {
                ended.run();
            }
        }
    }
}
