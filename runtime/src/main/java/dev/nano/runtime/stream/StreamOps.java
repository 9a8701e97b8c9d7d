package dev.nano.runtime.stream;

import dev.nano.runtime.RuntimeServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Host half of the Streams API. The stream classes themselves come from the
 * {@code web-streams-polyfill} webjar (its ES2018 "ponyfill" build, which defines no globals);
 * this class hands that script to JS, parsed once per engine.
 */
public final class StreamOps {
    private static final String PONYFILL =
            "META-INF/resources/webjars/web-streams-polyfill/4.0.0-beta.3/dist/ponyfill.js";

    /** The UMD bundle wrapped as {@code (function (exports, module) {...})}: it fills {@code exports}. */
    private static final Source PONYFILL_SOURCE = Source.newBuilder("js",
                    "(function (exports, module) {" + readResource(PONYFILL) + "\n})", "nano:stream/web-streams-polyfill.js")
            .internal(!Boolean.getBoolean("nano.exposeInternals"))
            .buildLiteral();

    public StreamOps(RuntimeServices services) {
        // nothing per runtime: the polyfill source is shared by all runtimes (and cached by the engine)
    }

    /** Evaluates the polyfill wrapper in the calling context and returns it, ready to be called with an exports object. */
    @HostAccess.Export
    public Value loadPonyfill() {
        return Context.getCurrent().eval(PONYFILL_SOURCE);
    }

    private static String readResource(String name) {
        try (InputStream in = StreamOps.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (org.webjars.npm:web-streams-polyfill)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
