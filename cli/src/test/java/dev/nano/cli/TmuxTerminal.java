package dev.nano.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for tests: a tmux session (its own server socket) running {@code nano} in a
 * pseudo-terminal; keys are typed with {@code send-keys} and the screen is read back with
 * {@code capture-pane}, as a person sees it. Tests that need it skip when tmux is not installed.
 */
final class TmuxTerminal implements AutoCloseable {
    private final String socket = "nano-test-" + UUID.randomUUID();
    private final String target = "t";
    private java.util.Optional<ProcessHandle> pane = java.util.Optional.empty();

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code nano ARGS} (this JVM's java and class path) in {@code dir}, 120x40 characters. */
    static TmuxTerminal nano(Path dir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        TmuxTerminal t = new TmuxTerminal();
        List<String> start = new ArrayList<>(List.of("new-session", "-d", "-s", t.target, "-x", "120", "-y", "40", "-c", dir.toString()));
        for (Map.Entry<String, String> e : environment.entrySet()) {
            start.add("-e");
            start.add(e.getKey() + "=" + e.getValue());
        }
        // The pane stays after the program exits, so a test can read its last words and exit status.
        start.add(String.join(" ", command.stream().map(TmuxTerminal::shellQuote).toList()));
        t.tmux(start);
        t.tmux(List.of("set-option", "-t", t.target, "remain-on-exit", "on"));
        t.pane = ProcessHandle.of(Long.parseLong(t.tmux(List.of("display-message", "-p", "-t", t.target, "#{pane_pid}")).strip()));
        return t;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Types {@code text} literally (no key names). */
    TmuxTerminal type(String text) throws IOException {
        tmux(List.of("send-keys", "-t", target, "-l", text));
        return this;
    }

    /** Presses keys by tmux name: {@code Enter}, {@code Tab}, {@code C-c}, {@code C-d}, {@code C-r}. */
    TmuxTerminal press(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(keys));
        tmux(args);
        return this;
    }

    /** The visible screen, one line per row, trailing blanks trimmed. */
    String screen() throws IOException {
        return tmux(List.of("capture-pane", "-p", "-t", target));
    }

    /** Polls the screen until {@code condition} holds; fails with the screen after {@code timeout}. */
    String await(Predicate<String> condition, Duration timeout, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + screen);
            }
            Thread.sleep(20); // polling a condition, not ordering events
            screen = screen();
        }
        return screen;
    }

    String awaitText(String text) throws IOException, InterruptedException {
        return await(s -> s.contains(text), Duration.ofSeconds(60), "\"" + text + "\"");
    }

    /** Whether the program in the pane has exited. */
    boolean exited() throws IOException {
        return tmux(List.of("display-message", "-p", "-t", target, "#{pane_dead}")).strip().equals("1");
    }

    /**
     * The exit status of the program in the pane, once it has exited; -1 when tmux does not tell
     * within five seconds (it may see the pane's end before it has collected the status).
     */
    int exitStatus() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        String status;
        while ((status = tmux(List.of("display-message", "-p", "-t", target, "#{pane_dead_status}")).strip()).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling tmux, not ordering events
        }
        return status.isEmpty() ? -1 : Integer.parseInt(status);
    }

    private String tmux(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("tmux " + args + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Ends the session and waits for the program to be gone (it may still write its history file). */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> processes = new ArrayList<>();
        pane.ifPresent(p -> {
            processes.add(p);
            p.descendants().forEach(processes::add);
        });
        try {
            tmux(List.of("kill-server"));
        } catch (IOException ignored) {
            // already gone
        }
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
