package dev.nano.inspector;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The events a protocol client received, in order, for tests to wait on: CDP names an event by
 * {@code method} and carries {@code params}, DAP by {@code event} and {@code body}.
 */
final class EventInbox {
    private final String nameField;
    private final String payloadField;
    private final Duration timeout;
    private final List<JsonNode> events = new ArrayList<>();

    EventInbox(String nameField, String payloadField, Duration timeout) {
        this.nameField = nameField;
        this.payloadField = payloadField;
        this.timeout = timeout;
    }

    void add(JsonNode event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /** The payload of the first event named {@code name} matching {@code test}, taken from the inbox; waits for it. */
    JsonNode await(String name, Predicate<JsonNode> test) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            int seen = 0;
            while (true) {
                for (; seen < events.size(); seen++) {
                    JsonNode event = events.get(seen);
                    if (name.equals(event.path(nameField).asText()) && test.test(event.path(payloadField))) {
                        events.remove(seen);
                        return event.path(payloadField);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + name + " event within " + timeout + "; events: " + events);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The payloads of every event named {@code name} received so far (left in the inbox). */
    List<JsonNode> named(String name) {
        synchronized (events) {
            return events.stream().filter(e -> name.equals(e.path(nameField).asText())).map(e -> e.path(payloadField)).toList();
        }
    }
}
