package dev.nano.devserver;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code nano serve} serves: the entry module, where to listen and the worker's {@code env}.
 *
 * <p>Read from the project directory: {@code nano.toml} ({@code main}, {@code host}, {@code port},
 * {@code [vars]}), or when there is none {@code wrangler.toml} / {@code wrangler.json} /
 * {@code wrangler.jsonc} ({@code main}, {@code [vars]}, {@code [dev] ip/port}); then
 * {@code .dev.vars} ({@code KEY=VALUE} lines) on top of the vars. Flags beat files.
 *
 * @param configFile the file read, or null when the project has none
 */
public record ServeConfig(Path projectRoot, Path entry, String host, int port, Map<String, Object> vars, Path configFile) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    static final List<String> CONFIG_FILES = List.of("nano.toml", "wrangler.toml", "wrangler.json", "wrangler.jsonc");
    private static final List<String> DEFAULT_ENTRIES = List.of("src/index.js", "src/index.mjs", "index.js", "index.mjs", "src/worker.js", "worker.js");

    /** Flags given on the command line; null (or empty) where not given. */
    public record Overrides(String host, Integer port, Map<String, String> vars) {
        public static final Overrides NONE = new Overrides(null, null, Map.of());
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
        JsonNode config = configFile == null ? null : read(configFile);
        boolean wrangler = configFile != null && !configFile.getFileName().toString().equals("nano.toml");

        Path entry = Files.isDirectory(abs) ? entryOf(root, config, configFile) : abs;
        JsonNode dev = wrangler && config.has("dev") ? config.get("dev") : null;
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
        if (Files.isRegularFile(devVars)) {
            vars.putAll(DotEnv.parse(devVars));
        }
        vars.putAll(flags.vars());
        return new ServeConfig(root, entry, host, port, vars, configFile);
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
                .orElseThrow(() -> new ConfigException("no entry module in " + root
                        + ": set main in nano.toml, or create src/index.js"));
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
