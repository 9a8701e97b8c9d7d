package dev.nano.cli;

import dev.nano.devserver.ServeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options {@code nano serve} and {@code nano dev} share: where to listen, extra vars and the
 * wrangler environment. Use with {@code @Mixin}; the positional {@code ENTRY|DIR} stays in the command.
 */
public final class WorkerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: the config's, else 8787; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--var", paramLabel = "KEY:VALUE",
            description = "An env var for the worker (KEY:VALUE as in wrangler, or KEY=VALUE), over the config's and .dev.vars. Repeatable.")
    List<String> vars = new ArrayList<>();

    @Option(names = {"--env", "-e"}, paramLabel = "NAME",
            description = "Use the config's [env.NAME] section (and .dev.vars.NAME when it exists).")
    String env;

    /**
     * The flags as {@link ServeConfig.Overrides}.
     *
     * @throws CommandLine.ParameterException when a {@code --var} has neither {@code :} nor {@code =}
     */
    public ServeConfig.Overrides overrides() {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String text : vars) {
            try {
                Map.Entry<String, String> var = parseVar(text);
                parsed.put(var.getKey(), var.getValue());
            } catch (IllegalArgumentException e) {
                // A usage error: picocli prints it with the usage and exits 2.
                if (mixee != null) {
                    throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
                }
                throw e;
            }
        }
        return new ServeConfig.Overrides(host, port, parsed, env);
    }

    /**
     * Splits {@code KEY:VALUE} (wrangler's spelling) or {@code KEY=VALUE}: at {@code =} when one
     * comes before any {@code :}, else at the first {@code :}. The value keeps any later separators
     * ({@code URL:http://x?a=b}).
     *
     * @throws IllegalArgumentException naming {@code --var} when there is no separator or no key
     */
    public static Map.Entry<String, String> parseVar(String text) {
        int eq = text.indexOf('=');
        int colon = text.indexOf(':');
        int at = eq >= 0 && (colon < 0 || eq < colon) ? eq : colon;
        if (at < 0) {
            throw new IllegalArgumentException("--var " + text + ": expected KEY:VALUE or KEY=VALUE");
        }
        String key = text.substring(0, at).strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("--var " + text + ": the name before '" + text.charAt(at) + "' is empty");
        }
        return Map.entry(key, text.substring(at + 1));
    }
}
