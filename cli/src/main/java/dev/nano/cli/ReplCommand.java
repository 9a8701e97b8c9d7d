package dev.nano.cli;

import dev.nano.devserver.ServeConfig;
import dev.nano.repl.HistoryFile;
import dev.nano.repl.PipedRepl;
import dev.nano.repl.Repl;
import dev.nano.repl.ReplConsole;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code nano repl [ENTRY|DIR]}: an interactive prompt on the runtime {@code serve} uses; with a
 * worker project, the worker is loaded as {@code nano dev} loads it and {@code env} and
 * {@code dispatch()} are in scope. Without a terminal, piped input is evaluated statement by statement.
 */
@Command(name = "repl", description = "An interactive JavaScript prompt; with a worker, its env and dispatch(path, init) in scope.",
        mixinStandardHelpOptions = true)
public final class ReplCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ENTRY|DIR",
            description = "A worker module or project directory to load (nano.toml, wrangler.toml/json/jsonc). Default: none.")
    Path target;

    @Mixin
    WorkerOptions options;

    @Mixin
    DebugFlags debug = new DebugFlags();

    public ReplCommand() {
    }

    /** {@code nano repl [ENTRY|DIR]} without options, which {@link Main} runs without picocli (start-up). */
    ReplCommand(Path target) {
        this.target = target;
        this.options = new WorkerOptions();
    }

    @Override
    public Integer call() throws Exception {
        ServeConfig config = null;
        if (target != null) {
            try {
                config = ServeConfig.load(target, options.overrides());
            } catch (ServeConfig.ConfigException e) {
                System.err.println("nano repl: " + e.getMessage());
                return 1;
            }
        }
        Debugger debugger;
        try {
            debugger = DebugStart.start(debug, "nano repl" + (target != null ? " " + target : ""), config != null ? config.entry() : null, System.err);
        } catch (DebugFlags.Failure e) {
            System.err.println("nano repl: " + e.getMessage());
            return e.exitCode;
        }
        try (debugger) {
            return DevKeys.isInteractive() ? interactive(config, debugger) : piped(config, debugger);
        }
    }

    private static ReplSession session(ServeConfig config, PrintStream out, PrintStream err, Debugger debugger) {
        if (debugger == null) {
            return new ReplSession(config, out, err);
        }
        ReplSession session = new ReplSession(config, out, err, debugger.engineSetup(), debugger::awaitDebugger);
        debugger.evaluateIn(session::runtime);
        return session;
    }

    private static int interactive(ServeConfig config, Debugger debugger) throws Exception {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try (ReplConsole console = ReplConsole.open()) {
            // Everything printed while the prompt waits (a timer's console.log) goes above it.
            System.setOut(console.out());
            System.setErr(console.err());
            console.println("Welcome to NANO " + NanoVersion.nano() + ".\nType \".help\" for more information.");
            // The debugger door (if any) closes first: GraalVM's instruments wait for their clients to leave.
            try (ReplSession session = session(config, console.out(), console.err(), debugger); debugger) {
                return new Repl(console, session, session.tooling(), HistoryFile.locate(System.getenv())).run();
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private static int piped(ServeConfig config, Debugger debugger) throws Exception {
        AtomicBoolean uncaught = new AtomicBoolean();
        try (ReplSession session = session(config, System.out, System.err, debugger); debugger) {
            session.runtime().onUncaught(message -> {
                System.err.println(message);
                uncaught.set(true);
            });
            int exit = new PipedRepl(session, session.tooling(), System.out, System.err)
                    .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            // As at the end of a script: timers and fetches started by the input finish first.
            session.runtime().loop().whenIdle().get();
            return exit == 0 && !uncaught.get() ? 0 : 1;
        }
    }
}
