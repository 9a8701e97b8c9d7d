package dev.nano.cli;

import dev.nano.devserver.ServeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nano init [DIR] [--template NAME] [--list] [--force]}: a new worker project from a
 * template. Never destroys: files the template would overwrite are listed and nothing is written
 * unless {@code --force}; files of the directory the template does not have are left alone.
 */
@Command(name = "init", description = "Create a worker project from a template (hello, router, crypto, proxy, hono).",
        mixinStandardHelpOptions = true)
public final class InitCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "Where to create the project (created if missing). Default: the current directory.")
    Path dir;

    @Option(names = {"--template", "-t"}, paramLabel = "NAME",
            description = "The template (see --list). Default: chosen on a terminal, else hello.")
    String template;

    @Option(names = "--list", description = "List the templates and exit.")
    boolean list;

    @Option(names = "--force", description = "Overwrite the template's files where they exist (other files are left alone).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Templates templates = Templates.load();
        if (list) {
            int width = templates.all().stream().mapToInt(t -> t.name().length()).max().orElse(0);
            for (Templates.Template t : templates.all()) {
                System.out.println(String.format("%-" + width + "s", t.name()) + "  " + t.description());
            }
            return 0;
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            System.err.println("nano init: " + dir + " is a file, not a directory: give a directory for the new project");
            return 2;
        }
        Templates.Template chosen;
        if (template != null) {
            Optional<Templates.Template> found = templates.find(template);
            if (found.isEmpty()) {
                System.err.println("nano init: no template named " + template + "; the templates are: " + names(templates));
                return 2;
            }
            chosen = found.get();
        } else if (DevKeys.isInteractive()) {
            int index = TemplateChooser.choose(templates.all());
            if (index == TemplateChooser.ABORTED) {
                System.err.println("nano init: aborted, nothing was written");
                return 130;
            }
            chosen = templates.all().get(index);
        } else {
            chosen = templates.find("hello").orElseThrow();
            System.out.println("No --template given and no terminal to choose on: using hello (nano init --list shows the others).");
        }
        return create(templates, chosen, target);
    }

    private int create(Templates templates, Templates.Template chosen, Path target) throws IOException {
        String name = projectName(target.getFileName() == null ? "" : target.getFileName().toString());
        Map<String, String> placeholders = Map.of(
                "{{name}}", name,
                "{{description}}", chosen.description(),
                "{{template}}", chosen.name(),
                "{{secret}}", HexFormat.of().formatHex(randomBytes(32)));
        Map<String, String> files = new LinkedHashMap<>();
        templates.filesOf(chosen).forEach((path, resource) -> files.put(path, substitute(Templates.read(resource), placeholders)));

        List<String> outputs = new java.util.ArrayList<>(files.keySet());
        outputs.add(EnvTypes.FILE);
        List<String> existing = outputs.stream().filter(p -> Files.exists(target.resolve(p))).sorted().toList();
        if (!existing.isEmpty() && !force) {
            System.err.println("nano init: " + dir + " already has files the " + chosen.name() + " template would overwrite:");
            existing.forEach(p -> System.err.println("  " + p));
            System.err.println("Nothing was written. Use --force to overwrite these (and only these) files, or choose another directory.");
            return 1;
        }

        for (var file : files.entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().startsWith(".dev.vars")) {
                ownerOnly(path);
            }
        }
        Files.writeString(target.resolve(EnvTypes.FILE), EnvTypes.render(varsOf(target)), StandardCharsets.UTF_8);

        String where = dir.toString().equals(".") ? "this directory" : dir.toString();
        System.out.println("Created " + name + " (template " + chosen.name() + ") in " + where + ":"
                + (existing.isEmpty() ? "" : " overwrote " + String.join(", ", existing)));
        outputs.stream().sorted().forEach(p -> System.out.println("  " + p));
        System.out.println();
        System.out.println("Next steps:");
        if (!dir.toString().equals(".")) {
            System.out.println("  cd " + shellQuoted(dir.toString()));
        }
        if (chosen.files().contains("package.json")) {
            System.out.println("  npm install        # brings in the template's npm packages");
        }
        System.out.println("  nano dev           # serve it on http://127.0.0.1:8787/, reloaded on every save");
        System.out.println("  nano test          # run test/index.test.js");
        System.out.println("Open it in VS Code (the folder; Run and Debug → Attach to nano, with nano dev --inspect)");
        System.out.println("or Eclipse: File → Import → Existing Projects into Workspace (see README.md).");
        return 0;
    }

    /** The project's vars as nano dev reads them ([vars] and .dev.vars), for env.d.ts. */
    private static Map<String, Object> varsOf(Path target) {
        try {
            return ServeConfig.load(target, ServeConfig.Overrides.NONE).vars();
        } catch (ServeConfig.ConfigException e) {
            return Map.of();
        }
    }

    /** {@code dir} as a shell reads it back: quoted when it has more than letters, digits and {@code /._-}. */
    static String shellQuoted(String path) {
        return path.matches("[A-Za-z0-9/._-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    private static String names(Templates templates) {
        return templates.all().stream().map(Templates.Template::name).collect(Collectors.joining(", "));
    }

    /**
     * The directory's name made a package-like name (npm's rules): lower case, letters, digits,
     * {@code -}, {@code _} and {@code .}, not starting with a dot or underscore; else {@code worker}.
     */
    static String projectName(String directoryName) {
        String name = directoryName.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^[._-]+", "")
                .replaceAll("[._-]+$", "");
        if (name.length() > 214) {
            name = name.substring(0, 214);
        }
        return name.isEmpty() ? "worker" : name;
    }

    static String substitute(String text, Map<String, String> placeholders) {
        for (var p : placeholders.entrySet()) {
            text = text.replace(p.getKey(), p.getValue());
        }
        return text;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: left as created
        }
    }
}
