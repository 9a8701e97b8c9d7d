package dev.nano.runtime.worker;

import dev.nano.runtime.JsError;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * What worker.js sees of a worker's {@link FetcherBinding}s: the origin of binding {@code index},
 * asked at each call. Their names and headers reach JS once, as JSON, when the worker is built.
 */
public final class BindingOps {
    private final List<String> names;
    private final List<FetcherBinding> bindings;

    BindingOps(List<String> names, List<FetcherBinding> bindings) {
        this.names = List.copyOf(names);
        this.bindings = List.copyOf(bindings);
    }

    /** {@code scheme://host:port} of binding {@code index}; a TypeError in JS when it has none. */
    @HostAccess.Export
    public String origin(int index) {
        try {
            return bindings.get(index).currentOrigin();
        } catch (IllegalStateException e) {
            // The call fails as a fetch that cannot connect does; the embedder's exception stays here.
            throw JsError.typeError("fetch failed: the " + names.get(index) + " binding cannot be reached: " + e.getMessage());
        }
    }
}
