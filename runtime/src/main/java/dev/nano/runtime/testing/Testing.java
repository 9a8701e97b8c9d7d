package dev.nano.runtime.testing;

import dev.nano.runtime.Extension;
import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * {@code nano test}'s runtime side: an extension a test run adds to each file's runtime
 * ({@link NanoRuntime.Builder#extension}), which no other command registers. Its script loads
 * when {@link #install} reaches for {@code internals.testing}: the test API becomes the context's
 * globals, the file is evaluated (declaring its tests), then {@link #run} runs them one after another.
 */
public final class Testing {
    /** The module {@code import { test, expect } from "nano:test"} reads: the API the globals hold. */
    public static final String MODULE_SPECIFIER = "nano:test";
    private static final String MODULE_SOURCE = """
            const api = globalThis[Symbol.for("nano.test")];
            if (api === undefined) throw new Error("nano:test is available under `nano test` only");
            export const { test, it, describe, suite, expect, beforeAll, afterAll, beforeEach, afterEach } = api;
            export default api;
            """;
    private static volatile Path moduleFile;

    private Testing() {
    }

    /** The extension; {@code listener} receives each outcome, on the runtime's loop thread. */
    public static Extension extension(Consumer<TestResult> listener) {
        return Extension.lazy("testing", List.of("test.js"), services -> new TestingOps(listener), List.of(), List.of("testing"));
    }

    /** The file that serves {@code nano:test} (written once per process, in the temp directory). */
    public static Path moduleFile() {
        Path file = moduleFile;
        if (file == null) {
            synchronized (Testing.class) {
                if (moduleFile == null) {
                    try {
                        Path written = Files.createTempFile("nano-test-", ".mjs");
                        Files.writeString(written, MODULE_SOURCE);
                        written.toFile().deleteOnExit();
                        moduleFile = written;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                file = moduleFile;
            }
        }
        return file;
    }

    /** Installs test/it/describe/expect/hooks as globals of the runtime's context. */
    public static CompletableFuture<Void> install(NanoRuntime runtime) {
        return runtime.onLoop(context -> {
            runtime.internals().getMember("testing").invokeMember("install");
            return null;
        });
    }

    /**
     * Runs the tests the evaluated file declared, one after another; completes when all ran and
     * were reported. {@code filter}: a substring of the full name, or {@code /regex/flags}; null for all.
     */
    public static CompletableFuture<Void> run(NanoRuntime runtime, String filter, long defaultTimeoutMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // The runner calls back when it is done: an exception out of this host call (an unhandled
        // rejection noticed as the call's promise jobs drain) belongs to the test running, not to the run.
        ProxyExecutable finished = args -> {
            if (args.length > 0 && args[0].isString()) {
                done.completeExceptionally(new IllegalStateException("the test runner failed: " + args[0].asString()));
            } else {
                done.complete(null);
            }
            return null;
        };
        onLoop(runtime, () -> runtime.internals().getMember("testing").invokeMember("run", filter, defaultTimeoutMillis, finished));
        return done;
    }

    /** Runs {@code action} on the loop; what it throws is an uncaught error for the runner. */
    private static void onLoop(NanoRuntime runtime, Runnable action) {
        runtime.onLoop(context -> {
            action.run();
            return null;
        }).whenComplete((v, e) -> {
            if (e != null && !runtime.isClosed()) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof org.graalvm.polyglot.PolyglotException pe && (pe.isCancelled() || pe.isInterrupted())) {
                    return;
                }
                uncaught(runtime, "Uncaught " + runtime.formatError(cause));
            }
        });
    }

    /** An uncaught error or unhandled rejection (formatted with its JS stack): fails the test running now. */
    public static void uncaught(NanoRuntime runtime, String formatted) {
        onLoop(runtime, () -> runtime.internals().getMember("testing").invokeMember("uncaught", formatted));
    }
}
