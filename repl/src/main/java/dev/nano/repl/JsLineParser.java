package dev.nano.repl;

import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when Enter ends the input: when the JavaScript parser says the input is complete
 * ({@link JsTooling#isComplete}); otherwise Enter starts a new line of the same input. In
 * {@code .editor} mode Enter always starts a new line and Ctrl-D ends the input.
 */
final class JsLineParser implements Parser {
    private final JsTooling tooling;
    private volatile boolean editorMode;
    private volatile boolean finishing;

    JsLineParser(JsTooling tooling) {
        this.tooling = tooling;
    }

    void editorMode(boolean on) {
        editorMode = on;
        finishing = false;
    }

    /** Ctrl-D in editor mode: the next accept ends the input. */
    void finishEditor() {
        finishing = true;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            if (editorMode) {
                if (!finishing) {
                    throw new EOFError(-1, -1, "editor mode");
                }
            } else if (!line.isBlank() && !Repl.isDotCommand(line) && !tooling.isComplete(line)) {
                throw new EOFError(-1, -1, "incomplete input");
            }
        }
        if (context == ParseContext.COMPLETE) {
            CompletionTarget target = tooling.completionTarget(line.substring(0, cursor));
            if (target.start() >= 0 && target.start() <= cursor) {
                return new Word(line, cursor, line.substring(target.start(), cursor), target);
            }
        }
        return new Word(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /**
     * The word before the cursor that completion replaces (an identifier, or a dot command at the
     * start of the line) and, when parsed for completion, what the parser says it completes.
     */
    record Word(String line, int cursor, String word, CompletionTarget target) implements CompletingParsedLine {
        Word(String line, int cursor) {
            this(line, cursor, wordBefore(line, cursor), null);
        }

        static String wordBefore(String line, int cursor) {
            int start = cursor;
            while (start > 0 && Character.isJavaIdentifierPart(line.charAt(start - 1))) {
                start--;
            }
            if (start == 1 && line.charAt(0) == '.' ) {
                start = 0; // ".he" completes to ".help"
            }
            return line.substring(start, cursor);
        }

        @Override
        public int wordCursor() {
            return word.length();
        }

        /** Names are inserted as they are: JavaScript identifiers need no escaping. */
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }
    }
}
