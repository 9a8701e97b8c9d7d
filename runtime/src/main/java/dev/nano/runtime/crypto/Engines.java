package dev.nano.runtime.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * JCA engines kept per thread and reused: {@code getInstance} searches the providers on every call,
 * which costs more than hashing a kilobyte. The loop thread reuses its engines for every op; a worker
 * task gets fresh ones. Each user re-initializes the engine it takes (digest, Mac and Signature
 * reset on init or completion), and ops never nest, so one engine per name and thread suffices.
 */
final class Engines {
    private static final ThreadLocal<Map<String, MessageDigest>> DIGESTS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<String, Signature>> SIGNATURES = ThreadLocal.withInitial(HashMap::new);

    private Engines() {
    }

    /** A reset MessageDigest for {@code name} ("SHA-256", ...). */
    static MessageDigest digest(String name) throws GeneralSecurityException {
        MessageDigest digest = cached(DIGESTS, name, MessageDigest::getInstance);
        digest.reset();
        return digest;
    }

    /** A Mac for {@code name} ("HmacSHA256", ...); the caller initializes it with its key. */
    static Mac mac(String name) throws GeneralSecurityException {
        return cached(MACS, name, Mac::getInstance);
    }

    /** A Signature for {@code name}; the caller sets its parameters and initializes it. */
    static Signature signature(String name) throws GeneralSecurityException {
        return cached(SIGNATURES, name, Signature::getInstance);
    }

    private interface Factory<T> {
        T create(String name) throws GeneralSecurityException;
    }

    private static <T> T cached(ThreadLocal<Map<String, T>> perThread, String name, Factory<T> factory)
            throws GeneralSecurityException {
        Map<String, T> cache = perThread.get();
        T engine = cache.get(name);
        if (engine == null) {
            engine = factory.create(name);
            cache.put(name, engine);
        }
        return engine;
    }
}
