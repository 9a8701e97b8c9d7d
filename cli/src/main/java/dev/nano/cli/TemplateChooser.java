package dev.nano.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code nano init}'s template chooser on a terminal: the templates one a line, the chosen one
 * marked; Up/Down (or k/j) move, Enter picks, Ctrl-C, Ctrl-D, q or Esc Esc aborts.
 */
final class TemplateChooser {
    static final int ABORTED = -1;

    /** The keys the chooser knows, decoded from a terminal's bytes. */
    enum Key { UP, DOWN, ENTER, ABORT, OTHER }

    /** Reads one character; -1 at the end of input. */
    @FunctionalInterface
    interface CharSource {
        int read() throws IOException;
    }

    private TemplateChooser() { }

    /** Opens the system terminal in raw mode and asks; the terminal is restored afterwards. */
    static int choose(List<Templates.Template> templates) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Attributes saved = terminal.enterRawMode();
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C arrives as a key: the chooser aborts itself
            raw.setOutputFlag(Attributes.OutputFlag.OPOST, true);
            raw.setOutputFlag(Attributes.OutputFlag.ONLCR, true);
            terminal.setAttributes(raw);
            try {
                return choose(templates, terminal.reader()::read, terminal.writer(), terminal.getWidth());
            } finally {
                terminal.setAttributes(saved);
            }
        }
    }

    /** The chooser's logic: draws on {@code out}, reads keys from {@code in}; the index chosen or {@link #ABORTED}. */
    static int choose(List<Templates.Template> templates, CharSource in, PrintWriter out) throws IOException {
        return choose(templates, in, out, 0);
    }

    /** {@code columns}: the terminal's width (0: unknown); longer lines are cut, so that a redraw finds its rows. */
    static int choose(List<Templates.Template> templates, CharSource in, PrintWriter out, int columns) throws IOException {
        int width = templates.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        int chosen = 0;
        out.println("Choose a template (↑/↓ to move, Enter to pick, Ctrl-C to abort):");
        draw(templates, chosen, width, columns, out, false);
        while (true) {
            Key key = nextKey(in);
            switch (key) {
                case UP -> chosen = (chosen + templates.size() - 1) % templates.size();
                case DOWN -> chosen = (chosen + 1) % templates.size();
                case ENTER -> {
                    return chosen;
                }
                case ABORT -> {
                    return ABORTED;
                }
                case OTHER -> { continue; }
            }
            draw(templates, chosen, width, columns, out, true);
        }
    }

    private static void draw(List<Templates.Template> templates, int chosen, int width, int columns, PrintWriter out, boolean again) {
        if (again) {
            out.print("\u001b[" + templates.size() + "A"); // back to the first line of the list
        }
        for (int i = 0; i < templates.size(); i++) {
            Templates.Template t = templates.get(i);
            String line = (i == chosen ? "> " : "  ") + String.format("%-" + width + "s", t.name()) + "  " + t.description();
            if (columns > 1 && line.length() > columns - 1) {
                line = line.substring(0, columns - 2) + "…";
            }
            out.print("\r\u001b[2K" + (i == chosen ? "\u001b[1m" + line + "\u001b[0m" : line) + "\n");
        }
        out.flush();
    }

    /** Decodes one key: arrows as ESC [ A / ESC O A (up) and B (down), Enter as CR or LF. */
    static Key nextKey(CharSource in) throws IOException {
        int c = in.read();
        switch (c) {
            case -1, 3, 4, 'q', 'Q' -> {
                return Key.ABORT;
            }
            case '\r', '\n' -> {
                return Key.ENTER;
            }
            case 'k' -> {
                return Key.UP;
            }
            case 'j' -> {
                return Key.DOWN;
            }
            case 27 -> {
                int next = in.read();
                if (next == 27 || next == -1) {
                    return Key.ABORT;
                }
                if (next != '[' && next != 'O') {
                    return Key.OTHER;
                }
                int last = in.read();
                return last == 'A' ? Key.UP : last == 'B' ? Key.DOWN : last == -1 ? Key.ABORT : Key.OTHER;
            }
            default -> {
                return Key.OTHER;
            }
        }
    }
}
