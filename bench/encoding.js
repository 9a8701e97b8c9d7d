// TextEncoder/TextDecoder throughput on 1 MB, the same code in NANO and Node: ops/s per case,
// printed as one JSON line. The "JS loop" cases are a plain-JS UTF-8 codec, to compare the
// runtime's codec (NANO: Java, one bulk copy each way) with doing the work in script.
const WARMUP_MS = Number(globalThis.BENCH_WARMUP_MS ?? 1500);
const MEASURE_MS = Number(globalThis.BENCH_MEASURE_MS ?? 2000);

function rate(op) {
  for (const end = Date.now() + WARMUP_MS; Date.now() < end;) op();
  let n = 0;
  const start = Date.now();
  for (const end = start + MEASURE_MS; Date.now() < end; n++) op();
  return (n * 1000) / (Date.now() - start);
}

function jsEncode(s) {
  const out = new Uint8Array(s.length * 3);
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) { out[j++] = c; continue; }
    if (c < 0x800) { out[j++] = 0xc0 | (c >> 6); out[j++] = 0x80 | (c & 63); continue; }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[j++] = 0xf0 | (c >> 18); out[j++] = 0x80 | ((c >> 12) & 63);
      out[j++] = 0x80 | ((c >> 6) & 63); out[j++] = 0x80 | (c & 63);
      continue;
    }
    out[j++] = 0xe0 | (c >> 12); out[j++] = 0x80 | ((c >> 6) & 63); out[j++] = 0x80 | (c & 63);
  }
  return out.slice(0, j);
}

function jsDecode(b) {
  const units = new Uint16Array(b.length);
  let j = 0;
  for (let i = 0; i < b.length;) {
    const x = b[i];
    let c;
    if (x < 0x80) { c = x; i += 1; }
    else if (x < 0xe0) { c = ((x & 31) << 6) | (b[i + 1] & 63); i += 2; }
    else if (x < 0xf0) { c = ((x & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63); i += 3; }
    else {
      c = (((x & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63)) - 0x10000;
      units[j++] = 0xd800 + (c >> 10); c = 0xdc00 + (c & 1023); i += 4;
    }
    units[j++] = c;
  }
  let s = "";
  for (let k = 0; k < j; k += 8192) s += String.fromCharCode.apply(null, units.subarray(k, Math.min(j, k + 8192)));
  return s;
}

const ascii = "The quick brown fox jumps over the lazy dog. ".repeat(23302).slice(0, 1 << 20);
const mixed = "héllo wörld € 𝄞 日本語 ".repeat(40000).slice(0, 1 << 19);
const enc = new TextEncoder();
const dec = new TextDecoder();
const asciiBytes = enc.encode(ascii);
const mixedBytes = enc.encode(mixed);
if (dec.decode(mixedBytes) !== mixed || jsDecode(mixedBytes) !== mixed || jsEncode(mixed).length !== mixedBytes.length) {
  throw new Error("codecs disagree");
}

const results = {
  "encode 1 MB ASCII": rate(() => enc.encode(ascii)),
  "encode 1 MB mixed": rate(() => enc.encode(mixed)),
  "decode 1 MB ASCII": rate(() => dec.decode(asciiBytes)),
  "decode 1 MB mixed": rate(() => dec.decode(mixedBytes)),
  "JS loop encode 1 MB ASCII": rate(() => jsEncode(ascii)),
  "JS loop decode 1 MB ASCII": rate(() => jsDecode(asciiBytes)),
};
console.log(JSON.stringify(results));
