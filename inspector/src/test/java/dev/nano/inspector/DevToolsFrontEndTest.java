package dev.nano.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nano.runtime.NanoRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chrome DevTools' own front end, in a real headless Chromium, against NANO's inspector: the
 * front end Chromium bundles (served by its remote-debugging port under {@code /devtools/}) is
 * opened on NANO's WebSocket, and driven as a user would, with mouse clicks and keys sent over
 * Chromium's own CDP; what it shows is read from its DOM (and its shadow roots).
 *
 * <p>Skipped without {@code /usr/bin/chromium} ({@code apt-get install chromium}).
 */
class DevToolsFrontEndTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The front end is slow to start and to react headless: generous, and only waited out on failure. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path SCREENSHOT = Path.of(System.getProperty("java.io.tmpdir"), "devtools-paused.png");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private Inspector inspector;
    private NanoRuntime runtime;
    private Process chromium;
    private Path profile;
    private CdpClient browser;
    private CdpClient page;

    private static final String MODULE = """
            globalThis.handle = (x) => {
              const doubled = x * 2;
              debugger;
              return doubled + 1;
            };
            export {};
            """;

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Chromium is needed to run DevTools' own front end against NANO (apt-get install chromium): " + CHROMIUM + " not found");
    }

    @AfterEach
    void close() throws Exception {
        if (page != null) {
            page.abort();
        }
        if (browser != null) {
            browser.abort();
        }
        if (chromium != null) {
            List<ProcessHandle> all = Stream.concat(chromium.descendants(), Stream.of(chromium.toHandle())).toList();
            all.forEach(ProcessHandle::destroy);
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
                chromium.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (profile != null) {
            deleteTree(profile);
        }
        if (runtime != null) {
            runtime.close();
        }
        if (inspector != null) {
            inspector.close();
        }
    }

    @Test
    void devtools_shows_the_module_stops_at_a_breakpoint_set_in_its_gutter_and_at_debugger_and_resumes() throws Exception {
        Path main = dir.resolve("worker.mjs");
        Files.writeString(main, MODULE);
        inspector = Inspector.start(new DebugOptions(DebugAddress.parse("0", 9229), DebugOptions.Start.RUN, null),
                new Inspector.Program("worker.mjs", main, "test"), new PrintStream(log, true, StandardCharsets.UTF_8));
        runtime = NanoRuntime.builder().projectRoot(dir).engineSetup(inspector.engineSetup()).build();
        inspector.evaluateIn(() -> runtime);
        runtime.evalFile(main).get(30, TimeUnit.SECONDS);

        int port = startChromium();
        // inspector.devToolsUrl()'s devtools:// scheme is refused (ERR_INVALID_URL) when a page is
        // opened on it over CDP; the same front end is served by the debugging port over http.
        String ws = inspector.webSocketUrl().substring("ws://".length());
        String frontEnd = "http://127.0.0.1:" + port + "/devtools/js_app.html?experiments=true&v8only=true&ws=" + ws;
        JsonNode target = browser.send("Target.createTarget", "url", frontEnd);
        page = CdpClient.connect("ws://127.0.0.1:" + port + "/devtools/page/" + target.path("targetId").asText());

        // (1) the front end connects
        await("NANO's inspector to log the attach", () -> log.toString(StandardCharsets.UTF_8).contains("Debugger attached."));

        // (2) the module is in the Sources panel's navigator, and opens in its editor
        String sourcesTab = "deep('#tab-sources').find(visible)";
        awaitInFrontEnd("its Sources tab", "!!" + sourcesTab);
        click(sourcesTab);
        String workerItem = "deep('[role=treeitem]').find(e => visible(e) && text(e).trim() === 'worker.mjs')";
        // the folders down to it may be collapsed: a user clicks them open
        String folder = "deep('[role=treeitem][aria-expanded=false]').find(e => visible(e) && (t => t === 'file://' || "
                + "'" + dir.toAbsolutePath().toString().replace("\\", "/").replace("'", "\\'") + "'.includes(t))(text(e).trim()))";
        awaitInFrontEnd("worker.mjs or its folder in the Sources navigator", "!!" + workerItem + " || !!" + folder);
        for (int folders = 0; !"true".equals(evaluate("!!" + workerItem)); folders++) {
            assertThat(folders).as("folders opened on the way to worker.mjs").isLessThan(20);
            clickAt("(e => { const r = e.getBoundingClientRect(); const pad = parseFloat(getComputedStyle(e).paddingLeft);"
                    + " return [r.left + pad + 5, r.top + r.height / 2]; })(" + folder + ")"); // its disclosure triangle
            awaitInFrontEnd("worker.mjs or its folder in the Sources navigator", "!!" + workerItem + " || !!" + folder);
        }
        click(workerItem);
        String lineTwo = "deep('.cm-lineNumbers .cm-gutterElement').find(e => visible(e) && e.textContent === '2')";
        awaitInFrontEnd("worker.mjs open in the editor", "!!" + lineTwo
                + " && deep('.cm-content').some(e => visible(e) && e.textContent.includes('const doubled = x * 2;'))");

        // a breakpoint on line 2, set by clicking its number, bound by the back end
        click(lineTwo);
        awaitInFrontEnd("a bound breakpoint on line 2",
                "deep('.cm-breakpoint').some(visible) && !deep('.cm-breakpoint-unbound').some(visible)");

        // (3) the program stops there: the front end says so, and the call does not return
        CompletableFuture<Value> call = runtime.eval("call", "handle(20)");
        awaitInFrontEnd("paused on the breakpoint at line 2",
                "pausedMessage().includes('Paused on breakpoint') && executionLine().includes('const doubled = x * 2;')");
        assertThat(call).isNotDone();
        JsonNode shot = page.send("Page.captureScreenshot", "format", "png");
        Files.write(SCREENSHOT, Base64.getDecoder().decode(shot.path("data").asText()));

        // F8 resumes; the debugger statement stops it again
        pressF8();
        awaitInFrontEnd("paused on the debugger statement",
                "pausedMessage().includes('Debugger paused') && executionLine().includes('debugger;')");
        assertThat(call).isNotDone();

        // the toolbar's resume button lets it finish
        click("deep('[aria-label=\"Resume script execution\"]').find(visible)");
        assertThat(call.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).asInt()).isEqualTo(41);
        awaitInFrontEnd("the front end to show the program running", "!executionLine() && !pausedMessage()");
    }

    // ---------------------------------------------------------------- the front end's page

    /** Helpers for the expressions evaluated in the front end: its UI is mostly in shadow roots. */
    private static final String HELPERS = """
            var deep = (selector) => {
              const found = [];
              const walk = (root) => {
                found.push(...root.querySelectorAll(selector));
                for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
              };
              walk(document);
              return found;
            };
            var text = (node) => {
              if (node.nodeType === Node.TEXT_NODE) return node.textContent;
              if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
              let s = node.shadowRoot ? text(node.shadowRoot) : '';
              for (const c of node.childNodes) s += text(c);
              return s;
            };
            var visible = (e) => e.checkVisibility() && e.getClientRects().length > 0;
            var pausedMessage = () => deep('.paused-message').filter(visible).map(text).join(' ').trim();
            var executionLine = () => deep('.cm-executionLine').filter(visible).map(e => e.textContent).join(' ');
            """;

    private String evaluate(String expression) throws Exception {
        JsonNode result = page.send("Runtime.evaluate", "expression", HELPERS + expression, "returnByValue", true);
        if (result.has("exceptionDetails")) {
            throw new AssertionError("in DevTools: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value").asText();
    }

    private void awaitInFrontEnd(String what, String condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!"true".equals(evaluate("!!(" + condition + ")"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("DevTools did not show " + what + " within " + DEADLINE + "; it shows: "
                        + evaluate("text(document.body).replace(/\\s+/g, ' ')") + "\nNANO's log: " + log);
            }
            Thread.sleep(100);
        }
    }

    private void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + DEADLINE + "; NANO's log: " + log);
            }
            Thread.sleep(100);
        }
    }

    /** A real mouse click (pressed and released) at the middle of the element {@code element} finds. */
    private void click(String element) throws Exception {
        clickAt("(e => { const r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })(" + element + ")");
    }

    /** A real mouse click at the point {@code point} evaluates to, as {@code [x, y]}. */
    private void clickAt(String point) throws Exception {
        String[] at = evaluate("(" + point + ").join(',')").split(",");
        double x = Double.parseDouble(at[0]);
        double y = Double.parseDouble(at[1]);
        page.send("Input.dispatchMouseEvent", "type", "mouseMoved", "x", x, "y", y);
        page.send("Input.dispatchMouseEvent", "type", "mousePressed", "x", x, "y", y, "button", "left", "buttons", 1, "clickCount", 1);
        page.send("Input.dispatchMouseEvent", "type", "mouseReleased", "x", x, "y", y, "button", "left", "buttons", 0, "clickCount", 1);
    }

    private void pressF8() throws Exception {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            page.send("Input.dispatchKeyEvent", "type", type, "key", "F8", "code", "F8",
                    "windowsVirtualKeyCode", 119, "nativeVirtualKeyCode", 119);
        }
    }

    // ---------------------------------------------------------------- Chromium

    /** Starts a headless Chromium on a fresh profile; returns its debugging port, {@link #browser} connected to it. */
    private int startChromium() throws Exception {
        profile = Files.createTempDirectory("nano-chromium-");
        Path output = profile.resolve("chromium.log");
        chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path active = profile.resolve("DevToolsActivePort"); // the port, then the browser's WebSocket path
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<String> lines = Files.exists(active) ? Files.readAllLines(active) : List.of();
            if (lines.size() >= 2) {
                browser = CdpClient.connect("ws://127.0.0.1:" + lines.get(0) + lines.get(1));
                return Integer.parseInt(lines.get(0));
            }
            if (!chromium.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("Chromium did not start: " + Files.readString(output));
            }
            Thread.sleep(50);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
