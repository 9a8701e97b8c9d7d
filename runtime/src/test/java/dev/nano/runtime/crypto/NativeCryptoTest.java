package dev.nano.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nano.runtime.JsTesting;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The native provider loads where its jar has a library, and only when it is not turned off. */
class NativeCryptoTest {
    private static final boolean ENABLED = !"false".equals(System.getProperty(NativeCrypto.ENABLED_PROPERTY));

    /**
     * A runtime for the crypto tests, made once the provider has loaded or failed to: every op then
     * takes one path for the whole class (native, or with {@code -Dnano.crypto.native=false} the
     * JDK and Bouncy Castle; the build runs these tests both ways).
     */
    static JsTesting runtime() {
        try {
            NativeCrypto.awaitLoaded(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return JsTesting.start();
    }

    @Test
    void loads_the_native_provider_on_linux_x86_64_and_aarch64() throws InterruptedException {
        String arch = System.getProperty("os.arch");
        assumeTrue(ENABLED && System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")));
        assertThat(NativeCrypto.awaitLoaded(60, TimeUnit.SECONDS)).isTrue();
        assertThat(NativeCrypto.provider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
    }

    @Test
    void converts_jdk_and_bouncy_castle_keys_to_native_keys_once() throws Exception {
        assumeTrue(ENABLED && NativeCrypto.awaitLoaded(60, TimeUnit.SECONDS));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaPair = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecPair = ec.generateKeyPair();
        List<KeyMaterial> keys = List.of(KeyMaterial.rsaPrivate(rsaPair.getPrivate()), KeyMaterial.rsaPublic(rsaPair.getPublic()),
                KeyCodec.fromJcaEc("P-256", ecPair.getPublic(), ecPair.getPrivate()), KeyCodec.fromJcaEc("P-256", ecPair.getPublic(), null),
                KeyCodec.okpPrivate("Ed25519", new byte[32]));
        for (KeyMaterial key : keys) {
            Key converted = NativeCrypto.key(key);
            assertThat(converted).as(key.family + " " + key.isPrivate()).isNotNull();
            assertThat(NativeCrypto.key(key)).isSameAs(converted);
        }
        // Keys the provider has no use for stay on the JCA path.
        assertThat(NativeCrypto.key(KeyCodec.okpPrivate("Ed448", new byte[57]))).isNull();
        assertThat(NativeCrypto.key(KeyMaterial.secret(new byte[16]))).isNull();
    }

    @Test
    void stays_on_the_jdk_and_bouncy_castle_when_turned_off() throws InterruptedException {
        assumeTrue(!ENABLED);
        assertThat(NativeCrypto.awaitLoaded(60, TimeUnit.SECONDS)).isFalse();
        assertThat(NativeCrypto.provider()).isNull();
    }
}
