package dev.nano.cli;

import dev.nano.devserver.DevServer;
import dev.nano.devserver.DevSession;
import dev.nano.devserver.ServeConfig;
import dev.nano.repl.HistoryFile;
import dev.nano.repl.Repl;
import dev.nano.repl.ReplConsole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nano dev [ENTRY|DIR]}: serves a worker and reloads it in place whenever one of its
 * modules, its config or {@code .dev.vars} changes, as {@code wrangler dev} does.
 */
@Command(name = "dev", description = "Serve a worker with hot reload: every save of its modules or config is live at once.",
        mixinStandardHelpOptions = true)
public final class DevCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENTRY|DIR", defaultValue = ".",
            description = "The worker module, or its project directory (nano.toml, wrangler.toml/json/jsonc). Default: the current directory.")
    Path target;

    @Mixin
    WorkerOptions options;

    @Mixin
    DebugFlags debug;

    @Option(names = "--cron", description = "Also run the worker's scheduled handler on the config's [triggers] crons.")
    boolean cron;

    @Option(names = "--repl", description = "Also open a REPL in the worker's own context: a global set at the prompt is seen by the next request.")
    boolean repl;

    @Override
    public Integer call() throws Exception {
        if (!repl) {
            return serve(System.out, System.err, null);
        }
        if (!DevKeys.isInteractive()) {
            System.err.println("nano dev --repl: the REPL needs a terminal (stdin and stdout)");
            return 2;
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (ReplConsole console = ReplConsole.open()) {
            // The session's and the server's lines (reloads, the request log) print above the prompt.
            System.setOut(console.out());
            System.setErr(console.err());
            return serve(console.out(), console.err(), console);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** Serves until exit: Ctrl-C, or the REPL's exit when {@code console} is given. */
    private Integer serve(PrintStream out, PrintStream err, ReplConsole console) throws Exception {
        ServeConfig.Overrides flags = options.overrides();
        Debugger debugger;
        try {
            // Before the session: the first version waits for a debugger under --inspect-brk/-wait.
            Path entry = ServeConfig.load(target, flags).entry();
            debugger = DebugStart.start(debug, "nano dev " + Path.of("").toAbsolutePath().relativize(entry), entry, err);
        } catch (ServeConfig.ConfigException e) {
            err.println("nano dev: " + e.getMessage());
            return 1;
        } catch (DebugFlags.Failure e) {
            err.println("nano dev: " + e.getMessage());
            return e.exitCode;
        }
        try (debugger) {
            return serve(out, err, console, flags, debugger);
        }
    }

    private Integer serve(PrintStream out, PrintStream err, ReplConsole console, ServeConfig.Overrides flags, Debugger debugger)
            throws Exception {
        DevSession session;
        try {
            session = debugger == null
                    ? DevSession.start(target, flags, out, err, builder -> { }, () -> { }, NanoVersion.nano())
                    // --inspect-wait, --inspect-brk: the first version loads once a debugger said to run
                    : DevSession.start(target, flags, out, err, debugger.engineSetup(), debugger::awaitDebugger, NanoVersion.nano());
        } catch (ServeConfig.ConfigException e) {
            err.println("nano dev: " + e.getMessage());
            return 1;
        }
        if (debugger != null) {
            // The DevTools console evaluates in whichever version serves now.
            debugger.evaluateIn(() -> session.serving() == null ? null : session.serving().runtime());
        }
        String devTools = debugger != null ? debugger.devToolsUrl() : null;
        ServeConfig config = session.config();
        boolean terminal = DevKeys.isInteractive();
        DevServer server;
        try {
            server = DevServer.startDev(session, config.host(), config.port(), out, terminal);
        } catch (IOException e) {
            session.close();
            if (Causes.isBindFailure(e)) {
                err.println("nano dev: port " + config.port() + " is in use (try --port 0)");
            } else {
                err.println("nano dev: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            }
            return 2;
        }
        CountDownLatch exit = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(exit::countDown));
        // The debugger door (if any) closes first: GraalVM's instruments wait for their clients to leave.
        try (session; server; DevCrons crons = cron ? DevCrons.start(session, err) : DevCrons.NONE; debugger) {
            out.println("Ready on " + server.uri());
            if (cron) {
                out.println(config.crons().isEmpty() ? "--cron: the config has no [triggers] crons"
                        : "Running scheduled() on " + String.join(", ", config.crons()));
            }
            if (console != null) {
                try (DevRepl host = new DevRepl(session, server.uri(), devTools, console)) {
                    out.println("REPL in the worker's context: env and dispatch(path, init) are in scope; .help lists commands");
                    return new Repl(console, host, host.tooling(), HistoryFile.locate(System.getenv())).run();
                }
            }
            try (DevKeys keys = terminal ? DevKeys.start(session, server.uri(), devTools, exit::countDown) : null) {
                if (keys != null) {
                    out.println(DevKeys.hint(devTools != null));
                }
                exit.await();
            }
        }
        return 0;
    }
}
