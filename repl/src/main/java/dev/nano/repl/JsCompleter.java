package dev.nano.repl;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: the parser finds what is being completed ({@link JsTooling#completionTarget}),
 * and the live context lists the names that fit ({@link ReplEvaluator#complete}) without running
 * user code. Dot commands complete at the start of a line.
 */
final class JsCompleter implements Completer {
    /** If the loop is busy (a request, a long computation), Tab gives nothing rather than a frozen prompt. */
    private static final long LOOP_WAIT_MS = 1000;

    private final JsTooling tooling;
    private final Supplier<ReplEvaluator> evaluator;
    private final Supplier<List<String>> dotCommands;

    JsCompleter(JsTooling tooling, Supplier<ReplEvaluator> evaluator, Supplier<List<String>> dotCommands) {
        this.tooling = tooling;
        this.evaluator = evaluator;
        this.dotCommands = dotCommands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        CompletionTarget target = line instanceof JsLineParser.Word word && word.target() != null
                ? word.target()
                : tooling.completionTarget(line.line().substring(0, line.cursor()));
        boolean command = target.kind() == CompletionTarget.Kind.COMMAND;
        for (String name : names(target)) {
            // A command is a whole word (a space follows); a property or a name may go on (".then(").
            candidates.add(new Candidate(name, name, null, null, null, null, command));
        }
    }

    /** The names that complete {@code target}; none if the loop stays busy. */
    List<String> names(CompletionTarget target) {
        try {
            return evaluator.get().complete(target, dotCommands.get()).get(LOOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return List.of();
        }
    }
}
