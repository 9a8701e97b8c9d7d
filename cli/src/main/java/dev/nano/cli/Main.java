package dev.nano.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nano}: the command-line entry point; one class per subcommand. */
@Command(name = "nano",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Workers-style JavaScript on the JVM.",
        subcommands = {RunCommand.class, ServeCommand.class, DevCommand.class, ReplCommand.class, TestCommand.class,
                InitCommand.class, TypesCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        // `nano run FILE ...` is the start-up-critical path and has no options of its own, so it skips
        // picocli: its Java 5 class files are ones the JDK's AOT cache cannot keep (about 180 classes
        // loaded and verified on every start).
        if (args.length >= 2 && args[0].equals("run") && !args[1].startsWith("-")) {
            return new RunCommand(Path.of(args[1]), List.of(args).subList(2, args.length)).call();
        }
        if (args.length == 0 && DevKeys.isInteractive()) {
            args = new String[] {"repl"}; // as node, deno and bun do
        }
        // `nano repl` without options likewise: the path to the first prompt is short without picocli.
        if (args.length >= 1 && args.length <= 2 && args[0].equals("repl") && (args.length == 1 || !args[1].startsWith("-"))) {
            try {
                return new ReplCommand(args.length == 2 ? Path.of(args[1]) : null).call();
            } catch (Exception e) {
                System.err.println("nano repl: " + e);
                return 1;
            }
        }
        CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        // As in Node and Deno, everything after the script belongs to the script.
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
