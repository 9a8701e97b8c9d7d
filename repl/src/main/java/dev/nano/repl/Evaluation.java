package dev.nano.repl;

/**
 * The outcome of one REPL entry (see {@link ReplEvaluator#evaluate}): {@code text} is what to
 * print, the value as Node's util.inspect shows it when {@code ok}, else the error as Node reports
 * an uncaught one ({@code Uncaught TypeError: ...} and its JS stack, or a syntax error with its
 * position and the line).
 */
public record Evaluation(boolean ok, String text, boolean interrupted) {
    public static Evaluation value(String text) {
        return new Evaluation(true, text, false);
    }

    public static Evaluation error(String text) {
        return new Evaluation(false, text, false);
    }

    /** What an entry stopped by an interrupt shows (a UI may also complete a pending entry with it). */
    public static Evaluation interruptedEntry() {
        return new Evaluation(false, "Script execution was interrupted.", true);
    }
}
