package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    private Path write(String name, String source) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        return file;
    }

    private int test(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "test";
        System.arraycopy(args, 0, argv, 1, args.length);
        argv[args.length + 1] = dir.toString();
        return Main.execute(argv);
    }

    @Test
    void passing_failing_skipped_and_todo_tests_are_reported_with_a_summary_and_exit_one() throws Exception {
        write("math.test.js", """
                test("adds", () => { expect(1 + 1).toBe(2); });
                it("subtracts wrongly", () => { expect(5 - 3).toBe(3); });
                test.skip("not now", () => { throw new Error("never runs"); });
                test.todo("later");
                test("async", async () => { await new Promise((r) => setTimeout(r, 5)); expect(await Promise.resolve(7)).toBe(7); });
                """);
        int code = test();
        String out = stdio.out();
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("math.test.js:")
                .containsPattern("✓ adds \\(\\d+ ms\\)")
                .containsPattern("✗ subtracts wrongly \\(\\d+ ms\\)")
                .contains("AssertionError: expected 2 to be 3")
                .contains("math.test.js:2:")
                .contains("> 2 | it(\"subtracts wrongly\"")
                .contains("- not now (skipped)")
                .contains("- later (todo)")
                .containsPattern("✓ async \\(\\d+ ms\\)")
                .containsPattern("2 passed, 1 failed, 1 skipped, 1 todo \\(1 file, \\d+ ms\\)");
        assertThat(out).doesNotContain("Error: never runs").doesNotContain("at java.").doesNotContain("org.graalvm");
    }

    @Test
    void all_passing_exits_zero_and_discovery_skips_node_modules_and_dot_dirs() throws Exception {
        write("src/a.test.mjs", "test('a', () => expect(true).toBeTruthy());");
        write("src/b_test.js", "test('b', () => expect(0).toBeFalsy());");
        write("c.spec.js", "test('c', () => expect(null).toBeNull());");
        write("test/helpers/d.js", "test('d', () => expect(undefined).toBeUndefined());");
        write("src/helper.js", "throw new Error('not a test file');");
        write("node_modules/pkg/x.test.js", "throw new Error('in node_modules');");
        write(".cache/y.test.js", "throw new Error('in a dot dir');");
        int code = test();
        String out = stdio.out();
        assertThat(code).isZero();
        assertThat(out).contains("4 passed, 0 failed, 0 skipped (4 files,");
        // Sorted by path, deterministic.
        assertThat(out.indexOf("c.spec.js:")).isLessThan(out.indexOf("src/a.test.mjs:"));
        assertThat(out.indexOf("src/a.test.mjs:")).isLessThan(out.indexOf("src/b_test.js:"));
        assertThat(out.indexOf("src/b_test.js:")).isLessThan(out.indexOf("test/helpers/d.js:"));
        assertThat(out).doesNotContain("not a test file").doesNotContain("node_modules").doesNotContain("dot dir");
    }

    @Test
    void describe_nesting_only_and_hooks_run_in_order() throws Exception {
        write("hooks.test.js", """
                const log = [];
                beforeAll(() => log.push("beforeAll"));
                afterAll(() => console.log("LOG " + log.join(",")));
                beforeEach(() => log.push("be"));
                afterEach(() => log.push("ae"));
                describe("outer", () => {
                  beforeEach(() => log.push("inner-be"));
                  afterEach(() => log.push("inner-ae"));
                  describe("inner", () => {
                    test("one", () => log.push("one"));
                  });
                  test("two", () => log.push("two"));
                });
                test("three", () => log.push("three"));
                """);
        write("only.test.js", """
                test("not me", () => {});
                describe.only("chosen", () => { test("runs", () => {}); });
                test.only("me too", () => {});
                """);
        int code = test();
        String out = stdio.out();
        assertThat(code).isZero();
        assertThat(out).contains("✓ outer > inner > one").contains("✓ outer > two").contains("✓ three")
                .contains("LOG beforeAll,be,inner-be,one,inner-ae,ae,be,inner-be,two,inner-ae,ae,be,three,ae")
                .contains("- not me (skipped)").contains("✓ chosen > runs").contains("✓ me too");
    }

    @Test
    void filter_runs_tests_whose_full_name_contains_the_text_or_matches_a_regex() throws Exception {
        write("f.test.js", """
                describe("api", () => { test("get", () => {}); test("post", () => {}); });
                test("unrelated", () => {});
                """);
        assertThat(test("--filter", "api > p")).isZero();
        assertThat(stdio.out()).contains("✓ api > post").doesNotContain("api > get").doesNotContain("unrelated")
                .contains("1 passed, 0 failed, 0 skipped");
        assertThat(test("--filter", "/^(api > get|UNREL)/i")).isZero();
        assertThat(stdio.out()).contains("✓ api > get").contains("✓ unrelated");
    }

    @Test
    void a_test_that_never_settles_times_out_and_the_run_goes_on() throws Exception {
        write("t.test.js", """
                test("hangs", () => new Promise(() => {}), 100);
                test("after", () => {});
                """);
        int code = test();
        assertThat(code).isEqualTo(1);
        assertThat(stdio.out()).contains("✗ hangs").contains("test timed out after 100 ms").contains("✓ after");
        assertThat(test("--timeout", "50", "--filter", "hangs")).isEqualTo(1);
    }

    @Test
    void uncaught_errors_and_unhandled_rejections_fail_the_running_test_with_a_js_location() throws Exception {
        write("u.test.js", """
                test("timer throws", () => new Promise((resolve) => {
                  setTimeout(() => { throw new RangeError("from a timer"); }, 1);
                  setTimeout(resolve, 50);
                }));
                test("rejection", () => new Promise((resolve) => {
                  Promise.reject(new TypeError("nobody listens"));
                  setTimeout(resolve, 50);
                }));
                test("fine", () => {});
                """);
        int code = test();
        String out = stdio.out();
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("✗ timer throws").contains("RangeError: from a timer").contains("u.test.js:2:")
                .contains("✗ rejection").contains("TypeError: nobody listens")
                .contains("✓ fine").contains("1 passed, 2 failed");
        assertThat(out + stdio.err()).doesNotContain("at java.").doesNotContain("PolyglotException");
    }

    @Test
    void a_file_with_a_syntax_error_fails_alone_and_the_run_continues() throws Exception {
        write("a_bad.test.js", "test('x', () => { let = ; });\n");
        write("b_good.test.js", "test('good', () => {});\n");
        write("c_throws.test.js", "throw new Error('at load time');\n");
        int code = test();
        String out = stdio.out();
        assertThat(code).isEqualTo(1);
        assertThat(out).contains("a_bad.test.js:").contains("✗ syntax error").contains("SyntaxError")
                .contains("a_bad.test.js:1:")
                .contains("✓ good")
                .contains("✗ the file failed to load").contains("Error: at load time")
                .contains("1 passed, 2 failed");
    }

    @Test
    void matchers_pass_as_vitest_does() throws Exception {
        write("m.test.js", """
                import { test as t, expect as e } from "nano:test";
                t("the module and the globals are the same API", () => { e(t).toBe(test); e(e).toBe(expect); });
                test("equality", () => {
                  expect({ a: 1, b: undefined }).toEqual({ a: 1 });
                  expect({ a: 1, b: undefined }).not.toStrictEqual({ a: 1 });
                  class P { constructor() { this.x = 1; } }
                  expect(new P()).toEqual({ x: 1 });
                  expect(new P()).not.toStrictEqual({ x: 1 });
                  expect([1, [2, { c: new Map([["k", new Set([1])]]) }]]).toEqual([1, [2, { c: new Map([["k", new Set([1])]]) }]]);
                  expect(NaN).toBe(NaN);
                  expect(0).not.toBe(-0);
                  expect({ a: 1 }).not.toBe({ a: 1 });
                  expect(new Date(5)).toEqual(new Date(5));
                  expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 2]));
                });
                test("the rest", async () => {
                  expect(NaN).toBeNaN();
                  expect(1).toBeDefined();
                  expect([1, 2, 3]).toContain(2);
                  expect("hello").toContain("ell");
                  expect([{ a: 1 }]).toContainEqual({ a: 1 });
                  expect("hello world").toMatch(/wor/);
                  expect("hello world").toMatch("lo w");
                  expect({ a: 1, b: { c: 2, d: 3 } }).toMatchObject({ b: { c: 2 } });
                  expect([1, 2]).toHaveLength(2);
                  expect({ a: { b: [0, { c: 5 }] } }).toHaveProperty("a.b[1].c", 5);
                  expect({ a: 1 }).toHaveProperty(["a"]);
                  expect({ a: 1 }).not.toHaveProperty("b");
                  expect(3).toBeGreaterThan(2);
                  expect(3).toBeGreaterThanOrEqual(3);
                  expect(2).toBeLessThan(3);
                  expect(2).toBeLessThanOrEqual(2);
                  expect(0.1 + 0.2).toBeCloseTo(0.3);
                  expect(new TypeError("x")).toBeInstanceOf(Error);
                  expect(() => { throw new TypeError("bad input"); }).toThrow();
                  expect(() => { throw new TypeError("bad input"); }).toThrow("bad");
                  expect(() => { throw new TypeError("bad input"); }).toThrow(/input$/);
                  expect(() => { throw new TypeError("bad input"); }).toThrow(TypeError);
                  expect(() => 1).not.toThrow();
                  await expect(Promise.resolve(4)).resolves.toBe(4);
                  await expect(Promise.reject(new Error("no"))).rejects.toThrow("no");
                  expect({ id: 7, name: "x" }).toEqual({ id: expect.any(Number), name: expect.anything() });
                  expect.assertions(26);
                });
                """);
        int code = test();
        assertThat(stdio.out()).contains("3 passed, 0 failed");
        assertThat(code).isZero();
    }

    @Test
    void failing_matchers_explain_themselves_with_a_diff() throws Exception {
        write("msg.test.js", """
                test("toEqual", () => expect({ a: 1, b: 2 }).toEqual({ a: 1, b: 3 }));
                test("toBe same structure", () => expect({ a: 1 }).toBe({ a: 1 }));
                test("not.toContain", () => expect([1, 2]).not.toContain(2));
                test("toHaveLength", () => expect("abc").toHaveLength(2));
                test("toThrow", () => expect(() => {}).toThrow("boom"));
                test("toMatch", () => expect("abc").toMatch(/x/));
                test("toBeGreaterThan", () => expect(1).toBeGreaterThan(2));
                test("toHaveProperty", () => expect({ a: { b: 1 } }).toHaveProperty("a.b", 2));
                test("resolves", async () => { await expect(Promise.reject(new Error("nope"))).resolves.toBe(1); });
                test("assertions", () => { expect.assertions(2); expect(1).toBe(1); });
                """);
        int code = test();
        String out = stdio.out();
        assertThat(code).isEqualTo(1);
        assertThat(out)
                .contains("AssertionError: expected { a: 1, b: 2 } to equal { a: 1, b: 3 }")
                .contains("- Expected\n    + Received\n    \n      {\n        a: 1,\n    -   b: 3\n    +   b: 2\n      }")
                .contains("expected { a: 1 } to be { a: 1 } (the same structure, but not the same object")
                .contains("expected [ 1, 2 ] not to contain 2")
                .contains("expected 'abc' to have length 2, but its length is 3")
                .contains("expected function to throw an error containing 'boom', but it did not throw")
                .contains("expected 'abc' to match /x/")
                .contains("expected 1 to be greater than 2")
                .contains("expected { a: { b: 1 } } to have property \"a.b\" equal to 2, but it is 1")
                .contains("expected promise to resolve, but it rejected with Error: nope")
                .contains("expected 2 assertions, but 1 ran")
                .contains("0 passed, 10 failed");
    }

    @Test
    void a_worker_projects_tests_get_env_and_dispatch() throws Exception {
        write("nano.toml", """
                main = "src/index.js"
                [vars]
                GREETING = "hello"
                """);
        write(".dev.vars", "SECRET=s3cret\n");
        write("src/index.js", """
                export default {
                  async fetch(request, env) {
                    const url = new URL(request.url);
                    if (url.pathname === "/api") return Response.json({ greeting: env.GREETING, origin: url.origin });
                    return new Response("not found", { status: 404 });
                  },
                };
                """);
        write("test/api.test.js", """
                import worker from "../src/index.js";
                test("env and dispatch", async () => {
                  expect(env.GREETING).toBe("hello");
                  expect(env.SECRET).toBe("s3cret");
                  const res = await dispatch("/api");
                  expect(res.status).toBe(200);
                  expect(await res.json()).toEqual({ greeting: "hello", origin: "http://127.0.0.1:8787" });
                  expect((await dispatch("/missing")).status).toBe(404);
                  expect(typeof worker.fetch).toBe("function");
                });
                """);
        assertThat(test()).isZero();
        assertThat(stdio.out()).contains("✓ env and dispatch");
        write("test/port.test.js", """
                test("origin follows --port", async () => {
                  expect((await (await dispatch("/api")).json()).origin).toBe("http://127.0.0.1:9911");
                });
                """);
        assertThat(test("--port", "9911", "--filter", "origin follows")).isZero();
    }

    @Test
    void the_junit_reporter_writes_well_formed_xml_with_the_counts() throws Exception {
        write("a.test.js", """
                describe("s", () => { test("ok <&> \\"quoted\\"", () => {}); });
                test("fails", () => expect("a\\u001b[31m<b>").toBe("]]>"));
                test.skip("skip", () => {});
                test.todo("todo");
                """);
        write("b.test.js", "test('syntax', () => { let = ; });\n");
        Path report = dir.resolve("out/junit.xml");
        int code = test("--reporter", "junit", "--output", report.toString());
        assertThat(code).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("skipped")).isEqualTo("2");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element a = (Element) suites.item(0);
        assertThat(a.getAttribute("name")).isEqualTo("a.test.js");
        assertThat(a.getAttribute("tests")).isEqualTo("4");
        assertThat(a.getAttribute("failures")).isEqualTo("1");
        NodeList cases = a.getElementsByTagName("testcase");
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("classname")).isEqualTo("a.test.js");
        assertThat(first.getAttribute("name")).isEqualTo("s > ok <&> \"quoted\"");
        assertThat(first.getAttribute("time")).matches("\\d+\\.\\d{3}");
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("to be ']]>'");
        assertThat(failure.getTextContent()).contains("AssertionError").contains("a.test.js:2:");
        assertThat(((Element) cases.item(2)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
        Element b = (Element) suites.item(1);
        assertThat(b.getAttribute("failures")).isEqualTo("1");
        assertThat(b.getElementsByTagName("failure").item(0).getTextContent()).contains("SyntaxError");

        // On stdout when no --output is given.
        Files.delete(dir.resolve("b.test.js"));
        assertThat(test("--reporter", "junit", "--filter", "ok")).isZero();
        String xml = stdio.out().substring(stdio.out().indexOf("<?xml"));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void exit_codes_for_no_test_files_and_usage_errors() throws Exception {
        write("README.md", "no tests here");
        assertThat(test()).isEqualTo(1);
        assertThat(stdio.err()).contains("no test files found");
        assertThat(test("--reporter", "tap")).isEqualTo(2);
        assertThat(Main.execute("test", "--no-such-flag")).isEqualTo(2);
        assertThat(Main.execute("test", dir.resolve("missing.test.js").toString())).isEqualTo(2);
    }

    @Test
    void explicit_files_run_as_given_even_without_a_test_name() throws Exception {
        Path file = write("checks.js", "test('explicit', () => expect(Nano.version).toBeDefined());");
        write("other.test.js", "test('other', () => {});");
        assertThat(Main.execute("test", file.toString())).isZero();
        assertThat(stdio.out()).contains("✓ explicit").doesNotContain("other");
    }

    @Test
    void ordinary_scripts_see_no_test_globals() throws Exception {
        Path file = write("main.mjs", "console.log(typeof test, typeof expect, typeof describe);");
        assertThat(Main.execute("run", file.toString())).isZero();
        assertThat(stdio.out()).isEqualTo("undefined undefined undefined\n");
    }
}
