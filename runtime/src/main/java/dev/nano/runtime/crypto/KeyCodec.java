package dev.nano.runtime.crypto;

import dev.nano.runtime.JsError;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X448PrivateKeyParameters;

/**
 * Imports and exports asymmetric keys in the WebCrypto formats (spki, pkcs8, raw, jwk). Every
 * malformed input becomes a {@code DataError}; nothing else escapes.
 */
final class KeyCodec {
    private KeyCodec() {
    }

    // ---- curves

    static final class Curve {
        final String name;
        final ASN1ObjectIdentifier oid;
        final X9ECParameters bc;
        /** The same curve on Bouncy Castle's curve-specific field arithmetic, for ECDSA. */
        final ECDomainParameters fast;
        final ECParameterSpec jca;
        final int fieldBytes;

        Curve(String name, String jcaName, ASN1ObjectIdentifier oid) {
            this.name = name;
            this.oid = oid;
            this.bc = ECNamedCurveTable.getByName(name);
            this.fast = new ECDomainParameters(CustomNamedCurves.getByName(jcaName));
            try {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec(jcaName));
                this.jca = params.getParameterSpec(ECParameterSpec.class);
            } catch (Exception e) {
                throw new IllegalStateException("curve " + name + " unavailable", e);
            }
            this.fieldBytes = (bc.getCurve().getFieldSize() + 7) / 8;
        }

