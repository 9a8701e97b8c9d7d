package dev.nano.devserver;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code nano serve} serves: the entry module, where to listen, the worker's {@code env}, its
 * static assets and cron triggers.
 *
 * <p>Read from the project directory: {@code nano.toml} ({@code main}, {@code host}, {@code port},
 * {@code [vars]}, {@code [assets]}, {@code [triggers]}, {@code [env.NAME]}), or when there is none
 * {@code wrangler.toml} / {@code wrangler.json} / {@code wrangler.jsonc} (the same, with
 * {@code [dev] ip/port} for host and port); then {@code .dev.vars} ({@code KEY=VALUE} lines) on
 * top of the vars. Flags beat files.
 *
 * <p>With an environment ({@code --env NAME}) the keys of {@code [env.NAME]} replace the top
 * level's, and the others are inherited, except {@code vars}: as in wrangler, an environment has
 * only its own. {@code .dev.vars.NAME} is read instead of {@code .dev.vars} when it exists.
 *
 * @param configFile the file read, or null when the project has none
 * @param envName the environment chosen, or null for the top level
 * @param assetsDir {@code [assets] directory}, absolute; null when not configured
 * @param assetsBinding {@code [assets] binding} (e.g. {@code ASSETS}); null when not given
 * @param crons {@code [triggers] crons}, each a valid {@link CronSchedule}; empty when none
 */
