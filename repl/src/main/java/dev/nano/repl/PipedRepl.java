package dev.nano.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;

/**
 * The REPL without a terminal ({@code echo '1+1' | nano repl}, a file piped in): input is read
 * line by line and evaluated whenever the parser says what was gathered is complete, one
 * statement (or block) at a time; results go to stdout plainly, errors to stderr. At the end of
 * input the event loop runs until nothing is pending, as a script's would.
 */
public final class PipedRepl {
    private final ReplHost host;
    private final JsTooling tooling;
    private final PrintStream out;
    private final PrintStream err;

    public PipedRepl(ReplHost host, JsTooling tooling, PrintStream out, PrintStream err) {
        this.host = host;
        this.tooling = tooling;
        this.out = out;
        this.err = err;
    }

    /** Returns 0, or 1 when an input or something the loop ran afterwards threw. */
    public int run(BufferedReader in) throws IOException {
        boolean failed = false;
        StringBuilder pending = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (pending.isEmpty() && line.isBlank()) {
                continue;
            }
            pending.append(line).append('\n');
            String input = pending.toString();
            if (tooling.isComplete(input)) {
                pending.setLength(0);
                failed |= !evaluate(input);
            }
        }
        if (!pending.isEmpty()) {
            failed |= !evaluate(pending.toString()); // the parser's own error says what is missing
        }
        return failed ? 1 : 0;
    }

    private boolean evaluate(String input) {
        try {
            Evaluation result = host.evaluator().evaluate(input, false).get();
            (result.ok() ? out : err).println(result.text());
            return result.ok();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            err.println("internal error: " + e.getCause());
            return false;
        }
    }
}
