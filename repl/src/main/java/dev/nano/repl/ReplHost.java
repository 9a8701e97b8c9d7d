package dev.nano.repl;

import dev.nano.runtime.NanoRuntime;
import java.util.List;

/**
 * Where a REPL's input runs: {@code nano repl} owns one runtime; {@code nano dev --repl} follows
 * the version being served, so the evaluator changes on each reload.
 */
public interface ReplHost {
    /** The runtime the prompt evaluates in now. */
    NanoRuntime runtime();

    /** The evaluator bound to {@link #runtime()}. */
    ReplEvaluator evaluator();

    /** {@code .clear}: starts over in a fresh context; returns the line to show. */
    String clear() throws Exception;

    /** Dot commands of this host, listed by {@code .help} after the REPL's own. */
    default List<DotCommand> commands() {
        return List.of();
    }
}
