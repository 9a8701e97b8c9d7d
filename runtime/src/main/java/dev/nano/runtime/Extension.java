package dev.nano.runtime;

import java.util.List;

/**
 * One Web API: a host half (the ops object offered to JS) and a JS half (resource scripts beside
 * the Java package). Each script is a function expression {@code (function (ops, internals) {…})}
 * run once at start-up, in the order extensions are listed in {@link Extensions}.
 */
public interface Extension {
    /** Short name, also the resource folder: {@code dev/nano/runtime/<name>/}. */
    String name();

    /** Script file names inside the extension's resource folder, in load order. */
    List<String> scripts();

    /** The host half for this runtime, or null when the API is JS only. */
    default Object createOps(RuntimeServices services) {
        return null;
    }

    static Extension of(String name, List<String> scripts, java.util.function.Function<RuntimeServices, Object> ops) {
        return new Extension() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> scripts() {
                return scripts;
            }

            @Override
            public Object createOps(RuntimeServices services) {
                return ops == null ? null : ops.apply(services);
            }
        };
    }
}
