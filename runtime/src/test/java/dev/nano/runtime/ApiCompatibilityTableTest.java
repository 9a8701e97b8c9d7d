package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/api-compatibility.md kept true: what its table marks implemented or partial exists in a
 * runtime, what it marks missing does not, and every global NANO adds to ECMAScript's is in it.
 */
class ApiCompatibilityTableTest {
    private static final Path TABLE = Path.of("..", "docs", "api-compatibility.md");
    private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\|\\s*(✅|🟡|❌)\\s*\\|");
    private static final Pattern NAME = Pattern.compile("`([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)`");
    /** Backticked words in the table that are not globals (a directory name). */
    private static final Set<String> NOT_GLOBALS = Set.of("node_modules");

    private record Row(String status, List<String> names) {
    }

    private static NanoRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = NanoRuntime.builder().build();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            String object = null;
            Matcher name = NAME.matcher(row.group(1));
            while (name.find()) {
                String n = name.group(1);
                if (NOT_GLOBALS.contains(n)) {
                    continue;
                }
                if (n.contains(".")) {
                    object = n.substring(0, n.indexOf('.'));
                    names.add(n);
                } else if (object != null && Character.isLowerCase(n.charAt(0))) {
                    names.add(object + "." + n); // `performance.now`/`timeOrigin`
                } else {
                    object = null;
                    names.add(n);
                }
            }
            rows.add(new Row(row.group(2), names));
        }
        assertThat(rows).as("rows of " + TABLE).hasSizeGreaterThan(10);
        return rows;
    }

    private static boolean defined(String path) throws Exception {
        return runtime.eval("api-table", "{ let v = globalThis; for (const k of " + toJsArray(path) + ") v = v == null ? undefined : v[k]; v !== undefined }")
                .get().asBoolean();
    }

    private static String toJsArray(String path) {
        StringBuilder b = new StringBuilder("[");
        for (String part : path.split("\\.")) {
            b.append('"').append(part).append("\",");
        }
        return b.append("]").toString();
    }

    @Test
    void what_the_table_marks_implemented_exists_and_what_it_marks_missing_does_not() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            for (String name : row.names()) {
                boolean exists = defined(name);
                if (row.status().equals("❌") == exists) {
                    wrong.add(name + " is marked " + row.status() + " but is " + (exists ? "defined" : "undefined"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void every_global_nano_adds_to_ecmascript_is_in_the_table() throws Exception {
        Set<String> ecmascript;
        try (Context plain = Context.newBuilder("js").option("js.ecmascript-version", "latest").build()) {
            Value names = plain.eval("js", "Object.getOwnPropertyNames(globalThis)");
            ecmascript = new TreeSet<>(names.as(List.class));
        }
        Value names = runtime.eval("globals", "Object.getOwnPropertyNames(globalThis)").get();
        Set<String> added = new TreeSet<>();
        for (long i = 0; i < names.getArraySize(); i++) {
            String name = names.getArrayElement(i).asString();
            if (!ecmascript.contains(name)) {
                added.add(name);
            }
        }
        Set<String> listed = new LinkedHashSet<>();
        for (Row row : rows()) {
            for (String name : row.names()) {
                listed.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            }
        }
        added.removeAll(listed);
        added.remove("Nano"); // NANO's own namespace (args, version), documented in the user guide
        assertThat(added).as("globals missing from " + TABLE).isEmpty();
    }
}
