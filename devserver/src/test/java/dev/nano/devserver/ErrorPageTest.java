package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nano.devserver.ErrorPage.Format;
import dev.nano.devserver.ErrorPage.Kind;
import dev.nano.devserver.ErrorPage.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev server's error responses: one per Accept header, escaped, with the project's code frames. */
class ErrorPageTest {
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @TempDir
    Path dir;
    Path index;
    Path helper;
    String handlerError;

    @BeforeEach
    void project() throws IOException {
        index = write("src/index.js", """
                import { helper } from "./sub/helper.js";
                export default {
                  async fetch(request) {
                    const u = new URL(request.url);
                    if (u.pathname === "/h") return helper("<script>alert(1)</script>");
                    return new Response("ok");
                  }
                };
                """);
        helper = write("src/sub/helper.js", "export function helper(s) {\n\treturn undefinedThing + s;\n}\n");
        // As `nano serve` answered for this project's /h.
        handlerError = """
                ReferenceError: undefinedThing is not defined
                    at helper (%s:2:9)
                    at Object.fetch (%s:5:37)
                    at AsyncContext.Variable.run (native)""".formatted(helper, index);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    // ---------------------------------------------------------------- negotiation

    @Test
    void a_browser_gets_html() {
        assertThat(ErrorPage.negotiate(BROWSER)).isEqualTo(Format.HTML);
        assertThat(ErrorPage.render(handlerError, dir, BROWSER, Kind.HANDLER).contentType()).startsWith("text/html");
    }

    @Test
    void a_client_asking_for_json_gets_json() {
        assertThat(ErrorPage.negotiate("application/json")).isEqualTo(Format.JSON);
        assertThat(ErrorPage.negotiate("application/json, text/plain, */*")).isEqualTo(Format.JSON);
        assertThat(ErrorPage.negotiate("application/problem+json")).isEqualTo(Format.JSON);
    }

    @Test
    void any_type_or_no_header_gets_text() {
        assertThat(ErrorPage.negotiate("*/*")).isEqualTo(Format.TEXT);
        assertThat(ErrorPage.negotiate(null)).isEqualTo(Format.TEXT);
        assertThat(ErrorPage.negotiate("")).isEqualTo(Format.TEXT);
        assertThat(ErrorPage.negotiate("text/*")).isEqualTo(Format.TEXT);
        assertThat(ErrorPage.render(handlerError, dir, "*/*", Kind.HANDLER).contentType()).startsWith("text/plain");
    }

    @Test
    void the_higher_quality_of_html_and_json_wins_and_q_zero_refuses() {
        assertThat(ErrorPage.negotiate("text/html;q=0.5, application/json")).isEqualTo(Format.JSON);
        assertThat(ErrorPage.negotiate("application/json;q=0.5, text/html")).isEqualTo(Format.HTML);
        assertThat(ErrorPage.negotiate("text/html;q=0, */*")).isEqualTo(Format.TEXT);
        assertThat(ErrorPage.negotiate("TEXT/HTML ; Q=0.7")).isEqualTo(Format.HTML);
    }

    // ---------------------------------------------------------------- html

    @Test
    void html_escapes_a_script_in_the_message_and_in_the_source() throws IOException {
        write("src/x.js", "throw new Error(\"<script>alert('src')</script>\");\n");
        String error = "Error: <script>alert(\"msg\")</script> & <img src=x onerror=alert(1)>\n    at "
                + dir.resolve("src/x.js") + ":1:7";

        String html = ErrorPage.render(error, dir, BROWSER, Kind.HANDLER).bodyText();

        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .contains("&lt;script&gt;alert(&quot;msg&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;script&gt;alert(&#39;src&#39;)&lt;/script&gt;");
    }

    @Test
    void html_shows_the_message_the_stack_and_a_code_frame_for_each_project_frame() {
        Rendered page = ErrorPage.render(handlerError, dir, BROWSER, Kind.HANDLER);
        String html = page.bodyText();

        assertThat(page.status()).isEqualTo(500);
        assertThat(html).startsWith("<!doctype html>")
                .contains("<h1>ReferenceError: undefinedThing is not defined</h1>")
                .contains("<code>src/sub/helper.js:2:9</code>", "<code>src/index.js:5:37</code>")
                .contains("<mark>&gt; 2 |     return undefinedThing + s;</mark>")
                .contains("at AsyncContext.Variable.run (native)");
        assertThat(html.indexOf("src/sub/helper.js:2:9")).isLessThan(html.indexOf("src/index.js:5:37"));
    }

    @Test
    void html_is_self_contained() {
        String html = ErrorPage.render(handlerError, dir, BROWSER, Kind.HANDLER).bodyText();

        assertThat(html).doesNotContain("<script", "<link", "src=", "href=", "url(", "@import")
                .contains("<style>", "prefers-color-scheme:dark", "color-scheme:light dark");
    }

    @Test
    void html_of_a_failed_reload_says_so_and_that_the_last_good_version_keeps_serving() {
        String error = "SyntaxError: ./sub/helper.js:2:9 Expected ; but found x\n\treturn undefinedThing + s;\n\t       ^";

        Rendered page = ErrorPage.render(error, dir, BROWSER, Kind.RELOAD);

        assertThat(page.status()).isEqualTo(500);
        assertThat(page.bodyText()).contains("<title>Reload failed: SyntaxError: ./sub/helper.js:2:9")
                .contains(ErrorPage.escape(ErrorPage.RELOAD_NOTE))
                .contains("<code>src/sub/helper.js:2:9</code>")
                .doesNotContain("Uncaught error in the fetch handler");
    }

    @Test
    void html_of_a_handler_error_does_not_mention_a_reload() {
        assertThat(ErrorPage.render(handlerError, dir, BROWSER, Kind.HANDLER).bodyText())
                .doesNotContain("Reload failed").doesNotContain(ErrorPage.escape(ErrorPage.RELOAD_NOTE));
    }

    @Test
    void html_still_renders_when_the_file_was_deleted_since_the_error() throws IOException {
        Files.delete(helper);

        String html = ErrorPage.render(handlerError, dir, BROWSER, Kind.HANDLER).bodyText();

        assertThat(html).doesNotContain("src/sub/helper.js:2:9</code>").contains("<code>src/index.js:5:37</code>")
                .contains("undefinedThing is not defined");
    }

    // ---------------------------------------------------------------- json and text

    @Test
    void json_has_the_error_and_its_stack() throws IOException {
        Rendered rendered = ErrorPage.render(handlerError, dir, "application/json", Kind.HANDLER);

        JsonNode json = new ObjectMapper().readTree(rendered.body());
        assertThat(rendered.status()).isEqualTo(500);
        assertThat(rendered.contentType()).isEqualTo("application/json");
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get("error").asText()).isEqualTo("ReferenceError: undefinedThing is not defined");
        assertThat(json.get("stack").asText()).isEqualTo(handlerError);
    }

