package dev.nano.runtime.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * AWS-LC as a JCA provider (Amazon Corretto Crypto Provider), where its native library loads. It
 * does what the JDK and Bouncy Castle do, several times faster: RSA and ECDSA signing 5-9x, Ed25519
 * ~8x, AES-GCM before C2 has compiled the JDK's loops ~90x (bench/crypto.sh, docs/architecture.md).
 *
 * <p>Loading it costs 0.3-0.5 s (a signed jar, a 10 MB library unpacked, self-tests), so it loads on a
 * daemon thread when a SubtleCrypto operation first asks for it, and {@link #provider()} answers null until it is ready, on
 * a platform it has no library for, or with {@code -Dnano.crypto.native=false}. Every caller then
 * does the same work on the JDK and Bouncy Castle: the results are the same either way.
 */
final class NativeCrypto {
    /**
     * {@code -Dnano.crypto.native=false} keeps every operation on the JDK and Bouncy Castle;
     * {@code =wait} loads the provider on the first crypto use before going on (every operation
     * then takes one path: conformance runs of short scripts); the default loads it in the background.
     */
    static final String ENABLED_PROPERTY = "nano.crypto.native";

    /** Stands for "this key has no native form": the provider refused it, so the JCA path is used. */
    private static final Key NO_NATIVE_KEY = new javax.crypto.spec.SecretKeySpec(new byte[1], "none");

    private static final CountDownLatch SETTLED = new CountDownLatch(1);
    private static volatile Provider provider;
    private static volatile boolean started;

    private NativeCrypto() {
    }

    /** Starts loading the provider in the background, once; later calls do nothing. */
    static void startLoading() {
        if (started) {
            return;
        }
        synchronized (NativeCrypto.class) {
            if (started) {
                return;
            }
            started = true;
        }
        String mode = System.getProperty(ENABLED_PROPERTY, "true");
        if (mode.equals("false")) {
            SETTLED.countDown();
            return;
        }
        if (mode.equals("wait")) {
            load();
            return;
        }
        Thread loader = new Thread(NativeCrypto::load, "nano-crypto-native-load");
        loader.setDaemon(true);
        loader.start();
    }

    private static void load() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() == null) {
                accp.assertHealthy(); // runs the self-tests now rather than on a first call from the loop
                provider = accp;
            }
        } catch (Throwable unavailable) {
            // No library for this platform, or it failed its self-tests: the JCA path serves.
        } finally {
            SETTLED.countDown();
        }
    }

    /**
     * The native provider once it is loaded and healthy; null before that and where it cannot load.
     * The first call starts the loading: scripts that only ask for random values never pay for it.
     */
    static Provider provider() {
        if (!started) {
            startLoading();
        }
        return provider;
    }

    /** Waits until loading has succeeded or failed (tests, and callers that prefer to wait); true when native. */
    static boolean awaitLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        startLoading();
        SETTLED.await(timeout, unit);
        return provider != null;
    }

    /**
     * The key as the native provider takes it, made once per key (translating parses it, which would
     * cost a tenth of an RSA signature per call); null while the provider is not loaded and when it
     * refuses the key, so that the caller uses the JCA path with the same result. A non-null answer
     * means {@link #provider()} is non-null from then on.
     */
    static Key key(KeyMaterial material) {
        Provider provider = provider();
        if (provider == null) {
            return null;
        }
        Key cached = material.nativeKey;
        if (cached == null) {
            cached = translate(material, provider);
            material.nativeKey = cached;
        }
        return cached == NO_NATIVE_KEY ? null : cached;
    }

    private static Key translate(KeyMaterial material, Provider provider) {
        try {
            return switch (material.family) {
                // Made from the encoding, not with translateKey: a translated key is "ephemeral" to the
                // provider, and a Signature that moves on to another key destroys it.
                case RSA, EC -> {
                    KeyFactory factory = KeyFactory.getInstance(material.family.name(), provider);
                    yield material.isPrivate()
                            ? factory.generatePrivate(new PKCS8EncodedKeySpec(material.privateKey.getEncoded()))
                            : factory.generatePublic(new X509EncodedKeySpec(material.publicKey.getEncoded()));
                }
                // The provider signs with the JDK's EdEC keys (it has no KeyFactory of its own for them).
                case OKP -> "Ed25519".equals(material.curve) && material.isPrivate()
                        ? KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(KeyCodec.okpPkcs8(material)))
                        : NO_NATIVE_KEY;
                case SECRET -> NO_NATIVE_KEY;
            };
        } catch (Exception refused) {
            return NO_NATIVE_KEY;
        }
    }
}
