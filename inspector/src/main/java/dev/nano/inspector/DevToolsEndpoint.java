package dev.nano.inspector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The port DevTools clients talk to, as Node's inspector serves it: {@code /json/list} (and
 * {@code /json}) and {@code /json/version} for discovery by {@code chrome://inspect} and IDEs,
 * and the session's WebSocket at its unguessable path.
 */
final class DevToolsEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final ServerConnector connector;
    private final Target target;

    /** What {@code /json/list} describes. */
    record Target(String id, String title, String url, String version) {
    }

    private DevToolsEndpoint(Server server, ServerConnector connector, Target target) {
        this.server = server;
        this.connector = connector;
        this.target = target;
    }

    static DevToolsEndpoint start(DebugAddress address, Target target, CdpRelay relay) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("nano-inspector");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.host());
        connector.setPort(address.port());
        server.addConnector(connector);
        DevToolsEndpoint endpoint = new DevToolsEndpoint(server, connector, target);
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, container -> {
            // A paused program's scopes can be large; DevTools' own messages are not bounded either.
            container.setMaxTextMessageSize(64L << 20);
            container.setIdleTimeout(Duration.ZERO); // a debugger may sit paused for hours
            container.addMapping("/" + target.id(), (request, response, callback) -> {
                if (relay.hasClient()) {
                    // GraalVM's inspector serves one session at a time: say so before upgrading
                    Response.writeError(request, response, callback, HttpStatus.CONFLICT_409, "another debugger is attached to this program");
                    return null;
                }
                return new DevToolsSocket(relay);
            });
        });
        upgrades.setHandler(endpoint.new Discovery());
        server.setHandler(upgrades);
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw e;
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException(e.getMessage(), e);
        }
        return endpoint;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it did not start
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** The WebSocket's URL as a client reached through {@code authority} should see it. */
    static String webSocketUrl(String authority, String id) {
        return "ws://" + authority + "/" + id;
    }

    static String devToolsUrl(String authority, String id) {
        return "devtools://devtools/bundled/js_app.html?experiments=true&v8only=true&ws=" + authority + "/" + id;
    }

    /** {@code /json/*}: answered only to a Host naming an IP address or localhost (DNS rebinding). */
    private final class Discovery extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String host = request.getHeaders().get(HttpHeader.HOST);
            if (!"GET".equals(request.getMethod()) || !path.startsWith("/json")) {
                return reply(response, callback, HttpStatus.NOT_FOUND_404, "text/plain", "not found\n");
            }
            if (host == null || !isIpOrLocalhost(host)) {
                return reply(response, callback, HttpStatus.FORBIDDEN_403, "text/plain",
                        "the Host header must be an IP address or localhost\n");
            }
            return switch (path) {
                case "/json", "/json/", "/json/list", "/json/list/" -> reply(response, callback, 200, "application/json", list(host).toString());
                case "/json/version", "/json/version/" -> reply(response, callback, 200, "application/json", version().toString());
                default -> reply(response, callback, HttpStatus.NOT_FOUND_404, "text/plain", "not found\n");
            };
        }

        private ArrayNode list(String authority) {
            ObjectNode entry = JSON.createObjectNode()
                    .put("description", "NANO instance")
                    .put("devtoolsFrontendUrl", devToolsUrl(authority, target.id()))
                    .put("devtoolsFrontendUrlCompat", devToolsUrl(authority, target.id()).replace("js_app.html", "inspector.html"))
                    .put("faviconUrl", "")
                    .put("id", target.id())
                    .put("title", target.title())
                    // "node": chrome://inspect and VS Code's Node debugger list and attach to it as a Node process
                    .put("type", "node")
                    .put("url", target.url())
                    .put("webSocketDebuggerUrl", webSocketUrl(authority, target.id()));
            return JSON.createArrayNode().add(entry);
        }

        private ObjectNode version() {
            return JSON.createObjectNode()
                    .put("Browser", "NANO/" + target.version())
                    .put("Protocol-Version", "1.1");
        }

        private static boolean reply(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=UTF-8");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** Node's rule: a Host that is an IP literal or localhost, so a web page's DNS name cannot reach it. */
    static boolean isIpOrLocalhost(String hostHeader) {
        String host = hostHeader;
        if (host.startsWith("[")) {
            return host.indexOf(']') > 0; // IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }
}
