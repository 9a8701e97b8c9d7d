package dev.nano.runtime.crypto;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.AESWrapEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of {@code crypto}: the primitives behind SubtleCrypto. The JS half normalizes
 * algorithms, checks usages and shapes CryptoKey; these ops receive checked parameters, bytes and
 * {@link KeyMaterial} handles. Costly work (RSA key generation, PBKDF2, large inputs) runs on the
 * worker pool and returns a {@link HostPromise}; everything else answers synchronously. Failures
 * are always {@link JsError}s.
 */
public final class CryptoOps {
    /** Inputs at least this large are processed on the worker pool instead of the loop. */
    private static final int OFF_LOOP_BYTES = 256 * 1024;
    /** PBKDF2 iteration counts at or above this run on the worker pool. */
    private static final int OFF_LOOP_ITERATIONS = 1000;
    private static final int MAX_RANDOM_BYTES = 65536;

    private final RuntimeServices services;
    private final SecureRandom random = new SecureRandom();
    private final SlicedCopy.Copies copies;

    public CryptoOps(RuntimeServices services) {
        this.services = services;
        this.copies = new SlicedCopy.Copies(services.loop());
    }

    // ---- random

    @HostAccess.Export
    public ByteBuffer randomBytes(int length) {
        if (length > MAX_RANDOM_BYTES) {
            throw new JsError("QuotaExceededError", "getRandomValues: " + length + " bytes exceeds the 65536-byte quota");
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    @HostAccess.Export
    public String randomUUID() {
        return UUID.randomUUID().toString();
    }

    // ---- digest, HMAC

    @HostAccess.Export
    public Object digest(String hash, Value data) {
        return runBySize(data, input -> Engines.digest(hash).digest(input), (input, promise) -> {
            MessageDigest digest = Engines.digest(hash);
            input.consume(digest::update, promise::settlingSoon);
            return digest.digest();
        });
    }

    @HostAccess.Export
    public KeyMaterial importSecret(Value data) {
        return KeyMaterial.secret(Bytes.copy(data));
    }

    @HostAccess.Export
    public KeyMaterial generateSecret(int lengthBits) {
        byte[] bytes = new byte[(lengthBits + 7) / 8];
        random.nextBytes(bytes);
        if (lengthBits % 8 != 0) {
            bytes[bytes.length - 1] &= (byte) (0xff << (8 - lengthBits % 8));
        }
        return KeyMaterial.secret(bytes);
    }

    @HostAccess.Export
    public Object hmacSign(String hash, KeyMaterial key, Value data) {
        return runBySize(data, input -> hmac(hash, key.secret, input), (input, promise) -> hmac(hash, key.secret, input, promise));
    }

    @HostAccess.Export
    public Object hmacVerify(String hash, KeyMaterial key, Value signature, Value data) {
        byte[] sig = Bytes.copy(signature);
        return runBySize(data, input -> MessageDigest.isEqual(hmac(hash, key.secret, input), sig),
                (input, promise) -> MessageDigest.isEqual(hmac(hash, key.secret, input, promise), sig));
    }

    // ---- AES

    @HostAccess.Export
    public Object aesGcm(boolean encrypt, KeyMaterial key, Value iv, Value additionalData, int tagBits, Value data) {
        byte[] nonce = Bytes.copy(iv);
        byte[] aad = Bytes.copy(additionalData);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            if (tagBits < 96) {
                return shortTagGcm(encrypt, key.secret, nonce, aad, tagBits, input);
            }
            Provider fast = NativeCrypto.provider();
            Cipher cipher = fast == null ? Cipher.getInstance("AES/GCM/NoPadding") : Cipher.getInstance("AES/GCM/NoPadding", fast);
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key.secret, "AES"),
                    new GCMParameterSpec(tagBits, nonce));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(input);
        });
    }

    /** GCM with 32- or 64-bit tags, which the JDK refuses (it allows 96..128): Bouncy Castle's GCM. */
    private static byte[] shortTagGcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, int tagBits, byte[] input)
            throws InvalidCipherTextException {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), tagBits, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int n = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new JsError("OperationError", "AES-GCM authentication failed");
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    @HostAccess.Export
    public Object aesCbc(boolean encrypt, KeyMaterial key, Value iv, Value data) {
        byte[] vector = Bytes.copy(iv);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key.secret, "AES"),
                    new IvParameterSpec(vector));
            return cipher.doFinal(input);
        });
    }

    /**
     * AES-CTR where only the rightmost {@code lengthBits} of the counter block count (WebCrypto
     * §27.7): the counter wraps within those bits instead of carrying into the nonce.
     */
    @HostAccess.Export
    public Object aesCtr(KeyMaterial key, Value counter, int lengthBits, Value data) {
        byte[] block = Bytes.copy(counter);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            long blocks = (input.length + 15L) / 16;
            BigInteger modulus = BigInteger.ONE.shiftLeft(lengthBits);
            if (lengthBits < 128 && BigInteger.valueOf(blocks).compareTo(modulus) > 0) {
                throw new JsError("OperationError", "AES-CTR: the counter would repeat for this much data");
            }
            BigInteger full = new BigInteger(1, block);
            BigInteger low = full.mod(modulus);
            BigInteger untilWrap = modulus.subtract(low);
            if (lengthBits == 128 || untilWrap.compareTo(BigInteger.valueOf(blocks)) >= 0) {
                return ctr(key.secret, block, input, 0, input.length);
            }
            int firstBytes = untilWrap.intValueExact() * 16;
            byte[] wrapped = KeyCodec.fixed(full.subtract(low), 16);
            byte[] out = new byte[input.length];
            System.arraycopy(ctr(key.secret, block, input, 0, firstBytes), 0, out, 0, firstBytes);
            System.arraycopy(ctr(key.secret, wrapped, input, firstBytes, input.length - firstBytes), 0, out, firstBytes,
                    input.length - firstBytes);
            return out;
        });
    }

    private static byte[] ctr(byte[] key, byte[] counter, byte[] input, int offset, int length) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        return cipher.doFinal(input, offset, length);
    }

    /** AES-KW (RFC 3394). */
    @HostAccess.Export
    public Object aesKw(boolean wrap, KeyMaterial key, Value data) {
        byte[] input = Bytes.copy(data);
        return run(0, () -> {
            if (input.length % 8 != 0 || input.length < (wrap ? 16 : 24)) {
                throw new JsError("OperationError", "AES-KW data must be a multiple of 8 bytes, at least " + (wrap ? 16 : 24));
            }
            AESWrapEngine engine = new AESWrapEngine();
            engine.init(wrap, new KeyParameter(key.secret));
            try {
                return wrap ? engine.wrap(input, 0, input.length) : engine.unwrap(input, 0, input.length);
            } catch (InvalidCipherTextException e) {
                throw new JsError("OperationError", "AES-KW integrity check failed");
            }
        });
    }

    // ---- key derivation

    @HostAccess.Export
    public Object pbkdf2(String hash, KeyMaterial key, Value salt, int iterations, int lengthBits) {
        byte[] saltBytes = Bytes.copy(salt);
        byte[] password = key.secret;
        long cost = (long) iterations * Math.max(1, lengthBits / 256);
        return run(cost >= OFF_LOOP_ITERATIONS ? Integer.MAX_VALUE : 0, () -> {
            Mac mac = Engines.mac(macName(hash));
            mac.init(macKey(password, hash));
            int hLen = mac.getMacLength();
            byte[] out = new byte[lengthBits / 8];
            byte[] u = new byte[hLen];
            byte[] t = new byte[hLen];
            for (int block = 1, done = 0; done < out.length; block++) {
                mac.update(saltBytes);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, hLen);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int j = 0; j < hLen; j++) {
                        t[j] ^= u[j];
                    }
                }
                int n = Math.min(hLen, out.length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            return out;
        });
    }

    /** HKDF (RFC 5869) extract-then-expand. */
    @HostAccess.Export
    public Object hkdf(String hash, KeyMaterial key, Value salt, Value info, int lengthBits) {
        byte[] saltBytes = Bytes.copy(salt);
        byte[] infoBytes = Bytes.copy(info);
        byte[] ikm = key.secret;
        return run(ikm.length + infoBytes.length, () -> {
            Mac mac = Engines.mac(macName(hash));
            int hLen = mac.getMacLength();
            int length = lengthBits / 8;
            if (length > 255 * hLen) {
                throw new JsError("OperationError", "HKDF: length exceeds 255 times the hash length");
            }
            mac.init(macKey(saltBytes, hash));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, mac.getAlgorithm()));
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, done = 0; done < length; i++) {
                mac.update(t);
                mac.update(infoBytes);
                mac.update((byte) i);
                t = mac.doFinal();
                int n = Math.min(hLen, length - done);
                System.arraycopy(t, 0, out, done, n);
                done += n;
            }
            return out;
        });
    }

    // ---- asymmetric keys: generation

    /** RSA key generation on the worker pool; resolves to [publicKey, privateKey]. */
    @HostAccess.Export
    public HostPromise generateRsa(int modulusLength, Value publicExponent) {
        BigInteger exponent = new BigInteger(1, Bytes.copy(publicExponent));
        HostPromise promise = services.newPromise();
        services.workers().execute(() -> settle(promise, () -> {
            if (!exponent.equals(BigInteger.valueOf(65537)) && !exponent.equals(BigInteger.valueOf(3))) {
                throw new JsError("OperationError", "RSA public exponent must be 3 or 65537");
            }
            if (modulusLength < 256 || modulusLength > 16384 || modulusLength % 8 != 0) {
                throw new JsError("OperationError", "unsupported RSA modulus length " + modulusLength);
            }
            Provider fast = NativeCrypto.provider();
            KeyPairGenerator generator = fast == null ? KeyPairGenerator.getInstance("RSA") : KeyPairGenerator.getInstance("RSA", fast);
            generator.initialize(new RSAKeyGenParameterSpec(modulusLength, exponent), random);
            KeyPair pair = generator.generateKeyPair();
            return new Object[] {KeyMaterial.rsaPublic(pair.getPublic()), KeyMaterial.rsaPrivate(pair.getPrivate())};
        }));
        return promise;
    }

    @HostAccess.Export
    public Object[] generateEc(String curve) {
        return guard(() -> {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(switch (curve) {
                case "P-256" -> "secp256r1";
                case "P-384" -> "secp384r1";
                case "P-521" -> "secp521r1";
                default -> throw new JsError("NotSupportedError", "unsupported named curve " + curve);
            }), random);
            KeyPair pair = generator.generateKeyPair();
            return new Object[] {KeyCodec.fromJcaEc(curve, pair.getPublic(), null), KeyCodec.fromJcaEc(curve, pair.getPublic(), pair.getPrivate())};
        });
    }

    @HostAccess.Export
    public Object[] generateOkp(String curve) {
        return guard(() -> {
            byte[] priv = new byte[KeyCodec.okpLength(curve)];
            random.nextBytes(priv);
            KeyMaterial privateKey = KeyCodec.okpPrivate(curve, priv);
            return new Object[] {KeyCodec.importOkpRaw(curve, privateKey.publicBytes), privateKey};
        });
    }

    // ---- import / export

    /**
     * Imports spki, pkcs8 or raw bytes. {@code family} is RSA, EC (ECDSA), ECDH or OKP; {@code curve}
     * the expected named curve for EC/ECDH/OKP.
     */
    @HostAccess.Export
    public KeyMaterial importKey(String family, String format, String curve, Value data) {
        byte[] bytes = Bytes.copy(data);
        return guard(() -> switch (family + ":" + format) {
            case "RSA:spki" -> KeyCodec.importRsaSpki(bytes);
            case "RSA:pkcs8" -> KeyCodec.importRsaPkcs8(bytes);
            case "EC:spki" -> KeyCodec.importEcSpki(curve, bytes, false);
            case "ECDH:spki" -> KeyCodec.importEcSpki(curve, bytes, true);
            case "EC:pkcs8", "ECDH:pkcs8" -> KeyCodec.importEcPkcs8(curve, bytes);
            case "EC:raw", "ECDH:raw" -> KeyCodec.importEcRaw(curve, bytes);
            case "OKP:spki" -> KeyCodec.importOkpSpki(curve, bytes);
            case "OKP:pkcs8" -> KeyCodec.importOkpPkcs8(curve, bytes);
            case "OKP:raw" -> KeyCodec.importOkpRaw(curve, bytes);
            default -> throw new JsError("NotSupportedError", "format " + format + " is not supported here");
        });
    }

    /** RSA JWK members (base64url); private members are null for a public key. */
    @HostAccess.Export
    public KeyMaterial importRsaJwk(String n, String e, String d, String p, String q, String dp, String dq, String qi) {
        return guard(() -> {
            if (d == null) {
                return KeyCodec.rsaPublic(uint(n), uint(e));
            }
            if (p == null || q == null || dp == null || dq == null || qi == null) {
                throw KeyCodec.dataError("RSA private JWK without CRT parameters is not supported");
            }
            return KeyCodec.rsaPrivate(uint(n), uint(e), uint(d), uint(p), uint(q), uint(dp), uint(dq), uint(qi));
        });
    }

    @HostAccess.Export
    public KeyMaterial importEcJwk(String curve, String x, String y, String d) {
        return guard(() -> d == null
                ? KeyCodec.importEcJwkPublic(curve, b64(x), b64(y))
                : KeyCodec.importEcJwkPrivate(curve, b64(x), b64(y), b64(d)));
    }

    @HostAccess.Export
    public KeyMaterial importOkpJwk(String curve, String x, String d) {
        return guard(() -> {
            if (d == null) {
                return KeyCodec.importOkpRaw(curve, b64(x));
            }
            KeyMaterial key = KeyCodec.okpPrivate(curve, b64(d));
            if (x != null && !MessageDigest.isEqual(key.publicBytes, b64(x))) {
                throw KeyCodec.dataError("JWK x does not match d");
            }
            return key;
        });
    }

    @HostAccess.Export
    public ByteBuffer exportKey(KeyMaterial key, String format) {
        return guard(() -> ByteBuffer.wrap(switch (key.family + ":" + format) {
            case "SECRET:raw" -> key.secret.clone();
            case "RSA:spki" -> requirePublic(key).publicKey.getEncoded();
            case "RSA:pkcs8" -> requirePrivate(key).privateKey.getEncoded();
            case "EC:spki" -> KeyCodec.ecSpki(requirePublic(key));
            case "EC:pkcs8" -> KeyCodec.ecPkcs8(requirePrivate(key));
            case "EC:raw" -> requirePublic(key).publicBytes.clone();
            case "OKP:spki" -> KeyCodec.okpSpki(requirePublic(key));
            case "OKP:pkcs8" -> KeyCodec.okpPkcs8(requirePrivate(key));
            case "OKP:raw" -> requirePublic(key).publicBytes.clone();
            default -> throw new JsError("NotSupportedError", "format " + format + " is not supported for this key");
        }));
    }

    /** The key-type members of a JWK as JSON ({@code k}, or {@code n,e,...}, {@code x,y,d}). */
    @HostAccess.Export
    public String exportJwk(KeyMaterial key) {
        Map<String, String> members = switch (key.family) {
            case SECRET -> Map.of("k", KeyCodec.b64(key.secret));
            case RSA -> KeyCodec.rsaJwk(key);
            case EC -> KeyCodec.ecJwk(key);
            case OKP -> key.isPrivate()
                    ? Map.of("x", KeyCodec.b64(key.publicBytes), "d", KeyCodec.b64(key.secret))
                    : Map.of("x", KeyCodec.b64(key.publicBytes));
        };
        StringBuilder json = new StringBuilder("{");
        members.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }

    /** [modulusLength, publicExponent bytes] of an RSA key. */
    @HostAccess.Export
    public Object[] rsaInfo(KeyMaterial key) {
        return KeyCodec.rsaInfo(key);
    }

    @HostAccess.Export
    public boolean isPrivate(KeyMaterial key) {
        return key.isPrivate();
    }

    @HostAccess.Export
    public int secretLength(KeyMaterial key) {
        return key.secret.length;
    }

    // ---- RSA

    /** RSASSA-PKCS1-v1_5 ({@code saltLength < 0}) or RSA-PSS signature. */
    @HostAccess.Export
    public Object rsaSign(String hash, int saltLength, KeyMaterial key, Value data) {
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Key nativeKey = NativeCrypto.key(key);
            Signature signer = rsaSignature(hash, saltLength, nativeKey == null ? null : NativeCrypto.provider());
            signer.initSign(nativeKey == null ? key.privateKey : (PrivateKey) nativeKey);
            signer.update(input);
            return signer.sign();
        });
    }

    @HostAccess.Export
    public Object rsaVerify(String hash, int saltLength, KeyMaterial key, Value signature, Value data) {
        byte[] sig = Bytes.copy(signature);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Key nativeKey = NativeCrypto.key(key);
            Signature verifier = rsaSignature(hash, saltLength, nativeKey == null ? null : NativeCrypto.provider());
            verifier.initVerify(nativeKey == null ? key.publicKey : (PublicKey) nativeKey);
            return verifies(verifier, input, sig);
        });
    }

    /** A signature that does not parse is one that does not verify (WebCrypto verify returns false). */
    private static boolean verifies(Signature verifier, byte[] input, byte[] signature) throws GeneralSecurityException {
        verifier.update(input);
        try {
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    private static Signature rsaSignature(String hash, int saltLength, Provider provider) throws GeneralSecurityException {
        if (saltLength < 0) {
            return Engines.signature(hash.replace("-", "") + "withRSA", provider);
        }
        Signature pss = Engines.signature("RSASSA-PSS", provider);
        pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        return pss;
    }

    @HostAccess.Export
    public Object rsaOaep(boolean encrypt, String hash, KeyMaterial key, Value label, Value data) {
        byte[] labelBytes = Bytes.copy(label);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            OAEPParameterSpec spec = new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), new PSource.PSpecified(labelBytes));
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, encrypt ? key.publicKey : key.privateKey, spec);
            return cipher.doFinal(input);
        });
    }

    // ---- EC

    /**
     * ECDSA with the raw r‖s (IEEE P1363) signature encoding WebCrypto uses, a fresh random k per
     * signature: on the native provider when it is loaded, else on Bouncy Castle's curve-specific
     * arithmetic, about twice as fast as the JDK's (the public point keeps its precomputation
     * across verifications).
     */
    @HostAccess.Export
    public Object ecdsaSign(String hash, KeyMaterial key, Value data) {
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Key nativeKey = NativeCrypto.key(key);
            if (nativeKey != null) {
                Signature signer = Engines.signature(p1363Name(hash), NativeCrypto.provider());
                signer.initSign((PrivateKey) nativeKey, random);
                signer.update(input);
                return signer.sign();
            }
            int half = KeyCodec.curve(key.curve).orderBytes();
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom((ECPrivateKeyParameters) key.bcParameters, random));
            BigInteger[] rs = signer.generateSignature(Engines.digest(hash).digest(input));
            byte[] signature = new byte[2 * half];
            BigIntegers.asUnsignedByteArray(rs[0], signature, 0, half);
            BigIntegers.asUnsignedByteArray(rs[1], signature, half, half);
            return signature;
        });
    }

    @HostAccess.Export
    public Object ecdsaVerify(String hash, KeyMaterial key, Value signature, Value data) {
        byte[] sig = Bytes.copy(signature);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            int half = KeyCodec.curve(key.curve).orderBytes();
            if (sig.length != 2 * half) {
                return false;
            }
            Key nativeKey = NativeCrypto.key(key);
            if (nativeKey != null) {
                Signature verifier = Engines.signature(p1363Name(hash), NativeCrypto.provider());
                verifier.initVerify((PublicKey) nativeKey);
                return verifies(verifier, input, sig);
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, (ECPublicKeyParameters) key.bcParameters);
            // r and s outside [1, n-1] fail verification (SEC 1 §4.1.4 step 1).
            return verifier.verifySignature(Engines.digest(hash).digest(input), new BigInteger(1, sig, 0, half),
                    new BigInteger(1, sig, half, half));
        });
    }

    /** "SHA-256" -> "SHA256withECDSAinP1363Format": ECDSA with the r‖s encoding. */
    private static String p1363Name(String hash) {
        return hash.replace("-", "") + "withECDSAinP1363Format";
    }

    @HostAccess.Export
    public ByteBuffer ecdh(KeyMaterial privateKey, KeyMaterial publicKey) {
        return guard(() -> {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(privateKey.privateKey);
            agreement.doPhase(publicKey.publicKey, true);
            return ByteBuffer.wrap(agreement.generateSecret());
        });
    }

    // ---- Ed25519, Ed448, X25519, X448

    @HostAccess.Export
    public Object okpSign(KeyMaterial key, Value context, Value data) {
        byte[] ctx = Bytes.copy(context);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            Key nativeKey = NativeCrypto.key(key);
            if (nativeKey != null) {
                // Ed25519 signatures are deterministic (RFC 8032): the same bytes as Bouncy Castle's.
                Signature signer = Engines.signature("Ed25519", NativeCrypto.provider());
                signer.initSign((PrivateKey) nativeKey);
                signer.update(input);
                return signer.sign();
            }
            if (key.bcParameters instanceof Ed25519PrivateKeyParameters ed25519) {
                // Straight to the key: Ed25519Signer would first buffer a copy of the message.
                byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
                ed25519.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
                return signature;
            }
            Signer signer = okpSigner(key, ctx);
            signer.init(true, (org.bouncycastle.crypto.CipherParameters) key.bcParameters);
            signer.update(input, 0, input.length);
            return signer.generateSignature();
        });
    }

    @HostAccess.Export
    public Object okpVerify(KeyMaterial key, Value context, Value signature, Value data) {
        byte[] ctx = Bytes.copy(context);
        byte[] sig = Bytes.copy(signature);
        byte[] input = Bytes.copy(data);
        return run(input.length, () -> {
            if (key.bcParameters == null || !acceptableEd25519(key, sig)) {
                return false;
            }
            Signer verifier = okpSigner(key, ctx);
            verifier.init(false, (org.bouncycastle.crypto.CipherParameters) key.bcParameters);
            verifier.update(input, 0, input.length);
            return verifier.verifySignature(sig);
        });
    }

    /**
     * Ed25519 verification refuses small-order or invalid public keys and R values: an honest R is
     * [r]B, always in the prime-order subgroup (WebCrypto Ed25519 verify, step "if A or R is small order").
     */
    private static boolean acceptableEd25519(KeyMaterial key, byte[] sig) {
        if (!"Ed25519".equals(key.curve)) {
            return true;
        }
        return sig.length == 64 && Ed25519.validatePublicKeyFull(key.publicBytes, 0)
                && Ed25519.validatePublicKeyFull(sig, 0);
    }

    private static Signer okpSigner(KeyMaterial key, byte[] context) {
        return switch (key.curve) {
            case "Ed25519" -> new Ed25519Signer();
            case "Ed448" -> new Ed448Signer(context);
            default -> throw new JsError("InvalidAccessError", key.curve + " keys cannot sign");
        };
    }

    /** X25519 / X448 shared secret; an all-zero result (small-order point) is an OperationError. */
    @HostAccess.Export
    public ByteBuffer xdh(KeyMaterial privateKey, KeyMaterial publicKey) {
        return guard(() -> {
            byte[] secret;
            try {
                if (privateKey.bcParameters instanceof X25519PrivateKeyParameters k) {
                    secret = new byte[32];
                    k.generateSecret((X25519PublicKeyParameters) publicKey.bcParameters, secret, 0);
                } else {
                    secret = new byte[56];
                    ((X448PrivateKeyParameters) privateKey.bcParameters).generateSecret((X448PublicKeyParameters) publicKey.bcParameters, secret, 0);
                }
            } catch (IllegalStateException e) {
                throw new JsError("OperationError", "the shared secret is all zeros");
            }
            return ByteBuffer.wrap(secret);
        });
    }

    // ---- plumbing

    private static String macName(String hash) {
        return "Hmac" + hash.replace("-", "");
    }

    /**
     * HMAC key for JCA, which refuses empty keys: HMAC zero-pads keys to the block size, so one zero
     * byte is the same key as none (RFC 2104 §2).
     */
    private static SecretKeySpec macKey(byte[] key, String hash) {
        return new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName(hash));
    }

    private static byte[] hmac(String hash, byte[] key, byte[] data) throws GeneralSecurityException {
        return keyedMac(hash, key).doFinal(data);
    }

    private static byte[] hmac(String hash, byte[] key, SlicedCopy data, HostPromise promise) throws Exception {
        Mac mac = keyedMac(hash, key);
        data.consume(mac::update, promise::settlingSoon);
        return mac.doFinal();
    }

    private static Mac keyedMac(String hash, byte[] key) throws GeneralSecurityException {
        Mac mac = Engines.mac(macName(hash));
        mac.init(macKey(key, hash));
        return mac;
    }

    private static KeyMaterial requirePublic(KeyMaterial key) {
        if (key.isPrivate()) {
            throw new JsError("InvalidAccessError", "this format needs a public key");
        }
        return key;
    }

    private static KeyMaterial requirePrivate(KeyMaterial key) {
        if (!key.isPrivate()) {
            throw new JsError("InvalidAccessError", "this format needs a private key");
        }
        return key;
    }

    private static BigInteger uint(String base64url) {
        return new BigInteger(1, b64(base64url));
    }

    private static byte[] b64(String base64url) {
        if (base64url == null) {
            throw KeyCodec.dataError("a required JWK member is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(base64url);
        } catch (IllegalArgumentException e) {
            throw KeyCodec.dataError("JWK member is not base64url");
        }
    }

    /** Runs {@code work} on the loop for small inputs, on the worker pool (returning a HostPromise) for large ones. */
    private Object run(long inputSize, Callable<Object> work) {
        if (inputSize < OFF_LOOP_BYTES) {
            return unwrapBytes(guard(work));
        }
        HostPromise promise = services.newPromise();
        services.workers().execute(() -> settle(promise, work));
        return promise;
    }

    /** Work on a large input that a worker consumes while the loop copies it (see {@link SlicedCopy}). */
    private interface SlicedWork {
        Object run(SlicedCopy input, HostPromise promise) throws Exception;
    }

    /** Work on a whole copy of a small input, done on the loop. */
    private interface WholeWork {
        Object run(byte[] input) throws Exception;
    }

    /** Small inputs are copied and processed on the loop; large ones by {@link #runOnSlices}. */
    private Object runBySize(Value data, WholeWork small, SlicedWork large) {
        Bytes.Region region = Bytes.region(data);
        if (region.length() >= OFF_LOOP_BYTES) {
            return runOnSlices(region, large);
        }
        byte[] input = region.copy();
        return unwrapBytes(guard(() -> small.run(input)));
    }

    /** Starts {@code work} on the worker pool, then copies {@code input} for it; the HostPromise settles with its result. */
    private Object runOnSlices(Bytes.Region input, SlicedWork work) {
        SlicedCopy copy = copies.take(input.length());
        HostPromise promise = services.newPromise();
        services.workers().execute(() -> settle(promise, () -> work.run(copy, promise)));
        copy.copyFrom(input);
        return promise;
    }

    private static void settle(HostPromise promise, Callable<Object> work) {
        try {
            promise.resolve(unwrapBytes(guard(work)));
        } catch (JsError e) {
            promise.reject(e);
        }
    }

    private static Object unwrapBytes(Object result) {
        return result instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : result;
    }

    /** Calls {@code work}, turning every failure into a JsError (OperationError unless it already names one). */
    private static <T> T guard(Callable<T> work) {
        try {
            return work.call();
        } catch (JsError e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new JsError("OperationError", "the operation failed: " + e.getClass().getSimpleName());
        }
    }
}
