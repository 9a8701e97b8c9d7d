package dev.nano.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAtPromptTest {
    @TempDir
    Path project;
    ReplTesting repl;

    @BeforeEach
    void start() throws IOException {
        write("lib.js", "export const v = 'lib'; export default function greet(n) { return 'hi ' + n; }");
        write("node_modules/hono/package.json", "{\"name\":\"hono\",\"type\":\"module\",\"exports\":{\".\":\"./dist/index.js\"}}");
        write("node_modules/hono/dist/index.js", "export class Hono { get(path) { return 'GET ' + path; } }\nexport default 'hono';");
        // a package that brings its own version of a dependency: the prompt still gets the project's
        write("node_modules/outer/package.json", "{\"name\":\"outer\",\"main\":\"index.js\"}");
        write("node_modules/outer/index.js", "export { v } from 'dep';");
        write("node_modules/outer/node_modules/dep/package.json", "{\"name\":\"dep\",\"main\":\"index.js\"}");
        write("node_modules/outer/node_modules/dep/index.js", "export const v = 'nested';");
        write("node_modules/dep/package.json", "{\"name\":\"dep\",\"main\":\"index.js\"}");
        write("node_modules/dep/index.js", "export const v = 'top';");
        repl = ReplTesting.start(project);
    }

    @AfterEach
    void stop() {
        repl.close();
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void a_static_import_of_a_project_file_binds_constants() {
        assertThat(repl.value("import greet, { v as version } from './lib.js'")).isEqualTo("undefined");
        assertThat(repl.value("greet(version)")).isEqualTo("'hi lib'");
        assertThat(repl.error("version = 1")).contains("Assignment to constant variable.");
    }

    @Test
    void a_dynamic_import_of_a_project_file_resolves_from_the_project_root() {
        assertThat(repl.value("(await import('./lib.js')).v")).isEqualTo("'lib'");
    }

    @Test
    void a_package_from_node_modules_imports_statically_and_dynamically() {
        repl.value("const { Hono } = await import('hono')");
        assertThat(repl.value("new Hono().get('/')")).isEqualTo("'GET /'");
        repl.value("import name, * as ns from 'hono'");
        assertThat(repl.value("[name, typeof ns.Hono]")).isEqualTo("[ 'hono', 'function' ]");
    }

    @Test
    void a_package_resolves_from_the_project_even_after_a_package_with_nested_node_modules_loaded() {
        repl.value("import { v as nested } from 'outer'");
        assertThat(repl.value("nested")).isEqualTo("'nested'");
        assertThat(repl.value("(await import('dep')).v")).isEqualTo("'top'");
    }

    @Test
    void an_import_that_fails_reports_the_error() {
        assertThat(repl.error("import x from './missing.js'")).startsWith("Uncaught ");
        assertThat(repl.value("typeof x")).isEqualTo("'undefined'");
    }

    @Test
    void a_namespace_completes_its_exports() {
        repl.value("import * as lib from './lib.js'");
        assertThat(repl.complete("lib.")).contains("default", "v");
    }
}
