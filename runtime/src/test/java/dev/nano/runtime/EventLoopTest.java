package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventLoopTest {
    @Test
    void timers_fire_in_due_order_then_creation_order() {
        try (JsTesting js = JsTesting.start()) {
            String order = js.run("""
                    const seen = [];
                    await new Promise((resolve) => {
                      setTimeout(() => seen.push("b"), 200);
                      setTimeout(() => seen.push("a1"), 0);
                      setTimeout(() => seen.push("a2"), 0);
                      setTimeout(() => { seen.push("c"); resolve(); }, 400);
                    });
                    return seen.join(",");
                    """);
            assertThat(order).isEqualTo("a1,a2,b,c");
        }
    }

    @Test
    void cleared_interval_stops_firing() {
        try (JsTesting js = JsTesting.start()) {
            String count = js.run("""
                    let n = 0;
                    await new Promise((resolve) => {
                      const id = setInterval(() => { if (++n === 3) { clearInterval(id); setTimeout(resolve, 50); } }, 5);
                    });
                    return n;
                    """);
            assertThat(count).isEqualTo("3");
        }
    }

    @Test
    void microtasks_run_before_the_next_timer() {
        try (JsTesting js = JsTesting.start()) {
            String order = js.run("""
                    const seen = [];
                    await new Promise((resolve) => {
                      setTimeout(() => { seen.push("timer"); resolve(); }, 0);
                      queueMicrotask(() => seen.push("micro"));
                      Promise.resolve().then(() => seen.push("then"));
                    });
                    return seen.join(",");
                    """);
            assertThat(order).isEqualTo("micro,then,timer");
        }
    }

    @Test
    void scripts_cannot_reach_java_classes() {
        try (JsTesting js = JsTesting.start()) {
            assertThat(js.run("return typeof Java + ',' + typeof Packages + ',' + typeof java + ',' + typeof Polyglot"))
                    .isEqualTo("undefined,undefined,undefined,undefined");
        }
    }

    @Test
    void dom_exception_has_name_code_and_message() {
        try (JsTesting js = JsTesting.start()) {
            assertThat(js.run("const e = new DOMException('bad', 'DataCloneError'); return [e.name, e.code, e.message, e instanceof Error].join()"))
                    .isEqualTo("DataCloneError,25,bad,true");
        }
    }

    @Test
    void a_loop_told_to_expect_a_task_runs_it_and_timers_and_still_goes_idle() throws Exception {
        try (JsTesting js = JsTesting.start()) {
            EventLoop loop = js.runtime().loop();
            java.util.concurrent.CompletableFuture<String> timers = new java.util.concurrent.CompletableFuture<>();
            loop.submit(() -> {
                loop.schedule(2, 0, () -> timers.complete("timer"));
                return null;
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) {
                loop.expectTaskSoon();
                assertThat(loop.submit(() -> "posted").get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("posted");
            }
            assertThat(timers.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("timer");
            loop.expectTaskSoon();
            loop.whenIdle().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
