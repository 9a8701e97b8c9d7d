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
        Map<String, MessageDigest> cache = DIGESTS.get();
        MessageDigest digest = cache.get(name);
        if (digest == null) {
            digest = MessageDigest.getInstance(name);
            cache.put(name, digest);
        } else {
            digest.reset();
        }
        return digest;
    }

    /** A Mac for {@code name} ("HmacSHA256", ...); the caller initializes it with its key. */
    static Mac mac(String name) throws GeneralSecurityException {
        Map<String, Mac> cache = MACS.get();
        Mac mac = cache.get(name);
        if (mac == null) {
            mac = Mac.getInstance(name);
            cache.put(name, mac);
        }
        return mac;
    }

    /** A Signature for {@code name}; the caller sets its parameters and initializes it. */
    static Signature signature(String name) throws GeneralSecurityException {
        Map<String, Signature> cache = SIGNATURES.get();
        Signature signature = cache.get(name);
        if (signature == null) {
            signature = Signature.getInstance(name);
            cache.put(name, signature);
        }
        return signature;
    }
}
