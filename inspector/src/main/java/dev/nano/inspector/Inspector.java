package dev.nano.inspector;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;

/**
 * The debugger door: turns GraalVM's Chrome inspector and DAP server on for the engine a program
 * runs on. The inspector is an instrument of the {@link Engine}, so every context made on it is
 * debuggable: {@code nano dev}'s reloads build new contexts on one engine and the attached
 * DevTools keeps its connection and its breakpoints.
 *
 * <pre>{@code
 * try (Inspector inspector = Inspector.start(options, target, System.err)) {
 *     NanoRuntime rt = NanoRuntime.builder().engineSetup(inspector.engineSetup()).build();
 *     inspector.evaluateIn(() -> rt);
 *     ...
 * }
 * }</pre>
 *
 * Nothing here is loaded without {@code --inspect} or {@code --dap}: the GraalVM instruments are
 * found on the class path only then, and this class is not touched otherwise.
 */
public final class Inspector implements AutoCloseable {
    private final DebugOptions options;
    private final String id = UUID.randomUUID().toString(); // 122 random bits, as Node's session ids
    private final ConsoleEvaluator evaluator = new ConsoleEvaluator();
    private final CdpRelay relay;
    private final DevToolsEndpoint endpoint;
    private final DebugAddress dapAddress;
    private final PrintStream log;

    /** What the debugger is told about the program: a title and the entry's file. */
    public record Program(String title, Path entry, String version) {
    }

    private Inspector(DebugOptions options, Program program, PrintStream log) throws IOException {
        this.options = options;
        this.log = log;
        this.relay = new CdpRelay("/" + id, log, evaluator, options.start() == DebugOptions.Start.BREAK);
        if (options.inspect() != null) {
            String url = program.entry() == null ? "" : program.entry().toAbsolutePath().normalize().toUri().toString();
            endpoint = DevToolsEndpoint.start(options.inspect(),
                    new DevToolsEndpoint.Target(id, program.title(), url, program.version()), relay);
        } else {
            endpoint = null;
        }
        this.dapAddress = options.dap() == null ? null : reserve(options.dap());
    }

    /**
     * Opens the DevTools endpoint (and checks the DAP port is free) before the engine exists: a
     * port in use is reported as an {@link IOException} naming it, before any code runs.
     */
    public static Inspector start(DebugOptions options, Program program, PrintStream log) throws IOException {
        return new Inspector(options, program, log);
    }

    /** GraalVM's DAP server binds its own socket: the port is tried here first, and 0 chosen here. */
    private static DebugAddress reserve(DebugAddress dap) throws IOException {
        try (ServerSocket probe = new ServerSocket(dap.port(), 1, InetAddress.getByName(dap.host()))) {
            return dap.withPort(probe.getLocalPort());
        }
    }

    /** Options and transport for the engine the program runs on (see {@link NanoRuntime#newEngine}). */
    public Consumer<Engine.Builder> engineSetup() {
        boolean brk = options.start() == DebugOptions.Start.BREAK;
        boolean waits = options.start() != DebugOptions.Start.RUN;
        return builder -> {
            if (endpoint != null) {
                // GraalVM's server is never opened: the transport hands its session to the relay,
                // which NANO's endpoint serves. The instrument still wants an address; Secure is
                // set explicitly because off loopback it would otherwise expect TLS.
                int port = endpoint.port() >= 1024 ? endpoint.port() : DebugOptions.DEFAULT_INSPECT_PORT;
                builder.option("inspect", "127.0.0.1:" + port)
                        .option("inspect.Path", id)
                        .option("inspect.Secure", "false")
                        // Waiting and the start-up pause are NANO's (see awaitDebugger)
                        .option("inspect.Suspend", "false")
                        .option("inspect.WaitAttached", "false")
                        .serverTransport(relay);
            }
            if (dapAddress != null) {
                builder.option("dap", dapAddress.host() + ":" + dapAddress.port())
                        .option("dap.Suspend", Boolean.toString(brk))
                        .option("dap.WaitAttached", Boolean.toString(waits))
                        // GraalVM's DAP server writes "[Graal DAP] Starting server and listening
                        // on /HOST:PORT" and "[Graal DAP] Client connected on /HOST:PORT" to the
                        // engine's out, System.out unless set: the program's stdout. NANO's
                        // contexts set their own out, so only the instruments write here.
                        .out(log);
            }
        };
    }

    /**
     * Under {@code --inspect-wait} and {@code --inspect-brk}, blocks until a debugger attached and
     * told the program to run ({@code Runtime.runIfWaitingForDebugger}, which DevTools and VS Code
     * send once their breakpoints are set); under {@code --inspect-brk} the debugger then pauses
     * on the next line of the program's own that runs. Doors call it after the engine exists and
     * before the program's first line: the entry's evaluation. Returns at once otherwise.
     */
    public void awaitDebugger() {
        if (endpoint == null || options.start() == DebugOptions.Start.RUN) {
            return;
        }
        try {
            relay.started().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Where the DevTools console's expressions go while the program runs (while it is paused they
     * are evaluated on the paused frame by GraalVM): in {@code nano dev}, the version serving now.
     */
    public void evaluateIn(Supplier<NanoRuntime> runtime) {
        evaluator.target(runtime);
    }

    /** The DevTools front end's URL for this session, or null without {@code --inspect}. */
    public String devToolsUrl() {
        return endpoint == null ? null : DevToolsEndpoint.devToolsUrl(authority(), id);
    }

    /** The session's WebSocket, or null without {@code --inspect}. */
    public String webSocketUrl() {
        return endpoint == null ? null : DevToolsEndpoint.webSocketUrl(authority(), id);
    }

    /** The DAP server's address, or null without {@code --dap}. */
    public DebugAddress dapAddress() {
        return dapAddress;
    }

    private String authority() {
        return options.inspect().withPort(endpoint.port()).authority();
    }

    /** What to tell the user: where to point a debugger, and whether the program waits for one. */
    public void printBanner(PrintStream out) {
        if (endpoint != null) {
            if (!options.inspect().isLoopback()) {
                out.println("Warning: the inspector listens on " + options.inspect().host() + ", not only on this machine:"
                        + " whoever reaches port " + endpoint.port() + " and learns its URL can run code in this program.");
            }
            out.println("Debugger listening on " + webSocketUrl());
            out.println("Open " + devToolsUrl() + " in Chrome, or find it in chrome://inspect");
        }
        if (dapAddress != null) {
            if (!dapAddress.isLoopback()) {
                out.println("Warning: the DAP server listens on " + dapAddress.host() + ", not only on this machine:"
                        + " whoever reaches port " + dapAddress.port() + " can run code in this program.");
            }
            out.println("Debug adapter (DAP) listening on " + dapAddress.authority());
        }
        if (options.start() != DebugOptions.Start.RUN) {
            out.println("Waiting for a debugger to attach...");
        }
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
