package dev.nano.cli;

import dev.nano.runtime.NanoRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nano run FILE [ARGS]}: runs a module or script until nothing is pending. */
@Command(name = "run", description = "Run a JavaScript module or script until nothing is pending.",
        mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.js, .mjs) or classic script (.cjs, or .js without import/export).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the script (available as Nano.args).")
    List<String> args = List.of();

    @Mixin
    DebugFlags debug = new DebugFlags();

    /** For picocli, which fills the fields. */
    public RunCommand() {
    }

    RunCommand(Path file, List<String> args) {
        this.file = file;
        this.args = args;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            System.err.println("error: module not found: " + file);
            return 1;
        }
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        // Scripts may read modules of their project only: the working directory when the file is
        // inside it, else the file's own directory.
        Path root = abs.startsWith(cwd) ? cwd : abs.getParent();
        NanoRuntime.Builder builder = NanoRuntime.builder().projectRoot(root).args(args).version(NanoVersion.nano());
        if (!debug.given()) {
            try (NanoRuntime runtime = builder.build()) {
                return runtime.runMain(abs);
            }
        }
        return debugged(builder, abs);
    }

    /** Kept apart so that a run without debugger flags loads no inspector class. */
    private int debugged(NanoRuntime.Builder builder, Path abs) {
        try (var debugger = DebugStart.start(debug, "nano run " + file, abs, System.err)) {
            // The debugger door closes first: GraalVM's instruments wait for their clients to leave
            // before the engine can close.
            try (NanoRuntime runtime = builder.engineSetup(debugger.engineSetup()).build(); debugger) {
                debugger.evaluateIn(() -> runtime);
                debugger.awaitDebugger(); // --inspect-wait, --inspect-brk
                return runtime.runMain(abs);
            }
        } catch (DebugFlags.Failure e) {
            System.err.println("nano run: " + e.getMessage());
            return e.exitCode;
        }
    }
}
