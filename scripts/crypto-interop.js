// WebCrypto interoperability between NANO and Node: one side makes keys and signatures, the other
// imports and verifies them. Runs unchanged in both (only globalThis.crypto). Driven by
// scripts/crypto-interop.sh; INPUT (the other side's output, or null) is prepended by the driver.
const subtle = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
const message = new Uint8Array(Array.from({ length: 100 }, (_, i) => i));

const signers = [
  ...["P-256", "P-384", "P-521"].map((c) => ({ gen: { name: "ECDSA", namedCurve: c }, sig: { name: "ECDSA", hash: "SHA-256" }, label: `ECDSA ${c}` })),
  ...[0, 32, 64].map((salt) => ({
    gen: { name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    sig: { name: "RSA-PSS", saltLength: salt }, label: `RSA-PSS salt ${salt}` })),
  { gen: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-384" },
    sig: { name: "RSASSA-PKCS1-v1_5" }, label: "RSASSA-PKCS1-v1_5" },
  { gen: { name: "Ed25519" }, sig: { name: "Ed25519" }, label: "Ed25519" },
];

async function produce() {
  const out = { signatures: [], oaep: null, ecdh: [] };
  for (const s of signers) {
    const { publicKey, privateKey } = await subtle.generateKey(s.gen, true, ["sign", "verify"]);
    out.signatures.push({
      label: s.label,
      jwk: await subtle.exportKey("jwk", publicKey),
      spki: hex(await subtle.exportKey("spki", publicKey)),
      pkcs8: hex(await subtle.exportKey("pkcs8", privateKey)),
      privateJwk: await subtle.exportKey("jwk", privateKey),
      signature: hex(await subtle.sign(s.sig, privateKey, message)),
    });
  }
  const oaep = await subtle.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true, ["encrypt", "decrypt"]);
  out.oaep = { pkcs8: hex(await subtle.exportKey("pkcs8", oaep.privateKey)),
    ciphertext: hex(await subtle.encrypt({ name: "RSA-OAEP", label: message }, oaep.publicKey, message)) };
  for (const alg of [{ name: "ECDH", namedCurve: "P-384" }, { name: "X25519" }]) {
    const pair = await subtle.generateKey(alg, true, ["deriveBits"]);
    out.ecdh.push({ alg, pkcs8: hex(await subtle.exportKey("pkcs8", pair.privateKey)), jwk: await subtle.exportKey("jwk", pair.publicKey) });
  }
  return out;
}

async function check(input) {
  const results = [];
  const record = (label, ok) => results.push(`${ok ? "ok  " : "FAIL"} ${label}`);
  for (const item of input.signatures) {
    const s = signers.find((x) => x.label === item.label);
    const fromJwk = await subtle.importKey("jwk", item.jwk, s.gen, true, ["verify"]);
    const fromSpki = await subtle.importKey("spki", unhex(item.spki), s.gen, true, ["verify"]);
    record(`${item.label}: verify peer signature (JWK key)`, await subtle.verify(s.sig, fromJwk, unhex(item.signature), message));
    record(`${item.label}: verify peer signature (SPKI key)`, await subtle.verify(s.sig, fromSpki, unhex(item.signature), message));
    for (const [format, data] of [["pkcs8", unhex(item.pkcs8)], ["jwk", item.privateJwk]]) {
      const priv = await subtle.importKey(format, data, s.gen, true, ["sign"]);
      const own = await subtle.sign(s.sig, priv, message);
      record(`${item.label}: sign with peer ${format} private key, verify`, await subtle.verify(s.sig, fromSpki, own, message));
    }
    record(`${item.label}: re-exported JWK equals peer's`, JSON.stringify(sorted(await subtle.exportKey("jwk", fromJwk))) === JSON.stringify(sorted(item.jwk)));
  }
  const oaepKey = await subtle.importKey("pkcs8", unhex(input.oaep.pkcs8), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["decrypt"]);
  const plain = await subtle.decrypt({ name: "RSA-OAEP", label: message }, oaepKey, unhex(input.oaep.ciphertext));
  record("RSA-OAEP: decrypt peer ciphertext with peer pkcs8 key", hex(plain) === hex(message));
  for (const peer of input.ecdh) {
    const mine = await subtle.generateKey(peer.alg, true, ["deriveBits"]);
    const peerPublic = await subtle.importKey("jwk", peer.jwk, peer.alg, true, []);
    const peerPrivate = await subtle.importKey("pkcs8", unhex(peer.pkcs8), peer.alg, true, ["deriveBits"]);
    const a = await subtle.deriveBits({ name: peer.alg.name, public: peerPublic }, mine.privateKey, 256);
    const b = await subtle.deriveBits({ name: peer.alg.name, public: mine.publicKey }, peerPrivate, 256);
    record(`${peer.alg.name}: shared secret agrees with peer key`, hex(a) === hex(b));
  }
  return results;
}

function sorted(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

(async () => {
  // NANO loads its native provider (AWS-LC) in the background on the first use of crypto (above);
  // waiting for it makes the checks exercise it rather than the JDK/Bouncy Castle path.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const checked = INPUT === null ? [] : await check(INPUT);
  console.log(JSON.stringify({ checked, produced: await produce() }));
})().catch((e) => console.log(JSON.stringify({ error: String(e && e.stack || e) })));
