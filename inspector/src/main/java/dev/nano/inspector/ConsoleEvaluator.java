package dev.nano.inspector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nano.runtime.NanoRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The DevTools console while the program runs: an expression evaluated as a script in the
 * context's global scope, on the event loop between two tasks (so never while a request's JS
 * runs), answered as a CDP {@code Runtime.evaluate} result. Values come back described (NANO's
 * printer, as {@code console.log} shows them) rather than as live objects DevTools could expand.
 */
final class ConsoleEvaluator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private volatile Supplier<NanoRuntime> target = () -> null;

    /** The runtime evaluations go to: in {@code nano dev}, whichever version serves now. */
    void target(Supplier<NanoRuntime> runtime) {
        this.target = runtime;
    }

    CompletableFuture<ObjectNode> evaluate(String expression) {
        NanoRuntime runtime = target.get();
        if (runtime == null || runtime.isClosed()) {
            return CompletableFuture.completedFuture(exception("Error", "Error: no program is running"));
        }
        // Internal: a debugger stepping through the program never lands in the console's code
        // (VS Code evaluates expressions of its own while the program runs).
        Source source = Source.newBuilder("js", expression, "devtools-console").internal(true).buildLiteral();
        return runtime.onLoop(context -> {
            try {
                return success(describe(context.eval(source), runtime));
            } catch (PolyglotException e) {
                if (e.isGuestException() && e.getGuestObject() != null && !e.isSyntaxError()) {
                    Value error = e.getGuestObject();
                    ObjectNode reply = NODES.objectNode();
                    ObjectNode thrown = describe(error, runtime);
                    reply.set("result", thrown);
                    reply.set("exceptionDetails", details(thrown));
                    return reply;
                }
                return exception("SyntaxError", e.getMessage());
            }
        });
    }

    /** V8's answer to an eager preview that might have side effects: nothing to show. */
    static ObjectNode sideEffectRefused() {
        return exception("EvalError", "EvalError: Possible side-effect in debug-evaluate");
    }

    private static ObjectNode success(ObjectNode value) {
        ObjectNode reply = NODES.objectNode();
        reply.set("result", value);
        return reply;
    }

    private static ObjectNode exception(String className, String description) {
        ObjectNode thrown = NODES.objectNode()
                .put("type", "object").put("subtype", "error").put("className", className).put("description", description);
        ObjectNode reply = NODES.objectNode();
        reply.set("result", thrown);
        reply.set("exceptionDetails", details(thrown));
        return reply;
    }

    private static ObjectNode details(ObjectNode thrown) {
        ObjectNode details = NODES.objectNode().put("exceptionId", 1).put("text", "Uncaught").put("lineNumber", 0).put("columnNumber", 0);
        details.set("exception", thrown);
        return details;
    }

    /** A CDP RemoteObject for {@code value}, without an objectId (nothing to release or expand). */
    private static ObjectNode describe(Value value, NanoRuntime runtime) {
        ObjectNode remote = NODES.objectNode();
        String type = runtime.internals().getContext().eval(TYPE_OF).execute(value).asString();
        if (type.equals("undefined")) {
            return remote.put("type", "undefined");
        }
        if (value.isNull()) {
            return remote.put("type", "object").put("subtype", "null").putNull("value");
        }
        if (value.isBoolean()) {
            return remote.put("type", "boolean").put("value", value.asBoolean());
        }
        if (value.isString()) {
            return remote.put("type", "string").put("value", value.asString());
        }
        String printed = print(value, runtime);
        switch (type) {
            case "number" -> {
                double d = value.asDouble();
                if (Double.isNaN(d) || Double.isInfinite(d) || (d == 0 && 1 / d < 0)) {
                    return remote.put("type", "number").put("unserializableValue", printed).put("description", printed);
                }
                return value.fitsInLong() ? remote.put("type", "number").put("value", value.asLong()).put("description", printed)
                        : remote.put("type", "number").put("value", d).put("description", printed);
            }
            case "bigint" -> {
                return remote.put("type", "bigint").put("unserializableValue", printed).put("description", printed);
            }
            case "symbol" -> {
                return remote.put("type", "symbol").put("description", printed);
            }
            case "function" -> {
                return remote.put("type", "function").put("className", "Function").put("description", printed);
            }
            default -> {
                remote.put("type", "object");
                Value kind = runtime.internals().getContext().eval(KIND_OF).execute(value);
                if (kind.hasArrayElements()) {
                    if (!kind.getArrayElement(0).isNull()) {
                        remote.put("subtype", kind.getArrayElement(0).asString());
                    }
                    remote.put("className", kind.getArrayElement(1).asString());
                }
                return remote.put("description", printed);
            }
        }
    }

    private static final Source TYPE_OF = Source.newBuilder("js", "(v) => typeof v", "nano:devtools-typeof").internal(true).buildLiteral();
    private static final Source KIND_OF = Source.newBuilder("js", """
            (v) => [Array.isArray(v) ? "array" : v instanceof Error ? "error" : v instanceof RegExp ? "regexp"
                    : v instanceof Date ? "date" : v instanceof Map ? "map" : v instanceof Set ? "set"
                    : v instanceof Promise ? "promise" : null,
                  (() => { try { return v.constructor?.name || "Object"; } catch { return "Object"; } })()]
            """, "nano:devtools-kind").internal(true).buildLiteral();

    private static String print(Value value, NanoRuntime runtime) {
        try {
            return runtime.internals().invokeMember("inspect", value).asString();
        } catch (PolyglotException e) {
            return String.valueOf(value);
        }
    }
}
