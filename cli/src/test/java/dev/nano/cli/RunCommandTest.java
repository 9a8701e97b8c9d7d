package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    private int run(String source, String... args) throws Exception {
        Path file = dir.resolve("main.mjs");
        Files.writeString(file, source);
        String[] argv = new String[args.length + 2];
        argv[0] = "run";
        argv[1] = file.toString();
        System.arraycopy(args, 0, argv, 2, args.length);
        return Main.execute(argv);
    }

    @Test
    void waits_for_timers_and_promises_then_exits_zero() throws Exception {
        int code = run("await null; setTimeout(() => console.log('late', Nano.args.join('+')), 30); console.log('early');", "x", "y z");
        assertThat(code).isZero();
        assertThat(stdio.out()).isEqualTo("early\nlate x+y z\n");
    }

    @Test
    void passes_option_like_arguments_after_the_file_to_the_script() throws Exception {
        int code = run("console.log(JSON.stringify(Nano.args));", "--port", "1", "-x");
        assertThat(code).isZero();
        assertThat(stdio.out()).isEqualTo("[\"--port\",\"1\",\"-x\"]\n");
    }

    @Test
    void help_for_run_still_comes_from_the_full_parser() throws Exception {
        assertThat(Main.execute("run", "--help")).isZero();
        assertThat(stdio.out()).contains("Usage: nano run").contains("FILE");
    }

    @Test
    void uncaught_error_exits_one_with_the_js_stack() throws Exception {
        int code = run("function explode() { throw new RangeError('too far'); }\nsetTimeout(explode, 1);\n");
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err())
                .contains("Uncaught RangeError: too far")
                .contains("main.mjs:1:");
    }

    @Test
    void unhandled_rejection_exits_one() throws Exception {
        int code = run("Promise.reject(new TypeError('nobody listens'));");
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err()).contains("TypeError: nobody listens");
    }

    @Test
    void syntax_error_names_file_line_and_column() throws Exception {
        int code = run("const ok = 1;\nconst broken = ;\n");
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err()).contains("SyntaxError").contains("main.mjs:2:");
    }
}
