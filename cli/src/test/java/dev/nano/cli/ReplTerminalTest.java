package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nano repl} and {@code nano dev --repl} as a person uses them: in a real pseudo-terminal
 * (tmux), keys typed, the screen read back. Needs tmux; skipped, saying so, when it is absent.
 */
class ReplTerminalTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsTmux() {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed: the REPL's terminal tests are skipped (apt-get install tmux)");
    }

    private Map<String, String> environment() {
        return Map.of("HOME", dir.toString(), "NANO_REPL_HISTORY", dir.resolve("history").toString(), "TERM", "xterm-256color");
    }

    private TmuxTerminal repl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "repl";
        System.arraycopy(args, 0, command, 1, args.length);
        TmuxTerminal t = TmuxTerminal.nano(dir, environment(), command);
        t.awaitText("Type \".help\" for more information.");
        t.await(s -> lastLine(s).equals(">"), Duration.ofSeconds(60), "the first prompt");
        return t;
    }

    /** The last non-empty row of the screen, trimmed. */
    static String lastLine(String screen) {
        List<String> rows = screen.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
    }

    private static String awaitPromptAfter(TmuxTerminal t, String text) throws Exception {
        return t.await(s -> s.contains(text) && lastLine(s).equals(">"), Duration.ofSeconds(60), "\"" + text + "\" and a prompt");
    }

    private static void awaitExit(TmuxTerminal t) throws Exception {
        t.await(s -> {
            try {
                return t.exited();
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(30), "the REPL to exit");
    }

    @Test
    void an_open_bracket_keeps_reading_and_the_whole_input_is_evaluated() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("function twice(a) {").press("Enter");
            t.await(s -> lastLine(s).equals("..."), Duration.ofSeconds(30), "the continuation prompt");
            t.type("return a * 2").press("Enter");
            t.type("}").press("Enter");
            t.type("twice(21)").press("Enter");
            String screen = awaitPromptAfter(t, "42");
            assertThat(screen).contains("> twice(21)");
        }
    }

    @Test
    void tab_completes_a_property_along_an_expression_chain() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("crypto.su").press("Tab");
            t.await(s -> lastLine(s).equals("> crypto.subtle"), Duration.ofSeconds(30), "crypto.subtle completed");
            t.type(".digest === crypto.subtle.digest").press("Enter");
            awaitPromptAfter(t, "true");
            t.type("[1,2].fla").press("Tab");
            // Two names fit: the line holds their common part and the list shows both.
            String listed = t.await(s -> s.contains("> [1,2].flat\n") && s.contains("flatMap"), Duration.ofSeconds(30), "[1,2].flat completed");
            assertThat(listed).containsPattern("flat +flatMap");
        }
    }

    @Test
    void ctrl_c_interrupts_a_runaway_loop_and_keeps_the_variables() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("let kept = 7").press("Enter");
            awaitPromptAfter(t, "undefined");
            t.type("while (true) {}").press("Enter");
            t.await(s -> lastLine(s).equals("> while (true) {}"), Duration.ofSeconds(30), "the loop running");
            t.press("C-c");
            awaitPromptAfter(t, "Script execution was interrupted");
            t.type("kept * 6").press("Enter");
            awaitPromptAfter(t, "42");
        }
    }

    @Test
    void a_timer_prints_above_the_line_being_typed() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("setTimeout(() => console.log('tick from the loop'), 3000); 'scheduled'").press("Enter");
            awaitPromptAfter(t, "'scheduled'");
            t.type("half typed");
            String before = t.await(s -> lastLine(s).equals("> half typed"), Duration.ofSeconds(30), "the typed text");
            assertThat(before.lines().map(String::strip)).as("typed before the timer fired").doesNotContain("tick from the loop");
            String after = t.await(s -> s.lines().map(String::strip).anyMatch("tick from the loop"::equals), Duration.ofSeconds(30), "the timer's line");
            List<String> rows = after.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            assertThat(rows.get(rows.size() - 1)).isEqualTo("> half typed");
            assertThat(rows.get(rows.size() - 2)).isEqualTo("tick from the loop");
        }
    }

    @Test
    void top_level_await_fetch_and_redeclared_const_work_at_the_prompt() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("const n = await new Promise((r) => setTimeout(() => r(40), 10))").press("Enter");
            awaitPromptAfter(t, "undefined");
            t.type("const n2 = n + 2; n2").press("Enter");
            awaitPromptAfter(t, "42");
            t.type("const n = 1; n").press("Enter");
            awaitPromptAfter(t, "> const n = 1; n");
            assertThat(t.screen()).contains("\n1\n");
        }
    }

    @Test
    void a_worker_loaded_at_the_prompt_answers_dispatch_with_its_env() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), """
                export default {
                  async fetch(request, env) {
                    return new Response(`${new URL(request.url).pathname} for ${env.WHO}`);
                  },
                };
                """);
        Files.writeString(dir.resolve("wrangler.toml"), "main = \"src/index.js\"\n[vars]\nWHO = \"the prompt\"\n");
        try (TmuxTerminal t = repl(".")) {
            t.type("env.WHO").press("Enter");
            awaitPromptAfter(t, "'the prompt'");
            t.type("const r = await dispatch('/hello')").press("Enter");
            awaitPromptAfter(t, "> const r = await dispatch('/hello')");
            t.type("r.status + ' ' + await r.text()").press("Enter");
            awaitPromptAfter(t, "'200 /hello for the prompt'");
        }
    }

    @Test
    void the_history_is_kept_between_sessions_readable_by_its_owner_only() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.type("const secret = 'hunter2'").press("Enter");
            awaitPromptAfter(t, "undefined");
            t.type(".exit").press("Enter");
            awaitExit(t);
        }
        Path history = dir.resolve("history");
        assertThat(Files.readString(history)).contains("const secret = 'hunter2'");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
        try (TmuxTerminal t = repl()) {
            t.press("Up", "Up"); // the last line typed was .exit
            t.await(s -> lastLine(s).equals("> const secret = 'hunter2'"), Duration.ofSeconds(30), "the last session's line");
        }
    }

    @Test
    void ctrl_c_twice_on_an_empty_line_exits() throws Exception {
        try (TmuxTerminal t = repl()) {
            t.press("C-c");
            t.awaitText("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
            t.press("C-c");
            awaitExit(t);
        }
    }

    @Test
    void dev_repl_shares_the_isolate_with_requests_and_follows_a_reload() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Path entry = dir.resolve("src/index.js");
        Files.writeString(entry, """
                export default {
                  fetch() {
                    return new Response(`v1 sees ${globalThis.greeting ?? "nothing"}`);
                  },
                };
                """);
        try (TmuxTerminal t = TmuxTerminal.nano(dir, environment(), "dev", "--repl", "--port", "0")) {
            String screen = t.await(s -> s.contains("Ready on http://") && lastLine(s).equals(">"), Duration.ofSeconds(60), "the dev server and prompt");
            Matcher m = Pattern.compile("Ready on (http://\\S+)").matcher(screen);
            assertThat(m.find()).isTrue();
            URI url = URI.create(m.group(1));
            t.type("globalThis.greeting = 'the prompt'").press("Enter");
            awaitPromptAfter(t, "'the prompt'");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("v1 sees the prompt");
            t.awaitText("GET / 200"); // the request log line, printed above the prompt

            Files.writeString(entry, Files.readString(entry).replace("v1", "v2"));
            t.awaitText("The prompt now evaluates in version 2");
            t.type("globalThis.greeting ?? 'gone'").press("Enter");
            awaitPromptAfter(t, "'gone'");
            t.type("await (await dispatch('/')).text()").press("Enter");
            awaitPromptAfter(t, "'v2 sees nothing'");
        }
    }

    @Test
    void with_inspect_nano_devs_d_key_and_the_devtools_command_show_the_devtools_url() throws Exception {
        Path entry = Files.createDirectories(dir.resolve("src")).resolve("index.js");
        Files.writeString(entry, "export default { fetch() { return new Response('ok'); } };\n");
        try (TmuxTerminal t = TmuxTerminal.nano(dir, environment(), "dev", "--port", "0", "--inspect=0")) {
            String screen = t.await(s -> s.contains("[d] DevTools URL"), Duration.ofSeconds(60), "the dev server's keys");
            Matcher printed = Pattern.compile("Open (devtools://\\S+) in Chrome").matcher(screen.replace("\n", ""));
            assertThat(printed.find()).isTrue();
            t.press("d");
            String shown = t.awaitText("paste into Chrome's address bar");
            assertThat(shown.replace("\n", "")).contains("DevTools: paste into Chrome's address bar: " + printed.group(1));
        }
        try (TmuxTerminal t = TmuxTerminal.nano(dir, environment(), "dev", "--repl", "--port", "0", "--inspect=0")) {
            t.await(s -> s.contains("Ready on http://") && lastLine(s).equals(">"), Duration.ofSeconds(60), "the dev server and prompt");
            t.type(".devtools").press("Enter");
            String shown = awaitPromptAfter(t, "paste into Chrome's address bar");
            assertThat(shown.replace("\n", "")).containsPattern("address bar: devtools://devtools/bundled/js_app\\.html\\?experiments=true&v8only=true&ws=127\\.0\\.0\\.1:\\d+/[0-9a-f-]{36}");
        }
    }
}
