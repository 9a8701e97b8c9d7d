package dev.nano.cli;

import dev.nano.inspector.DebugAddress;
import dev.nano.inspector.DebugOptions;
import dev.nano.inspector.Inspector;
import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;

/** Opens the debugger endpoints {@link DebugFlags} ask for; loaded only when one was given. */
final class DebugStart {
    private DebugStart() {
    }

    static DebugOptions options(DebugFlags flags) throws DebugFlags.Failure {
        int given = (flags.inspect != null ? 1 : 0) + (flags.inspectBrk != null ? 1 : 0) + (flags.inspectWait != null ? 1 : 0);
        if (given > 1) {
            throw new DebugFlags.Failure("--inspect, --inspect-brk and --inspect-wait exclude each other: give one", 2);
        }
        String spec = flags.inspect != null ? flags.inspect : flags.inspectBrk != null ? flags.inspectBrk : flags.inspectWait;
        DebugOptions.Start start = flags.inspectBrk != null ? DebugOptions.Start.BREAK
                : flags.inspectWait != null ? DebugOptions.Start.WAIT : DebugOptions.Start.RUN;
        try {
            return new DebugOptions(
                    spec == null ? null : DebugAddress.parse(spec, DebugOptions.DEFAULT_INSPECT_PORT),
                    start,
                    flags.dap == null ? null : DebugAddress.parse(flags.dap, DebugOptions.DEFAULT_DAP_PORT));
        } catch (IllegalArgumentException e) {
            throw new DebugFlags.Failure(e.getMessage(), 2);
        }
    }

    /**
     * Opens the debugger endpoints the flags ask for and prints where they are, or returns null
     * when no flag was given (then nothing of the inspector is loaded).
     */
    static Debugger start(DebugFlags flags, String command, Path entry, PrintStream err) throws DebugFlags.Failure {
        if (!flags.given()) {
            return null;
        }
        DebugOptions options = options(flags);
        if (!options.enabled()) {
            return null;
        }
        Inspector inspector;
        try {
            inspector = Inspector.start(options, new Inspector.Program(command, entry, NanoVersion.nano()), err);
        } catch (IOException e) {
            DebugAddress address = options.inspect() != null ? options.inspect() : options.dap();
            if (Causes.isBindFailure(e)) {
                throw new DebugFlags.Failure("cannot debug on " + address.authority() + ": the port is in use (another debugger? try "
                        + (options.inspect() != null ? "--inspect=0" : "--dap=0") + " for a free one)", 2);
            }
            throw new DebugFlags.Failure("cannot debug on " + address.authority() + ": " + e.getMessage(), 2);
        }
        inspector.printBanner(err);
        return new InspectorDoor(inspector);
    }

    private record InspectorDoor(Inspector inspector) implements Debugger {
        @Override
        public Consumer<Engine.Builder> engineSetup() {
            return inspector.engineSetup();
        }

        @Override
        public void evaluateIn(Supplier<NanoRuntime> runtime) {
            inspector.evaluateIn(runtime);
        }

        @Override
        public void awaitDebugger() {
            inspector.awaitDebugger();
        }

        @Override
        public String devToolsUrl() {
            return inspector.devToolsUrl();
        }

        @Override
        public void close() {
            inspector.close();
        }
    }
}
