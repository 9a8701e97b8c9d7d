package dev.nano.runtime;

import dev.nano.runtime.blob.BlobOps;
import dev.nano.runtime.clone.CloneOps;
import dev.nano.runtime.console.ConsoleOps;
import dev.nano.runtime.core.CoreOps;
import dev.nano.runtime.crypto.CryptoOps;
import dev.nano.runtime.encoding.EncodingOps;
import dev.nano.runtime.fetch.FetchOps;
import dev.nano.runtime.navigator.NavigatorOps;
import dev.nano.runtime.performance.PerformanceOps;
import dev.nano.runtime.stream.StreamOps;
import dev.nano.runtime.timers.TimerOps;
import dev.nano.runtime.url.UrlOps;
import java.util.List;

/** The Web APIs every runtime has, in load order: later ones may use what earlier ones put in {@code internals}. */
public final class Extensions {
    private Extensions() {
    }

    public static List<Extension> standard() {
        return List.of(
                Extension.of("core", List.of("core.js"), CoreOps::new),
                Extension.of("console", List.of("inspect.js", "console.js"), ConsoleOps::new),
                Extension.of("timers", List.of("timers.js"), TimerOps::new),
                Extension.of("encoding", List.of("encoding.js"), EncodingOps::new),
                Extension.of("event", List.of("event.js"), null),
                Extension.of("abort", List.of("abort.js"), null),
                Extension.of("performance", List.of("performance.js"), PerformanceOps::new),
                Extension.of("navigator", List.of("navigator.js"), NavigatorOps::new),
                Extension.of("url", List.of("url.js"), UrlOps::new),
                Extension.of("stream", List.of("stream.js", "text_streams.js"), StreamOps::new),
                Extension.of("blob", List.of("blob.js"), BlobOps::new),
                Extension.lazy("crypto", List.of("crypto.js"), CryptoOps::new, List.of("crypto", "Crypto", "CryptoKey", "SubtleCrypto")),
                Extension.lazy("clone", List.of("clone.js"), CloneOps::new, List.of("structuredClone")),
                // Lazy: its HTTP client and classes cost start-up time that scripts without fetch never need.
                Extension.lazy("fetch", List.of("fetch.js"), FetchOps::new, List.of("Headers", "Request", "Response", "FormData", "fetch")),
                Extension.of("worker", List.of("worker.js"), null));
    }
}
