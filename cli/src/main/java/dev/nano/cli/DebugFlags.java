package dev.nano.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The debugger flags of {@code run}, {@code serve}, {@code dev} and {@code repl}, spelled as Node
 * and Deno spell them. A value must be attached ({@code --inspect=9230}): {@code --inspect main.js}
 * keeps {@code main.js} for the command. {@link DebugStart} opens what they ask for; this class
 * names no inspector type, since picocli reads its methods' signatures (which would load them).
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
