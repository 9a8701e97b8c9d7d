package dev.nano.repl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal a REPL runs on, and output streams for everything else that prints while it runs
 * (console.log from a timer, a dev server's request log): a line printed while the prompt is
 * waiting for input goes above the prompt, so the line being typed is redrawn below it intact.
 */
public final class ReplConsole implements AutoCloseable {
    private final Terminal terminal;
    private final PrintStream out;
    private final PrintStream err;
    private volatile LineReader reader;

    private ReplConsole(Terminal terminal) {
        this.terminal = terminal;
        this.out = new PrintStream(new AboveThePrompt(), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new AboveThePrompt(), true, StandardCharsets.UTF_8);
    }

    /** The process's terminal (stdin and stdout must be one). */
    public static ReplConsole open() throws IOException {
        Terminal terminal = TerminalBuilder.builder().name("nano").system(true).nativeSignals(true).build();
        return new ReplConsole(terminal);
    }

    /** Whether the terminal can show colours (not a dumb terminal). */
    public boolean colours() {
        return !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                && System.getenv("NO_COLOR") == null;
    }

    public Terminal terminal() {
        return terminal;
    }

    /** Standard output for the runtime and the rest of the process while the REPL runs. */
    public PrintStream out() {
        return out;
    }

    /** Standard error, likewise (the same terminal: it is printed in place, not coloured). */
    public PrintStream err() {
        return err;
    }

    void attach(LineReader reader) {
        this.reader = reader;
    }

    /** Prints a whole line above the prompt while one is shown, else where the cursor is. */
    public void println(String line) {
        LineReader r = reader;
        if (r != null && r.isReading()) {
            r.printAbove(line);
        } else {
            synchronized (terminal) {
                terminal.writer().println(line);
                terminal.writer().flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    /** Gathers bytes into lines: a prompt can only be redrawn below whole lines. */
    private final class AboveThePrompt extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(b, start, off + len - start);
        }

        /** A partial line is written out only when no prompt is shown (a prompt would be overwritten). */
        @Override
        public synchronized void flush() {
            LineReader r = reader;
            if (line.size() > 0 && (r == null || !r.isReading())) {
                synchronized (terminal) {
                    terminal.writer().print(line.toString(StandardCharsets.UTF_8));
                    terminal.writer().flush();
                }
                line.reset();
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            println(text);
        }
    }
}