public record ServeConfig(Path projectRoot, Path entry, String host, int port, Map<String, Object> vars, Path configFile,
        String envName, Path assetsDir, String assetsBinding, List<String> crons) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    static final List<String> CONFIG_FILES = List.of("nano.toml", "wrangler.toml", "wrangler.json", "wrangler.jsonc");
    private static final List<String> DEFAULT_ENTRIES = List.of("src/index.js", "src/index.mjs", "index.js", "index.mjs", "src/worker.js", "worker.js");

    public ServeConfig {
        crons = List.copyOf(crons);
    }

    /**
     * Flags given on the command line; null (or empty) where not given.
     *
     * @param envName the environment to use ({@code --env}); null for the top level
     */
    public record Overrides(String host, Integer port, Map<String, String> vars, String envName) {
        public static final Overrides NONE = new Overrides(null, null, Map.of(), null);

        /** Top-level configuration. */
        public Overrides(String host, Integer port, Map<String, String> vars) {
            this(host, port, vars, null);
        }
    }

    /**
     * Resolves {@code target} (a project directory or an entry module) into a configuration.
     *
     * @throws ConfigException when the configuration is unreadable or names no usable entry
     */
    public static ServeConfig load(Path target, Overrides flags) {
        Path abs = target.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new ConfigException("not found: " + target);
        }
        Path root = Files.isDirectory(abs) ? abs : projectDirOf(abs);
        Path configFile = CONFIG_FILES.stream().map(root::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
        String envName = flags.envName();
        JsonNode config = configFile == null ? null : forEnvironment(read(configFile), envName, configFile);
        if (configFile == null && envName != null) {
            throw new ConfigException("--env " + envName + " given but " + root + " has no nano.toml or wrangler.toml/json/jsonc");
        }
        boolean wrangler = configFile != null && !configFile.getFileName().toString().equals("nano.toml");

        Path entry = Files.isDirectory(abs) ? entryOf(root, config, configFile) : abs;
        JsonNode dev = wrangler ? config.get("dev") : null;
        String host = firstNonNull(flags.host(), text(wrangler ? dev : config, wrangler ? "ip" : "host"), DEFAULT_HOST);
        Integer filePort = integer(wrangler ? dev : config, "port", configFile);
        int port = flags.port() != null ? flags.port() : filePort != null ? filePort : DEFAULT_PORT;

        Map<String, Object> vars = new LinkedHashMap<>();
        if (config != null && config.has("vars")) {
            JsonNode node = config.get("vars");
            if (!node.isObject()) {
                throw new ConfigException(configFile + ": vars must be a table of names and values");
            }
            node.properties().forEach(e -> vars.put(e.getKey(), new ObjectMapper().convertValue(e.getValue(), Object.class)));
        }
        Path devVars = root.resolve(".dev.vars");
        // As wrangler: .dev.vars.NAME replaces .dev.vars (not merged), so secrets stay per environment.
        if (envName != null && Files.isRegularFile(root.resolve(".dev.vars." + envName))) {
            devVars = root.resolve(".dev.vars." + envName);
        }
        if (Files.isRegularFile(devVars)) {
            vars.putAll(DotEnv.parse(devVars));
        }
        vars.putAll(flags.vars());

        JsonNode assets = table(config, "assets", configFile);
        Path assetsDir = assetsDirOf(root, string(assets, "directory", "assets.directory", configFile), configFile);
        String assetsBinding = string(assets, "binding", "assets.binding", configFile);
        List<String> crons = cronsOf(table(config, "triggers", configFile), configFile);
        return new ServeConfig(root, entry, host, port, vars, configFile, envName, assetsDir, assetsBinding, crons);
    }

    /**
     * The configuration as seen from environment {@code envName}: the top level without its
     * environments, the environment's keys replacing the top level's, and only the environment's
     * own vars (wrangler treats vars as non-inheritable).
     */
    private static JsonNode forEnvironment(JsonNode config, String envName, Path file) {
        JsonNode envs = config.get("env");
        if (envs != null && !envs.isObject()) {
            throw new ConfigException(file + ": env must be a table of environments ([env.NAME])");
        }
        ObjectNode effective = ((ObjectNode) config).deepCopy();
        effective.remove("env");
        if (envName == null) {
            return effective;
        }
        JsonNode section = envs == null ? null : envs.get(envName);
        if (section == null) {
            List<String> names = new ArrayList<>();
            if (envs != null) {
                envs.fieldNames().forEachRemaining(names::add);
            }
            throw new ConfigException(file + ": no environment \"" + envName + "\" ([env." + envName + "]); "
                    + (names.isEmpty() ? "the file defines no environments" : "environments: " + String.join(", ", names)));
        }
        if (!section.isObject()) {
            throw new ConfigException(file + ": env." + envName + " must be a table");
        }
        effective.remove("vars");
        section.properties().forEach(e -> effective.set(e.getKey(), e.getValue()));
        return effective;
    }

    private static Path assetsDirOf(Path root, String directory, Path file) {
        if (directory == null) {
            return null;
        }
        Path dir = root.resolve(directory).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(file + ": assets directory = \"" + directory + "\" but " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        return dir;
    }

    private static List<String> cronsOf(JsonNode triggers, Path file) {
        if (triggers == null || !triggers.hasNonNull("crons")) {
            return List.of();
        }
        JsonNode node = triggers.get("crons");
        if (!node.isArray()) {
            throw new ConfigException(file + ": triggers.crons must be a list of cron expressions, got " + node);
        }
        List<String> crons = new ArrayList<>();
        for (JsonNode cron : node) {
            if (!cron.isTextual()) {
                throw new ConfigException(file + ": triggers.crons must hold strings such as \"*/5 * * * *\", got " + cron);
            }
            try {
                CronSchedule.parse(cron.asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": triggers.crons: " + e.getMessage());
            }
            crons.add(cron.asText());
        }
        return crons;
    }

    /** {@code node.field} when it is a table, null when absent; an error when it is something else. */
    private static JsonNode table(JsonNode node, String field, Path file) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw new ConfigException(file + ": " + field + " must be a table, got " + value);
        }
        return value;
    }

    private static String string(JsonNode node, String field, String name, Path file) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        if (!node.get(field).isTextual()) {
            throw new ConfigException(file + ": " + name + " must be a string, got " + node.get(field));
        }
        return node.get(field).asText();
    }

    /** The nearest ancestor of {@code entry} holding a config file, else the entry's directory. */
    private static Path projectDirOf(Path entry) {
        for (Path dir = entry.getParent(); dir != null; dir = dir.getParent()) {
            for (String name : CONFIG_FILES) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    return dir;
                }
            }
        }
        return entry.getParent();
    }

    private static Path entryOf(Path root, JsonNode config, Path configFile) {
        String main = text(config, "main");
        if (main != null) {
            Path entry = root.resolve(main).normalize();
            if (!Files.isRegularFile(entry)) {
                throw new ConfigException(configFile + ": main = \"" + main + "\" but " + entry + " does not exist");
            }
            return entry;
        }
        return DEFAULT_ENTRIES.stream().map(root::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new ConfigException("no entry module in " + root + " (tried "
                        + String.join(", ", DEFAULT_ENTRIES) + "): set main in nano.toml, or create src/index.js"));
    }

    private static JsonNode read(Path file) {
        try {
            String name = file.getFileName().toString();
            ObjectMapper mapper = name.endsWith(".toml") ? new TomlMapper()
                    : JsonMapper.builder()
                            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                            .build();
            JsonNode node = mapper.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new ConfigException(file + ": expected a table/object at the top level");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field, Path file) {
        if (node == null || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 65535) {
            throw new ConfigException(file + ": " + field + " must be a port number, got " + value);
        }
        return value.asInt();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A configuration that cannot be used; the message names the file and the problem. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message, null, false, false);
        }
    }
}
