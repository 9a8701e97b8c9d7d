package dev.nano.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** RSA, ECDSA/ECDH, Ed25519/X25519 (and Ed448/X448): vectors, formats, malformed input. */
class AsymmetricCryptoTest {
    @AutoClose
    static final JsTesting js = NativeCryptoTest.runtime();

    static String run(String body) {
        return js.run(CryptoTest.HELPERS + body);
    }

    @Test
    void ed25519_signs_the_RFC_8032_test_1_vector() {
        assertThat(run("""
                const pkcs8 = unhex("302e020100300506032b657004220420" + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
                const priv = await subtle.importKey("pkcs8", pkcs8, "Ed25519", true, ["sign"]);
                const pub = await subtle.importKey("raw", unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), "Ed25519", true, ["verify"]);
                const sig = await subtle.sign("Ed25519", priv, new Uint8Array(0));
                const jwk = await subtle.exportKey("jwk", priv);
                return hex(sig) + " " + await subtle.verify("Ed25519", pub, sig, new Uint8Array(0)) + " " + jwk.x + " " + jwk.alg;
                """)).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
                + " true 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo Ed25519");
    }

    @Test
    void x25519_agrees_on_the_RFC_7748_shared_secret() {
        assertThat(run("""
                const priv = await subtle.importKey("pkcs8", unhex("302e020100300506032b656e04220420" +
                    "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"), "X25519", false, ["deriveBits"]);
                const pub = await subtle.importKey("raw", unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), "X25519", true, []);
                return hex(await subtle.deriveBits({ name: "X25519", public: pub }, priv, 256));
                """)).isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void ecdsa_signatures_are_raw_r_s_and_keys_round_trip_through_every_format() {
        assertThat(run("""
                const out = [];
                for (const [curve, size] of [["P-256", 64], ["P-384", 96], ["P-521", 132]]) {
                  const alg = { name: "ECDSA", namedCurve: curve };
                  const { publicKey, privateKey } = await subtle.generateKey(alg, true, ["sign", "verify"]);
                  const sig = await subtle.sign({ name: "ECDSA", hash: "SHA-384" }, privateKey, ascii("m"));
                  const raw = await subtle.importKey("raw", await subtle.exportKey("raw", publicKey), alg, true, ["verify"]);
                  const spki = await subtle.importKey("spki", await subtle.exportKey("spki", publicKey), alg, true, ["verify"]);
                  const jwk = await subtle.importKey("jwk", await subtle.exportKey("jwk", publicKey), alg, true, ["verify"]);
                  const pkcs8 = await subtle.importKey("pkcs8", await subtle.exportKey("pkcs8", privateKey), alg, true, ["sign"]);
                  const sig2 = await subtle.sign({ name: "ECDSA", hash: "SHA-256" }, pkcs8, ascii("m"));
                  out.push([sig.byteLength === size, ...await Promise.all([raw, spki, jwk].map((k) =>
                    subtle.verify({ name: "ECDSA", hash: "SHA-384" }, k, sig, ascii("m")))),
                    await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, jwk, sig2, ascii("m")),
                    await subtle.verify({ name: "ECDSA", hash: "SHA-256" }, jwk, sig2, ascii("x"))].join());
                }
                return out.join(" ");
                """)).isEqualTo("true,true,true,true,true,false true,true,true,true,true,false true,true,true,true,true,false");
    }

    @Test
    void ecdsa_draws_a_fresh_k_per_signature_and_refuses_r_or_s_outside_the_group_order() {
        assertThat(run("""
                const params = { name: "ECDSA", hash: "SHA-256" };
                const { publicKey, privateKey } = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
                const [a, b] = [await subtle.sign(params, privateKey, ascii("m")), await subtle.sign(params, privateKey, ascii("m"))];
                const order = unhex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
                const withR = (r) => { const sig = new Uint8Array(a).slice(); sig.set(r, 0); return sig; };
                return [hex(a) !== hex(b), await subtle.verify(params, publicKey, a, ascii("m")), await subtle.verify(params, publicKey, b, ascii("m")),
                        await subtle.verify(params, publicKey, withR(new Uint8Array(32)), ascii("m")),
                        await subtle.verify(params, publicKey, withR(order), ascii("m"))].join();
                """)).isEqualTo("true,true,true,false,false");
    }

    @Test
    void ecdh_derives_the_same_bits_on_both_sides_and_refuses_other_curves() {
        assertThat(run("""
                const a = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits", "deriveKey"]);
                const b = await subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
                const c = await subtle.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
                const ab = await subtle.deriveBits({ name: "ECDH", public: b.publicKey }, a.privateKey, 256);
                const ba = await subtle.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, 256);
                const wrongCurve = await errorName(subtle.deriveBits({ name: "ECDH", public: c.publicKey }, a.privateKey, 256));
                const key = await subtle.deriveKey({ name: "ECDH", public: b.publicKey }, a.privateKey, { name: "AES-KW", length: 128 }, false, ["wrapKey"]);
                return (hex(ab) === hex(ba)) + " " + wrongCurve + " " + key.algorithm.name;
                """)).isEqualTo("true InvalidAccessError AES-KW");
    }

    @Test
    void rsa_pss_pkcs1_and_oaep_work_with_generated_and_reimported_keys() {
        assertThat(run("""
                const gen = (name, hash) => subtle.generateKey({ name, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash },
                    true, name === "RSA-OAEP" ? ["encrypt", "decrypt"] : ["sign", "verify"]);
                const pss = await gen("RSA-PSS", "SHA-256");
                const results = [];
                for (const saltLength of [0, 32, 64]) {
                  const sig = await subtle.sign({ name: "RSA-PSS", saltLength }, pss.privateKey, ascii("m"));
                  results.push(await subtle.verify({ name: "RSA-PSS", saltLength }, pss.publicKey, sig, ascii("m")));
                }
                const pkcs1 = await gen("RSASSA-PKCS1-v1_5", "SHA-512");
                const jwk = await subtle.exportKey("jwk", pkcs1.privateKey);
                const back = await subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-512" }, false, ["sign"]);
                const sig = await subtle.sign("RSASSA-PKCS1-v1_5", back, ascii("m"));
                results.push(await subtle.verify("RSASSA-PKCS1-v1_5", pkcs1.publicKey, sig, ascii("m")), jwk.alg);
                const oaep = await gen("RSA-OAEP", "SHA-256");
                const ct = await subtle.encrypt({ name: "RSA-OAEP", label: ascii("l") }, oaep.publicKey, ascii("secret"));
                const pt = await subtle.decrypt({ name: "RSA-OAEP", label: ascii("l") }, oaep.privateKey, ct);
                const wrongLabel = await errorName(subtle.decrypt({ name: "RSA-OAEP" }, oaep.privateKey, ct));
                results.push(String.fromCharCode(...new Uint8Array(pt)), wrongLabel, pss.publicKey.algorithm.modulusLength,
                    hex(pss.publicKey.algorithm.publicExponent), pss.privateKey.usages.join("+"));
                return results.join(" ");
                """)).isEqualTo("true true true true RS512 secret OperationError 2048 010001 sign");
    }

    @Test
    void malformed_der_and_jwk_become_DataError_never_java_exceptions() {
        assertThat(run("""
                const ec = { name: "ECDSA", namedCurve: "P-256" };
                const rsa = { name: "RSA-PSS", hash: "SHA-256" };
                const good = await subtle.exportKey("spki", (await subtle.generateKey(ec, true, ["sign"])).publicKey);
                const p384 = await subtle.exportKey("spki", (await subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign"])).publicKey);
                const trailing = new Uint8Array([...new Uint8Array(good), 0]);
                const pem = ascii("-----BEGIN PUBLIC KEY-----\\nMFkw\\n-----END PUBLIC KEY-----");
                const cases = [
                  subtle.importKey("spki", new Uint8Array([0x30, 0x82, 0xff]), ec, true, ["verify"]),
                  subtle.importKey("spki", trailing, ec, true, ["verify"]),
                  subtle.importKey("spki", pem, rsa, true, ["verify"]),
                  subtle.importKey("spki", p384, ec, true, ["verify"]),
                  subtle.importKey("pkcs8", good, ec, true, ["sign"]),
                  subtle.importKey("spki", good, rsa, true, ["verify"]),
                  subtle.importKey("raw", new Uint8Array(65), ec, true, ["verify"]),
                  subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: "AAAA" }, ec, true, ["verify"]),
                  subtle.importKey("jwk", { kty: "EC", crv: "P-384", x: "AA", y: "AA" }, ec, true, ["verify"]),
                  subtle.importKey("jwk", { kty: "RSA", n: "AQAB" }, rsa, true, ["verify"]),
                  subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: "AAAA" }, "Ed25519", true, ["verify"]),
                  subtle.importKey("raw", new Uint8Array(31), "X25519", true, []),
                ];
                return (await Promise.all(cases.map(errorName))).join(" ");
                """)).isEqualTo("DataError DataError DataError DataError DataError DataError DataError DataError DataError DataError DataError DataError");
    }

    @Test
    void ed448_and_x448_work_when_requested() {
        assertThat(run("""
                const ed = await subtle.generateKey("Ed448", true, ["sign", "verify"]);
                const sig = await subtle.sign({ name: "Ed448", context: ascii("ctx") }, ed.privateKey, ascii("m"));
                const ok = await subtle.verify({ name: "Ed448", context: ascii("ctx") }, ed.publicKey, sig, ascii("m"));
                const otherContext = await subtle.verify({ name: "Ed448" }, ed.publicKey, sig, ascii("m"));
                const a = await subtle.generateKey("X448", true, ["deriveBits"]);
                const b = await subtle.generateKey("X448", true, ["deriveBits"]);
                const ab = await subtle.deriveBits({ name: "X448", public: b.publicKey }, a.privateKey, 448);
                const ba = await subtle.deriveBits({ name: "X448", public: a.publicKey }, b.privateKey, 448);
                return sig.byteLength + " " + ok + " " + otherContext + " " + (hex(ab) === hex(ba));
                """)).isEqualTo("114 true false true");
    }

    @Test
    void rsa_key_generation_runs_off_the_loop() {
        assertThat(run("""
                let ticks = 0;
                const timer = setInterval(() => ticks++, 1);
                await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
                    false, ["decrypt"]);
                clearInterval(timer);
                return ticks > 0;
                """)).isEqualTo("true");
    }

    @Test
    void unwrap_of_a_wrapped_jwk_restores_the_key() {
        assertThat(run("""
                const kek = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["wrapKey", "unwrapKey"]);
                const { privateKey } = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
                const iv = new Uint8Array(12);
                const wrapped = await subtle.wrapKey("jwk", privateKey, kek, { name: "AES-GCM", iv });
                const back = await subtle.unwrapKey("jwk", wrapped, kek, { name: "AES-GCM", iv }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
                const aes = await subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]);
                const wrappedRaw = await subtle.wrapKey("raw", aes, kek, { name: "AES-GCM", iv });
                const notJson = await errorName(subtle.unwrapKey("jwk", wrappedRaw, kek, { name: "AES-GCM", iv }, "AES-GCM", true, ["encrypt"]));
                const tampered = new Uint8Array(wrapped).slice(); tampered[3] ^= 1;
                const badTag = await errorName(subtle.unwrapKey("jwk", tampered, kek, { name: "AES-GCM", iv }, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]));
                return back.type + " " + ((await subtle.exportKey("jwk", back)).d === (await subtle.exportKey("jwk", privateKey)).d) + " " + notJson + " " + badTag;
                """)).isEqualTo("private true DataError OperationError");
    }
}
