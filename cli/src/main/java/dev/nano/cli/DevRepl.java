package dev.nano.cli;

import dev.nano.devserver.DevSession;
import dev.nano.repl.DotCommand;
import dev.nano.repl.JsTooling;
import dev.nano.repl.ReplConsole;
import dev.nano.repl.ReplEvaluator;
import dev.nano.repl.ReplHost;
import dev.nano.repl.WorkerGlobals;
import dev.nano.runtime.NanoRuntime;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code nano dev --repl}: the prompt evaluates in the context that serves requests, so a global
 * set at the prompt is seen by the next request; after a hot reload it follows the new version.
 * The dev server's keys become dot commands ({@code .reload}, {@code .open}).
 */
final class DevRepl implements ReplHost, AutoCloseable {
    private final DevSession session;
    private final URI url;
    private final String devTools;
    private final ReplConsole console;
    private final JsTooling tooling;
    private volatile Bound bound;

    private record Bound(DevSession.Serving serving, ReplEvaluator evaluator) {
    }

    /** {@code devTools} is the DevTools URL under {@code --inspect}, else null. */
    DevRepl(DevSession session, URI url, String devTools, ReplConsole console) {
        this.session = session;
        this.url = url;
        this.devTools = devTools;
        this.console = console;
        this.tooling = new JsTooling(session.engine());
        DevSession.Serving serving = session.serving();
        if (serving != null) {
            bind(serving);
        }
        session.onNewVersion(this::follow);
    }

    JsTooling tooling() {
        return tooling;
    }

    private void bind(DevSession.Serving serving) {
        String origin = url.toString().replaceAll("/$", "");
        WorkerGlobals.install(serving.runtime(), serving.worker(), origin).join();
        bound = new Bound(serving, new ReplEvaluator(serving.runtime(), tooling));
    }

    private void follow(DevSession.Serving serving) {
        boolean first = bound == null;
        bind(serving);
        if (!first) {
            console.println("The prompt now evaluates in version " + serving.number()
                    + " (a fresh context: what was defined at the prompt is gone).");
        }
    }

    private Bound bound() {
        Bound b = bound;
        if (b == null) {
            throw new IllegalStateException("the worker has not loaded yet: fix the error above and save");
        }
        return b;
    }

    @Override
    public NanoRuntime runtime() {
        return bound().serving().runtime();
    }

    @Override
    public ReplEvaluator evaluator() {
        return bound().evaluator();
    }

    @Override
    public String clear() {
        session.reloadNow().join();
        return "Reloaded: a fresh context.";
    }

    @Override
    public List<DotCommand> commands() {
        Consumer<String> say = console::println;
        return List.of(
                new DotCommand(".open", "Open the dev server in a browser", arg -> DevKeys.openBrowser(url, say)),
                new DotCommand(".devtools", "Show the Chrome DevTools URL for this worker (with --inspect)", arg -> say.accept(DevKeys.devToolsHint(devTools))),
                new DotCommand(".reload", "Reload the worker now (the prompt follows the new version)", arg -> session.reloadNow().join()));
    }

    @Override
    public void close() {
        session.onNewVersion(null);
        tooling.close();
    }
}
