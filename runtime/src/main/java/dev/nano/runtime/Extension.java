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

    /**
     * Globals whose first use loads this extension. Empty (the default): loaded at start-up.
     * Lazy loading keeps {@code nano run} start-up fast for scripts that never touch costly APIs.
     */
    default List<String> lazyGlobals() {
        return List.of();
    }

    /**
     * Keys of the shared {@code internals} registry whose first use loads this extension (another
     * API reaching for {@code internals.abort}, say). Empty by default.
     */
    default List<String> lazyInternals() {
        return List.of();
    }

    /** Whether this extension waits for first use instead of loading at start-up. */
    default boolean isLazy() {
        return !lazyGlobals().isEmpty() || !lazyInternals().isEmpty();
    }

    /** The host half for this runtime, or null when the API is JS only. */
    default Object createOps(RuntimeServices services) {
        return null;
    }

    static Extension of(String name, List<String> scripts, java.util.function.Function<RuntimeServices, Object> ops) {
        return lazy(name, scripts, ops, List.of());
    }

    /** An extension loaded on first access to one of {@code globals}. */
    static Extension lazy(String name, List<String> scripts, java.util.function.Function<RuntimeServices, Object> ops,
            List<String> globals) {
        return lazy(name, scripts, ops, globals, List.of());
    }

    /** An extension loaded on first access to one of {@code globals} or of the {@code internals} keys it defines. */
    static Extension lazy(String name, List<String> scripts, java.util.function.Function<RuntimeServices, Object> ops,
            List<String> globals, List<String> internalKeys) {
        return new Extension() {
            @Override
            public List<String> lazyGlobals() {
                return globals;
            }

            @Override
            public List<String> lazyInternals() {
                return internalKeys;
            }

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
