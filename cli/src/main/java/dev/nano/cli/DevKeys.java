package dev.nano.cli;

import dev.nano.devserver.DevSession;
import java.io.IOException;
import java.net.URI;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.NonBlockingReader;

/**
 * {@code nano dev}'s keyboard shortcuts on a terminal, as wrangler has them: {@code r} reloads,
 * {@code b} opens a browser, {@code d} shows the DevTools URL (under {@code --inspect}), {@code c}
 * clears the screen, {@code x}, {@code q} or Ctrl-C exits.
 * The terminal is put in character mode (no echo, no line buffering) and restored on close.
 */
final class DevKeys implements AutoCloseable {
    static String hint(boolean debugging) {
        return debugging ? "[b] open a browser, [d] DevTools URL, [r] reload, [c] clear the screen, [x] exit"
                : "[b] open a browser, [r] reload, [c] clear the screen, [x] exit";
    }

    private final Terminal terminal;
    private final Attributes saved;
    private final Thread reader;

    private DevKeys(Terminal terminal, Attributes saved, Thread reader) {
        this.terminal = terminal;
        this.saved = saved;
        this.reader = reader;
    }

    /** Shortcuts only make sense when a person types into a terminal that shows the output. */
    static boolean isInteractive() {
        return System.console() != null && System.console().isTerminal();
    }

    /** {@code devTools} is the DevTools URL under {@code --inspect}, else null. */
    static DevKeys start(DevSession session, URI url, String devTools, Runnable exit) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).nativeSignals(true).build();
        Attributes saved = terminal.enterRawMode();
        // Raw mode turns output post-processing off on some systems: keep "\n" meaning a new line.
        Attributes attributes = terminal.getAttributes();
        attributes.setOutputFlag(Attributes.OutputFlag.OPOST, true);
        attributes.setOutputFlag(Attributes.OutputFlag.ONLCR, true);
        terminal.setAttributes(attributes);
        Thread reader = Thread.ofPlatform().name("nano-keys").daemon(true).unstarted(() -> {
            NonBlockingReader in = terminal.reader();
            try {
                int c;
                while ((c = in.read()) >= 0) {
                    switch (Character.toLowerCase((char) c)) {
                        case 'r' -> session.reloadNow();
                        case 'b' -> openBrowser(url, line -> {
                            terminal.writer().println(line);
                            terminal.writer().flush();
                        });
                        case 'd' -> {
                            terminal.writer().println(devToolsHint(devTools));
                            terminal.writer().flush();
                        }
                        case 'c' -> {
                            terminal.writer().print("\u001b[2J\u001b[3J\u001b[H");
                            terminal.writer().flush();
                        }
                        case 'x', 'q', 3, 4 -> { // 3: Ctrl-C, 4: Ctrl-D
                            exit.run();
                            return;
                        }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // the terminal went away: nothing more to read
            }
        });
        reader.start();
        return new DevKeys(terminal, saved, reader);
    }

    /**
     * What {@code d} (and {@code .devtools}) says. A {@code devtools://} URL is Chrome's own scheme,
     * not one the desktop's opener (xdg-open, open) hands to a browser: it is printed, to paste
     * into Chrome's address bar.
     */
    static String devToolsHint(String devTools) {
        return devTools == null ? "No debugger here: start nano dev with --inspect to debug the worker in Chrome DevTools."
                : "DevTools: paste into Chrome's address bar: " + devTools + "\n  (or open chrome://inspect: the worker is listed under Remote Target)";
    }

    /** Opens {@code url} in the desktop's browser; says what it did through {@code say}. */
    static void openBrowser(URI url, java.util.function.Consumer<String> say) {
        String os = System.getProperty("os.name", "").toLowerCase();
        String[] command = os.contains("mac") ? new String[] {"open", url.toString()}
                : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url.toString()}
                : new String[] {"xdg-open", url.toString()};
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            say.accept("Opening " + url);
        } catch (IOException e) {
            say.accept("No browser could be opened (" + command[0] + " is missing): open " + url);
        }
    }

    @Override
    public void close() throws IOException {
        reader.interrupt();
        terminal.setAttributes(saved);
        terminal.close();
    }
}
