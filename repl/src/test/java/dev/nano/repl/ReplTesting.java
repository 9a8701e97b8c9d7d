package dev.nano.repl;

import dev.nano.runtime.JsTesting;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A REPL over a real runtime for tests: entries evaluated and completions asked as the UI would. */
final class ReplTesting implements AutoCloseable {
    static final List<String> COMMANDS = List.of(".break", ".editor", ".exit", ".help");

    private final JsTesting js;
    private final JsTooling tooling;
    private final ReplEvaluator evaluator;

    private ReplTesting(JsTesting js) {
        this(js, null);
    }

    /** {@code before} runs first, as a worker's module does before the REPL binds to its context. */
    private ReplTesting(JsTesting js, String before) {
        this.js = js;
        if (before != null) {
            js.runtime().eval("program.js", before).join();
        }
        this.tooling = new JsTooling(js.runtime().engine());
        this.evaluator = new ReplEvaluator(js.runtime(), tooling);
    }

    static ReplTesting start() {
        return new ReplTesting(JsTesting.start());
    }

    static ReplTesting startAfter(String programCode) {
        return new ReplTesting(JsTesting.start(), programCode);
    }

    static ReplTesting start(Path projectRoot) {
        return new ReplTesting(JsTesting.start(projectRoot));
    }

    JsTesting js() {
        return js;
    }

    Evaluation eval(String input) {
        try {
            return evaluator.evaluate(input).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("entry failed: " + input, e);
        }
    }

    /** The text an entry shows, asserting that it did not throw. */
    String value(String input) {
        Evaluation e = eval(input);
        if (!e.ok()) {
            throw new AssertionError("entry threw: " + input + "\n" + e.text());
        }
        return e.text();
    }

    /** The text of the error an entry threw, asserting that it threw. */
    String error(String input) {
        Evaluation e = eval(input);
        if (e.ok()) {
            throw new AssertionError("entry did not throw: " + input + " -> " + e.text());
        }
        return e.text();
    }

    List<String> complete(String prefix) {
        try {
            return evaluator.complete(tooling.completionTarget(prefix), COMMANDS).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("completion failed: " + prefix, e);
        }
    }

    @Override
    public void close() {
        tooling.close();
        js.close();
    }
}
