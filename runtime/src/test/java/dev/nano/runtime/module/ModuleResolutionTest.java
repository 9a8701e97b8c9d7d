package dev.nano.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nano.runtime.JsTesting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleResolutionTest {
    @TempDir
    Path project;

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String runMain(String mainSource) throws Exception {
        write("main.mjs", mainSource);
        try (JsTesting js = JsTesting.start(project)) {
            return js.runtime().evalFile(project.resolve("main.mjs")).get().getMember("result").asString();
        }
    }

    @Test
    void bare_specifier_prefers_the_workerd_export_condition() throws Exception {
        write("node_modules/lib/package.json", """
                {"name":"lib","exports":{".":{"node":"./node.js","workerd":"./workerd.js","import":"./import.js"}}}""");
        write("node_modules/lib/workerd.js", "export const flavour = 'workerd';");
        write("node_modules/lib/import.js", "export const flavour = 'import';");
        assertThat(runMain("import { flavour } from 'lib'; export const result = flavour;")).isEqualTo("workerd");
    }

    @Test
    void subpath_patterns_and_scoped_packages_resolve() throws Exception {
        write("node_modules/@acme/kit/package.json", """
                {"name":"@acme/kit","exports":{".":"./index.js","./tools/*":{"import":"./dist/tools/*.js"}}}""");
        write("node_modules/@acme/kit/dist/tools/cors.js", "export const name = 'cors';");
        assertThat(runMain("import { name } from '@acme/kit/tools/cors'; export const result = name;")).isEqualTo("cors");
    }

    @Test
    void module_field_is_used_without_exports_and_nested_node_modules_win() throws Exception {
        write("node_modules/outer/package.json", "{\"name\":\"outer\",\"module\":\"esm/index.js\",\"main\":\"cjs/index.js\"}");
        write("node_modules/outer/esm/index.js", "import { v } from 'dep'; export const value = 'outer+' + v;");
        write("node_modules/outer/node_modules/dep/package.json", "{\"name\":\"dep\",\"main\":\"index.js\"}");
        write("node_modules/outer/node_modules/dep/index.js", "export const v = 'nested';");
        write("node_modules/dep/package.json", "{\"name\":\"dep\",\"main\":\"index.js\"}");
        write("node_modules/dep/index.js", "export const v = 'top';");
        assertThat(runMain("import { value } from 'outer'; export const result = value;")).isEqualTo("outer+nested");
    }

    @Test
    void files_outside_the_project_cannot_be_imported() throws Exception {
        write("main.mjs", "import '../../../../../../etc/hostname'; export const result = 'loaded';");
        try (JsTesting js = JsTesting.start(project)) {
            assertThatThrownBy(() -> js.runtime().evalFile(project.resolve("main.mjs")).get())
                    .hasMessageContaining("outside the project directory");
        }
    }
}
