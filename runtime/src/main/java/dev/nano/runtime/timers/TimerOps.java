package dev.nano.runtime.timers;

import dev.nano.runtime.EventLoop;
import dev.nano.runtime.RuntimeServices;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/** Host half of the timers: ids map to loop timers; firing calls one JS handler with the id. */
public final class TimerOps implements AutoCloseable {
    private final EventLoop loop;
    private final Map<Integer, EventLoop.Timer> timers = new HashMap<>();
    private Value handler;
    private int nextId = 1;

    public TimerOps(RuntimeServices services) {
        this.loop = services.loop();
    }

    @HostAccess.Export
    public void setHandler(Value handler) {
        this.handler = handler;
    }

    @HostAccess.Export
    public int start(double delayMillis, boolean repeat) {
        int id = nextId++;
        EventLoop.Timer timer = loop.schedule(delayMillis, repeat ? Math.max(delayMillis, 1) : 0, () -> fire(id, repeat));
        timers.put(id, timer);
        return id;
    }

    private void fire(int id, boolean repeat) {
        if (!repeat) {
            timers.remove(id);
        }
        handler.executeVoid(id);
    }

    @HostAccess.Export
    public void clear(int id) {
        EventLoop.Timer timer = timers.remove(id);
        if (timer != null) {
            loop.cancel(timer);
        }
    }

    /** A runtime closing on a shared loop takes its timers with it, so none fires into a closed context. */
    @Override
    public void close() {
        if (loop.inLoop()) {
            timers.values().forEach(loop::cancel);
            timers.clear();
        }
    }

    @HostAccess.Export
    public void setReferenced(int id, boolean referenced) {
        EventLoop.Timer timer = timers.get(id);
        if (timer != null) {
            loop.setReferenced(timer, referenced);
        }
    }
}
