package dev.nano.runtime.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * JCA engines kept per thread and reused: {@code getInstance} searches the providers on every call,
 * which costs more than hashing a kilobyte. The loop thread reuses its engines for every op; a worker
 * task gets fresh ones. Each user re-initializes the engine it takes (digest, Mac and Signature
 * reset on init or completion), and ops never nest, so one engine per name, provider and thread
 * suffices. Digests and Macs come from the native provider once it is loaded ({@link NativeCrypto}).
 */
final class Engines {
    private static final PerThread<MessageDigest> DIGESTS = new PerThread<>();
    private static final PerThread<Mac> MACS = new PerThread<>();
    private static final PerThread<Signature> SIGNATURES = new PerThread<>();

    private Engines() {
    }

    /** A reset MessageDigest for {@code name} ("SHA-256", ...). */
    static MessageDigest digest(String name) throws GeneralSecurityException {
        MessageDigest digest = DIGESTS.get(name, NativeCrypto.provider(),
                (n, p) -> p == null ? MessageDigest.getInstance(n) : MessageDigest.getInstance(n, p));
        digest.reset();
        return digest;
    }

    /** A Mac for {@code name} ("HmacSHA256", ...); the caller initializes it with its key. */
    static Mac mac(String name) throws GeneralSecurityException {
        return MACS.get(name, NativeCrypto.provider(), (n, p) -> p == null ? Mac.getInstance(n) : Mac.getInstance(n, p));
    }

    /**
     * A Signature for {@code name} from {@code provider} (null: the JCA's choice); the caller sets
     * its parameters and initializes it with a key that provider takes.
     */
    static Signature signature(String name, Provider provider) throws GeneralSecurityException {
        return SIGNATURES.get(name, provider, (n, p) -> p == null ? Signature.getInstance(n) : Signature.getInstance(n, p));
    }

    private interface Factory<T> {
        T create(String name, Provider provider) throws GeneralSecurityException;
    }

    /** One cache per provider choice, so an engine made before the native provider loaded is not mistaken for its. */
    private static final class PerThread<T> {
        private final ThreadLocal<Map<String, T>> jca = ThreadLocal.withInitial(HashMap::new);
        private final ThreadLocal<Map<String, T>> nativeProvider = ThreadLocal.withInitial(HashMap::new);

        T get(String name, Provider provider, Factory<T> factory) throws GeneralSecurityException {
            Map<String, T> cache = (provider == null ? jca : nativeProvider).get();
            T engine = cache.get(name);
            if (engine == null) {
                engine = factory.create(name, provider);
                cache.put(name, engine);
            }
            return engine;
        }
    }
}
