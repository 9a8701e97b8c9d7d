package dev.nano.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduledTest {
    private static final long TIME = 1_700_000_000_123L;

    @TempDir
    Path dir;
    private JsTesting js;

    @AfterEach
    void close() {
        if (js != null) {
            js.close();
        }
    }

    private Worker load(String code) throws IOException {
        Files.writeString(dir.resolve("worker.js"), code);
        js = JsTesting.start(NanoRuntime.builder().projectRoot(dir));
        return js.runtime().loadWorker(dir.resolve("worker.js"), Map.of("NAME", "nightly"));
    }

    private static ScheduledOutcome await(CompletableFuture<ScheduledOutcome> outcome) throws Exception {
        return outcome.get(30, TimeUnit.SECONDS);
    }

    /** Lets every task and microtask queued so far on the loop run: a timer fires only after them. */
    private void drainLoop() {
        js.run("await new Promise((resolve) => setTimeout(resolve, 0));");
    }

    @Test
    void the_handler_sees_the_controller_env_and_ctx() throws Exception {
        Worker worker = load("""
                export default {
                  scheduled(controller, env, ctx) {
                    let assigned;
                    try { controller.cron = "changed"; assigned = "assigned"; } catch (e) { assigned = e.name; }
                    globalThis.seen = [typeof controller.scheduledTime, controller.scheduledTime, controller.cron,
                                       Object.keys(controller).join(","), typeof controller.noRetry, assigned,
                                       env.NAME, typeof ctx.waitUntil, typeof ctx.passThroughOnException].join("|");
                  },
                };
                """);
        ScheduledOutcome outcome = await(worker.scheduled("*/5 * * * *", TIME));
        assertThat(outcome).isEqualTo(new ScheduledOutcome(true, false, null));
        assertThat(js.run("return globalThis.seen;"))
                .isEqualTo("number|" + TIME + "|*/5 * * * *|scheduledTime,cron|function|TypeError|nightly|function|function");
    }

    @Test
    void the_outcome_waits_for_the_handler_promise_and_its_wait_until_promises() throws Exception {
        Worker worker = load("""
                globalThis.log = [];
                export default {
                  async scheduled(controller, env, ctx) {
                    ctx.waitUntil(new Promise((resolve) => { globalThis.release = resolve; }).then(() => log.push("background")));
                    await null;
                    log.push("handler");
                  },
                };
                """);
        CompletableFuture<ScheduledOutcome> outcome = worker.scheduled("0 * * * *", TIME);
        drainLoop();
        assertThat(js.run("return log.join(',');")).isEqualTo("handler");
        assertThat(outcome).isNotDone();
        assertThat(worker.pendingWaitUntil()).isEqualTo(1);

        js.run("globalThis.release();");
        assertThat(await(outcome).ok()).isTrue();
        assertThat(js.run("return log.join(',');")).isEqualTo("handler,background");
        assertThat(worker.pendingWaitUntil()).isZero();
    }

    @Test
    void wait_until_work_started_by_wait_until_work_is_waited_for_too() throws Exception {
        Worker worker = load("""
                export default {
                  scheduled(controller, env, ctx) {
                    ctx.waitUntil(Promise.resolve().then(() => {
                      ctx.waitUntil(new Promise((resolve) => { globalThis.release = resolve; }));
                    }));
                  },
                };
                """);
        CompletableFuture<ScheduledOutcome> outcome = worker.scheduled("0 * * * *", TIME);
        drainLoop();
        assertThat(outcome).isNotDone();
        js.run("globalThis.release();");
        assertThat(await(outcome).ok()).isTrue();
    }

    @Test
    void a_throwing_handler_gives_a_failed_outcome_with_the_js_stack() throws Exception {
        Worker worker = load("""
                export default {
                  scheduled() {
                    throw new Error("cron broke");
                  },
                };
                """);
        ScheduledOutcome outcome = await(worker.scheduled("1 2 * * *", TIME));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.noRetry()).isFalse();
        assertThat(outcome.error()).contains("Error: cron broke").contains("worker.js:3");
        assertThat(js.err()).contains("Error: cron broke").contains("1 2 * * *");
    }

    @Test
    void a_rejecting_handler_gives_a_failed_outcome_and_the_worker_keeps_running() throws Exception {
        Worker worker = load("""
                let runs = 0;
                export default {
                  async scheduled() {
                    await null;
                    if (++runs === 1) throw new TypeError("late failure");
                  },
                };
                """);
        ScheduledOutcome first = await(worker.scheduled("* * * * *", TIME));
        assertThat(first.ok()).isFalse();
        assertThat(first.error()).contains("TypeError: late failure");
        assertThat(await(worker.scheduled("* * * * *", TIME + 60_000))).isEqualTo(new ScheduledOutcome(true, false, null));
    }

    @Test
    void a_rejected_wait_until_promise_fails_the_outcome() throws Exception {
        Worker worker = load("""
                export default {
                  scheduled(controller, env, ctx) {
                    ctx.waitUntil(Promise.reject(new RangeError("background failed")));
                  },
                };
                """);
        ScheduledOutcome outcome = await(worker.scheduled("* * * * *", TIME));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("RangeError: background failed");
        assertThat(worker.pendingWaitUntil()).isZero();
    }

    @Test
    void no_retry_is_reported_in_the_outcome() throws Exception {
        Worker worker = load("""
                export default {
                  scheduled(controller) {
                    if (controller.cron === "give up") {
                      controller.noRetry();
                      throw new Error("not worth retrying");
                    }
                    throw new Error("retry me");
                  },
                };
                """);
        ScheduledOutcome givenUp = await(worker.scheduled("give up", TIME));
        assertThat(givenUp.ok()).isFalse();
        assertThat(givenUp.noRetry()).isTrue();
        assertThat(givenUp.error()).contains("not worth retrying");
        ScheduledOutcome retried = await(worker.scheduled("retry", TIME));
        assertThat(retried.noRetry()).isFalse();
        assertThat(retried.error()).contains("retry me");
    }

    @Test
    void a_worker_without_a_scheduled_handler_gives_a_failed_outcome() throws Exception {
        Worker worker = load("""
                export default { fetch() { return new Response("ok"); } };
                """);
        ScheduledOutcome outcome = await(worker.scheduled("* * * * *", TIME));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.noRetry()).isFalse();
        assertThat(outcome.error()).contains("worker.js has no scheduled handler").contains("async scheduled(controller, env, ctx)");
    }

    @Test
    void a_worker_with_only_a_scheduled_handler_loads_and_answers_requests_with_500() throws Exception {
        Worker worker = load("""
                export default { scheduled() { globalThis.ran = true; } };
                """);
        WorkerTest.RecordingSink sink = new WorkerTest.RecordingSink();
        worker.dispatch(new HttpRequestDescriptor("GET", "http://localhost/", List.of(), null), sink);
        WorkerTest.Recorded response = sink.done.get(30, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Internal Server Error\n");
        assertThat(js.err()).contains("TypeError").contains("worker.js has no fetch handler")
                .contains("async fetch(request, env, ctx)").contains("GET http://localhost/");

        assertThat(await(worker.scheduled("* * * * *", TIME)).ok()).isTrue();
        assertThat(js.run("return String(globalThis.ran);")).isEqualTo("true");
    }
}
