package dev.nano.repl;

import java.util.Collection;
import java.util.List;

/**
 * What a Tab press completes (see {@link JsTooling#completionTarget}): the word being typed,
 * {@code partial}, which starts at offset {@code start} of the entry, and what it names.
 *
 * @param chain for {@link Kind#MEMBER}, the expression before the dot as JSON (a root, then
 *     property steps), read by {@link ReplEvaluator#complete}; otherwise null
 */
public record CompletionTarget(Kind kind, String partial, int start, String chain) {
    public enum Kind {
        /** nothing to offer: inside a string or comment, or after a call whose result is unknown */
        NONE,
        /** the entry is a REPL command being typed ({@code .he}) */
        COMMAND,
        /** a name in scope: globals, the REPL's declarations, keywords */
        GLOBAL,
        /** a property of the expression before {@code .} or {@code ?.} */
        MEMBER
    }

    /** The names among {@code candidates} that start with {@code partial}, sorted. */
    public List<String> matching(Collection<String> candidates) {
        return candidates.stream().filter(c -> c.startsWith(partial)).distinct().sorted().toList();
    }
}
