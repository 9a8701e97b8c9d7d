package dev.nano.cli;

import dev.nano.devserver.CronSchedule;
import dev.nano.devserver.DevSession;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code nano dev --cron}: runs the worker's {@code scheduled} handler at each time its
 * {@code [triggers] crons} name (UTC, as Cloudflare runs them), on whatever version serves then.
 */
final class DevCrons implements AutoCloseable {
    static final DevCrons NONE = new DevCrons(null);

    private final ScheduledExecutorService timer;

    private DevCrons(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static DevCrons start(DevSession session, PrintStream log) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("nano-cron").daemon(true).unstarted(r));
        for (String expression : session.config().crons()) {
            scheduleNext(timer, session, CronSchedule.parse(expression), log);
        }
        return new DevCrons(timer);
    }

    private static void scheduleNext(ScheduledExecutorService timer, DevSession session, CronSchedule cron, PrintStream log) {
        ZonedDateTime next = cron.next(ZonedDateTime.now(ZoneOffset.UTC));
        long delay = Math.max(0, next.toInstant().toEpochMilli() - System.currentTimeMillis());
        timer.schedule(() -> {
            session.runScheduled(cron.expression(), next.toInstant().toEpochMilli())
                    .thenAccept(outcome -> log.println("scheduled(\"" + cron.expression() + "\") "
                            + (outcome.ok() ? "ran" : "failed\n" + outcome.error())));
            scheduleNext(timer, session, cron, log);
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
