package dev.nano.devserver;

import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.worker.Worker;
import dev.nano.runtime.worker.WorkerLoadException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Serves a {@link Worker} over HTTP/1.1 with Jetty. Malformed HTTP is answered by Jetty (400)
 * without reaching the worker.
 *
 * <pre>{@code
 * try (DevServer server = DevServer.start(runtime, worker, "127.0.0.1", 8787)) {
 *     server.join();
 * }
 * }</pre>
 */
public final class DevServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final SelectorResumingThreadPool threads;

    private DevServer(Server server, ServerConnector connector, SelectorResumingThreadPool threads) {
        this.server = server;
        this.connector = connector;
        this.threads = threads;
    }

    /** Starts serving {@code worker} on {@code host:port} (port 0 picks a free one). */
    public static DevServer start(NanoRuntime runtime, Worker worker, String host, int port) throws Exception {
        WorkerTarget target = WorkerTarget.of(runtime, worker);
        return start(host, port, () -> target, null, workerHandler -> workerHandler);
    }

    /**
     * Starts {@code nano dev}'s server: each request goes to the session's serving version, behind
     * the dev routes ({@code /__scheduled}, a failed reload's page) and a log line per request.
     */
    public static DevServer startDev(DevSession session, String host, int port, PrintStream log, boolean colour) throws Exception {
        Path root = session.config().projectRoot();
        DevServer server = start(host, port, session::acquire, DevErrors.handlerFailures(root, session.err()),
                worker -> new RequestLog(new AssetsHandler(new DevRoutes(worker, session, DevErrors.loadFailures(root)),
                        session::assets, session.assetsBinding().token()), log, colour));
        session.assetsBinding().serving(server.uri());
        return server;
    }

    /**
     * {@code nano serve}: the project's worker on its host and port, behind its assets when it has
     * some ({@code env.ASSETS} included). Loads the worker into {@code runtime}.
     *
     * @throws WorkerLoadException when the worker fails to load
     */
    public static DevServer startServe(NanoRuntime runtime, ServeConfig config) throws Exception {
        AssetsBinding binding = new AssetsBinding();
        Worker worker = runtime.loadWorker(config.entry(), config.vars(), binding.bindings(config));
        WorkerTarget target = WorkerTarget.of(runtime, worker);
        StaticAssets assets = config.assetsDir() == null ? null : new StaticAssets(config.assetsDir());
        DevServer server = start(config.host(), config.port(), () -> target, null,
                workerHandler -> assets == null ? workerHandler : new AssetsHandler(workerHandler, () -> assets, binding.token()));
        binding.serving(server.uri());
        return server;
    }

    /**
     * Starts a server whose requests go to {@code targets.get()} (asked once per request), through
     * the handlers {@code routes} puts in front of the worker's (a dev server's assets and pages).
     *
     * @param failures how a handler's failure is answered (null: a plain 500)
     */
    public static DevServer start(String host, int port, Supplier<WorkerTarget> targets, FailureResponder failures,
            UnaryOperator<Handler> routes) throws Exception {
        // JS runs on the loop thread and the handler never blocks, so a few threads are enough.
        // Selectors: half the cores, at most 4 (one on 2 cores). On 2 cores a second selector ran
        // "hello" slower (77k against 86k req/s, bench/serve.sh, after EmptyReadSkippingEndPoint):
        // the load generator shares the cores, and one more busy thread takes CPU from it.
        int selectors = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));
        SelectorResumingThreadPool threads = new SelectorResumingThreadPool(8, 2);
        threads.setName("nano-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, selectors, new HttpConnectionFactory(http)) {
            @Override
            protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
                SocketChannelEndPoint endPoint = new EmptyReadSkippingEndPoint(channel, selector, key, getScheduler());
                endPoint.setIdleTimeout(getIdleTimeout());
                return endPoint;
            }

            @Override
            protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
                return new ServerConnectorManager(executor, scheduler, selectors) {
                    @Override
                    protected ManagedSelector newSelector(int id) {
                        return new YieldingManagedSelector(this, id);
                    }
                };
            }
        };
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        SelectorWriter writers = new SelectorWriter();
        server.setHandler(routes.apply(new WorkerHandler(targets, writers, failures)));
        server.start();
        DevServer devServer = new DevServer(server, connector, threads);
        writers.connectorStarted(devServer.selectors());
        return devServer;
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/} as clients reach it. */
    public URI uri() {
        String host = connector.getHost();
        if (host == null || host.isEmpty() || host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** The connector's selectors (started). */
    List<ManagedSelector> selectors() {
        return List.copyOf(connector.getSelectorManager().getBeans(ManagedSelector.class));
    }

    SelectorResumingThreadPool threadPool() {
        return threads;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
