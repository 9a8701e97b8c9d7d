package dev.nano.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** crypto.getRandomValues, randomUUID, digest, HMAC, AES, key derivation: behaviour and known-answer vectors. */
class CryptoTest {
    static final String HELPERS = """
            const subtle = crypto.subtle;
            const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
            const unhex = (h) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
            const ascii = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
            const errorName = async (p) => { try { await p; return "resolved"; } catch (e) { return e.name; } };
            """;
    @AutoClose
    static final JsTesting js = NativeCryptoTest.runtime();

    static String run(String body) {
        return js.run(HELPERS + body);
    }

    @Test
    void getRandomValues_fills_integer_arrays_and_returns_them() {
        assertThat(run("""
                const a = new Uint32Array(64);
                const same = crypto.getRandomValues(a) === a;
                return same + " " + a.some((x) => x !== 0);
                """)).isEqualTo("true true");
    }

    @Test
    void getRandomValues_rejects_more_than_65536_bytes_with_QuotaExceededError() {
        assertThat(run("""
                crypto.getRandomValues(new Uint8Array(65536));
                try { crypto.getRandomValues(new Uint8Array(65537)); }
                catch (e) { return [e.name, e.code, e instanceof QuotaExceededError, e instanceof DOMException, e.quota].join(" "); }
                """)).isEqualTo("QuotaExceededError 22 true true ");
    }

    @Test
    void getRandomValues_rejects_float_arrays_with_TypeMismatchError() {
        assertThat(run("""
                const names = [];
                for (const a of [new Float32Array(1), new Float64Array(1), new DataView(new ArrayBuffer(1))]) {
                  try { crypto.getRandomValues(a); } catch (e) { names.push(e.name); }
                }
                return names.join(" ");
                """)).isEqualTo("TypeMismatchError TypeMismatchError TypeMismatchError");
    }

