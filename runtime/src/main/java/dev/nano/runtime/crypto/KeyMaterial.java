package dev.nano.runtime.crypto;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The secret part of a CryptoKey ([[handle]] in WebCrypto §13): raw bytes for secret keys, a JCA
 * key for RSA and EC keys, raw octets for the OKP curves (Ed25519, X25519, Ed448, X448). Immutable
 * but for a cache of derived forms, so a cloned CryptoKey may share it. Scripts hold it only as an
 * opaque reference.
 */
final class KeyMaterial {
    /** The family of an asymmetric key: decides which encodings and operations apply. */
    enum Family { SECRET, RSA, EC, OKP }

    final Family family;
    /** Secret key bytes (SECRET) or the private scalar / seed (OKP private). */
    final byte[] secret;
    /** RSA or EC key (public or private). */
    final PublicKey publicKey;
    final PrivateKey privateKey;
    /** EC/OKP curve name as WebCrypto spells it ("P-256", "Ed25519", ...); null otherwise. */
    final String curve;
    /** Public point (EC, uncompressed SEC1) or public octets (OKP); for private keys too, for JWK export. */
    final byte[] publicBytes;
    /**
     * Bouncy Castle parameters built once and reused by every call: an OKP key's, or an EC key's for
     * ECDSA (a public point keeps its precomputed multiples between calls).
     */
    final Object bcParameters;
    /** This key in the native provider's form, made on first use by {@link NativeCrypto#key}. */
    volatile Key nativeKey;

    private KeyMaterial(Family family, byte[] secret, PublicKey publicKey, PrivateKey privateKey, String curve, byte[] publicBytes) {
        this(family, secret, publicKey, privateKey, curve, publicBytes, null);
    }

    private KeyMaterial(Family family, byte[] secret, PublicKey publicKey, PrivateKey privateKey, String curve, byte[] publicBytes,
                        Object bcParameters) {
        this.family = family;
        this.secret = secret;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.curve = curve;
        this.publicBytes = publicBytes;
        this.bcParameters = bcParameters;
    }

    static KeyMaterial secret(byte[] bytes) {
        return new KeyMaterial(Family.SECRET, bytes, null, null, null, null);
    }

    static KeyMaterial rsaPublic(PublicKey key) {
        return new KeyMaterial(Family.RSA, null, key, null, null, null);
    }

    static KeyMaterial rsaPrivate(PrivateKey key) {
        return new KeyMaterial(Family.RSA, null, null, key, null, null);
    }

    static KeyMaterial ecPublic(String curve, PublicKey key, byte[] point, Object verifyParameters) {
        return new KeyMaterial(Family.EC, null, key, null, curve, point, verifyParameters);
    }

    static KeyMaterial ecPrivate(String curve, PrivateKey key, byte[] point, Object signParameters) {
        return new KeyMaterial(Family.EC, null, null, key, curve, point, signParameters);
    }

    static KeyMaterial okpPublic(String curve, byte[] publicBytes, Object parameters) {
        return new KeyMaterial(Family.OKP, null, null, null, curve, publicBytes, parameters);
    }

    static KeyMaterial okpPrivate(String curve, byte[] privateBytes, byte[] publicBytes, Object parameters) {
        return new KeyMaterial(Family.OKP, privateBytes, null, null, curve, publicBytes, parameters);
    }

    boolean isPrivate() {
        return privateKey != null || (family == Family.OKP && secret != null);
    }
}
