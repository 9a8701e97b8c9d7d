package dev.nano.inspector;

/**
 * What the user asked for on the command line: a Chrome DevTools endpoint ({@code --inspect},
 * {@code --inspect-brk}, {@code --inspect-wait}), a Debug Adapter Protocol server ({@code --dap}),
 * both or neither.
 *
 * @param inspect where the DevTools endpoint listens, or null for none
 * @param start   what the program does before a debugger attaches
 * @param dap     where the DAP server listens, or null for none
 */
public record DebugOptions(DebugAddress inspect, Start start, DebugAddress dap) {
    public static final int DEFAULT_INSPECT_PORT = 9229;
    /** GraalVM's DAP default, which Eclipse's and VS Code's GraalVM guides use. */
    public static final int DEFAULT_DAP_PORT = 4711;

    public static final DebugOptions NONE = new DebugOptions(null, Start.RUN, null);

    /** Node's three spellings. */
    public enum Start {
        /** {@code --inspect}: run at once; a debugger may attach any time. */
        RUN,
        /** {@code --inspect-brk}: wait for a debugger, then pause on the entry's first line. */
        BREAK,
        /** {@code --inspect-wait}: wait for a debugger, then run. */
        WAIT
    }

    public boolean enabled() {
        return inspect != null || dap != null;
    }
}
