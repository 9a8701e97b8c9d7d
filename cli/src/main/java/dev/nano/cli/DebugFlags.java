package dev.nano.cli;

import dev.nano.inspector.DebugAddress;
import dev.nano.inspector.DebugOptions;
import dev.nano.inspector.Inspector;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The debugger flags of {@code run}, {@code serve}, {@code dev} and {@code repl}, spelled as Node
 * and Deno spell them. A value must be attached ({@code --inspect=9230}): {@code --inspect main.js}
 * keeps {@code main.js} for the command.
 */
final class DebugFlags {
    @Option(names = "--inspect", arity = "0..1", preprocessor = AttachedValueOnly.class, paramLabel = "[HOST:]PORT",
            description = "Let Chrome DevTools, VS Code or any CDP client attach (default 127.0.0.1:9229; see docs/debugging.md).")
    String inspect;

    @Option(names = "--inspect-brk", arity = "0..1", preprocessor = AttachedValueOnly.class, paramLabel = "[HOST:]PORT",
            description = "As --inspect, and wait for a debugger, then pause on the entry's first line.")
    String inspectBrk;

    @Option(names = "--inspect-wait", arity = "0..1", preprocessor = AttachedValueOnly.class, paramLabel = "[HOST:]PORT",
            description = "As --inspect, and wait for a debugger to attach before running.")
    String inspectWait;

    @Option(names = "--dap", arity = "0..1", preprocessor = AttachedValueOnly.class, paramLabel = "[HOST:]PORT",
            description = "Serve the Debug Adapter Protocol for Eclipse and VS Code (default 127.0.0.1:4711).")
    String dap;

    /** Thrown after a bad flag or an address in use: what to print, and the exit code. */
    static final class Failure extends Exception {
        final int exitCode;

        Failure(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** True when any debugger flag was given. */
    boolean given() {
        return inspect != null || inspectBrk != null || inspectWait != null || dap != null;
    }

    DebugOptions options() throws Failure {
        int given = (inspect != null ? 1 : 0) + (inspectBrk != null ? 1 : 0) + (inspectWait != null ? 1 : 0);
        if (given > 1) {
            throw new Failure("--inspect, --inspect-brk and --inspect-wait exclude each other: give one", 2);
        }
        String spec = inspect != null ? inspect : inspectBrk != null ? inspectBrk : inspectWait;
        DebugOptions.Start start = inspectBrk != null ? DebugOptions.Start.BREAK
                : inspectWait != null ? DebugOptions.Start.WAIT : DebugOptions.Start.RUN;
        try {
            return new DebugOptions(
                    spec == null ? null : DebugAddress.parse(spec, DebugOptions.DEFAULT_INSPECT_PORT),
                    start,
                    dap == null ? null : DebugAddress.parse(dap, DebugOptions.DEFAULT_DAP_PORT));
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage(), 2);
        }
    }

    /**
     * Opens the debugger endpoints the flags ask for and prints where they are, or returns null
     * when no flag was given (then nothing of the inspector is loaded).
     */
    Inspector start(String command, Path entry, PrintStream err) throws Failure {
        if (!given()) {
            return null;
        }
        DebugOptions options = options();
        if (!options.enabled()) {
            return null;
        }
        Inspector inspector;
        try {
            inspector = Inspector.start(options, new Inspector.Program(command, entry, NanoVersion.nano()), err);
        } catch (IOException e) {
            DebugAddress address = options.inspect() != null ? options.inspect() : options.dap();
            if (isBindFailure(e)) {
                throw new Failure("cannot debug on " + address.authority() + ": the port is in use (another debugger? try "
                        + (options.inspect() != null ? "--inspect=0" : "--dap=0") + " for a free one)", 2);
            }
            throw new Failure("cannot debug on " + address.authority() + ": " + e.getMessage(), 2);
        }
        inspector.printBanner(err);
        return inspector;
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** {@code --inspect} alone takes no value; {@code --inspect=VALUE} does. */
    static final class AttachedValueOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
            if ("=".equals(info.get("separator"))) {
                return false;
            }
            argSpec.setValue("");
            return true;
        }
    }
}
