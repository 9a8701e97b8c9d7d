package dev.nano.repl;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Understands what is typed at the REPL without running it: whether an entry is complete, the
 * entry rewritten for evaluation, and what a completion request is about. It parses in a context
 * of its own on the program's engine, so it never waits for the event loop (which may be busy with
 * the program) and never shares state with the program. acorn, the parser the rewriting and
 * completion use, loads on first need, or ahead with {@link #warmUp()}.
 *
 * <p>Threading: methods are serialised (a polyglot context admits one thread at a time), meant for
 * the REPL's reader thread, with {@link #warmUp()} possibly called from a background thread. Close
 * it before the engine's owner (the runtime) closes the engine.
 */
public final class JsTooling implements AutoCloseable {
    private static final String MODULE = "application/javascript+module";

    private final java.util.function.Supplier<Engine> engine;
    private Context context;
    private Value tooling;

    public JsTooling(Engine engine) {
        this(() -> engine);
    }

    /**
     * With the engine still being made (a REPL shows its prompt while its runtime boots): the
     * supplier is called, and may block, on first use.
     */
    public JsTooling(java.util.function.Supplier<Engine> engine) {
        this.engine = engine;
    }

    private Context context() {
        if (context == null) {
            context = Context.newBuilder("js")
                    .engine(engine.get())
                    // an engine's contexts must share one host access policy; this one is given no host objects
                    .allowHostAccess(NanoRuntime.HOST_ACCESS)
                    .allowExperimentalOptions(true)
                    .option("js.ecmascript-version", "latest")
                    .build();
        }
        return context;
    }

    /** Loads acorn and runs each operation once, so that the first Tab or entry does not wait for it. */
    public synchronized void warmUp() {
        isComplete("/* warm-up");
        rewrite("const { a } = { a: await 1 }; a");
        completionTarget("new URL('http://a').se");
    }

    /**
     * Whether {@code input} is a whole entry, or whether the REPL should read another line: a
     * bracket, string, template literal or comment is still open, or an operator waits for its
     * operand. Decided by GraalJS's parser (as a module, so that top-level await parses; as a
     * classic script, for sloppy-only code such as {@code with}), and, for the open comments and
     * templates GraalJS reports as plain errors, by acorn. Input with another syntax error is
     * complete: evaluating it reports the error.
     */
    public synchronized boolean isComplete(String input) {
        if (input.isBlank()) {
            return true;
        }
        PolyglotException error = parseError(input, MODULE);
        if (error != null && !error.isIncompleteSource()) {
            error = parseError(input, "application/javascript");
        }
        if (error == null) {
            return true;
        }
        if (error.isIncompleteSource()) {
            return false;
        }
        return !tooling().invokeMember("incomplete", input).asBoolean();
    }

    private PolyglotException parseError(String input, String mimeType) {
        try {
            context().parse(Source.newBuilder("js", input, "repl").mimeType(mimeType).cached(false).internal(true).buildLiteral());
            return null;
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return e;
        }
    }

    /**
     * The entry as a classic script to evaluate in the program's context, rewritten from acorn's
     * parse: top-level let/const/class (and, in an async entry, var and function) declarations
     * become properties of the global object, so later entries see and may redeclare them (a const
     * stays constant until then); an entry with top-level await or static imports runs in an async
     * function. Input acorn cannot parse comes back unchanged, for GraalJS to report.
     */
    public synchronized Rewritten rewrite(String input) {
        Value result = tooling().invokeMember("rewrite", input);
        return new Rewritten(result.getMember("code").asString(), result.getMember("async").asBoolean());
    }

    /**
     * What Tab completes at the end of {@code prefix}, the entry up to the cursor (all its lines).
     * Nothing runs: the expression before a dot is only described (see {@link CompletionTarget}).
     */
    public synchronized CompletionTarget completionTarget(String prefix) {
        Value t = tooling().invokeMember("completionTarget", prefix);
        CompletionTarget.Kind kind = CompletionTarget.Kind.valueOf(t.getMember("kind").asString().toUpperCase(java.util.Locale.ROOT));
        String chain = null;
        if (kind == CompletionTarget.Kind.MEMBER) {
            chain = context().getBindings("js").getMember("JSON").invokeMember("stringify", t.getMember("chain")).asString();
        }
        return new CompletionTarget(kind, t.getMember("partial").asString(), t.getMember("start").asInt(), chain);
    }

    private Value tooling() {
        if (tooling == null) {
            String acornPath = "META-INF/resources/webjars/acorn/" + webjarVersion("acorn") + "/dist/acorn.js";
            // acorn's UMD wrapper takes the CommonJS branch when given exports and module
            Context context = context();
            // NANO's own code (internal): a debugger attached to the engine neither lists nor steps into it
            Value exports = context.eval(Source.newBuilder("js", "({})", "nano:repl/exports").internal(true).buildLiteral());
            context.eval(Source.newBuilder("js", "(function (exports, module) {" + resource(acornPath) + "\n})", "nano:repl/acorn.js").internal(true).buildLiteral())
                    .execute(exports, context.eval(Source.newBuilder("js", "({})", "nano:repl/module").internal(true).buildLiteral()));
            tooling = context.eval(Source.newBuilder("js", resource("dev/nano/repl/tooling.js"), "nano:repl/tooling.js").internal(true).buildLiteral())
                    .execute(exports);
        }
        return tooling;
    }

    private static String webjarVersion(String name) {
        Properties p = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    static String resource(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = JsTooling.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name);
        }
        return in;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close();
        }
    }
}
