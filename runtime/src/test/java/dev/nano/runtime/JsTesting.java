package dev.nano.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A real runtime for tests: evaluates JS on its loop and awaits the result. Output written by
 * scripts is captured in {@link #out()} / {@link #err()}.
 */
public final class JsTesting implements AutoCloseable {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final NanoRuntime runtime;

    private JsTesting(NanoRuntime.Builder builder) {
        this.runtime = builder
                .out(new PrintStream(outBytes, true, StandardCharsets.UTF_8))
                .err(new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .build();
    }

    public static JsTesting start() {
        return new JsTesting(NanoRuntime.builder());
    }

    public static JsTesting start(Path projectRoot) {
        return new JsTesting(NanoRuntime.builder().projectRoot(projectRoot));
    }

    public static JsTesting start(NanoRuntime.Builder builder) {
        return new JsTesting(builder);
    }

    public NanoRuntime runtime() {
        return runtime;
    }

    /**
     * Runs {@code body} as the body of an async function and returns {@code String(result)}.
     * A rejection fails with an {@link AssertionError} whose message is the JS error ({@code name: message}).
     */
    public String run(String body) {
        return run(body, false);
    }

    /** Like {@link #run}, with the runtime's {@code internals} registry in scope as {@code internals}. */
    public String runWithInternals(String body) {
        return run(body, true);
    }

    private String run(String body, boolean withInternals) {
        CompletableFuture<String> result = new CompletableFuture<>();
        // Evaluate and attach the callbacks in one loop task: a CompletableFuture callback could
        // otherwise run on the test thread, which must never touch the context.
        runtime.onLoop(context -> {
            Value promise = withInternals
                    ? context.eval(org.graalvm.polyglot.Source.create("js", "(async (internals) => {\n" + body + "\n})"))
                            .execute(runtime.internals())
                    : context.eval(org.graalvm.polyglot.Source.create("js", "(async () => {\n" + body + "\n})()"));
            ProxyExecutable ok = args -> {
                result.complete(args[0].isString() ? args[0].asString() : String.valueOf(args[0]));
                return null;
            };
            ProxyExecutable ko = args -> {
                Value e = args[0];
                String name = e.hasMember("name") ? e.getMember("name").toString() : "";
                String message = e.hasMember("message") ? e.getMember("message").toString() : e.toString();
                result.completeExceptionally(new JsException(name, message, e.hasMember("stack") ? String.valueOf(e.getMember("stack")) : ""));
                return null;
            };
            promise.invokeMember("then", ok, ko);
            return null;
        }).exceptionally(t -> {
            result.completeExceptionally(t);
            return null;
        });
        try {
            return result.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof JsException js) {
                throw js;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code body}; returns {@code "name: message"} of what it throws, or {@code "no error"}. */
    public String errorOf(String body) {
        return run("try {\n" + body + "\n} catch (e) { return `${e.name}: ${e.message}`; }\nreturn 'no error';");
    }

    /** Like {@link #run} but expects a rejection and returns it. */
    public JsException runExpectingError(String body) {
        try {
            String value = run(body);
            throw new AssertionError("expected an error, got: " + value);
        } catch (JsException e) {
            return e;
        }
    }

    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** A JS error surfaced to a test: its {@code name} and {@code message}. */
    public static final class JsException extends AssertionError {
        public final String name;
        public final String jsMessage;

        JsException(String name, String message, String stack) {
            super(name + ": " + message + (stack.isEmpty() ? "" : "\n" + stack));
            this.name = name;
            this.jsMessage = message;
        }
    }
}
