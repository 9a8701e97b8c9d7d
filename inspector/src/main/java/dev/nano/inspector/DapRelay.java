package dev.nano.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DAP port users connect to, relaying to GraalVM's DAP server on a private loopback port
 * through one connection kept for the engine's life.
 *
 * <p>Why a relay: GraalVM's DAP server (25.0.2) serves one connection per engine, ever; a client
 * that drops without {@code disconnect} leaves a stopped program stopped and makes every later
 * source load fail on the dead socket. Here a client's leaving (with or without
 * {@code disconnect}) is the relay's business: it clears that client's breakpoints, resumes a
 * stopped program and keeps GraalVM's session for the next client, whose {@code initialize} and
 * {@code attach} it answers itself. Bytes that are not DAP never reach GraalVM.
 */
final class DapRelay implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sequence numbers of the relay's own requests to GraalVM, whose responses no client sees. */
    private static final int RELAY_SEQ = 1_000_000_000;

    private final ServerSocket listener;
    private final int graalPort;
    private final PrintStream log;
    private final boolean pauseOnStart;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Object upstreamLock = new Object();
    private Channel upstream;
    private volatile Channel client;
    private final AtomicInteger relaySeq = new AtomicInteger(RELAY_SEQ);
    private final Map<Integer, CompletableFuture<JsonNode>> relayRequests = new ConcurrentHashMap<>();
    /** GraalVM's answer to the first initialize, given again to later clients. */
    private volatile JsonNode capabilities;
    private volatile boolean attached;
    private volatile int launchSeq = -1;
    /** What the current client set, to clear when it leaves: source (as sent) by its key. */
    private final Map<String, JsonNode> breakpointSources = new LinkedHashMap<>();
    private volatile boolean exceptionFilters;
    private volatile Integer stoppedThread;
    private volatile boolean closed;

    DapRelay(DebugAddress address, PrintStream log, boolean pauseOnStart) throws IOException {
        this.log = log;
        this.pauseOnStart = pauseOnStart;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(address.host()), address.port()), 4);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.graalPort = probe.getLocalPort(); // GraalVM binds it when the engine is built
        }
        Thread.ofPlatform().daemon(true).name("nano-dap-accept").start(this::acceptClients);
    }

    /** Where GraalVM's own DAP server is to listen (loopback, for the relay only). */
    int graalPort() {
        return graalPort;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Completes when a client finished configuring ({@code configurationDone}). */
    CompletableFuture<Void> started() {
        return started;
    }

    // ---------------------------------------------------------------- clients

    private void acceptClients() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            Channel channel;
            try {
                channel = new Channel(socket);
            } catch (IOException e) {
                continue;
            }
            if (client != null) {
                // GraalVM debugs through one session: one client at a time.
                channel.sendQuietly(event("output", JSON.createObjectNode().put("category", "important")
                        .put("output", "another debugger is attached to this program\n")));
                channel.close();
                continue;
            }
            client = channel;
            log.println("Debugger (DAP) attached.");
            Thread.ofPlatform().daemon(true).name("nano-dap-client").start(() -> serve(channel));
        }
    }

    private void serve(Channel from) {
        try {
            JsonNode message;
            while ((message = from.read()) != null) {
                if (!"request".equals(message.path("type").asText())) {
                    continue;
                }
                if (!handle(from, (ObjectNode) message)) {
                    return; // the client disconnected
                }
            }
        } catch (IOException | RuntimeException e) {
            // not DAP, or the connection broke: the client is gone either way
        } finally {
            leave(from);
        }
    }

    /** Returns false once the client asked to disconnect. */
    private boolean handle(Channel from, ObjectNode request) throws IOException {
        String command = request.path("command").asText();
        switch (command) {
            case "initialize" -> {
                JsonNode known = capabilities;
                if (known != null) {
                    from.send(response(request, known));
                    return true;
                }
            }
            case "attach", "launch" -> {
                if (attached) {
                    from.send(response(request, null));
                    from.send(event("initialized", null));
                    return true;
                }
                attached = true;
                if (command.equals("launch")) {
                    // GraalVM ends every context when a launched session disconnects: the program
                    // outlives its debuggers here, so it is always an attach.
                    launchSeq = request.path("seq").asInt();
                    request.put("command", "attach");
                }
            }
            case "disconnect", "terminate" -> {
                // what it set is cleared before it hears back, then the connection ends
                forget(from);
                from.sendQuietly(response(request, null));
                from.close();
                return false;
            }
            case "setBreakpoints" -> {
                JsonNode source = request.path("arguments").path("source");
                String key = source.hasNonNull("path") ? source.path("path").asText() : "ref:" + source.path("sourceReference").asText();
                synchronized (breakpointSources) {
                    if (request.path("arguments").path("breakpoints").isEmpty()) {
                        breakpointSources.remove(key);
                    } else {
                        breakpointSources.put(key, source);
                    }
                }
            }
            case "setExceptionBreakpoints" -> exceptionFilters = !request.path("arguments").path("filters").isEmpty();
            case "continue", "next", "stepIn", "stepOut" -> stoppedThread = null;
            default -> { }
        }
        sendUpstream(request);
        if (command.equals("configurationDone") && !started.isDone()) {
            armStart();
        }
        return true;
    }

    /** {@code --inspect-brk}: pause at the next line of the program's own, then let it start. */
    private void armStart() {
        if (!pauseOnStart) {
            started.complete(null);
            return;
        }
        relayRequest("threads", JSON.createObjectNode())
                .thenCompose(threads -> {
                    JsonNode first = threads.path("body").path("threads").path(0);
                    ObjectNode args = JSON.createObjectNode().put("threadId", first.path("id").asInt(1));
                    return relayRequest("pause", args);
                })
                .whenComplete((r, e) -> started.complete(null));
    }

    /** The client left (or dropped): its connection is closed, what it set cleared. */
    private void leave(Channel from) {
        forget(from);
        from.close();
    }

    /** What the client set is cleared and a stopped program runs on; later clients may attach. */
    private void forget(Channel from) {
        if (client != from) {
            return;
        }
        client = null;
        log.println("Debugger (DAP) detached.");
        if (!attached) {
            return;
        }
        Map<String, JsonNode> sources;
        synchronized (breakpointSources) {
            sources = new LinkedHashMap<>(breakpointSources);
            breakpointSources.clear();
        }
        for (JsonNode source : sources.values()) {
            ObjectNode args = JSON.createObjectNode();
            args.set("source", source);
            args.putArray("breakpoints");
            awaitQuietly(relayRequest("setBreakpoints", args));
        }
        if (exceptionFilters) {
            exceptionFilters = false;
            ObjectNode args = JSON.createObjectNode();
            args.putArray("filters");
            awaitQuietly(relayRequest("setExceptionBreakpoints", args));
        }
        Integer stopped = stoppedThread;
        if (stopped != null) {
            stoppedThread = null;
            awaitQuietly(relayRequest("continue", JSON.createObjectNode().put("threadId", stopped)));
        }
    }

    private static void awaitQuietly(CompletableFuture<JsonNode> reply) {
        try {
            reply.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // GraalVM did not answer: nothing more to do for a client that left
        }
    }

    // ---------------------------------------------------------------- GraalVM's side

    private CompletableFuture<JsonNode> relayRequest(String command, ObjectNode arguments) {
        int seq = relaySeq.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        relayRequests.put(seq, reply);
        ObjectNode request = JSON.createObjectNode().put("seq", seq).put("type", "request").put("command", command);
        request.set("arguments", arguments);
        try {
            sendUpstream(request);
        } catch (IOException e) {
            relayRequests.remove(seq);
            reply.completeExceptionally(e);
        }
        return reply;
    }

    private void sendUpstream(JsonNode message) throws IOException {
        synchronized (upstreamLock) {
            if (upstream == null) {
                upstream = connectToGraal();
                Channel graal = upstream;
                Thread.ofPlatform().daemon(true).name("nano-dap-upstream").start(() -> readUpstream(graal));
            }
            upstream.send(message);
        }
    }

    /** GraalVM's server listens once the engine is built; a client may come a moment earlier. */
    private Channel connectToGraal() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return new Channel(new Socket(InetAddress.getLoopbackAddress(), graalPort));
            } catch (IOException e) {
                if (System.nanoTime() > deadline || closed) {
                    throw e;
                }
                try {
                    Thread.sleep(50); // polling a port not yet open: there is no event to wait for
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void readUpstream(Channel graal) {
        try {
            JsonNode message;
            while ((message = graal.read()) != null) {
                String type = message.path("type").asText();
                if ("response".equals(type)) {
                    int requestSeq = message.path("request_seq").asInt();
                    if (requestSeq > RELAY_SEQ) {
                        CompletableFuture<JsonNode> reply = relayRequests.remove(requestSeq);
                        if (reply != null) {
                            reply.complete(message);
                        }
                        continue;
                    }
                    if ("initialize".equals(message.path("command").asText()) && message.path("success").asBoolean()) {
                        capabilities = message.path("body");
                    }
                    if (requestSeq == launchSeq && message instanceof ObjectNode answer) {
                        answer.put("command", "launch");
                    }
                } else if ("event".equals(type)) {
                    switch (message.path("event").asText()) {
                        case "stopped" -> stoppedThread = message.path("body").path("threadId").asInt();
                        case "continued" -> stoppedThread = null;
                        default -> { }
                    }
                }
                Channel to = client;
                if (to != null) {
                    to.sendQuietly(message);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.println("nano: the connection to GraalVM's DAP server ended: " + e.getMessage());
            }
        }
    }

    private static ObjectNode response(JsonNode request, JsonNode body) {
        ObjectNode response = JSON.createObjectNode().put("seq", 0).put("type", "response")
                .put("request_seq", request.path("seq").asInt()).put("success", true).put("command", request.path("command").asText());
        if (body != null) {
            response.set("body", body);
        }
        return response;
    }

    private static ObjectNode event(String name, JsonNode body) {
        ObjectNode event = JSON.createObjectNode().put("seq", 0).put("type", "event").put("event", name);
        if (body != null) {
            event.set("body", body);
        }
        return event;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        Channel c = client;
        if (c != null) {
            c.close();
        }
        Channel graal;
        synchronized (upstreamLock) {
            graal = upstream;
        }
        if (graal != null) {
            // A clean goodbye, answered before the socket closes: GraalVM's connection thread
            // ends, and the engine can close.
            awaitQuietly(relayRequest("disconnect", JSON.createObjectNode()));
            graal.close();
        }
    }

    /** One DAP connection: messages framed as {@code Content-Length: N\r\n\r\n} and N bytes of JSON. */
    private static final class Channel {
        private static final int MAX_HEADER = 8192;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Channel(Socket socket) throws IOException {
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /**
         * The next message, null at the end of the stream; an IOException for bytes that are not
         * DAP framing (the connection is then closed: there is no telling where a message starts).
         */
        JsonNode read() throws IOException {
            int length = -1;
            while (true) {
                String line = readHeaderLine();
                if (line == null) {
                    return null;
                }
                if (line.isEmpty()) {
                    if (length >= 0) {
                        break;
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IOException("not a DAP header: " + line);
                }
                if (line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                    try {
                        length = Integer.parseInt(line.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        throw new IOException("bad Content-Length: " + line);
                    }
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return null;
            }
            try {
                JsonNode message = JSON.readTree(body);
                // A well-framed message that is not a JSON object is skipped, as GraalVM skips it.
                return message != null && message.isObject() ? message : JSON.createObjectNode();
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                return JSON.createObjectNode();
            }
        }

        private String readHeaderLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
                if (line.size() > MAX_HEADER) {
                    throw new IOException("not DAP: a header line longer than " + MAX_HEADER + " bytes");
                }
            }
            return null;
        }

        synchronized void send(JsonNode message) throws IOException {
            byte[] body = JSON.writeValueAsBytes(message);
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        void sendQuietly(JsonNode message) {
            try {
                send(message);
            } catch (IOException e) {
                // the peer is gone
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
