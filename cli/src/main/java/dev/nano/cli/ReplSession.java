package dev.nano.cli;

import dev.nano.devserver.ErrorPage;
import dev.nano.devserver.ServeConfig;
import dev.nano.repl.JsTooling;
import dev.nano.repl.ReplEvaluator;
import dev.nano.repl.ReplHost;
import dev.nano.repl.WorkerGlobals;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.worker.Worker;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.Engine;

/**
 * {@code nano repl}'s runtime: one engine for the session, a runtime on it (a new one on
 * {@code .clear}), and with a worker project, the worker loaded as {@code nano dev} loads it, its
 * {@code env} and {@code dispatch()} in scope.
 */
final class ReplSession implements ReplHost, AutoCloseable {
    private final ServeConfig config;
    private final Path projectRoot;
    private final PrintStream out;
    private final PrintStream err;
    /** Made in the background: the prompt shows while the engine and the first runtime boot. */
    private final CompletableFuture<Engine> engine;
    private final JsTooling tooling;
    private volatile CompletableFuture<Bound> bound;

    private record Bound(NanoRuntime runtime, ReplEvaluator evaluator) {
    }

    /** {@code config} is null for a REPL without a worker. */
    ReplSession(ServeConfig config, PrintStream out, PrintStream err) {
        this(config, out, err, builder -> { }, () -> { });
    }

    /**
     * {@code engineSetup} configures the session's engine (a debugger's instrument);
     * {@code beforeFirstRun} runs once it exists, before the worker or any entry runs (a
     * debugger's wait for a client to attach).
     */
    ReplSession(ServeConfig config, PrintStream out, PrintStream err, java.util.function.Consumer<Engine.Builder> engineSetup,
            Runnable beforeFirstRun) {
        this.config = config;
        this.projectRoot = config != null ? config.projectRoot() : Path.of("").toAbsolutePath();
        this.out = out;
        this.err = err;
        this.engine = CompletableFuture.supplyAsync(() -> NanoRuntime.newEngine(Map.of(), engineSetup), ReplSession::background);
        this.tooling = new JsTooling(engine::join);
        this.bound = engine.thenApplyAsync(e -> {
            beforeFirstRun.run();
            return start(e);
        }, ReplSession::background);
    }

    private static void background(Runnable task) {
        Thread.ofPlatform().name("nano-repl-boot").daemon(true).start(task);
    }

    JsTooling tooling() {
        return tooling;
    }

    private Bound start(Engine engine) {
        NanoRuntime fresh = NanoRuntime.builder()
                .engine(engine)
                .projectRoot(projectRoot)
                .out(out)
                .err(err)
                .version(NanoVersion.nano())
                .build();
        if (config != null) {
            try {
                Worker worker = fresh.loadWorker(config.entry(), config.vars());
                WorkerGlobals.install(fresh, worker, "http://" + config.host() + ":" + config.port()).join();
            } catch (WorkerLoadException e) {
                err.println("the worker failed to load; the REPL runs without it (no env, no dispatch)\n"
                        + ErrorPage.terminalFrame(e.getMessage(), projectRoot));
            }
        }
        return new Bound(fresh, new ReplEvaluator(fresh, tooling));
    }

    private Bound bound() {
        return bound.join();
    }

    @Override
    public NanoRuntime runtime() {
        return bound().runtime();
    }

    @Override
    public ReplEvaluator evaluator() {
        return bound().evaluator();
    }

    @Override
    public String clear() {
        NanoRuntime old = bound().runtime();
        bound = CompletableFuture.completedFuture(start(engine.join()));
        old.close();
        return "Clearing context...";
    }

    @Override
    public void close() {
        tooling.close();
        try {
            bound().runtime().close();
        } finally {
            engine.join().close(true);
        }
    }
}
