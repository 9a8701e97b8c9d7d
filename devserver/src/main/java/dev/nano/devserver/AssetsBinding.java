package dev.nano.devserver;

import dev.nano.runtime.worker.FetcherBinding;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The worker's {@code env.ASSETS} (or the {@code [assets] binding} name): a Fetcher that sends the
 * request over loopback to the server's own {@link AssetsHandler}, with a header carrying a token
 * only this server knows, so that it is answered from the assets directory and never by the worker.
 */
final class AssetsBinding {
    static final String DEFAULT_NAME = "ASSETS";

    private final String token;
    private volatile URI origin;

    AssetsBinding() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        this.token = HexFormat.of().formatHex(bytes);
    }

    String token() {
        return token;
    }

    /** Where the server listens; known once it has started (the worker loads before). */
    void serving(URI uri) {
        this.origin = uri;
    }

    /** The bindings for {@code config}'s worker: none without an assets directory. */
    Map<String, FetcherBinding> bindings(ServeConfig config) {
        if (config.assetsDir() == null) {
            return Map.of();
        }
        String name = config.assetsBinding() != null ? config.assetsBinding() : DEFAULT_NAME;
        return Map.of(name, new FetcherBinding(() -> origin, Map.of(AssetsHandler.BINDING_HEADER, token)));
    }
}