    @Test
    void json_error_of_a_syntax_error_is_its_first_line_only() throws IOException {
        String error = "SyntaxError: e4.js:1:55 Expected comma but found ;\nexport default { ;\n                 ^";

        JsonNode json = new ObjectMapper().readTree(ErrorPage.render(error, dir, "application/json", Kind.RELOAD).body());

        assertThat(json.get("error").asText()).isEqualTo("SyntaxError: e4.js:1:55 Expected comma but found ;");
    }

    @Test
    void text_is_the_formatted_error_then_the_first_code_frame() {
        Rendered rendered = ErrorPage.render(handlerError, dir, null, Kind.HANDLER);

        assertThat(rendered.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(rendered.bodyText()).isEqualTo(handlerError + "\n\nsrc/sub/helper.js:2:9\n" + """
                  1 | export function helper(s) {
                > 2 |     return undefinedThing + s;
                    |            ^
                  3 | }
                """);
    }

    @Test
    void text_of_a_failed_reload_starts_with_the_note() {
        assertThat(ErrorPage.render(handlerError, dir, "*/*", Kind.RELOAD).bodyText())
                .startsWith("Reload failed. " + ErrorPage.RELOAD_NOTE + "\n\nReferenceError:");
    }

    @Test
    void an_error_without_project_frames_is_rendered_as_it_is() {
        Rendered rendered = ErrorPage.render("'a string'", dir, "*/*", Kind.HANDLER);

        assertThat(rendered.bodyText()).isEqualTo("'a string'\n");
    }

    // ---------------------------------------------------------------- terminal

    @Test
    void terminal_frame_is_the_headline_the_first_project_location_and_its_frame() {
        assertThat(ErrorPage.terminalFrame("Uncaught " + handlerError, dir)).isEqualTo("""
                ReferenceError: undefinedThing is not defined
                    at %s:2:9

                    1 | export function helper(s) {
                  > 2 |     return undefinedThing + s;
                      |            ^
                    3 | }""".formatted(helper));
    }

    @Test
    void terminal_frame_without_a_project_location_is_the_error_as_it_is() {
        String error = "Error: Cannot find module '" + dir.resolve("nope.js") + "' imported from " + index;

        assertThat(ErrorPage.terminalFrame(error, dir)).isEqualTo(error);
    }
}
