package dev.nano.runtime.console;

import dev.nano.runtime.RuntimeServices;
import java.io.PrintStream;
import org.graalvm.polyglot.HostAccess;

/** Host half of {@code console}: writes formatted lines to the runtime's out and err streams. */
public final class ConsoleOps {
    private final PrintStream out;
    private final PrintStream err;

    public ConsoleOps(RuntimeServices services) {
        this.out = services.out();
        this.err = services.err();
    }

    @HostAccess.Export
    public void out(String line) {
        out.println(line);
        out.flush();
    }

    @HostAccess.Export
    public void err(String line) {
        err.println(line);
        err.flush();
    }

    /** Monotonic milliseconds with sub-millisecond precision, for console.time. */
    @HostAccess.Export
    public double now() {
        return System.nanoTime() / 1e6;
    }
}
