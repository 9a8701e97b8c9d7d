package dev.nano.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code nano init}'s templates: the resources under {@code dev/nano/templates/} (module
 * {@code templates}), listed in its {@code index.txt} (a jar's resources cannot be listed).
 * {@code _common}'s files go into every project; a template's file of the same path replaces one.
 */
final class Templates {
    static final String ROOT = "/dev/nano/templates/";
    private static final String COMMON = "_common";

    /** One template: its name, its one-line description and its files (paths in its folder). */
    record Template(String name, String description, List<String> files) { }

    private final Map<String, Template> byName;

    private Templates(Map<String, Template> byName) {
        this.byName = byName;
    }

    static Templates load() {
        String index = read(ROOT + "index.txt");
        Map<String, Template> templates = new LinkedHashMap<>();
        String name = null;
        String description = null;
        List<String> files = null;
        for (String line : index.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                files.add(line.strip());
                continue;
            }
            if (name != null) {
                templates.put(name, new Template(name, description, List.copyOf(files)));
            }
            int colon = line.indexOf(':');
            name = line.substring(0, colon).strip();
            description = line.substring(colon + 1).strip();
            files = new ArrayList<>();
        }
        if (name != null) {
            templates.put(name, new Template(name, description, List.copyOf(files)));
        }
        return new Templates(templates);
    }

    /** The templates one can choose, in the index's order ({@code _common} is not one). */
    List<Template> all() {
        return byName.values().stream().filter(t -> !t.name().startsWith("_")).toList();
    }

    Optional<Template> find(String name) {
        return name.startsWith("_") ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /**
     * What a project from {@code template} is made of: its path in the project (dots restored) →
     * the resource it comes from; the common files first, replaced by the template's own.
     */
    Map<String, String> filesOf(Template template) {
        Map<String, String> files = new LinkedHashMap<>();
        Template common = byName.get(COMMON);
        if (common != null) {
            common.files().forEach(f -> files.put(projectPath(f), ROOT + COMMON + "/" + f));
        }
        template.files().forEach(f -> files.put(projectPath(f), ROOT + template.name() + "/" + f));
        return files;
    }

    /** {@code _vscode/launch.json} → {@code .vscode/launch.json}: a leading "_" of each part is a dot. */
    static String projectPath(String resourcePath) {
        StringBuilder out = new StringBuilder();
        for (String part : resourcePath.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(part.startsWith("_") ? "." + part.substring(1) : part);
        }
        return out.toString();
    }

    static String read(String resource) {
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
