package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtimes on one shared engine and loop, as hot reload builds its versions. */
class SharedLoopTest {
    @TempDir
    Path dir;

    private Engine engine;
    private EventLoop loop;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        engine = NanoRuntime.newEngine(Map.of());
        loop = EventLoop.start("test-loop");
    }

    @AfterEach
    void stop() throws Exception {
        loop.shutdown();
        engine.close(true);
    }

    private NanoRuntime runtime() {
        return NanoRuntime.builder().engine(engine).loop(loop).projectRoot(dir)
                .err(new PrintStream(err, true, StandardCharsets.UTF_8)).build();
    }

    private static String eval(NanoRuntime rt, String code) throws Exception {
        return NanoRuntime.await(rt.eval("test.js", code), 30, TimeUnit.SECONDS).toString();
    }

    /** Evaluates {@code condition} until it is true; fails after 30 s. */
    private static void awaitTrue(NanoRuntime rt, String condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!eval(rt, condition).equals("true")) {
            assertThat(System.nanoTime()).as("%s within 30 s", condition).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void both_runtimes_run_their_js_on_the_one_loop_thread() throws Exception {
        try (NanoRuntime first = runtime(); NanoRuntime second = runtime()) {
            String thread1 = NanoRuntime.await(first.onLoop(c -> Thread.currentThread().getName()), 30, TimeUnit.SECONDS);
            String thread2 = NanoRuntime.await(second.onLoop(c -> Thread.currentThread().getName()), 30, TimeUnit.SECONDS);
            assertThat(thread1).isEqualTo("test-loop").isEqualTo(thread2);
            eval(first, "globalThis.mark = 'first'");
            assertThat(eval(second, "typeof globalThis.mark")).isEqualTo("undefined");
        }
    }

    @Test
    void closing_one_runtime_cancels_its_timers_and_leaves_the_loop_serving_the_other() throws Exception {
        NanoRuntime old = runtime();
        try (NanoRuntime next = runtime()) {
            eval(old, "globalThis.ticks = 0; setInterval(() => { globalThis.ticks++; }, 1); 'started'");
            awaitTrue(old, "globalThis.ticks > 2");
            assertThat(NanoRuntime.await(loop.submit(loop::pendingTimers), 30, TimeUnit.SECONDS)).isEqualTo(1);
            old.close();
            next.reportLoopFailures();
            // Had the closed runtime's interval stayed on the loop, it would fire into a closed context
            // meanwhile and be reported on err.
            eval(next, "globalThis.later = 0; setTimeout(() => { globalThis.later = 1; }, 20); 'scheduled'");
            awaitTrue(next, "globalThis.later === 1");
            assertThat(NanoRuntime.await(loop.submit(loop::pendingTimers), 30, TimeUnit.SECONDS)).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }

    @Test
    void a_runtime_records_the_modules_it_loaded() throws Exception {
        Files.writeString(dir.resolve("lib.js"), "export const answer = 42;\n");
        Files.writeString(dir.resolve("main.js"), "import { answer } from './lib.js';\nexport default { fetch() { return new Response(String(answer)); } };\n");
        Files.writeString(dir.resolve("unused.js"), "export const x = 1;\n");
        try (NanoRuntime rt = runtime()) {
            rt.loadWorker(dir.resolve("main.js"), Map.of());
            assertThat(rt.loadedFiles()).contains(dir.resolve("main.js"), dir.resolve("lib.js"))
                    .doesNotContain(dir.resolve("unused.js"));
        }
    }
}
