package dev.nano.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Debug Adapter Protocol client over a plain TCP socket, as Eclipse (LSP4E's "connect to a
 * running server") or VS Code speak it to a debug adapter: {@code Content-Length} framed JSON,
 * requests with a {@code seq} answered by responses naming it as {@code request_seq}, and the
 * events in the order they arrived.
 */
public final class DapClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger seq = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> responses = new ConcurrentHashMap<>();
    private final EventInbox events = new EventInbox("event", "body", TIMEOUT);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean answered;
    private volatile boolean disconnected;

    private DapClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "DAP test client reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static DapClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
        return new DapClient(socket);
    }

    /** Sends a request and returns its response's {@code body}; fails on {@code success: false}. */
    public JsonNode request(String command, Object... args) throws Exception {
        JsonNode response = call(command, args);
        if (!response.path("success").asBoolean()) {
            throw new AssertionError(command + " failed: " + response);
        }
        return response.path("body");
    }

    /** Sends a request and returns the whole response, successful or not. */
    public JsonNode call(String command, Object... args) throws Exception {
        return send(command, JSON.valueToTree(map(args)));
    }

    /** Sends a request with arguments given as a JSON tree. */
    public JsonNode send(String command, JsonNode arguments) throws Exception {
        CompletableFuture<JsonNode> response = sendAsync(command, arguments);
        return response.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a request and returns its response's future, for requests answered late. */
    public CompletableFuture<JsonNode> sendAsync(String command, JsonNode arguments) throws IOException {
        int id = seq.incrementAndGet();
        disconnected |= command.equals("disconnect");
        ObjectNode message = JSON.createObjectNode().put("seq", id).put("type", "request").put("command", command);
        message.set("arguments", arguments);
        CompletableFuture<JsonNode> response = responses.computeIfAbsent(id, k -> new CompletableFuture<>());
        write(message.toString().getBytes(StandardCharsets.UTF_8));
        return response;
    }

    /** Writes one framed message with {@code body} as it is. */
    public void write(byte[] body) throws IOException {
        writeRaw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Writes bytes as they are, framed or not. */
    public synchronized void writeRaw(byte[]... chunks) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
        out.flush();
    }

    /** Builds a JSON object from name, value pairs, as request arguments. */
    public static ObjectNode args(Object... pairs) {
        return JSON.valueToTree(map(pairs));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The first event named {@code name} whose body matches {@code test}, waiting for it if need be. */
    public JsonNode awaitEvent(String name, Predicate<JsonNode> test) throws InterruptedException {
        return events.await(name, test);
    }

    public JsonNode awaitEvent(String name) throws InterruptedException {
        return awaitEvent(name, b -> true);
    }

    /** Every event received so far named {@code name} (not consumed). */
    public List<JsonNode> eventsNamed(String name) {
        return events.named(name);
    }

    /** Completes when the server closes the connection (or it breaks). */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            while (true) {
                int length = -1;
                String header;
                while (!(header = readLine(in)).isEmpty()) {
                    int colon = header.indexOf(':');
                    if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                        length = Integer.parseInt(header.substring(colon + 1).trim());
                    }
                }
                if (length < 0) {
                    throw new IOException("a message without Content-Length");
                }
                received(JSON.readTree(in.readNBytes(length)));
            }
        } catch (IOException | RuntimeException e) {
            // closed by either side
        } finally {
            closed.complete(null);
            responses.values().forEach(r -> r.completeExceptionally(new IOException("DAP connection closed")));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void received(JsonNode message) {
        switch (message.path("type").asText()) {
            case "response" -> {
                answered = true;
                responses.computeIfAbsent(message.path("request_seq").asInt(), k -> new CompletableFuture<>())
                    .complete(message);
            }
            case "event" -> {
                events.add(message);
            }
            default -> {
                // reverse requests (runInTerminal...) are not used by GraalVM's adapter
            }
        }
    }

    /**
     * Leaves as Eclipse and VS Code do: a {@code disconnect} request (once a session is under way),
     * then the socket closed. GraalVM needs both: a connection that ends without a disconnect
     * leaves a stopped program stopped and makes {@code Engine.close()} fail writing its
     * {@code terminated} event, and one that stays open keeps {@code Engine.close()} waiting.
     */
    @Override
    public void close() throws IOException {
        if (answered && !disconnected && !closed.isDone()) {
            try {
                send("disconnect", args("terminateDebuggee", false));
            } catch (Exception e) {
                // closing anyway
            }
        }
        abort();
    }

    /** Drops the connection without a {@code disconnect} request, as a crashed client would. */
    public void abort() throws IOException {
        socket.close();
    }
}
