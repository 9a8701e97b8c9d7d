package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.devserver.CodeFrame.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code frames as Node and Babel print them, and the project locations found in NANO's formatted errors. */
class CodeFrameTest {
    @TempDir
    Path dir;

    private static final String SIX_LINES = """
            const a = 1;
            const b = 2;
            const c = a + b;
            const d = c * 2;
            const e = d - 1;
            export default e;
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void frame_shows_two_lines_either_side_the_error_line_marked_and_a_caret_under_the_column() throws IOException {
        Path file = write("index.js", SIX_LINES);

        assertThat(CodeFrame.textOf(file, 3, 11)).hasValue("""
                  1 | const a = 1;
                  2 | const b = 2;
                > 3 | const c = a + b;
                    |           ^
                  4 | const d = c * 2;
                  5 | const e = d - 1;
                """);
    }

    @Test
    void frame_of_the_first_line_has_no_lines_before_it() throws IOException {
        Path file = write("index.js", SIX_LINES);

        assertThat(CodeFrame.textOf(file, 1, 1)).hasValue("""
                > 1 | const a = 1;
                    | ^
                  2 | const b = 2;
                  3 | const c = a + b;
                """);
    }

    @Test
    void frame_of_the_last_line_has_no_lines_after_it_and_no_empty_line_for_the_final_newline() throws IOException {
        Path file = write("index.js", SIX_LINES);

        assertThat(CodeFrame.textOf(file, 6, 16)).hasValue("""
                  4 | const d = c * 2;
                  5 | const e = d - 1;
                > 6 | export default e;
                    |                ^
                """);
    }

    @Test
    void gutter_is_as_wide_as_the_largest_line_number_shown() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append("line").append(i).append('\n');
        }
        Path file = write("long.js", text.toString());

        assertThat(CodeFrame.textOf(file, 9, 5)).hasValue("""
                   7 | line7
                   8 | line8
                >  9 | line9
                     |     ^
                  10 | line10
                  11 | line11
                """);
    }

    @Test
    void tabs_are_expanded_and_the_caret_counts_a_tab_as_graaljs_does_one_column_then_moves_to_the_tab_stop() throws IOException {
        // The column GraalJS reported for `undefinedThing` in this file: the tab counts as one character.
        Path file = write("sub/helper.js", "export function helper() {\n\treturn undefinedThing + 1;\n}\n");

        assertThat(CodeFrame.textOf(file, 2, 9)).hasValue("""
                  1 | export function helper() {
                > 2 |     return undefinedThing + 1;
                    |            ^
                  3 | }
                """);
    }

    @Test
    void a_tab_after_text_moves_to_the_next_tab_stop() throws IOException {
        Path file = write("t.js", "ab\tx;\n");

        assertThat(CodeFrame.read(file, 1, 4)).hasValueSatisfying(frame -> {
            assertThat(frame.lines().getFirst().text()).isEqualTo("ab  x;");
            assertThat(frame.caretColumn()).isEqualTo(4);
        });
    }

    @Test
    void a_column_past_the_end_of_the_line_puts_the_caret_just_after_it() throws IOException {
        Path file = write("eol.js", "let x = {\n");

        assertThat(CodeFrame.read(file, 1, 10)).hasValueSatisfying(frame -> assertThat(frame.caretColumn()).isEqualTo(9));
    }

    @Test
    void crlf_line_ends_are_not_shown() throws IOException {
        Path file = write("crlf.js", "a;\r\nb;\r\n");

        assertThat(CodeFrame.textOf(file, 2, 1)).hasValue("""
                  1 | a;
                > 2 | b;
                    | ^
                """);
    }

    @Test
    void control_characters_in_the_source_are_replaced_so_they_cannot_drive_a_terminal() throws IOException {
        Path file = write("esc.js", "const s = \"\u001b[2J\";\n");

        assertThat(CodeFrame.textOf(file, 1, 1)).hasValueSatisfying(text -> assertThat(text).doesNotContain("\u001b").contains("\uFFFD[2J"));
    }

    @Test
    void a_very_long_line_is_cut_to_a_window_around_the_caret() throws IOException {
        String line = "x".repeat(1000) + "BOOM" + "y".repeat(1000);
        Path file = write("bundle.js", line + "\n");

        assertThat(CodeFrame.read(file, 1, 1001)).hasValueSatisfying(frame -> {
            String shown = frame.lines().getFirst().text();
            assertThat(shown).startsWith("…").endsWith("…").hasSizeLessThanOrEqualTo(CodeFrame.MAX_WIDTH + 2);
            assertThat(shown.substring(frame.caretColumn())).startsWith("BOOM");
        });
    }

    @Test
    void a_missing_file_gives_no_frame() {
        assertThat(CodeFrame.textOf(dir.resolve("deleted.js"), 1, 1)).isEmpty();
    }

    @Test
    void a_directory_gives_no_frame() {
        assertThat(CodeFrame.textOf(dir, 1, 1)).isEmpty();
    }

    @Test
    void a_line_past_the_end_of_the_file_gives_no_frame() throws IOException {
        Path file = write("short.js", "a;\nb;\n");

        assertThat(CodeFrame.textOf(file, 3, 1)).isEmpty();
        assertThat(CodeFrame.textOf(file, 0, 1)).isEmpty();
    }

    // ---------------------------------------------------------------- locations

    @Test
    void locations_of_a_handler_stack_are_the_project_frames_in_order_without_native_ones() throws IOException {
        Path helper = write("src/sub/helper.js", "x\n");
        Path index = write("src/index.js", "x\n");
        // As `nano serve` answered for a handler calling a helper that throws.
        String error = """
                ReferenceError: undefinedThing is not defined
                    at helper (%s:2:9)
                    at Object.fetch (%s:6:37)
                    at AsyncContext.Variable.run (native)
                """.formatted(helper, index);

        assertThat(CodeFrame.locations(error, dir)).containsExactly(
                new Location(helper, 2, 9), new Location(index, 6, 37));
    }

    @Test
    void locations_read_frames_without_a_function_name() throws IOException {
        Path top = write("top.js", "x\n");
        // As `nano run` printed a throw from a function called at the top level.
        String error = """
                Uncaught Error: boom
                    at f (%s:2:9)
                    at %s:4:1
                """.formatted(top, top);

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(top, 2, 9), new Location(top, 4, 1));
    }

    @Test
    void locations_skip_nano_internal_frames_files_outside_the_project_and_non_script_files() throws IOException {
        Path index = write("src/index.js", "x\n");
        Path secrets = write(".dev.vars", "TOKEN=secret\n");
        Path outside = Files.createTempFile("outside", ".js");
        try {
            String error = """
                    Error: boom
                        at dispatch (nano:worker/worker.js:40:5)
                        at node:internal/process:1:1
                        at <anonymous>:1:1
                        at lib (%s:1:1)
                        at %s:1:1
                        at fetch (%s:3:11)
                    """.formatted(outside, secrets, index);

            assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(index, 3, 11));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void locations_skip_a_path_that_climbs_out_of_the_project() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        write("other/lib.js", "x\n");

        String error = "Error: x\n    at %s/../other/lib.js:1:1\n".formatted(project);

        assertThat(CodeFrame.locations(error, project)).isEmpty();
    }

    @Test
    void locations_decode_file_urls() throws IOException {
        Path file = write("my project/index.js", "x\n");
        String error = "Error: boom\n    at fetch (" + file.toUri() + ":3:11)\n";

        assertThat(file.toUri().toString()).contains("%20");
        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(file, 3, 11));
    }

    @Test
    void locations_keep_a_path_that_itself_holds_parentheses() throws IOException {
        Path file = write("copy (2)/index.js", "x\n");
        String error = "Error: boom\n    at Object.fetch (" + file + ":1:2)\n";

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(file, 1, 2));
    }

    @Test
    void locations_list_a_repeated_frame_once() throws IOException {
        Path file = write("rec.js", "x\n");
        String error = "RangeError: Maximum call stack size exceeded\n" + ("    at f (" + file + ":1:20)\n").repeat(3);

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(file, 1, 20));
    }

    @Test
    void a_syntax_error_in_the_entry_names_it_by_file_name_which_resolves_in_the_project_root() throws IOException {
        Path entry = write("e4.js", "export default { fetch() { return new Response(\"x\"); } ;\n");
        // GraalJS names the entry by its file name only.
        String error = """
                SyntaxError: e4.js:1:55 Expected comma but found ;
                export default { fetch() { return new Response("x"); } ;
                                                                       ^""";

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(entry, 1, 55));
    }

    @Test
    void a_syntax_error_printed_as_uncaught_by_nano_run_is_read_too() throws IOException {
        Path file = write("syn.js", "const a = 1;\nconst b = 2 x;\n");
        String error = """
                Uncaught SyntaxError: syn.js:2:12 Expected ; but found x
                const b = 2 x;
                            ^""";

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(file, 2, 12));
    }

    @Test
    void a_syntax_error_in_an_import_is_found_in_the_project_by_its_specifier_and_echoed_line() throws IOException {
        write("src/bad.js", "export const x = 1;\nconst y = {\n  a: 1,\n  c: 2\n};\n");
        Path bad = write("src/sub/bad.js", "export const x = 1;\nconst y = {\n  a: 1\n  b: 2\n};\n");
        // Imported as "./bad.js" from src/sub/x.js: GraalJS names the module by its specifier.
        String error = """
                SyntaxError: ./bad.js:4:2 Expected comma but found ident
                  b: 2
                  ^""";

        assertThat(CodeFrame.locations(error, dir)).containsExactly(new Location(bad, 4, 2));
    }

    @Test
    void a_syntax_error_whose_name_matches_no_project_file_has_no_location() {
        String error = "SyntaxError: ./gone.js:1:1 Expected an operand but found ;\n;\n^";

        assertThat(CodeFrame.locations(error, dir)).isEmpty();
    }

    @Test
    void an_error_message_that_mentions_a_location_is_not_a_location() throws IOException {
        write("a.js", "x\n");

        assertThat(CodeFrame.locations("Error: could not parse a.js:1:1 as JSON", dir)).isEmpty();
        assertThat(CodeFrame.locations("'a string'", dir)).isEmpty();
    }

    @Test
    void a_missing_import_has_no_frame_to_show() {
        String error = "Error: Cannot find module '" + dir.resolve("nope.js") + "' imported from " + dir.resolve("e2.js");

        assertThat(CodeFrame.locations(error, dir)).isEmpty();
    }

    @Test
    void locations_of_an_error_are_empty_for_no_text() {
        assertThat(CodeFrame.locations(null, dir)).isEqualTo(List.of());
        assertThat(CodeFrame.locations("", dir)).isEmpty();
    }
}
