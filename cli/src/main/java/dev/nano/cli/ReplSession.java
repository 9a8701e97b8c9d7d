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
    private final Engine engine;
    private final JsTooling tooling;
    private volatile NanoRuntime runtime;
    private volatile ReplEvaluator evaluator;

    /** {@code config} is null for a REPL without a worker. */
    ReplSession(ServeConfig config, PrintStream out, PrintStream err) {
        this.config = config;
        this.projectRoot = config != null ? config.projectRoot() : Path.of("").toAbsolutePath();
        this.out = out;
        this.err = err;
        this.engine = NanoRuntime.newEngine(java.util.Map.of());
        this.tooling = new JsTooling(engine);
        start();
    }

    JsTooling tooling() {
        return tooling;
    }

    private void start() {
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
        runtime = fresh;
        evaluator = new ReplEvaluator(fresh, tooling);
    }

    @Override
    public NanoRuntime runtime() {
        return runtime;
    }

    @Override
    public ReplEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public String clear() {
        NanoRuntime old = runtime;
        start();
        old.close();
        return "Clearing context...";
    }

    @Override
    public void close() {
        runtime.close();
        tooling.close();
        engine.close(true);
    }
}
