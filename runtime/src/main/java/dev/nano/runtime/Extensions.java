package dev.nano.runtime;

import dev.nano.runtime.blob.BlobOps;
import dev.nano.runtime.clone.CloneOps;
import dev.nano.runtime.console.ConsoleOps;
import dev.nano.runtime.core.CoreOps;
import dev.nano.runtime.crypto.CryptoOps;
import dev.nano.runtime.encoding.EncodingOps;
import dev.nano.runtime.fetch.FetchOps;
import dev.nano.runtime.inspect.InspectOps;
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
                Extension.of("core", List.of("core.js", "proxies.js"), CoreOps::new),
                // Only what nearly every script touches loads at start-up; the rest on first use of a
                // global or of its internals entry, which keeps `nano run` start-up short.
                Extension.lazy("inspect", List.of("inspect.js"), services -> new InspectOps(services), List.of(), List.of("inspect")),
                Extension.of("console", List.of("console.js"), ConsoleOps::new),
                Extension.of("timers", List.of("timers.js"), TimerOps::new),
                Extension.lazy("encoding", List.of("encoding.js"), EncodingOps::new,
                        List.of("TextEncoder", "TextDecoder", "atob", "btoa"), List.of("encoding")),
                Extension.lazy("event", List.of("event.js"), null,
                        List.of("Event", "CustomEvent", "EventTarget", "addEventListener", "removeEventListener", "dispatchEvent"),
                        List.of("event")),
                Extension.lazy("abort", List.of("abort.js"), null, List.of("AbortController", "AbortSignal"), List.of("abort")),
                Extension.lazy("performance", List.of("performance.js"), PerformanceOps::new,
                        List.of("Performance", "performance"), List.of("performanceNow")),
                Extension.lazy("navigator", List.of("navigator.js"), NavigatorOps::new, List.of("Navigator", "navigator")),
                Extension.lazy("url", List.of("url.js"), services -> new UrlOps(services), List.of("URL", "URLSearchParams"), List.of("url")),
                Extension.lazy("stream", List.of("stream.js", "text_streams.js"), StreamOps::new,
                        List.of("ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader",
                                "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableByteStreamController",
                                "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
                                "TransformStream", "TransformStreamDefaultController",
                                "ByteLengthQueuingStrategy", "CountQueuingStrategy", "TextDecoderStream", "TextEncoderStream"),
                        List.of("streams")),
                Extension.lazy("blob", List.of("blob.js"), services -> new BlobOps(services), List.of("Blob", "File"), List.of("blob")),
                Extension.lazy("crypto", List.of("crypto.js"), services -> new CryptoOps(services), List.of("crypto", "Crypto", "CryptoKey", "SubtleCrypto")),
                Extension.lazy("messaging", List.of("messaging.js"), null,
                        List.of("MessageChannel", "MessagePort", "MessageEvent"), List.of("messaging")),
                Extension.lazy("clone", List.of("clone.js"), services -> new CloneOps(services), List.of("structuredClone"),
                        List.of("structuredClone")),
                // Lazy: its HTTP client and classes cost start-up time that scripts without fetch never need.
                Extension.lazy("fetch", List.of("fetch.js"), services -> new FetchOps(services), List.of("Headers", "Request", "Response", "FormData", "fetch")),
                // Needed only to serve a worker: `nano run` never loads it.
                Extension.lazy("worker", List.of("fetcher.js", "worker.js"), null, List.of(), List.of("worker")));
    }
}
