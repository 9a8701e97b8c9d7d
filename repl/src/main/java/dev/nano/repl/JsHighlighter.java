package dev.nano.repl;

import java.util.Set;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours JavaScript as it is typed: keywords, strings and templates, numbers, comments, regular
 * expression literals. A lexer, not a parser: it runs on every key press and only decides colours;
 * whether input is complete is the parser's call ({@link JsTooling#isComplete}).
 */
final class JsHighlighter implements Highlighter {
    static final Set<String> KEYWORDS = Set.of(
            "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
            "delete", "do", "else", "export", "extends", "finally", "for", "function", "if", "import", "in",
            "instanceof", "let", "new", "of", "return", "static", "super", "switch", "this", "throw", "try",
            "typeof", "var", "void", "while", "with", "yield", "get", "set");
    private static final Set<String> LITERALS = Set.of("true", "false", "null", "undefined", "NaN", "Infinity");
    /** After these words a slash starts a regular expression, not a division. */
    private static final Set<String> REGEX_AFTER_WORD = Set.of(
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await");

    private static final AttributedStyle KEYWORD = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    private static final AttributedStyle LITERAL = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle REGEX = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK);
    private static final AttributedStyle DOT_COMMAND = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    static AttributedString highlight(String s) {
        AttributedStringBuilder out = new AttributedStringBuilder(s.length() + 16);
        if (s.startsWith(".") && (s.length() == 1 || Character.isLetter(s.charAt(1)))) {
            int end = s.indexOf(' ');
            end = end < 0 ? s.length() : end;
            out.styled(DOT_COMMAND, s.substring(0, end)).append(s.substring(end));
            return out.toAttributedString();
        }
        int i = 0;
        int n = s.length();
        boolean regexAllowed = true;
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                i = lineEnd(s, i);
                out.styled(COMMENT, s.substring(start, i));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.styled(COMMENT, s.substring(start, i));
            } else if (c == '\'' || c == '"') {
                i = quotedEnd(s, i, c);
                out.styled(STRING, s.substring(start, i));
                regexAllowed = false;
            } else if (c == '`') {
                i = templateEnd(s, i);
                out.styled(STRING, s.substring(start, i));
                regexAllowed = false;
            } else if (c == '/' && regexAllowed) {
                i = regexEnd(s, i);
                out.styled(REGEX, s.substring(start, i));
                regexAllowed = false;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
                    i++;
                }
                out.styled(NUMBER, s.substring(start, i));
                regexAllowed = false;
            } else if (Character.isJavaIdentifierStart(c)) {
                i++;
                while (i < n && Character.isJavaIdentifierPart(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                boolean property = start > 0 && s.charAt(start - 1) == '.';
                if (!property && KEYWORDS.contains(word)) {
                    out.styled(KEYWORD, word);
                } else if (!property && LITERALS.contains(word)) {
                    out.styled(LITERAL, word);
                } else {
                    out.append(word);
                }
                regexAllowed = !property && REGEX_AFTER_WORD.contains(word);
            } else {
                out.append(c);
                i++;
                if (!Character.isWhitespace(c)) {
                    // After a closing bracket or a postfix operator a slash divides; after any other punctuation it opens a regex.
                    regexAllowed = c != ')' && c != ']' && c != '}';
                }
            }
        }
        return out.toAttributedString();
    }

    private static int lineEnd(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }

    private static int quotedEnd(String s, int i, char quote) {
        i++;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                break;
            }
        }
        return Math.min(i, s.length());
    }

    private static int templateEnd(String s, int i) {
        i++;
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '$' && i < s.length() && s.charAt(i) == '{') {
                depth++;
                i++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '`' && depth == 0) {
                break;
            }
        }
        return Math.min(i, s.length());
    }

    private static int regexEnd(String s, int i) {
        i++;
        boolean inClass = false;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '\n') {
                return i - 1;
            } else if (c == '/' && !inClass) {
                while (i < s.length() && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                break;
            }
        }
        return Math.min(i, s.length());
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // no error highlighting: errors are reported when the input is evaluated
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