    @Test
    void randomUUID_is_a_version_4_uuid() {
        assertThat(run("return crypto.randomUUID();"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void digest_matches_the_FIPS_180_vectors_for_abc() {
        assertThat(run("""
                const out = [];
                for (const h of ["SHA-1", "sha-256", { name: "SHA-384" }, "SHA-512"]) out.push(hex(await subtle.digest(h, ascii("abc"))));
                return out.join("\\n");
                """)).isEqualTo(String.join("\n",
                "a9993e364706816aba3e25717850c26c9cd0d89d",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
    }

    @Test
    void digest_of_a_large_input_runs_off_the_loop_and_is_correct() {
        assertThat(run("""
                const big = new Uint8Array(8 * 1024 * 1024).fill(0x61);
                const [a, b] = await Promise.all([subtle.digest("SHA-256", big), subtle.digest("SHA-256", big.subarray(0, 3))]);
                return hex(a).length + " " + hex(b);
                """)).isEqualTo("64 9834876dcfb05cb167a5c24953eba58c4ac89b1adf57f28f2f9d09af107ee8f0");
    }

    @Test
    void digest_reads_the_data_when_called_so_later_writes_do_not_change_the_result() {
        assertThat(run("""
                const small = ascii("xabcx");
                const big = new Uint8Array(512 * 1024).fill(0x61);
                const pending = [subtle.digest("SHA-256", small.subarray(1, 4)), subtle.digest("SHA-256", new DataView(small.buffer, 1, 3)),
                                 subtle.digest("SHA-256", big)];
                small.fill(0);
                big.fill(0);
                const [view, dataView, large] = await Promise.all(pending);
                const expected = await subtle.digest("SHA-256", new Uint8Array(512 * 1024).fill(0x61));
                return [hex(view), hex(dataView), hex(large) === hex(expected)].join(" ");
                """)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad "
                + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad true");
    }

    /** Byte {@code i} of the patterned inputs below: the same formula in JS and in Java. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 16) + 7);
        }
        return bytes;
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void large_digests_and_hmacs_match_the_jdk_at_slice_boundaries_and_view_offsets() throws Exception {
        // Inputs from the off-loop threshold (256 KiB) up, cut across 64 KiB slices, some seen
        // through a view that starts at an odd offset of a larger buffer.
        int[][] cases = {{0, 256 * 1024}, {0, 256 * 1024 + 1}, {5, 1024 * 1024 - 3}, {3, 3 * 1024 * 1024 + 7}};
        byte[] key = pattern(40);
        StringBuilder expected = new StringBuilder();
        for (int[] c : cases) {
            byte[] input = java.util.Arrays.copyOfRange(pattern(c[0] + c[1]), c[0], c[0] + c[1]);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA384");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA384"));
            expected.append(hex(java.security.MessageDigest.getInstance("SHA-256").digest(input))).append(' ')
                    .append(hex(java.security.MessageDigest.getInstance("SHA-512").digest(input))).append(' ')
                    .append(hex(mac.doFinal(input))).append(" true false\n");
        }
        assertThat(run("""
                const pattern = (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = i * 31 + (i >> 16) + 7; return b; };
                const key = await subtle.importKey("raw", pattern(40), { name: "HMAC", hash: "SHA-384" }, false, ["sign", "verify"]);
                let out = "";
                for (const [offset, length] of %s) {
                  const input = pattern(offset + length).subarray(offset);
                  const [sha256, sha512, mac] = await Promise.all([subtle.digest("SHA-256", input), subtle.digest("SHA-512", input),
                                                                   subtle.sign("HMAC", key, input)]);
                  const bad = new Uint8Array(mac).slice(); bad[0] ^= 1;
                  out += [hex(sha256), hex(sha512), hex(mac), await subtle.verify("HMAC", key, mac, input),
                          await subtle.verify("HMAC", key, bad, input)].join(" ") + "\\n";
                }
                return out;
                """.formatted(java.util.Arrays.deepToString(cases)))).isEqualTo(expected.toString());
    }

    @Test
    void large_hmac_reads_the_data_when_called_so_later_writes_do_not_change_the_result() {
        assertThat(run("""
                const key = await subtle.importKey("raw", ascii("key"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
                const big = new Uint8Array(2 * 1024 * 1024).fill(0x61);
                const pending = subtle.sign("HMAC", key, big);
                big.fill(0);
                const expected = await subtle.sign("HMAC", key, new Uint8Array(2 * 1024 * 1024).fill(0x61));
                return hex(await pending) === hex(expected) && hex(expected) !== hex(await subtle.sign("HMAC", key, big));
                """)).isEqualTo("true");
    }

    @Test
    void algorithm_names_match_ASCII_case_insensitively_only() {
        assertThat(run("""
                const key = await subtle.importKey("raw", ascii("pw"), "pbkdf2", false, ["deriveBits"]);
                return [hex(await subtle.digest("sHa-256", ascii("abc"))).slice(0, 8), key.algorithm.name,
                        await errorName(subtle.importKey("raw", ascii("pw"), "PB\u212ADF2", false, ["deriveBits"]))].join(" ");
                """)).isEqualTo("ba7816bf PBKDF2 NotSupportedError");
    }

    @Test
    void digest_rejects_unknown_algorithms_with_NotSupportedError_and_bad_data_with_TypeError() {
        assertThat(run("""
                return [await errorName(subtle.digest("MD5", new Uint8Array(1))),
                        await errorName(subtle.digest("SHA-256", "text")),
                        await errorName(subtle.digest({}, new Uint8Array(1)))].join(" ");
                """)).isEqualTo("NotSupportedError TypeError TypeError");
    }

    @Test
    void hmac_sha256_matches_RFC_4231_case_2_and_verifies() {
        assertThat(run("""
                const key = await subtle.importKey("raw", ascii("Jefe"), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
                const sig = await subtle.sign("HMAC", key, ascii("what do ya want for nothing?"));
                const ok = await subtle.verify("HMAC", key, sig, ascii("what do ya want for nothing?"));
                const bad = await subtle.verify("HMAC", key, sig, ascii("what do ya want for something?"));
                return hex(sig) + " " + ok + " " + bad;
                """)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843 true false");
    }

    @Test
    void crypto_key_has_the_spec_shape_and_is_not_constructible() {
        assertThat(run("""
                const key = await subtle.generateKey({ name: "hmac", hash: "sha-512" }, true, ["verify", "sign", "verify"]);
                let constructed;
                try { new CryptoKey(); constructed = "constructed"; } catch (e) { constructed = e.name; }
                return [key instanceof CryptoKey, key.type, key.extractable, JSON.stringify(key.algorithm),
                        JSON.stringify(key.usages), key.algorithm === key.algorithm, key.usages === key.usages,
                        Object.prototype.toString.call(key), constructed].join(" ");
                """)).isEqualTo("true secret true {\"name\":\"HMAC\",\"length\":1024,\"hash\":{\"name\":\"SHA-512\"}}"
                + " [\"sign\",\"verify\"] true true [object CryptoKey] TypeError");
    }

    @Test
    void hmac_jwk_export_and_import_round_trip() {
        assertThat(run("""
                const key = await subtle.importKey("raw", ascii("Jefe"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
                const jwk = await subtle.exportKey("jwk", key);
                const back = await subtle.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
                const wrongAlg = await errorName(subtle.importKey("jwk", { ...jwk, alg: "HS512" }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
                return JSON.stringify(jwk) + " " + back.algorithm.length + " " + wrongAlg;
                """)).isEqualTo("{\"kty\":\"oct\",\"k\":\"SmVmZQ\",\"alg\":\"HS256\",\"key_ops\":[\"sign\"],\"ext\":true} 32 DataError");
    }

    @Test
    void aes_gcm_matches_the_GCM_spec_test_case_2() {
        assertThat(run("""
                const key = await subtle.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt", "decrypt"]);
                const ct = await subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(16));
                const pt = await subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, ct);
                const tampered = new Uint8Array(ct).slice(); tampered[0] ^= 1;
                const err = await errorName(subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, tampered));
                return hex(ct) + " " + hex(pt) + " " + err;
                """)).isEqualTo("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf 00000000000000000000000000000000 OperationError");
    }

    @Test
    void aes_gcm_decrypts_its_own_large_output_and_encrypt_reads_the_data_when_called() {
        assertThat(run("""
                const key = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
                const gcm = { name: "AES-GCM", iv: new Uint8Array(12) };
                const plain = new Uint8Array(1024 * 1024).map((_, i) => i);
                const sealed = subtle.encrypt(gcm, key, plain);
                const original = plain.slice();
                plain.fill(0);
                const opened = new Uint8Array(await subtle.decrypt(gcm, key, await sealed));
                return opened.length + " " + opened.every((x, i) => x === original[i]);
                """)).isEqualTo("1048576 true");
    }

    @Test
    void aes_cbc_and_ctr_round_trip_and_ctr_wraps_within_its_counter_bits() {
        assertThat(run("""
                const raw = crypto.getRandomValues(new Uint8Array(32));
                const cbc = await subtle.importKey("raw", raw, "AES-CBC", false, ["encrypt", "decrypt"]);
                const iv = new Uint8Array(16);
                const c1 = await subtle.encrypt({ name: "AES-CBC", iv }, cbc, ascii("hello"));
                const p1 = asText(await subtle.decrypt({ name: "AES-CBC", iv }, cbc, c1));
                const ctr = await subtle.importKey("raw", raw, "AES-CTR", false, ["encrypt"]);
                const counter = unhex("000000000000000000000000000000ff");
                const wrapped = await subtle.encrypt({ name: "AES-CTR", counter, length: 8 }, ctr, new Uint8Array(32));
                const second = await subtle.encrypt({ name: "AES-CTR", counter: new Uint8Array(16), length: 8 }, ctr, new Uint8Array(16));
                const tooMuch = await errorName(subtle.encrypt({ name: "AES-CTR", counter, length: 1 }, ctr, new Uint8Array(48)));
                return c1.byteLength + " " + p1 + " " + (hex(wrapped).slice(32) === hex(second)) + " " + tooMuch;
                function asText(b) { return String.fromCharCode(...new Uint8Array(b)); }
                """)).isEqualTo("16 hello true OperationError");
    }

    @Test
    void aes_kw_matches_RFC_3394_section_4_1() {
        assertThat(run("""
                const kek = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", true, ["wrapKey", "unwrapKey"]);
                const key = await subtle.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
                const wrapped = await subtle.wrapKey("raw", key, kek, "AES-KW");
                const back = await subtle.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["encrypt"]);
                return hex(wrapped) + " " + hex(await subtle.exportKey("raw", back));
                """)).isEqualTo("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5 00112233445566778899aabbccddeeff");
    }

    @Test
    void pbkdf2_matches_RFC_7914_and_hkdf_matches_RFC_5869_case_1() {
        assertThat(run("""
                const pw = await subtle.importKey("raw", ascii("passwd"), "PBKDF2", false, ["deriveBits"]);
                const p = await subtle.deriveBits({ name: "PBKDF2", salt: ascii("salt"), iterations: 1, hash: "SHA-256" }, pw, 512);
                const ikm = await subtle.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits"]);
                const h = await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"),
                    info: unhex("f0f1f2f3f4f5f6f7f8f9") }, ikm, 42 * 8);
                return hex(p) + " " + hex(h);
                """)).isEqualTo("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
                + " 3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void deriveKey_from_pbkdf2_yields_a_usable_aes_key() {
        assertThat(run("""
                const pw = await subtle.importKey("raw", ascii("secret"), "PBKDF2", false, ["deriveKey"]);
                const key = await subtle.deriveKey({ name: "PBKDF2", salt: ascii("salt"), iterations: 100000, hash: "SHA-256" },
                    pw, { name: "AES-GCM", length: 256 }, true, ["encrypt"]);
                return key.algorithm.name + " " + key.algorithm.length + " " + (await subtle.exportKey("raw", key)).byteLength;
                """)).isEqualTo("AES-GCM 256 32");
    }

    @Test
    void errors_follow_the_spec_names() {
        assertThat(run("""
                const key = await subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt"]);
                return [
                  await errorName(subtle.encrypt({ name: "AES-CBC", iv: new Uint8Array(16) }, key, new Uint8Array(1))),
                  await errorName(subtle.decrypt({ name: "AES-GCM", iv: new Uint8Array(12) }, key, new Uint8Array(32))),
                  await errorName(subtle.exportKey("raw", key)),
                  await errorName(subtle.generateKey({ name: "AES-GCM", length: 100 }, false, ["encrypt"])),
                  await errorName(subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["sign"])),
                  await errorName(subtle.generateKey({ name: "AES-GCM", length: 128 }, false, [])),
                  await errorName(subtle.importKey("raw", new Uint8Array(5), "AES-GCM", false, ["encrypt"])),
                  await errorName(subtle.importKey("jwk", { kty: "oct", k: "%%" }, "AES-GCM", false, ["encrypt"])),
                  await errorName(subtle.importKey("bogus", new Uint8Array(16), "AES-GCM", false, ["encrypt"])),
                  await errorName(subtle.encrypt({ name: "AES-GCM" }, key, new Uint8Array(1))),
                  await errorName(subtle.generateKey({ name: "AES-\u212AW", length: 256 }, false, ["wrapKey"])),
                ].join(" ");
                """)).isEqualTo("InvalidAccessError InvalidAccessError InvalidAccessError OperationError SyntaxError SyntaxError"
                + " DataError DataError TypeError TypeError NotSupportedError");
    }

    @Test
    void exposes_isCryptoKey_and_cloneKey_to_other_apis() throws Exception {
        js.runtime().onLoop(context -> {
            context.getBindings("js").putMember("cryptoInternals", js.runtime().internals().getMember("crypto"));
            return null;
        }).get();
        assertThat(run("""
                const key = await subtle.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-GCM", true, ["encrypt"]);
                const copy = cryptoInternals.cloneKey(key);
                return [cryptoInternals.isCryptoKey(key), cryptoInternals.isCryptoKey({}), copy !== key,
                        copy.algorithm !== key.algorithm, JSON.stringify(copy.algorithm), JSON.stringify(copy.usages),
                        hex(await subtle.exportKey("raw", copy))].join(" ");
                """)).isEqualTo("true false true true {\"name\":\"AES-GCM\",\"length\":128} [\"encrypt\"] 000102030405060708090a0b0c0d0e0f");
    }

    @Test
    void inspects_a_key_with_its_slots() {
        // Node shows `hash: [Object]` one level early; here the algorithm nests like any object.
        assertThat(js.runWithInternals("""
                const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
                return internals.inspect(key) + '|' + internals.inspect(crypto.subtle);
                """)).isEqualTo("""
                CryptoKey {
                  type: 'secret',
                  extractable: true,
                  algorithm: { name: 'HMAC', length: 512, hash: { name: 'SHA-256' } },
                  usages: [ 'sign' ]
                }|SubtleCrypto {}""");
    }
}
