package dev.nano.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.graalvm.polyglot.io.MessageEndpoint;
import org.graalvm.polyglot.io.MessageTransport;

/**
 * Relays Chrome DevTools Protocol messages between the one connected client (a WebSocket) and
 * GraalVM's inspector, which NANO runs without a server of its own: the engine's
 * {@link MessageTransport} hands its session here.
 *
 * <p>GraalVM opens a new session each time the previous one closes; the relay closes it when the
 * client goes away (which clears the client's breakpoints and resumes a paused program, as Node
 * does) and so the next client starts afresh. It answers {@code Runtime.evaluate} itself while
 * the program runs, where GraalVM would answer {@code <Not suspended>}.
 */
final class CdpRelay implements MessageTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sessionPath;
    private final PrintStream log;
    private final ConsoleEvaluator evaluator;
    private final Object lock = new Object();
    /** GraalVM's side of the current session: where the client's messages go. */
    private MessageEndpoint inspector;
    /** The connected client, or null. */
    private Session client;
    /** The client's messages before GraalVM's session opened (the engine is being built). */
    private final java.util.List<String> pending = new java.util.ArrayList<>();
    private volatile boolean paused;
    /**
     * {@code --inspect-wait} and {@code --inspect-brk}: completes when a client sent
     * {@code Runtime.runIfWaitingForDebugger} (and, to break, once the pause is armed). NANO holds
     * the program's first line until then itself (see {@link Inspector#awaitDebugger()}).
     */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final boolean pauseOnStart;
    /** The id of the relay's own commands to GraalVM, whose answers no client sees. */
    private static final long RELAY_ID = 2_000_000_000L;

    CdpRelay(String sessionPath, PrintStream log, ConsoleEvaluator evaluator, boolean pauseOnStart) {
        this.sessionPath = sessionPath;
        this.log = log;
        this.evaluator = evaluator;
        this.pauseOnStart = pauseOnStart;
    }

    /** Completes once a debugger told the program to run (see {@link #started}). */
    CompletableFuture<Void> started() {
        return started;
    }

    // ---------------------------------------------------------------- GraalVM's side

    @Override
    public MessageEndpoint open(URI uri, MessageEndpoint peerEndpoint) {
        if (!sessionPath.equals(uri.getPath())) {
            return null; // another instrument's server (DAP): it listens on its own socket
        }
        synchronized (lock) {
            inspector = peerEndpoint;
            paused = false;
            // A client may attach before the engine exists (the URL is printed first).
            for (String message : pending) {
                forward(peerEndpoint, message);
            }
            pending.clear();
        }
        return new ToClient();
    }

    /** What GraalVM sends: to the client when there is one, else dropped (as Node drops it). */
    private final class ToClient implements MessageEndpoint {
        @Override
        public void sendText(String text) {
            if (hiddenFromClient(text)) {
                return;
            }
            notePauseState(text);
            Session to;
            synchronized (lock) {
                to = client;
            }
            if (to != null) {
                to.sendText(text, Callback.NOOP);
            }
        }

        @Override
        public void sendBinary(ByteBuffer data) {
            // CDP is text only
        }

        @Override
        public void sendPing(ByteBuffer data) {
        }

        @Override
        public void sendPong(ByteBuffer data) {
        }

        @Override
        public void sendClose() {
            // GraalVM ended the session (the engine is closing): so does the client's socket.
            Session to;
            synchronized (lock) {
                to = client;
                client = null;
                inspector = null;
            }
            if (to != null) {
                to.close(1001, "the program ended", Callback.NOOP);
            }
        }
    }

    private boolean hiddenFromClient(String message) {
        if (message.contains("\"id\":" + RELAY_ID + ",") || message.contains("\"id\":" + RELAY_ID + "}")) {
            started.complete(null); // the start-up pause is armed
            return true;
        }
        return false;
    }

    private void notePauseState(String message) {
        if (message.contains("\"Debugger.paused\"")) {
            paused = true;
        } else if (message.contains("\"Debugger.resumed\"")) {
            paused = false;
        }
    }

    // ---------------------------------------------------------------- the client's side

    boolean hasClient() {
        synchronized (lock) {
            return client != null;
        }
    }

    /** The program ends: the client is told so (DevTools shows the reason) before the port closes. */
    void end() {
        Session to;
        synchronized (lock) {
            to = client;
        }
        if (to != null) {
            to.close(1001, "the program ended", Callback.NOOP);
        }
    }

    /** A new WebSocket client: accepted when none is connected (GraalVM serves one session). */
    boolean attach(Session session) {
        synchronized (lock) {
            if (client != null) {
                return false;
            }
            client = session;
            pending.clear();
        }
        log.println("Debugger attached.");
        return true;
    }

    void detach(Session session) {
        MessageEndpoint closing;
        synchronized (lock) {
            if (client != session) {
                return;
            }
            client = null;
            closing = inspector;
            inspector = null; // GraalVM opens the next session through open()
        }
        log.println("Debugger detached.");
        if (closing != null) {
            try {
                closing.sendClose();
            } catch (IOException | RuntimeException e) {
                // the session is gone either way
            }
        }
    }

    void receive(Session from, String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject() || !message.path("id").canConvertToLong()
                || !message.path("method").isTextual()) {
            // Not a CDP command: answered here, so GraalVM never sees it.
            ObjectNode error = JSON.createObjectNode();
            error.put("id", message != null && message.path("id").canConvertToLong() ? message.path("id").asLong() : 0);
            error.putObject("error").put("code", -32700).put("message", "not a CDP command (JSON with id and method)");
            from.sendText(error.toString(), Callback.NOOP);
            return;
        }
        if (!paused && "Runtime.evaluate".equals(message.path("method").asText())) {
            long id = message.path("id").asLong();
            evaluateWhileRunning(message.path("params")).whenComplete((result, failure) -> {
                ObjectNode reply = JSON.createObjectNode();
                reply.put("id", id);
                if (failure != null) {
                    reply.putObject("error").put("code", -32000).put("message", String.valueOf(failure.getMessage()));
                } else {
                    reply.set("result", result);
                }
                from.sendText(reply.toString(), Callback.NOOP);
            });
            return;
        }
        if ("Runtime.callFunctionOn".equals(message.path("method").asText())
                && message.path("params").path("functionDeclaration").isTextual()) {
            // GraalVM wraps the trimmed declaration as "(" + it + ").apply(...)": a last line that
            // is a line comment (VS Code ends its functions with //# sourceURL=...) swallowed the
            // rest. As a block comment it ends where it should.
            ObjectNode params = (ObjectNode) message.path("params");
            String declaration = params.path("functionDeclaration").asText().stripTrailing();
            int lastLine = declaration.lastIndexOf('\n') + 1;
            if (declaration.startsWith("//", lastLine)) {
                declaration = declaration.substring(0, lastLine) + "/*" + declaration.substring(lastLine + 2).replace("*/", "* /") + " */";
                params.put("functionDeclaration", declaration);
                text = message.toString();
            }
        }
        if ("Debugger.setBreakpointByUrl".equals(message.path("method").asText()) && message.path("params").path("urlRegex").isTextual()) {
            // V8 (and so DevTools and VS Code) finds urlRegex anywhere in a script's URL; GraalVM
            // matches it against the whole URL. Widened here, it means what the client meant.
            ObjectNode params = (ObjectNode) message.path("params");
            params.put("urlRegex", "(?s).*(?:" + params.path("urlRegex").asText() + ").*");
            text = message.toString();
        }
        synchronized (lock) {
            if (from != client) {
                return;
            }
            if (inspector == null) {
                pending.add(text);
            } else {
                forward(inspector, text);
            }
        }
    }

    /** Passes a client's message to GraalVM; under the lock, so that messages keep their order. */
    private void forward(MessageEndpoint to, String text) {
        try {
            to.sendText(text);
            if (!started.isDone() && text.contains("\"Runtime.runIfWaitingForDebugger\"")) {
                if (pauseOnStart) {
                    // Pauses at the next statement that runs: the entry's first line, as NANO's
                    // own code is hidden from the debugger.
                    to.sendText("{\"id\":" + RELAY_ID + ",\"method\":\"Debugger.pause\"}");
                } else {
                    started.complete(null);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.println("nano inspector: cannot pass a message to the debugger: " + e.getMessage());
        }
    }

    private CompletableFuture<ObjectNode> evaluateWhileRunning(JsonNode params) {
        String expression = params.path("expression").asText("");
        if (params.path("throwOnSideEffect").asBoolean(false)) {
            // DevTools' eager preview as one types: nothing runs that might change the program.
            return CompletableFuture.completedFuture(ConsoleEvaluator.sideEffectRefused());
        }
        return evaluator.evaluate(expression);
    }
}
