package dev.nano.repl;

/**
 * A REPL command typed as {@code .name [argument]}, as in Node's REPL. Hosts add their own
 * ({@code nano dev --repl} adds {@code .reload} and {@code .open}).
 */
public record DotCommand(String name, String help, Action action) {
    /** What the command does; {@code argument} is the rest of the line, trimmed (may be empty). */
    @FunctionalInterface
    public interface Action {
        void run(String argument) throws Exception;
    }
}
