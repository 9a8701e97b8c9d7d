package dev.nano.cli;

import dev.nano.devserver.ServeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nano types [DIR]}: writes {@code env.d.ts}, the {@code Env} interface of the project's vars
 * (config {@code [vars]} and {@code .dev.vars}), as {@code wrangler types} does.
 */
@Command(name = "types", description = "Write env.d.ts: interface Env from the project's [vars] and .dev.vars.",
        mixinStandardHelpOptions = true)
public final class TypesCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project directory (nano.toml, wrangler.toml/json/jsonc). Default: the current directory.")
    Path dir;

    @Option(names = {"--env", "-e"}, paramLabel = "NAME",
            description = "Use the config's [env.NAME] vars (and .dev.vars.NAME when it exists).")
    String env;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            System.err.println("nano types: " + dir + " is a file: give the project's directory");
            return 2;
        }
        ServeConfig config;
        try {
            config = ServeConfig.load(dir, new ServeConfig.Overrides(null, null, Map.of(), env));
        } catch (ServeConfig.ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        Path out = config.projectRoot().resolve(EnvTypes.FILE);
        Files.writeString(out, EnvTypes.render(config.vars()), StandardCharsets.UTF_8);
        System.out.println("Wrote " + dir.resolve(EnvTypes.FILE).normalize() + ": interface Env with "
                + (config.vars().isEmpty() ? "no vars" : String.join(", ", config.vars().keySet())));
        return 0;
    }
}
