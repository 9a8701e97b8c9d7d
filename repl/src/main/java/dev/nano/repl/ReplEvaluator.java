package dev.nano.repl;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Evaluates REPL entries in a runtime's context and completes names against it. One per
 * {@link NanoRuntime}; create it before any entry runs (it keeps the built-ins as they were, so
 * that an entry may redeclare any global). All JavaScript runs on the runtime's loop; the methods may be called from
 * any thread, and the futures they return complete on the loop thread (so stages chained to them
 * must not block). An entry is rewritten with {@link JsTooling} on the calling thread.
 */
public final class ReplEvaluator {
    private static final String MODULE = "application/javascript+module";

    private final NanoRuntime runtime;
    private final JsTooling tooling;
    private final CompletableFuture<Value> session;
    private final AtomicInteger entries = new AtomicInteger();

    public ReplEvaluator(NanoRuntime runtime, JsTooling tooling) {
        this.runtime = runtime;
        this.tooling = tooling;
        // Queued first: the loop runs every entry after it.
        this.session = runtime.onLoop(context -> context.eval(
                        Source.newBuilder("js", JsTooling.resource("dev/nano/repl/session.js"), "nano:repl/session.js")
                                .internal(true)
                                .buildLiteral())
                .execute(runtime.internals()));
    }

    /** {@link #evaluate(String, boolean)} without colours. */
    public CompletableFuture<Evaluation> evaluate(String input) {
        return evaluate(input, false);
    }

    /**
     * Evaluates one entry as the REPL does: declarations stay for later entries, top-level await
     * and imports work, the value (awaited for an entry that awaits) becomes {@code _} and a thrown
     * error {@code _error}. Imports resolve from the project root, node_modules included. The future
     * never waits on the loop: an entry awaiting a promise that never settles leaves it pending (a UI
     * may complete it with {@link Evaluation#interruptedEntry()} when the user gives up).
     *
     * @param colors whether the value is shown with ANSI colours
     */
    public CompletableFuture<Evaluation> evaluate(String input, boolean colors) {
        if (input.isBlank()) {
            return CompletableFuture.completedFuture(Evaluation.value(""));
        }
        Rewritten entry = tooling.rewrite(input);
        String name = "REPL" + entries.incrementAndGet();
        CompletableFuture<Evaluation> result = new CompletableFuture<>();
        runtime.onLoop(context -> {
            run(context, input, entry, name, colors, result);
            return null;
        }).exceptionally(failure -> {
            result.completeExceptionally(failure);
            return null;
        });
        return result;
    }

    private void run(Context context, String input, Rewritten entry, String name, boolean colors, CompletableFuture<Evaluation> result) {
        Value session = this.session.join();
        ProxyExecutable done = args -> {
            boolean ok = args[0].asBoolean();
            String text = args[1].asString();
            result.complete(new Evaluation(ok, ok ? text : shortenEntryPaths(text), false));
            return null;
        };
        Value value;
        try {
            value = context.eval(source(entry.code(), name, null));
        } catch (PolyglotException e) {
            if (e.isInterrupted()) {
                result.complete(Evaluation.interruptedEntry());
            } else if (e.isSyntaxError()) {
                String text = "Uncaught " + shortenEntryPaths(syntaxError(context, input, entry, name, e).getMessage().stripTrailing());
                session.invokeMember("fail", e.getGuestObject(), done, text);
            } else if (e.isGuestException() && e.getGuestObject() != null) {
                session.invokeMember("fail", e.getGuestObject(), done);
            } else {
                result.complete(Evaluation.error("Uncaught " + shortenEntryPaths(runtime.formatError(e))));
            }
            return;
        }
        session.invokeMember("finish", value, entry.async(), colors, done);
    }

    /**
     * The syntax error to show for an entry, as GraalJS reports it on the text as typed (its message
     * quotes the line and points at the column). For a rewritten entry that is a parse of the input;
     * for one acorn could not read (evaluated as typed, as a script), a module's parse may say less:
     * a script's adds "await is only valid..." for each top-level await, a module's adds strict-mode
     * errors; the shorter report is the one without such noise.
     */
    private PolyglotException syntaxError(Context context, String input, Rewritten entry, String name, PolyglotException error) {
        PolyglotException other = parseError(context, input, name, entry.async() || entry.code().equals(input) ? MODULE : null);
        if (other == null) {
            return error;
        }
        if (!entry.code().equals(input)) {
            return other;
        }
        return other.getMessage().length() < error.getMessage().length() ? other : error;
    }

    private PolyglotException parseError(Context context, String input, String name, String mimeType) {
        try {
            context.parse(source(input, name, mimeType));
            return null;
        } catch (PolyglotException e) {
            return e.isSyntaxError() ? e : null;
        }
    }

    /** Stack frames and syntax errors name an entry as Node does ({@code REPL3:1:7}), not by its path. */
    private String shortenEntryPaths(String text) {
        return text.replace(runtime.projectRoot().resolve("REPL").toString(), "REPL");
    }

    /**
     * An entry's source, named as Node names them ({@code REPL3}), with a path in the project root:
     * import() resolves relative paths from there, and packages from the project's node_modules
     * (a source without a path would resolve them from whichever module the runtime read last).
     */
    private Source source(String code, String name, String mimeType) {
        Source.Builder b = Source.newBuilder("js", runtime.projectRoot().resolve(name).toFile())
                .name(name)
                .content(code)
                .cached(false);
        if (mimeType != null) {
            b.mimeType(mimeType);
        }
        try {
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the content is given, nothing is read
        }
    }

    /**
     * The completions of a target from {@link JsTooling#completionTarget}: REPL commands from
     * {@code commands}, else names from the live context (the global object's, with the REPL's own
     * declarations and the keywords, or an expression's properties), sorted. Nothing of the
     * program runs: properties are read through their descriptors, getters only where NANO marks
     * them side-effect-free, and proxies are not looked into. Waits for the loop, so for a running
     * entry.
     */
    public CompletableFuture<List<String>> complete(CompletionTarget target, Collection<String> commands) {
        return switch (target.kind()) {
            case NONE -> CompletableFuture.completedFuture(List.of());
            case COMMAND -> CompletableFuture.completedFuture(target.matching(commands));
            case GLOBAL, MEMBER -> runtime.onLoop(context -> {
                Value names = session.join().invokeMember("complete", target.kind().name(), target.chain(), target.partial());
                List<String> list = new ArrayList<>((int) names.getArraySize());
                for (long i = 0; i < names.getArraySize(); i++) {
                    list.add(names.getArrayElement(i).asString());
                }
                return List.copyOf(list);
            });
        };
    }
}
