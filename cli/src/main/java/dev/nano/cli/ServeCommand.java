package dev.nano.cli;

import dev.nano.devserver.DevServer;
import dev.nano.devserver.ServeConfig;
import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nano serve [ENTRY|DIR]}: serves a worker's {@code fetch} handler over HTTP until stopped. */
@Command(name = "serve", description = "Serve a worker (export default { fetch(request, env, ctx) }) over HTTP.",
        mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENTRY|DIR", defaultValue = ".",
            description = "The worker module, or its project directory (nano.toml, wrangler.toml/json/jsonc). Default: the current directory.")
    Path target;

    @Mixin
    WorkerOptions options;

    @Mixin
    DebugFlags debug;

    @Override
    public Integer call() throws Exception {
        ServeConfig config;
        try {
            config = ServeConfig.load(target, options.overrides());
        } catch (ServeConfig.ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        NanoRuntime.Builder builder = NanoRuntime.builder().projectRoot(config.projectRoot());
        if (debug.given()) {
            return debugged(config, builder);
        }
        try (NanoRuntime runtime = builder.build()) {
            return serve(config, runtime);
        }
    }

    /** Kept apart so that a serve without debugger flags loads no inspector class. */
    private int debugged(ServeConfig config, NanoRuntime.Builder builder) throws Exception {
        Debugger debugger;
        try {
            debugger = DebugStart.start(debug, "nano serve " + config.projectRoot().relativize(config.entry()), config.entry(), System.err);
        } catch (DebugFlags.Failure e) {
            System.err.println("nano serve: " + e.getMessage());
            return e.exitCode;
        }
        // The debugger door closes first: GraalVM's instruments wait for their clients to leave.
        try (NanoRuntime runtime = builder.engineSetup(debugger.engineSetup()).build(); debugger) {
            debugger.evaluateIn(() -> runtime);
            debugger.awaitDebugger(); // --inspect-wait, --inspect-brk: before the worker loads
            return serve(config, runtime);
        }
    }

    private static int serve(ServeConfig config, NanoRuntime runtime) throws Exception {
        DevServer server;
        try {
            server = DevServer.startServe(runtime, config);
        } catch (WorkerLoadException e) {
            System.err.println("error: the worker failed to load\n" + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("error: cannot listen on " + config.host() + ":" + config.port() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        }
        try (server) {
            System.out.println("Listening on " + server.uri());
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
