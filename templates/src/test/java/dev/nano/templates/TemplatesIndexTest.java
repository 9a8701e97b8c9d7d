package dev.nano.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** index.txt is what nano init reads (a jar's resources cannot be listed): it must match the folders. */
class TemplatesIndexTest {
    private static final Path ROOT = Path.of("src/main/resources/dev/nano/templates");

    /** name → files, in the index's order. */
    private static Map<String, List<String>> index() throws IOException {
        Map<String, List<String>> templates = new LinkedHashMap<>();
        String current = null;
        try (InputStream in = TemplatesIndexTest.class.getResourceAsStream("/dev/nano/templates/index.txt")) {
            assertThat(in).as("index.txt on the class path").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    templates.get(current).add(line.strip());
                } else {
                    current = line.substring(0, line.indexOf(':'));
                    assertThat(line.substring(line.indexOf(':') + 1).strip()).as("description of " + current).isNotEmpty();
                    templates.put(current, new java.util.ArrayList<>());
                }
            }
        }
        return templates;
    }

    private static TreeSet<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void every_template_folder_is_in_the_index_and_every_indexed_template_has_a_folder() throws IOException {
        TreeSet<String> folders = new TreeSet<>();
        try (Stream<Path> children = Files.list(ROOT)) {
            children.filter(Files::isDirectory).forEach(p -> folders.add(p.getFileName().toString()));
        }
        assertThat(index().keySet()).containsExactlyInAnyOrderElementsOf(folders);
        assertThat(index().keySet()).contains("_common", "hello", "router", "crypto", "proxy", "hono");
    }

    @Test
    void each_template_lists_exactly_the_files_in_its_folder() throws IOException {
        for (var template : index().entrySet()) {
            assertThat(new TreeSet<>(template.getValue())).as(template.getKey())
                    .containsExactlyElementsOf(filesUnder(ROOT.resolve(template.getKey())));
        }
    }

    @Test
    void every_indexed_file_is_on_the_class_path() throws IOException {
        for (var template : index().entrySet()) {
            for (String file : template.getValue()) {
                String resource = "/dev/nano/templates/" + template.getKey() + "/" + file;
                assertThat(getClass().getResource(resource)).as(resource).isNotNull();
            }
        }
    }

    @Test
    void no_resource_name_starts_with_a_dot_as_jars_and_resource_copying_may_drop_those() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }

    @Test
    void every_real_template_has_an_entry_a_config_and_a_test() throws IOException {
        for (var template : index().entrySet()) {
            if (!template.getKey().startsWith("_")) {
                assertThat(template.getValue()).as(template.getKey()).contains("src/index.js", "nano.toml", "test/index.test.js");
            }
        }
    }
}
