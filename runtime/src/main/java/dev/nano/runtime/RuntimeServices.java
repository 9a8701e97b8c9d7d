package dev.nano.runtime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/** What a runtime offers the host halves of its Web APIs. */
public interface RuntimeServices {
    /** The loop that owns the JS context. */
    EventLoop loop();

    /** A pool for blocking or costly work that must not run on the loop (RSA key generation, PBKDF2). */
    ExecutorService workers();

    /** A new promise to hand back to JS; settle it from any thread. Keeps the loop alive until settled and delivered. */
    HostPromise newPromise();

    PrintStream out();

    PrintStream err();

    /** The project directory that scripts may read modules from. */
    Path projectRoot();

    /** Runtime-wide settings (for example {@code fetch.timeout}) from the embedder. */
    String setting(String key, String fallback);
}
