package dev.nano.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nano}: the command-line entry point; one class per subcommand. */
@Command(name = "nano",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Workers-style JavaScript on the JVM.",
        subcommands = {RunCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
