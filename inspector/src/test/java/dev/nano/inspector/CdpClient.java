package dev.nano.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Chrome DevTools Protocol client over a real WebSocket (the JDK's), as DevTools or VS Code
 * speak it: commands with ids and their replies, and the events in the order they arrived.
 */
public final class CdpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final EventInbox events = new EventInbox("method", "params", TIMEOUT);
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    private CdpClient(WebSocket socket) {
        this.socket = socket;
    }

    public static CdpClient connect(String webSocketUrl) throws Exception {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(webSocketUrl), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        CdpClient client = new CdpClient(socket);
        listener.client.complete(client);
        return client;
    }

    /** Sends a command and returns its reply's {@code result}; fails on an {@code error} reply. */
    public JsonNode send(String method, Object... params) throws Exception {
        JsonNode reply = call(method, params);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Sends a command and returns the whole reply (result or error). */
    public JsonNode call(String method, Object... params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(map(params)));
        return sendRaw(id, message.toString());
    }

    /**
     * Sends a command without waiting for its reply, as DevTools sends its start-up commands one
     * after the other: a program waiting for a debugger answers some only after
     * {@code Runtime.runIfWaitingForDebugger}.
     */
    public CompletableFuture<JsonNode> sendAsync(String method, Object... params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(map(params)));
        CompletableFuture<JsonNode> reply = replies.computeIfAbsent(id, k -> new CompletableFuture<>());
        socket.sendText(message.toString(), true).join();
        return reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends text as it is and waits for the reply with {@code id}. */
    public JsonNode sendRaw(int id, String text) throws Exception {
        CompletableFuture<JsonNode> reply = replies.computeIfAbsent(id, k -> new CompletableFuture<>());
        socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Map<String, Object> map(Object... params) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put((String) params[i], params[i + 1]);
        }
        return map;
    }

    /** The first event named {@code method} matching {@code test}, waiting for it if need be. */
    public JsonNode awaitEvent(String method, Predicate<JsonNode> test) throws InterruptedException {
        return events.await(method, test);
    }

    public JsonNode awaitEvent(String method) throws InterruptedException {
        return awaitEvent(method, p -> true);
    }

    /** Every event received so far named {@code method} (not consumed). */
    public List<JsonNode> eventsNamed(String method) {
        return events.named(method);
    }

    /** Completes with the close reason when the server closes the socket. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON from the server: " + text, e);
        }
        if (message.has("id") && !message.has("method")) {
            replies.computeIfAbsent(message.get("id").asInt(), k -> new CompletableFuture<>()).complete(message);
            return;
        }
        events.add(message);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }

    /** Drops the connection without a closing handshake, as a crashed client would. */
    public void abort() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<CdpClient> client = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                client.join().received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.join().closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.join().closed.complete("error " + error);
        }
    }
}
