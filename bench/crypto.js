// WebCrypto throughput, the same code in NANO and Node: ops/s per case, printed as one JSON line.
// Each case runs sequentially (await per op) for a warm-up then a measured window. Both run the
// same measure() loop, so the JIT has compiled the measured code during the warm-up (a second loop
// would be compiled at the start of the measured window, the compiler competing with the work).
const subtle = crypto.subtle;
const WARMUP_MS = Number(globalThis.BENCH_WARMUP_MS ?? 1500);
const MEASURE_MS = Number(globalThis.BENCH_MEASURE_MS ?? 2000);

async function measure(op, ms) {
  let n = 0;
  const start = Date.now();
  for (const end = start + ms; Date.now() < end; n++) await op();
  return (n * 1000) / (Date.now() - start);
}

async function rate(op) {
  for (const end = Date.now() + WARMUP_MS; Date.now() < end;) await measure(op, Math.min(1000, WARMUP_MS));
  return measure(op, MEASURE_MS);
}

(async () => {
  const kib = crypto.getRandomValues(new Uint8Array(1024));
  const mib = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mib.length; i += 65536) crypto.getRandomValues(mib.subarray(i, i + 65536));
  const hmac = await subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const aes = await subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  const iv = new Uint8Array(12);
  const ec = await subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const ecParams = { name: "ECDSA", hash: "SHA-256" };
  const ecSig = await subtle.sign(ecParams, ec.privateKey, kib);
  const rsa = await subtle.generateKey({ name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    false, ["sign", "verify"]);
  const pss = { name: "RSA-PSS", saltLength: 32 };
  const rsaSig = await subtle.sign(pss, rsa.privateKey, kib);
  const ed = await subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);

  const cases = {
    "SHA-256 1 KiB": () => subtle.digest("SHA-256", kib),
    "SHA-256 1 MiB": () => subtle.digest("SHA-256", mib),
    "HMAC-SHA256 sign 1 KiB": () => subtle.sign("HMAC", hmac, kib),
    "AES-256-GCM enc+dec 1 MiB": async () => subtle.decrypt({ name: "AES-GCM", iv }, aes, await subtle.encrypt({ name: "AES-GCM", iv }, aes, mib)),
    "ECDSA P-256 sign": () => subtle.sign(ecParams, ec.privateKey, kib),
    "ECDSA P-256 verify": () => subtle.verify(ecParams, ec.publicKey, ecSig, kib),
    "RSA-PSS 2048 sign": () => subtle.sign(pss, rsa.privateKey, kib),
    "RSA-PSS 2048 verify": () => subtle.verify(pss, rsa.publicKey, rsaSig, kib),
    "Ed25519 sign": () => subtle.sign("Ed25519", ed.privateKey, kib),
  };
  const only = globalThis.BENCH_ONLY;
  const results = {};
  for (const [name, op] of Object.entries(cases)) {
    if (only && !name.includes(only)) continue;
    results[name] = await rate(op);
  }
  console.log(JSON.stringify(results));
})();
