package dev.nano.repl;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive REPL: reads JavaScript on a terminal with JLine (multi-line input decided by the
 * parser, highlighting, completion, history), evaluates it in the host's runtime on its event loop,
 * and prints the result as {@code util.inspect} does. The loop keeps running between prompts: what
 * it prints appears above the prompt ({@link ReplConsole}).
 *
 * <p>Keys: Ctrl-C clears the line, and on an empty line twice in a row exits; while code runs it
 * interrupts it (the context and its variables stay). Ctrl-D on an empty line exits.
 */
public final class Repl {
    static final String PROMPT = "> ";
    private static final String EDITOR_FINISH = "nano-editor-finish";

    private final ReplConsole console;
    private final ReplHost host;
    private final JsTooling tooling;
    private final JsLineParser parser;
    private final LineReader reader;
    private final Map<String, DotCommand> commands = new LinkedHashMap<>();
    /** Everything evaluated this session, for {@code .save}. */
    private final List<String> evaluated = new ArrayList<>();
    private boolean exit;
    /** The entry being evaluated, for Ctrl-C; null while the prompt is shown. */
    private volatile Running running;

    public Repl(ReplConsole console, ReplHost host, JsTooling tooling, Path historyFile) throws IOException {
        this.console = console;
        this.host = host;
        this.tooling = tooling;
        this.parser = new JsLineParser(tooling);
        for (DotCommand c : List.of(
                new DotCommand(".clear", "Start over in a fresh context (globals and variables are gone)", arg -> console.println(host.clear())),
                new DotCommand(".editor", "Enter editor mode: Enter adds a line, Ctrl-D evaluates, Ctrl-C cancels", arg -> editor()),
                new DotCommand(".exit", "Exit the REPL", arg -> exit = true),
                new DotCommand(".help", "Print this help message", arg -> help()),
                new DotCommand(".load", "Evaluate a JavaScript file: .load FILE", this::load),
                new DotCommand(".save", "Save everything evaluated this session to a file: .save FILE", this::save))) {
            commands.put(c.name(), c);
        }
        for (DotCommand c : host.commands()) {
            commands.put(c.name(), c);
        }
        if (historyFile != null) {
            HistoryFile.secure(historyFile);
        }
        Terminal terminal = console.terminal();
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("nano")
                .parser(parser)
                .highlighter(new JsHighlighter())
                .completer(new JsCompleter(tooling, host::evaluator, () -> List.copyOf(commands.keySet())))
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, HistoryFile.SIZE)
                .variable(LineReader.HISTORY_FILE_SIZE, HistoryFile.SIZE)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
                // "!" is JavaScript's not, never a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
        reader.getWidgets().put(EDITOR_FINISH, () -> {
            parser.finishEditor();
            reader.callWidget(LineReader.ACCEPT_LINE);
            return true;
        });
        console.attach(reader);
        // For the whole session, not only while an entry runs: a Ctrl-C typed just after Enter
        // must stop the entry too. JLine puts its own handler in place while it reads a line.
        terminal.handle(Terminal.Signal.INT, signal -> interruptEntry());
    }

    /** Whether {@code line} is a dot command rather than JavaScript ({@code .5 + 1} is JavaScript). */
    static boolean isDotCommand(String line) {
        String s = line.strip();
        return s.length() > 1 && s.charAt(0) == '.' && Character.isLetter(s.charAt(1)) && !s.contains("\n");
    }

    /** Reads and evaluates until {@code .exit}, Ctrl-D, or Ctrl-C twice on an empty line. */
    public int run() {
        boolean interruptedOnce = false;
        // The parser and its acorn load while the user reads the banner, not before the first prompt.
        // A platform thread: GraalJS warns about contexts entered on virtual threads.
        Thread.ofPlatform().name("nano-repl-warm-up").daemon(true).start(tooling::warmUp);
        while (!exit) {
            String input;
            try {
                input = reader.readLine(PROMPT);
            } catch (UserInterruptException e) {
                if (!e.getPartialLine().isEmpty()) {
                    interruptedOnce = false;
                    continue;
                }
                if (interruptedOnce) {
                    break;
                }
                interruptedOnce = true;
                console.println("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            interruptedOnce = false;
            if (input.isBlank()) {
                continue;
            }
            if (isDotCommand(input)) {
                command(input.strip());
            } else {
                evaluate(input);
            }
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            console.println("could not save the REPL history: " + e.getMessage());
        }
        return 0;
    }

    private void command(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        DotCommand command = commands.get(name);
        if (command == null) {
            console.println("Invalid REPL keyword " + name + " (.help lists them)");
            return;
        }
        try {
            command.action().run(argument);
        } catch (Exception e) {
            console.println(name + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        }
    }

    private void help() {
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(8) + 3;
        for (DotCommand c : commands.values()) {
            console.println(String.format("%-" + width + "s%s", c.name(), c.help()));
        }
        console.println("");
        console.println("Press Ctrl+C to abort the current expression, Ctrl+D to exit the REPL");
    }

    /** Evaluates one input and prints its result; Ctrl-C meanwhile interrupts it. */
    void evaluate(String input) {
        evaluated.add(input);
        Running entry = new Running(host.runtime());
        running = entry;
        try {
            CompletableFuture<Evaluation> result = host.evaluator().evaluate(input, console.colours());
            entry.started(result);
            console.println(entry.shown.get().text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            console.println("internal error: " + e.getCause());
        } finally {
            running = null;
        }
    }

    /** Ctrl-C outside the prompt: stops the running entry, if any. */
    private void interruptEntry() {
        Running entry = running;
        if (entry != null) {
            entry.cancel();
        }
    }

    /**
     * An entry being evaluated. Ctrl-C may come before its JS runs (while it is rewritten, or queued
     * behind other work on the loop): the interruption is repeated until the entry's JS ended, for
     * a moment; an entry awaiting a promise is left to settle in the background.
     */
    private static final class Running {
        private static final long STOP_TRYING_NANOS = TimeUnit.SECONDS.toNanos(1);
        final NanoRuntime runtime;
        final CompletableFuture<Evaluation> shown = new CompletableFuture<>();
        private volatile CompletableFuture<Evaluation> result;
        private volatile boolean cancelled;

        Running(NanoRuntime runtime) {
            this.runtime = runtime;
        }

        void started(CompletableFuture<Evaluation> result) {
            this.result = result;
            result.whenComplete((r, e) -> {
                if (e != null) {
                    shown.completeExceptionally(e);
                } else {
                    shown.complete(r);
                }
            });
        }

        void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            shown.complete(Evaluation.interruptedEntry());
            Thread.ofPlatform().name("nano-repl-interrupt").daemon(true).start(() -> {
                long deadline = System.nanoTime() + STOP_TRYING_NANOS;
                do {
                    runtime.interrupt(Duration.ofMillis(500));
                    CompletableFuture<Evaluation> r = result;
                    if (r != null && r.isDone()) {
                        return;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                } while (System.nanoTime() < deadline);
            });
        }
    }

    private void editor() {
        console.println("// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)");
        KeyMap<Binding> main = reader.getKeyMaps().get(LineReader.MAIN);
        String ctrlD = KeyMap.ctrl('D');
        Binding previous = main.getBound(ctrlD);
        main.bind(new Reference(EDITOR_FINISH), ctrlD);
        Object secondary = reader.getVariable(LineReader.SECONDARY_PROMPT_PATTERN);
        reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, "");
        parser.editorMode(true);
        String code;
        try {
            code = reader.readLine("");
        } catch (UserInterruptException | EndOfFileException e) {
            code = null;
        } finally {
            parser.editorMode(false);
            reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, secondary);
            if (previous != null) {
                main.bind(previous, ctrlD);
            } else {
                main.unbind(ctrlD);
            }
        }
        if (code != null && !code.isBlank()) {
            evaluate(code);
        }
    }

    private void load(String argument) throws IOException {
        if (argument.isEmpty()) {
            console.println(".load needs a file: .load FILE");
            return;
        }
        evaluate(Files.readString(Path.of(argument), StandardCharsets.UTF_8));
    }

    private void save(String argument) throws IOException {
        if (argument.isEmpty()) {
            console.println(".save needs a file: .save FILE");
            return;
        }
        Files.writeString(Path.of(argument), String.join("\n", evaluated) + "\n", StandardCharsets.UTF_8);
        console.println("Session saved to: " + argument);
    }
}