        /** Bytes of r (and of s) in a raw ECDSA signature. */
        int orderBytes() {
            return (bc.getN().bitLength() + 7) / 8;
        }
    }

    private static final Map<String, Curve> CURVES = Map.of(
            "P-256", new Curve("P-256", "secp256r1", X9ObjectIdentifiers.prime256v1),
            "P-384", new Curve("P-384", "secp384r1", SECObjectIdentifiers.secp384r1),
            "P-521", new Curve("P-521", "secp521r1", SECObjectIdentifiers.secp521r1));

    /** id-ecDH (RFC 5480): ECDH keys may carry it instead of id-ecPublicKey. */
    private static final ASN1ObjectIdentifier ID_EC_DH = new ASN1ObjectIdentifier("1.3.132.1.12");

    static Curve curve(String name) {
        Curve c = CURVES.get(name);
        if (c == null) {
            throw new JsError("NotSupportedError", "unsupported named curve " + name);
        }
        return c;
    }

    static ASN1ObjectIdentifier okpOid(String curve) {
        return switch (curve) {
            case "Ed25519" -> EdECObjectIdentifiers.id_Ed25519;
            case "X25519" -> EdECObjectIdentifiers.id_X25519;
            case "Ed448" -> EdECObjectIdentifiers.id_Ed448;
            case "X448" -> EdECObjectIdentifiers.id_X448;
            default -> throw new JsError("NotSupportedError", "unsupported curve " + curve);
        };
    }

    static int okpLength(String curve) {
        return switch (curve) {
            case "Ed25519", "X25519" -> 32;
            case "Ed448" -> 57;
            case "X448" -> 56;
            default -> throw new JsError("NotSupportedError", "unsupported curve " + curve);
        };
    }

    /** Bouncy Castle private key parameters for an OKP private key (validates its length). */
    static org.bouncycastle.crypto.params.AsymmetricKeyParameter okpPrivateParameters(String curve, byte[] priv) {
        return switch (curve) {
            case "Ed25519" -> new Ed25519PrivateKeyParameters(priv, 0);
            case "X25519" -> new X25519PrivateKeyParameters(priv, 0);
            case "Ed448" -> new Ed448PrivateKeyParameters(priv, 0);
            case "X448" -> new X448PrivateKeyParameters(priv, 0);
            default -> throw new JsError("NotSupportedError", "unsupported curve " + curve);
        };
    }

    static org.bouncycastle.crypto.params.AsymmetricKeyParameter okpPublicParameters(String curve, byte[] pub) {
        return switch (curve) {
            case "Ed25519" -> new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(pub, 0);
            case "X25519" -> new org.bouncycastle.crypto.params.X25519PublicKeyParameters(pub, 0);
            case "Ed448" -> new org.bouncycastle.crypto.params.Ed448PublicKeyParameters(pub, 0);
            case "X448" -> new org.bouncycastle.crypto.params.X448PublicKeyParameters(pub, 0);
            default -> throw new JsError("NotSupportedError", "unsupported curve " + curve);
        };
    }

    private static byte[] okpPublicOf(org.bouncycastle.crypto.params.AsymmetricKeyParameter priv) {
        if (priv instanceof Ed25519PrivateKeyParameters k) {
            return k.generatePublicKey().getEncoded();
        } else if (priv instanceof X25519PrivateKeyParameters k) {
            return k.generatePublicKey().getEncoded();
        } else if (priv instanceof Ed448PrivateKeyParameters k) {
            return k.generatePublicKey().getEncoded();
        }
        return ((X448PrivateKeyParameters) priv).generatePublicKey().getEncoded();
    }

    // ---- DER parsing that refuses trailing bytes and wrong structures

    private static ASN1Primitive der(byte[] bytes) {
        try {
            return ASN1Primitive.fromByteArray(bytes);
        } catch (Exception | StackOverflowError e) {
            throw dataError("invalid DER encoding");
        }
    }

    private static SubjectPublicKeyInfo spki(byte[] bytes) {
        try {
            return SubjectPublicKeyInfo.getInstance(der(bytes));
        } catch (JsError e) {
            throw e;
        } catch (Exception e) {
            throw dataError("not a SubjectPublicKeyInfo");
        }
    }

    private static PrivateKeyInfo pkcs8(byte[] bytes) {
        try {
            return PrivateKeyInfo.getInstance(der(bytes));
        } catch (JsError e) {
            throw e;
        } catch (Exception e) {
            throw dataError("not a PKCS#8 PrivateKeyInfo");
        }
    }

    static JsError dataError(String message) {
        return new JsError("DataError", message);
    }

    // ---- RSA

    static KeyMaterial importRsaSpki(byte[] bytes) {
        SubjectPublicKeyInfo info = spki(bytes);
        requireOid(info.getAlgorithm(), PKCSObjectIdentifiers.rsaEncryption);
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey());
            return rsaPublic(k.getModulus(), k.getPublicExponent());
        } catch (JsError e) {
            throw e;
        } catch (Exception e) {
            throw dataError("invalid RSA public key");
        }
    }

    static KeyMaterial importRsaPkcs8(byte[] bytes) {
        PrivateKeyInfo info = pkcs8(bytes);
        requireOid(info.getPrivateKeyAlgorithm(), PKCSObjectIdentifiers.rsaEncryption);
        try {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(info.parsePrivateKey());
            return rsaPrivate(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(),
                    k.getExponent1(), k.getExponent2(), k.getCoefficient());
        } catch (JsError e) {
            throw e;
        } catch (Exception e) {
            throw dataError("invalid RSA private key");
        }
    }

    static KeyMaterial rsaPublic(BigInteger n, BigInteger e) {
        if (n.signum() <= 0 || e.signum() <= 0) {
            throw dataError("invalid RSA public key");
        }
        try {
            return KeyMaterial.rsaPublic(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
        } catch (Exception ex) {
            throw dataError("invalid RSA public key");
        }
    }

    static KeyMaterial rsaPrivate(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q,
                                  BigInteger dp, BigInteger dq, BigInteger qi) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi));
            return KeyMaterial.rsaPrivate(key);
        } catch (Exception ex) {
            throw dataError("invalid RSA private key");
        }
    }

    static Map<String, String> rsaJwk(KeyMaterial key) {
        Map<String, String> jwk = new LinkedHashMap<>();
        if (key.privateKey instanceof RSAPrivateCrtKey k) {
            jwk.put("n", b64(k.getModulus()));
            jwk.put("e", b64(k.getPublicExponent()));
            jwk.put("d", b64(k.getPrivateExponent()));
            jwk.put("p", b64(k.getPrimeP()));
            jwk.put("q", b64(k.getPrimeQ()));
            jwk.put("dp", b64(k.getPrimeExponentP()));
            jwk.put("dq", b64(k.getPrimeExponentQ()));
            jwk.put("qi", b64(k.getCrtCoefficient()));
        } else if (key.publicKey instanceof RSAPublicKey k) {
            jwk.put("n", b64(k.getModulus()));
            jwk.put("e", b64(k.getPublicExponent()));
        } else {
            throw new JsError("OperationError", "RSA key has no CRT parameters");
        }
        return jwk;
    }

    /** [modulusLength, publicExponent bytes] for the CryptoKey's algorithm dictionary. */
    static Object[] rsaInfo(KeyMaterial key) {
        BigInteger n;
        BigInteger e;
        if (key.privateKey instanceof RSAPrivateCrtKey k) {
            n = k.getModulus();
            e = k.getPublicExponent();
        } else if (key.publicKey instanceof RSAPublicKey k) {
            n = k.getModulus();
            e = k.getPublicExponent();
        } else {
            throw dataError("not an RSA key");
        }
        return new Object[] {n.bitLength(), java.nio.ByteBuffer.wrap(unsigned(e))};
    }

    // ---- EC

    static KeyMaterial importEcSpki(String curveName, byte[] bytes, boolean allowEcdhOid) {
        Curve curve = curve(curveName);
        SubjectPublicKeyInfo info = spki(bytes);
        AlgorithmIdentifier alg = info.getAlgorithm();
        if (!alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                && !(allowEcdhOid && alg.getAlgorithm().equals(ID_EC_DH))) {
            throw dataError("not an EC public key");
        }
        requireCurve(alg.getParameters(), curve);
        return importEcRaw(curveName, info.getPublicKeyData().getOctets());
    }

    static KeyMaterial importEcRaw(String curveName, byte[] point) {
        Curve curve = curve(curveName);
        org.bouncycastle.math.ec.ECPoint p;
        try {
            p = curve.bc.getCurve().decodePoint(point).normalize();
            if (p.isInfinity() || !p.isValid()) {
                throw dataError("point is not on the curve");
            }
        } catch (JsError e) {
            throw e;
        } catch (Exception e) {
            throw dataError("invalid EC point");
        }
        return ecPublic(curve, p);
    }

    static KeyMaterial importEcJwkPublic(String curveName, byte[] x, byte[] y) {
        Curve curve = curve(curveName);
        if (x.length != curve.fieldBytes || y.length != curve.fieldBytes) {
            throw dataError("EC coordinates have the wrong length for " + curveName);
        }
        byte[] point = new byte[1 + 2 * curve.fieldBytes];
        point[0] = 4;
        System.arraycopy(x, 0, point, 1, x.length);
        System.arraycopy(y, 0, point, 1 + x.length, y.length);
        return importEcRaw(curveName, point);
    }

    private static KeyMaterial ecPublic(Curve curve, org.bouncycastle.math.ec.ECPoint p) {
        try {
            ECPoint w = new ECPoint(p.getAffineXCoord().toBigInteger(), p.getAffineYCoord().toBigInteger());
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curve.jca));
            return ecPublicMaterial(curve, key, p.getEncoded(false));
        } catch (Exception e) {
            throw dataError("invalid EC public key");
        }
    }

    static KeyMaterial importEcPkcs8(String curveName, byte[] bytes) {
        Curve curve = curve(curveName);
        PrivateKeyInfo info = pkcs8(bytes);
        AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
        if (!alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            throw dataError("not an EC private key");
        }
        requireCurve(alg.getParameters(), curve);
        org.bouncycastle.asn1.sec.ECPrivateKey ec;
        try {
            ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        } catch (Exception e) {
            throw dataError("invalid EC private key");
        }
        if (ec.getParametersObject() != null) {
            requireCurve(ec.getParametersObject(), curve);
        }
        BigInteger d = ec.getKey();
        byte[] publicPoint = ec.getPublicKey() == null ? null : ec.getPublicKey().getOctets();
        return ecPrivate(curve, d, publicPoint);
    }

    static KeyMaterial ecPrivate(Curve curve, BigInteger d, byte[] publicPoint) {
        if (d.signum() <= 0 || d.compareTo(curve.bc.getN()) >= 0) {
            throw dataError("EC private scalar out of range");
        }
        org.bouncycastle.math.ec.ECPoint q = curve.bc.getG().multiply(d).normalize();
        if (publicPoint != null) {
            try {
                if (!curve.bc.getCurve().decodePoint(publicPoint).equals(q)) {
                    throw dataError("EC public key does not match the private key");
                }
            } catch (JsError e) {
                throw e;
            } catch (Exception e) {
                throw dataError("invalid EC public point");
            }
        }
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, curve.jca));
            return KeyMaterial.ecPrivate(curve.name, key, q.getEncoded(false), new ECPrivateKeyParameters(d, curve.fast));
        } catch (Exception e) {
            throw dataError("invalid EC private key");
        }
    }

    static KeyMaterial importEcJwkPrivate(String curveName, byte[] x, byte[] y, byte[] d) {
        Curve curve = curve(curveName);
        if (d.length != curve.fieldBytes) {
            throw dataError("EC private key has the wrong length for " + curveName);
        }
        KeyMaterial pub = importEcJwkPublic(curveName, x, y);
        return ecPrivate(curve, new BigInteger(1, d), pub.publicBytes);
    }

    static KeyMaterial fromJcaEc(String curveName, PublicKey pub, PrivateKey priv) {
        Curve curve = curve(curveName);
        ECPoint w = ((ECPublicKey) pub).getW();
        byte[] point = curve.bc.getCurve().createPoint(w.getAffineX(), w.getAffineY()).getEncoded(false);
        if (priv == null) {
            return ecPublicMaterial(curve, pub, point);
        }
        return KeyMaterial.ecPrivate(curveName, priv, point, new ECPrivateKeyParameters(((ECPrivateKey) priv).getS(), curve.fast));
    }

    /** An EC public key with its point also on the curve-specific arithmetic ({@link Curve#fast}) for verification. */
    private static KeyMaterial ecPublicMaterial(Curve curve, PublicKey key, byte[] point) {
        ECPublicKeyParameters verify = new ECPublicKeyParameters(curve.fast.getCurve().decodePoint(point), curve.fast);
        return KeyMaterial.ecPublic(curve.name, key, point, verify);
    }

    static Map<String, String> ecJwk(KeyMaterial key) {
        Curve curve = curve(key.curve);
        int n = curve.fieldBytes;
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("x", b64(Arrays.copyOfRange(key.publicBytes, 1, 1 + n)));
        jwk.put("y", b64(Arrays.copyOfRange(key.publicBytes, 1 + n, 1 + 2 * n)));
        if (key.privateKey instanceof ECPrivateKey k) {
            jwk.put("d", b64(fixed(k.getS(), n)));
        }
        return jwk;
    }

    static byte[] ecSpki(KeyMaterial key) {
        Curve curve = curve(key.curve);
        return encode(new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid), key.publicBytes));
    }

    static byte[] ecPkcs8(KeyMaterial key) {
        Curve curve = curve(key.curve);
        BigInteger d = ((ECPrivateKey) key.privateKey).getS();
        org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                curve.bc.getN().bitLength(), d, new org.bouncycastle.asn1.DERBitString(key.publicBytes), null);
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid), inner).getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new JsError("OperationError", "cannot encode the EC private key");
        }
    }

    private static void requireCurve(ASN1Encodable params, Curve curve) {
        if (!(params instanceof ASN1ObjectIdentifier oid)) {
            throw dataError("EC key parameters must name a curve");
        }
        if (!oid.equals(curve.oid)) {
            throw dataError("EC key is not on " + curve.name);
        }
    }

    // ---- OKP (Ed25519, X25519, Ed448, X448)

    static KeyMaterial importOkpSpki(String curve, byte[] bytes) {
        SubjectPublicKeyInfo info = spki(bytes);
        requireOid(info.getAlgorithm(), okpOid(curve));
        if (info.getAlgorithm().getParameters() != null) {
            throw dataError("unexpected algorithm parameters");
        }
        return importOkpRaw(curve, info.getPublicKeyData().getOctets());
    }

    static KeyMaterial importOkpRaw(String curve, byte[] bytes) {
        if (bytes.length != okpLength(curve)) {
            throw dataError(curve + " public key must be " + okpLength(curve) + " bytes");
        }
        try {
            return KeyMaterial.okpPublic(curve, bytes.clone(), okpPublicParameters(curve, bytes));
        } catch (IllegalArgumentException e) {
            // Not a valid point (e.g. small order): importable per spec, but no signature verifies under it.
            return KeyMaterial.okpPublic(curve, bytes.clone(), null);
        }
    }

    static KeyMaterial importOkpPkcs8(String curve, byte[] bytes) {
        PrivateKeyInfo info = pkcs8(bytes);
        requireOid(info.getPrivateKeyAlgorithm(), okpOid(curve));
        byte[] priv;
        try {
            priv = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (Exception e) {
            throw dataError("invalid " + curve + " private key");
        }
        return okpPrivate(curve, priv);
    }

    static KeyMaterial okpPrivate(String curve, byte[] priv) {
        if (priv.length != okpLength(curve)) {
            throw dataError(curve + " private key must be " + okpLength(curve) + " bytes");
        }
        org.bouncycastle.crypto.params.AsymmetricKeyParameter params = okpPrivateParameters(curve, priv);
        return KeyMaterial.okpPrivate(curve, priv.clone(), okpPublicOf(params), params);
    }

    static byte[] okpSpki(KeyMaterial key) {
        return encode(new SubjectPublicKeyInfo(new AlgorithmIdentifier(okpOid(key.curve)), key.publicBytes));
    }

    static byte[] okpPkcs8(KeyMaterial key) {
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(okpOid(key.curve)), new DEROctetString(key.secret)).getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new JsError("OperationError", "cannot encode the private key");
        }
    }

    // ---- helpers

    private static void requireOid(AlgorithmIdentifier alg, ASN1ObjectIdentifier expected) {
        if (!alg.getAlgorithm().equals(expected)) {
            throw dataError("unexpected key algorithm " + alg.getAlgorithm());
        }
        if (expected.equals(PKCSObjectIdentifiers.rsaEncryption) && alg.getParameters() != null
                && !DERNull.INSTANCE.equals(alg.getParameters())) {
            throw dataError("unexpected RSA algorithm parameters");
        }
    }

    private static byte[] encode(SubjectPublicKeyInfo info) {
        try {
            return info.getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new JsError("OperationError", "cannot encode the public key");
        }
    }

    static String b64(BigInteger value) {
        return b64(unsigned(value));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Big-endian, no leading zero octets (JWK "Base64urlUInt"). */
    static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        int start = 0;
        while (start < raw.length - 1 && raw[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(raw, start, raw.length);
    }

    static byte[] fixed(BigInteger value, int length) {
        byte[] raw = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        return out;
    }
}
