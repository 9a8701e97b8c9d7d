package dev.nano.inspector;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
    private final DapRelay dapRelay;
    private final DebugAddress dapAddress;

    /** What the debugger is told about the program: a title and the entry's file. */
    public record Program(String title, Path entry, String version) {
    }

    private Inspector(DebugOptions options, Program program, PrintStream log) throws IOException {
        this.options = options;
        this.relay = new CdpRelay("/" + id, log, evaluator, options.start() == DebugOptions.Start.BREAK);
        if (options.inspect() != null) {
            String url = program.entry() == null ? "" : program.entry().toAbsolutePath().normalize().toUri().toString();
            endpoint = DevToolsEndpoint.start(options.inspect(),
                    new DevToolsEndpoint.Target(id, program.title(), url, program.version()), relay);
        } else {
            endpoint = null;
        }
        if (options.dap() != null) {
            dapRelay = new DapRelay(options.dap(), log, options.start() == DebugOptions.Start.BREAK);
            dapAddress = options.dap().withPort(dapRelay.port());
        } else {
            dapRelay = null;
            dapAddress = null;
        }
    }

    /**
     * Opens the DevTools endpoint and the DAP port before the engine exists: a port in use is
     * reported as an {@link IOException}, before any code runs. {@code log} gets the lines a
     * user reads (a debugger attached or left).
     */
    public static Inspector start(DebugOptions options, Program program, PrintStream log) throws IOException {
        return new Inspector(options, program, log);
    }

    /** Options and transport for the engine the program runs on (see {@link NanoRuntime#newEngine}). */
    public Consumer<Engine.Builder> engineSetup() {
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
            if (dapRelay != null) {
                // GraalVM's DAP server listens on a private loopback port, reached only through
                // the relay; waiting and the start-up pause are NANO's, as for --inspect.
                builder.option("dap", "127.0.0.1:" + dapRelay.graalPort())
                        .option("dap.Suspend", "false")
                        .option("dap.WaitAttached", "false")
                        // It logs each closed connection as SEVERE with a stack trace; the relay
                        // reports what matters.
                        .option("log.dap.level", "OFF")
                        // GraalVM's DAP server writes "[Graal DAP] Starting server and listening on
                        // /HOST:PORT" and "Client connected" to the engine's out (System.out unless
                        // set: the program's stdout), naming the private port. NANO says what the
                        // user needs (printBanner, the relay's attach lines); contexts set their own out.
                        .out(java.io.OutputStream.nullOutputStream());
            }
        };
    }

    /**
     * Under {@code --inspect-wait} and {@code --inspect-brk}, blocks until a debugger attached and
     * told the program to run: {@code Runtime.runIfWaitingForDebugger}, which DevTools and VS Code
     * send once their breakpoints are set, or a DAP client's {@code configurationDone}. Under
     * {@code --inspect-brk} the debugger then pauses on the next line of the program's own that
     * runs. Doors call it after the engine exists and before the program's first line (the
     * entry's evaluation); it returns at once otherwise.
     */
    public void awaitDebugger() {
        if (options.start() == DebugOptions.Start.RUN) {
            return;
        }
        CompletableFuture<?> started = endpoint != null && dapRelay != null
                ? CompletableFuture.anyOf(relay.started(), dapRelay.started())
                : endpoint != null ? relay.started() : dapRelay.started();
        try {
            started.get();
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
        if (dapRelay != null) {
            dapRelay.close(); // before the engine closes: GraalVM's DAP waits for its client to leave
        }
        if (endpoint != null) {
            relay.end();
            endpoint.close();
        }
    }
}
