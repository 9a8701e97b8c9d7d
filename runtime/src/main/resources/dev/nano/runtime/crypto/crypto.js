// Web Cryptography API (W3C WebCrypto Level 2 / WICG secure curves): crypto.getRandomValues,
// crypto.randomUUID, crypto.subtle and CryptoKey. This half does WebIDL conversion, algorithm
// normalization (§18.4), usage and format checks and JWK handling; the host ops do the math.
(function (ops, internals) {
  "use strict";
  const { DOMException, webidl } = internals;

  const error = (name, message) => (name === "TypeError" ? new TypeError(message) : new DOMException(message, name));

  // Host ops reach this script wrapped (internals.wrapOps): a host failure arrives as the JS error it names.
  /** Host bytes (a fresh ByteBuffer) → an ArrayBuffer viewing them: copying would cost more than the op. */
  const viewOf = (bytes) => new Uint8Array(bytes).buffer;
  /** An op's result: bytes now (small inputs, on the loop) or a HostPromise of bytes (worker pool). */
  const hostBytes = (result) => (typeof result.then === "function" ? settledBytes(result) : viewOf(result));
  const settledBytes = async (pending) => viewOf(await pending);
  const bytesOf = (buffer) => new Uint8Array(buffer).slice();

  // ---- CryptoKey (§13): not constructible; slots live in a WeakMap.
  const slots = new WeakMap();
  const usageOrder = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  class CryptoKey {
    constructor() {
      throw new TypeError("Illegal constructor");
    }
    get type() {
      return slotsOf(this).type;
    }
    get extractable() {
      return slotsOf(this).extractable;
    }
    get algorithm() {
      return slotsOf(this).algorithm;
    }
    get usages() {
      return slotsOf(this).usagesCache;
    }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: "CryptoKey", configurable: true });
  for (const name of ["type", "extractable", "algorithm", "usages"]) {
    Object.defineProperty(CryptoKey.prototype, name, { enumerable: true });
  }
  internals.markSideEffectFree(CryptoKey.prototype, "type", "extractable", "algorithm", "usages");
  // As Node shows it: CryptoKey { type: 'secret', extractable: true, algorithm: {...}, usages: [ 'sign' ] }.
  Object.defineProperty(CryptoKey.prototype, Symbol.for("nodejs.util.inspect.custom"), {
    value: function () {
      const s = slots.get(this);
      if (s === undefined) return this;
      return internals.inspect.named("CryptoKey", { type: s.type, extractable: s.extractable, algorithm: s.algorithm, usages: s.usagesCache });
    },
    writable: true,
    configurable: true,
  });

  function slotsOf(key) {
    const s = slots.get(key);
    if (s === undefined) throw new TypeError("Illegal invocation");
    return s;
  }
  const isCryptoKey = (value) => slots.has(value);

  function newKey(type, extractable, algorithm, usages, handle) {
    const key = Object.create(CryptoKey.prototype);
    const sorted = usageOrder.filter((u) => usages.includes(u));
    slots.set(key, { type, extractable, algorithm, usages: sorted, usagesCache: sorted.slice(), handle });
    return key;
  }

  /** A copy of a CryptoKey sharing its (immutable) key material: for structuredClone. */
  function cloneKey(key) {
    const s = slotsOf(key);
    return newKey(s.type, s.extractable, cloneAlgorithm(s.algorithm), s.usages, s.handle);
  }
  function cloneAlgorithm(alg) {
    const copy = { ...alg };
    if (alg.hash) copy.hash = { ...alg.hash };
    if (alg.publicExponent) copy.publicExponent = alg.publicExponent.slice();
    return copy;
  }

  // ---- algorithm normalization (§18.4)
  const hashNames = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
  const rsaNames = ["RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"];
  const aesNames = ["AES-CTR", "AES-CBC", "AES-GCM", "AES-KW"];
  const okpNames = ["Ed25519", "Ed448", "X25519", "X448"];
  const allNames = [...hashNames, ...rsaNames, ...aesNames, ...okpNames, "ECDSA", "ECDH", "HMAC", "HKDF", "PBKDF2"];

  // Member types of each parameters dictionary; members in WebIDL (lexicographic) order.
  const dictionaries = {
    RsaHashedKeyGenParams: { hash: "hash", modulusLength: "ulong", publicExponent: "bigint" },
    RsaHashedImportParams: { hash: "hash" },
    RsaPssParams: { saltLength: "ulong" },
    RsaOaepParams: { label: "buffer?" },
    EcKeyGenParams: { namedCurve: "string" },
    EcKeyImportParams: { namedCurve: "string" },
    EcdsaParams: { hash: "hash" },
    EcdhKeyDeriveParams: { public: "key" },
    HmacKeyGenParams: { hash: "hash", length: "ulong?" },
    HmacImportParams: { hash: "hash", length: "ulong?" },
    AesKeyGenParams: { length: "ushort" },
    AesDerivedKeyParams: { length: "ushort" },
    AesCtrParams: { counter: "buffer", length: "octet" },
    AesCbcParams: { iv: "buffer" },
    AesGcmParams: { additionalData: "buffer?", iv: "buffer", tagLength: "octet?" },
    HkdfParams: { hash: "hash", info: "buffer", salt: "buffer" },
    Pbkdf2Params: { hash: "hash", iterations: "ulong", salt: "buffer" },
    Ed448Params: { context: "buffer?" },
    None: {},
  };

  // §18.4.1 registered algorithms per operation: name → parameters dictionary.
  const registry = { digest: {}, generateKey: {}, importKey: {}, exportKey: {}, sign: {}, verify: {}, encrypt: {}, decrypt: {},
    deriveBits: {}, "get key length": {}, wrapKey: {}, unwrapKey: {} };
  const register = (operations, names, dictionary) => {
    for (const op of operations) for (const name of names) registry[op][name] = dictionary;
  };
  register(["digest"], hashNames, "None");
  register(["generateKey"], rsaNames, "RsaHashedKeyGenParams");
  register(["importKey"], rsaNames, "RsaHashedImportParams");
  register(["exportKey"], [...rsaNames, "ECDSA", "ECDH", "HMAC", ...aesNames, ...okpNames], "None");
  register(["sign", "verify"], ["RSASSA-PKCS1-v1_5", "HMAC", "Ed25519"], "None");
  register(["sign", "verify"], ["RSA-PSS"], "RsaPssParams");
  register(["sign", "verify"], ["ECDSA"], "EcdsaParams");
  register(["sign", "verify"], ["Ed448"], "Ed448Params");
  register(["encrypt", "decrypt"], ["RSA-OAEP"], "RsaOaepParams");
  register(["encrypt", "decrypt"], ["AES-CTR"], "AesCtrParams");
  register(["encrypt", "decrypt"], ["AES-CBC"], "AesCbcParams");
  register(["encrypt", "decrypt"], ["AES-GCM"], "AesGcmParams");
  register(["wrapKey", "unwrapKey"], ["AES-KW"], "None");
  register(["generateKey"], ["ECDSA", "ECDH"], "EcKeyGenParams");
  register(["importKey"], ["ECDSA", "ECDH"], "EcKeyImportParams");
  register(["generateKey", "importKey"], okpNames, "None");
  register(["deriveBits"], ["ECDH", "X25519", "X448"], "EcdhKeyDeriveParams");
  register(["generateKey"], ["HMAC"], "HmacKeyGenParams");
  register(["importKey", "get key length"], ["HMAC"], "HmacImportParams");
  register(["generateKey"], aesNames, "AesKeyGenParams");
  register(["importKey"], [...aesNames, "HKDF", "PBKDF2"], "None");
  register(["get key length"], aesNames, "AesDerivedKeyParams");
  register(["get key length"], ["HKDF", "PBKDF2"], "None");
  register(["deriveBits"], ["HKDF"], "HkdfParams");
  register(["deriveBits"], ["PBKDF2"], "Pbkdf2Params");

  const asciiLowercase = (text) => text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
  // Per operation, built once: registered name → [name, dictionary members], and its ASCII-lowercase → the same.
  const lookup = {};
  for (const [op, names] of Object.entries(registry)) {
    const exact = new Map();
    const lowercase = new Map();
    for (const [name, dictionary] of Object.entries(names)) {
      const entry = [name, Object.entries(dictionaries[dictionary])];
      exact.set(name, entry);
      lowercase.set(asciiLowercase(name), entry);
    }
    lookup[op] = { exact, lowercase };
  }

  function normalizeAlgorithm(algorithm, op) {
    if (typeof algorithm === "string") return normalizeAlgorithm({ name: algorithm }, op);
    if (algorithm === null || (typeof algorithm !== "object" && typeof algorithm !== "function")) {
      throw new TypeError("Algorithm: expected an object or a string");
    }
    const rawName = algorithm.name;
    if (rawName === undefined) throw new TypeError("Algorithm: name is required");
    // ASCII case-insensitive match (§18.4 step 5): "K" (U+212A KELVIN SIGN) must not match "k".
    const text = String(rawName);
    const names = lookup[op];
    const entry = names.exact.get(text) ?? names.lowercase.get(asciiLowercase(text));
    if (entry === undefined) throw new DOMException(`Unrecognized algorithm name for ${op}: ${rawName}`, "NotSupportedError");
    const name = entry[0];
    const members = entry[1];
    const result = { name };
    for (let i = 0; i < members.length; i++) {
      const member = members[i][0];
      const type = members[i][1];
      const value = algorithm[member];
      const optional = type.endsWith("?");
      if (value === undefined) {
        if (optional) continue;
        throw new TypeError(`${name}: ${member} is required`);
      }
      result[member] = convert(value, optional ? type.slice(0, -1) : type, `${name}.${member}`);
    }
    return result;
  }

  function convert(value, type, context) {
    switch (type) {
      case "hash":
        return normalizeAlgorithm(value, "digest");
      case "ulong":
        return webidl.enforceRange(value, 0, 0xffffffff, context);
      case "ushort":
        return webidl.enforceRange(value, 0, 0xffff, context);
      case "octet":
        return webidl.enforceRange(value, 0, 0xff, context);
      case "string":
        return String(value);
      case "bigint":
        if (!(value instanceof Uint8Array)) throw new TypeError(`${context} must be a Uint8Array`);
        return value.slice();
      case "buffer":
        return webidl.copyBytes(value, context);
      case "key":
        if (!isCryptoKey(value)) throw new TypeError(`${context} must be a CryptoKey`);
        return value;
      default:
        throw new TypeError(`unknown member type ${type}`);
    }
  }

  // ---- shared checks
  function checkUsages(usages, allowed) {
    for (const u of usages) {
      if (!allowed.includes(u)) throw new DOMException(`Usage ${u} is not valid for this key`, "SyntaxError");
    }
  }
  function requireKey(key, name, usage) {
    const s = slotsOf(key);
    if (s.algorithm.name !== name) throw new DOMException(`Key algorithm is ${s.algorithm.name}, not ${name}`, "InvalidAccessError");
    if (!s.usages.includes(usage)) throw new DOMException(`Key usages do not include ${usage}`, "InvalidAccessError");
    return s;
  }
  const hashAlg = (hash) => ({ name: hash.name });
  const hashBits = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const hashOut = { "SHA-1": 160, "SHA-256": 256, "SHA-384": 384, "SHA-512": 512 };

  // ---- base64url and JWK (RFC 7517/7518, §14.3.x)
  function b64urlEncode(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoaLike(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  const b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function btoaLike(binary) {
    let out = "";
    let i = 0;
    for (; i + 2 < binary.length; i += 3) {
      const n = (binary.charCodeAt(i) << 16) | (binary.charCodeAt(i + 1) << 8) | binary.charCodeAt(i + 2);
      out += b64chars[n >> 18] + b64chars[(n >> 12) & 63] + b64chars[(n >> 6) & 63] + b64chars[n & 63];
    }
    if (i < binary.length) {
      const rest = binary.length - i;
      const n = (binary.charCodeAt(i) << 16) | (rest > 1 ? binary.charCodeAt(i + 1) << 8 : 0);
      out += b64chars[n >> 18] + b64chars[(n >> 12) & 63] + (rest > 1 ? b64chars[(n >> 6) & 63] : "=") + "=";
    }
    return out;
  }
  function b64urlDecode(text, member) {
    if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
      throw new DOMException(`JWK member ${member} is not valid base64url`, "DataError");
    }
    const out = new Uint8Array(Math.floor((text.length * 3) / 4));
    let bits = 0;
    let acc = 0;
    let o = 0;
    for (const ch of text) {
      const v = ch === "-" ? 62 : ch === "_" ? 63 : b64chars.indexOf(ch);
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    }
    return out.subarray(0, o);
  }

  // JsonWebKey dictionary conversion (WebIDL): only known members, with their types.
  const jwkStringMembers = ["kty", "use", "alg", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k"];
  function toJwkDictionary(value) {
    if (value === null || typeof value !== "object") throw new TypeError("keyData must be a JsonWebKey object");
    const jwk = {};
    for (const m of jwkStringMembers) if (value[m] !== undefined) jwk[m] = String(value[m]);
    if (value.ext !== undefined) jwk.ext = Boolean(value.ext);
    if (value.key_ops !== undefined) {
      if (value.key_ops === null || typeof value.key_ops !== "object" || typeof value.key_ops[Symbol.iterator] !== "function") {
        throw new TypeError("JWK key_ops must be a sequence");
      }
      jwk.key_ops = Array.from(value.key_ops, String);
    }
    if (value.oth !== undefined) jwk.oth = value.oth;
    return jwk;
  }

  /** The spec's common JWK checks: kty, use, key_ops, ext (§14.3.9 step 2 and per algorithm). */
  function checkJwk(jwk, kty, usages, extractable, expectedUse) {
    if (jwk.kty !== kty) throw new DOMException(`JWK kty must be ${kty}`, "DataError");
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== expectedUse) {
      throw new DOMException(`JWK use must be ${expectedUse}`, "DataError");
    }
    if (jwk.key_ops !== undefined) {
      if (new Set(jwk.key_ops).size !== jwk.key_ops.length) throw new DOMException("JWK key_ops has duplicates", "DataError");
      for (const u of usages) {
        if (!jwk.key_ops.includes(u)) throw new DOMException(`JWK key_ops does not allow ${u}`, "DataError");
      }
    }
    if (jwk.ext === false && extractable) throw new DOMException("JWK ext is false but the key is extractable", "DataError");
  }
  function exportJwk(s, members) {
    return { ...members, key_ops: s.usages.slice(), ext: s.extractable };
  }

  // ---- per-algorithm behaviour
  const secretUsages = {
    HMAC: ["sign", "verify"],
    "AES-CTR": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    "AES-CBC": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    "AES-GCM": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
    "AES-KW": ["wrapKey", "unwrapKey"],
    HKDF: ["deriveKey", "deriveBits"],
    PBKDF2: ["deriveKey", "deriveBits"],
  };
  // [public usages, private usages]
  const pairUsages = {
    "RSASSA-PKCS1-v1_5": [["verify"], ["sign"]],
    "RSA-PSS": [["verify"], ["sign"]],
    "RSA-OAEP": [["encrypt", "wrapKey"], ["decrypt", "unwrapKey"]],
    ECDSA: [["verify"], ["sign"]],
    Ed25519: [["verify"], ["sign"]],
    Ed448: [["verify"], ["sign"]],
    ECDH: [[], ["deriveKey", "deriveBits"]],
    X25519: [[], ["deriveKey", "deriveBits"]],
    X448: [[], ["deriveKey", "deriveBits"]],
  };
  const curves = ["P-256", "P-384", "P-521"];
  const aesJwkAlg = { "AES-CTR": "CTR", "AES-CBC": "CBC", "AES-GCM": "GCM", "AES-KW": "KW" };
  const rsaJwkAlg = {
    "RSASSA-PKCS1-v1_5": { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
    "RSA-PSS": { "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
    "RSA-OAEP": { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" },
  };
  const hmacJwkAlg = (hash) => `HS${hash.slice(4)}`;
  const ecJwkAlg = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

  async function generateKey(alg, extractable, usages) {
    const name = alg.name;
    if (secretUsages[name] && name !== "HKDF" && name !== "PBKDF2") {
      checkUsages(usages, secretUsages[name]);
      let length;
      let algorithm;
      if (name === "HMAC") {
        length = alg.length ?? hashBits[alg.hash.name];
        if (length === 0) throw new DOMException("HMAC key length must not be zero", "OperationError");
        algorithm = { name, length, hash: hashAlg(alg.hash) };
      } else {
        if (![128, 192, 256].includes(alg.length)) throw new DOMException("AES key length must be 128, 192 or 256", "OperationError");
        length = alg.length;
        algorithm = { name, length };
      }
      return newKey("secret", extractable, algorithm, usages, ops.generateSecret(length));
    }
    const [publicUsages, privateUsages] = pairUsages[name];
    checkUsages(usages, [...publicUsages, ...privateUsages]);
    let handles;
    let algorithm;
    if (rsaNames.includes(name)) {
      handles = await ops.generateRsa(alg.modulusLength, alg.publicExponent);
      algorithm = { name, modulusLength: alg.modulusLength, publicExponent: alg.publicExponent, hash: hashAlg(alg.hash) };
    } else if (name === "ECDSA" || name === "ECDH") {
      if (!curves.includes(alg.namedCurve)) throw new DOMException(`Unsupported namedCurve ${alg.namedCurve}`, "NotSupportedError");
      handles = ops.generateEc(alg.namedCurve);
      algorithm = { name, namedCurve: alg.namedCurve };
    } else {
      handles = ops.generateOkp(name);
      algorithm = { name };
    }
    const publicKey = newKey("public", true, algorithm, usages.filter((u) => publicUsages.includes(u)), handles[0]);
    const privateKey = newKey("private", extractable, cloneAlgorithm(algorithm), usages.filter((u) => privateUsages.includes(u)), handles[1]);
    return { publicKey, privateKey };
  }

  function importKey(format, keyData, alg, extractable, usages) {
    const name = alg.name;
    if (secretUsages[name]) return importSecretKey(format, keyData, alg, extractable, usages);
    const [publicUsages, privateUsages] = pairUsages[name];
    const family = rsaNames.includes(name) ? "RSA" : name === "ECDSA" ? "EC" : name === "ECDH" ? "ECDH" : "OKP";
    const curve = family === "EC" || family === "ECDH" ? alg.namedCurve : family === "OKP" ? name : null;
    if ((family === "EC" || family === "ECDH") && !curves.includes(curve)) {
      throw new DOMException(`Unsupported namedCurve ${curve}`, "NotSupportedError");
    }
    let handle;
    let type;
    if (format === "jwk") {
      const jwk = keyData;
      type = jwk.d !== undefined ? "private" : "public";
      checkUsages(usages, type === "private" ? privateUsages : publicUsages);
      handle = importAsymmetricJwk(family, name, curve, alg, jwk, usages, extractable);
    } else {
      if (format === "raw") {
        if (family === "RSA") throw new DOMException(`${name} keys cannot be imported as raw`, "NotSupportedError");
        type = "public";
      } else if (format === "spki") {
        type = "public";
      } else {
        type = "private";
      }
      checkUsages(usages, type === "private" ? privateUsages : publicUsages);
      handle = ops.importKey(family, format, curve, keyData);
    }
    let algorithm;
    if (family === "RSA") {
      const [modulusLength, exponent] = ops.rsaInfo(handle);
      algorithm = { name, modulusLength, publicExponent: new Uint8Array(exponent).slice(), hash: hashAlg(alg.hash) };
    } else if (family === "OKP") {
      algorithm = { name };
    } else {
      algorithm = { name, namedCurve: curve };
    }
    return newKey(type, extractable, algorithm, usages, handle);
  }

  function importAsymmetricJwk(family, name, curve, alg, jwk, usages, extractable) {
    const isPrivate = jwk.d !== undefined;
    const expectedUse = name === "RSA-OAEP" || family === "ECDH" || name === "X25519" || name === "X448" ? "enc" : "sig";
    if (family === "RSA") {
      checkJwk(jwk, "RSA", usages, extractable, expectedUse);
      if (jwk.alg !== undefined && jwk.alg !== rsaJwkAlg[name][alg.hash.name]) {
        throw new DOMException(`JWK alg ${jwk.alg} does not match ${name} with ${alg.hash.name}`, "DataError");
      }
      for (const m of ["n", "e", ...(isPrivate ? ["d", "p", "q", "dp", "dq", "qi"] : [])]) {
        if (jwk[m] !== undefined) b64urlDecode(jwk[m], m);
      }
      return ops.importRsaJwk(jwk.n ?? null, jwk.e ?? null, jwk.d ?? null, jwk.p ?? null, jwk.q ?? null,
        jwk.dp ?? null, jwk.dq ?? null, jwk.qi ?? null);
    }
    if (family === "EC" || family === "ECDH") {
      checkJwk(jwk, "EC", usages, extractable, expectedUse);
      if (jwk.crv !== curve) throw new DOMException(`JWK crv ${jwk.crv} does not match ${curve}`, "DataError");
      if (family === "EC" && jwk.alg !== undefined && jwk.alg !== ecJwkAlg[curve]) {
        throw new DOMException(`JWK alg ${jwk.alg} does not match ${curve}`, "DataError");
      }
      for (const m of ["x", "y", ...(isPrivate ? ["d"] : [])]) b64urlDecode(jwk[m] ?? "?", m);
      return ops.importEcJwk(curve, jwk.x, jwk.y, jwk.d ?? null);
    }
    checkJwk(jwk, "OKP", usages, extractable, expectedUse);
    if (jwk.crv !== name) throw new DOMException(`JWK crv ${jwk.crv} does not match ${name}`, "DataError");
    if (jwk.alg !== undefined && (name === "Ed25519" || name === "Ed448") && jwk.alg !== "EdDSA" && jwk.alg !== name) {
      throw new DOMException(`JWK alg ${jwk.alg} is not EdDSA`, "DataError");
    }
    b64urlDecode(jwk.x ?? "?", "x");
    if (isPrivate) b64urlDecode(jwk.d, "d");
    return ops.importOkpJwk(name, jwk.x, jwk.d ?? null);
  }

  function importSecretKey(format, keyData, alg, extractable, usages) {
    const name = alg.name;
    checkUsages(usages, secretUsages[name]);
    let bytes;
    if (name === "HKDF" || name === "PBKDF2") {
      if (format !== "raw") throw new DOMException(`${name} keys can only be imported as raw`, "NotSupportedError");
      if (extractable) throw new DOMException(`${name} keys cannot be extractable`, "SyntaxError");
      return newKey("secret", false, { name }, usages, ops.importSecret(keyData));
    }
    if (format === "raw") {
      bytes = keyData;
    } else if (format === "jwk") {
      const jwk = keyData;
      checkJwk(jwk, "oct", usages, extractable, name === "HMAC" ? "sig" : "enc");
      if (jwk.k === undefined) throw new DOMException("JWK k is missing", "DataError");
      bytes = b64urlDecode(jwk.k, "k");
      if (name === "HMAC") {
        if (jwk.alg !== undefined && jwk.alg !== hmacJwkAlg(alg.hash.name)) {
          throw new DOMException(`JWK alg ${jwk.alg} does not match HMAC with ${alg.hash.name}`, "DataError");
        }
      } else if (jwk.alg !== undefined && jwk.alg !== `A${bytes.length * 8}${aesJwkAlg[name]}`) {
        throw new DOMException(`JWK alg ${jwk.alg} does not match the key`, "DataError");
      }
    } else {
      throw new DOMException(`${name} keys cannot be imported as ${format}`, "NotSupportedError");
    }
    if (name === "HMAC") {
      const bits = bytes.byteLength * 8;
      if (bits === 0) throw new DOMException("HMAC key data must not be empty", "DataError");
      let length = bits;
      if (alg.length !== undefined) {
        if (alg.length > bits || alg.length <= bits - 8) throw new DOMException("HMAC length does not match the key data", "DataError");
        length = alg.length;
      }
      return newKey("secret", extractable, { name, length, hash: hashAlg(alg.hash) }, usages, ops.importSecret(bytes));
    }
    const bits = bytes.byteLength * 8;
    if (![128, 192, 256].includes(bits)) throw new DOMException("AES key data must be 128, 192 or 256 bits", "DataError");
    return newKey("secret", extractable, { name, length: bits }, usages, ops.importSecret(bytes));
  }

  function exportKey(format, key) {
    const s = slotsOf(key);
    const name = s.algorithm.name;
    if (name === "HKDF" || name === "PBKDF2") throw new DOMException(`${name} keys cannot be exported`, "NotSupportedError");
    if (!s.extractable) throw new DOMException("Key is not extractable", "InvalidAccessError");
    if (format !== "jwk") {
      // Formats the algorithm lacks are NotSupportedError; a format for the other key type is InvalidAccessError.
      const supported = s.type === "secret" ? ["raw"] : rsaNames.includes(name) ? ["spki", "pkcs8"] : ["spki", "pkcs8", "raw"];
      if (!supported.includes(format)) throw new DOMException(`${name} keys cannot be exported as ${format}`, "NotSupportedError");
      const needed = format === "pkcs8" ? "private" : s.type === "secret" ? "secret" : "public";
      if (s.type !== needed) throw new DOMException(`Cannot export a ${s.type} ${name} key as ${format}`, "InvalidAccessError");
      return new Uint8Array(ops.exportKey(s.handle, format)).slice().buffer;
    }
    const members = JSON.parse(ops.exportJwk(s.handle));
    if (s.type === "secret") {
      const alg = name === "HMAC" ? hmacJwkAlg(s.algorithm.hash.name) : `A${s.algorithm.length}${aesJwkAlg[name]}`;
      return exportJwk(s, { kty: "oct", k: members.k, alg });
    }
    if (rsaNames.includes(name)) {
      return exportJwk(s, { kty: "RSA", alg: rsaJwkAlg[name][s.algorithm.hash.name], ...members });
    }
    if (name === "ECDSA" || name === "ECDH") {
      return exportJwk(s, { kty: "EC", crv: s.algorithm.namedCurve, ...members });
    }
    return exportJwk(s, { kty: "OKP", crv: name, ...(name.startsWith("Ed") ? { alg: name } : {}), ...members });
  }

  /** {@code data} may be the caller's BufferSource: the op copies it before anything else can run. */
  async function encryptOrDecrypt(encrypt, alg, s, data) {
    const handle = s.handle;
    switch (alg.name) {
      case "AES-GCM": {
        const tagLength = alg.tagLength ?? 128;
        if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) throw new DOMException("Invalid AES-GCM tagLength", "OperationError");
        if (!encrypt && data.byteLength < tagLength / 8) throw new DOMException("AES-GCM data is shorter than the tag", "OperationError");
        return hostBytes(ops.aesGcm(encrypt, handle, alg.iv, alg.additionalData ?? null, tagLength, data));
      }
      case "AES-CBC":
        if (alg.iv.byteLength !== 16) throw new DOMException("AES-CBC iv must be 16 bytes", "OperationError");
        return hostBytes(ops.aesCbc(encrypt, handle, alg.iv, data));
      case "AES-CTR":
        if (alg.counter.byteLength !== 16) throw new DOMException("AES-CTR counter must be 16 bytes", "OperationError");
        if (alg.length === 0 || alg.length > 128) throw new DOMException("AES-CTR length must be 1..128", "OperationError");
        return hostBytes(ops.aesCtr(handle, alg.counter, alg.length, data));
      case "RSA-OAEP":
        if (s.type !== (encrypt ? "public" : "private")) throw new DOMException("RSA-OAEP key has the wrong type", "InvalidAccessError");
        return hostBytes(ops.rsaOaep(encrypt, s.algorithm.hash.name, handle, alg.label ?? null, data));
      default:
        throw new DOMException(`${alg.name} cannot ${encrypt ? "encrypt" : "decrypt"}`, "NotSupportedError");
    }
  }

  /** {@code data} and {@code signature} may be the caller's BufferSources: the op copies them at once. */
  async function signOrVerify(sign, alg, s, data, signature) {
    const handle = s.handle;
    const needed = sign ? (s.type === "secret" ? "secret" : "private") : s.type === "secret" ? "secret" : "public";
    if (s.type !== needed) throw new DOMException("Key has the wrong type for this operation", "InvalidAccessError");
    switch (alg.name) {
      case "HMAC":
        return sign ? hostBytes(ops.hmacSign(s.algorithm.hash.name, handle, data))
          : await ops.hmacVerify(s.algorithm.hash.name, handle, signature, data);
      case "RSASSA-PKCS1-v1_5":
      case "RSA-PSS": {
        const salt = alg.name === "RSA-PSS" ? alg.saltLength : -1;
        return sign ? hostBytes(ops.rsaSign(s.algorithm.hash.name, salt, handle, data))
          : await ops.rsaVerify(s.algorithm.hash.name, salt, handle, signature, data);
      }
      case "ECDSA":
        return sign ? hostBytes(ops.ecdsaSign(alg.hash.name, handle, data))
          : await ops.ecdsaVerify(alg.hash.name, handle, signature, data);
      case "Ed25519":
      case "Ed448": {
        const context = alg.context ?? null;
        if (context !== null && context.byteLength > 255) throw new DOMException("Ed448 context is longer than 255 bytes", "OperationError");
        return sign ? hostBytes(ops.okpSign(handle, context, data))
          : await ops.okpVerify(handle, context, signature, data);
      }
      default:
        throw new DOMException(`${alg.name} cannot sign`, "NotSupportedError");
    }
  }

  async function deriveBits(alg, s, length) {
    switch (alg.name) {
      case "PBKDF2":
        if (length === null || length % 8 !== 0) throw new DOMException("PBKDF2 length must be a multiple of 8", "OperationError");
        if (alg.iterations === 0) throw new DOMException("PBKDF2 iterations must not be zero", "OperationError");
        if (length === 0) return new ArrayBuffer(0);
        return hostBytes(ops.pbkdf2(alg.hash.name, s.handle, alg.salt, alg.iterations, length));
      case "HKDF":
        if (length === null || length % 8 !== 0) throw new DOMException("HKDF length must be a multiple of 8", "OperationError");
        if (length === 0) return new ArrayBuffer(0);
        return hostBytes(ops.hkdf(alg.hash.name, s.handle, alg.salt, alg.info, length));
      case "ECDH":
      case "X25519":
      case "X448": {
        if (s.type !== "private") throw new DOMException("deriveBits needs a private key", "InvalidAccessError");
        const peer = slotsOf(alg.public);
        if (peer.type !== "public") throw new DOMException("public must be a public key", "InvalidAccessError");
        if (peer.algorithm.name !== alg.name) throw new DOMException("public key algorithm does not match", "InvalidAccessError");
        if (alg.name === "ECDH" && peer.algorithm.namedCurve !== s.algorithm.namedCurve) {
          throw new DOMException("public key is on another curve", "InvalidAccessError");
        }
        const secret = new Uint8Array((alg.name === "ECDH" ? ops.ecdh(s.handle, peer.handle) : ops.xdh(s.handle, peer.handle)));
        if (length === null) return secret.slice().buffer;
        if (length > secret.length * 8) throw new DOMException("length exceeds the shared secret", "OperationError");
        const out = secret.slice(0, Math.ceil(length / 8));
        if (length % 8 !== 0) out[out.length - 1] &= 0xff << (8 - (length % 8));
        return out.buffer;
      }
      default:
        throw new DOMException(`${alg.name} cannot derive bits`, "NotSupportedError");
    }
  }

  function keyLength(alg) {
    switch (alg.name) {
      case "HMAC":
        if (alg.length === undefined) return hashBits[alg.hash.name];
        if (alg.length === 0) throw new TypeError("HMAC length must not be zero");
        return alg.length;
      case "HKDF":
      case "PBKDF2":
        return null;
      default:
        if (![128, 192, 256].includes(alg.length)) throw new DOMException("AES key length must be 128, 192 or 256", "OperationError");
        return alg.length;
    }
  }

  // ---- SubtleCrypto (§14)
  const keyUsageValues = usageOrder;
  const formats = ["raw", "spki", "pkcs8", "jwk"];
  function toFormat(value) {
    const f = String(value);
    if (!formats.includes(f)) throw new TypeError(`'${f}' is not a valid KeyFormat`);
    return f;
  }
  function toUsages(value) {
    if (value === null || typeof value !== "object" || typeof value[Symbol.iterator] !== "function") {
      throw new TypeError("keyUsages must be a sequence");
    }
    return Array.from(value, (u) => {
      const s = String(u);
      if (!keyUsageValues.includes(s)) throw new TypeError(`'${s}' is not a valid KeyUsage`);
      return s;
    });
  }
  function toKey(value, context) {
    if (!isCryptoKey(value)) throw new TypeError(`${context} is not a CryptoKey`);
    return value;
  }
  /**
   * WebIDL BufferSource check at call time. The bytes are copied after algorithm normalization (§14.3):
   * by the host op itself, in one bulk read while the method still runs synchronously.
   */
  function requireBufferSource(value, context) {
    if (!webidl.isBufferSource(value)) throw new TypeError(`${context} is not an ArrayBuffer or ArrayBufferView`);
  }
  function requireSecretOrPrivateUsages(key) {
    const s = slotsOf(key);
    if ((s.type === "secret" || s.type === "private") && s.usages.length === 0) {
      throw new DOMException("Usages must not be empty for a secret or private key", "SyntaxError");
    }
    return key;
  }
  /** A JWK as UTF-8 JSON bytes (exported JWKs are ASCII: base64url and fixed names). */
  function encodeJwk(jwk) {
    const text = JSON.stringify(jwk);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  /** Parses unwrapped bytes as a JWK (§14.3.12 step 14): anything that is not a JSON object is a DataError. */
  function parseJwk(bytes) {
    try {
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return toJwkDictionary(JSON.parse(decodeURIComponent(escape(binary))));
    } catch {
      throw new DOMException("Unwrapped data is not a JWK", "DataError");
    }
  }

  const kBrand = Symbol("SubtleCrypto");
  class SubtleCrypto {
    constructor(brand) {
      if (brand !== kBrand) throw new TypeError("Illegal constructor");
    }

    async digest(algorithm, data) {
      checkThis(this, 2, arguments.length, "digest");
      requireBufferSource(data, "data");
      const alg = normalizeAlgorithm(algorithm, "digest");
      return hostBytes(ops.digest(alg.name, data));
    }

    async generateKey(algorithm, extractable, keyUsages) {
      checkThis(this, 3, arguments.length, "generateKey");
      extractable = Boolean(extractable);
      const usages = toUsages(keyUsages);
      const alg = normalizeAlgorithm(algorithm, "generateKey");
      const result = await generateKey(alg, extractable, usages);
      requireSecretOrPrivateUsages(isCryptoKey(result) ? result : result.privateKey);
      return result;
    }

    async importKey(format, keyData, algorithm, extractable, keyUsages) {
      checkThis(this, 5, arguments.length, "importKey");
      format = toFormat(format);
      if (format === "jwk") keyData = toJwkDictionary(keyData);
      else requireBufferSource(keyData, "keyData");
      extractable = Boolean(extractable);
      const usages = toUsages(keyUsages);
      const alg = normalizeAlgorithm(algorithm, "importKey");
      if (format !== "jwk") keyData = webidl.copyBytes(keyData);
      return requireSecretOrPrivateUsages(importKey(format, keyData, alg, extractable, usages));
    }

    async exportKey(format, key) {
      checkThis(this, 2, arguments.length, "exportKey");
      format = toFormat(format);
      toKey(key, "key");
      return exportKey(format, key);
    }

    async sign(algorithm, key, data) {
      checkThis(this, 3, arguments.length, "sign");
      toKey(key, "key");
      requireBufferSource(data, "data");
      const alg = normalizeAlgorithm(algorithm, "sign");
      return signOrVerify(true, alg, requireKey(key, alg.name, "sign"), data);
    }

    async verify(algorithm, key, signature, data) {
      checkThis(this, 4, arguments.length, "verify");
      toKey(key, "key");
      requireBufferSource(signature, "signature");
      requireBufferSource(data, "data");
      const alg = normalizeAlgorithm(algorithm, "verify");
      return signOrVerify(false, alg, requireKey(key, alg.name, "verify"), data, signature);
    }

    async encrypt(algorithm, key, data) {
      checkThis(this, 3, arguments.length, "encrypt");
      toKey(key, "key");
      requireBufferSource(data, "data");
      const alg = normalizeAlgorithm(algorithm, "encrypt");
      return encryptOrDecrypt(true, alg, requireKey(key, alg.name, "encrypt"), data);
    }

    async decrypt(algorithm, key, data) {
      checkThis(this, 3, arguments.length, "decrypt");
      toKey(key, "key");
      requireBufferSource(data, "data");
      const alg = normalizeAlgorithm(algorithm, "decrypt");
      return encryptOrDecrypt(false, alg, requireKey(key, alg.name, "decrypt"), data);
    }

    async deriveBits(algorithm, baseKey, length = null) {
      checkThis(this, 2, arguments.length, "deriveBits");
      toKey(baseKey, "baseKey");
      length = length === null || length === undefined ? null : webidl.enforceRange(length, 0, 0xffffffff, "length");
      const alg = normalizeAlgorithm(algorithm, "deriveBits");
      return deriveBits(alg, requireKey(baseKey, alg.name, "deriveBits"), length);
    }

    async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      checkThis(this, 5, arguments.length, "deriveKey");
      toKey(baseKey, "baseKey");
      extractable = Boolean(extractable);
      const usages = toUsages(keyUsages);
      const alg = normalizeAlgorithm(algorithm, "deriveBits");
      const importAlg = normalizeAlgorithm(derivedKeyType, "importKey");
      const lengthAlg = normalizeAlgorithm(derivedKeyType, "get key length");
      const s = requireKey(baseKey, alg.name, "deriveKey");
      const length = keyLength(lengthAlg);
      const secret = await deriveBits(alg, s, length);
      return requireSecretOrPrivateUsages(importKey("raw", new Uint8Array(secret), importAlg, extractable, usages));
    }

    async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      checkThis(this, 4, arguments.length, "wrapKey");
      format = toFormat(format);
      toKey(key, "key");
      toKey(wrappingKey, "wrappingKey");
      const alg = normalizeEither(wrapAlgorithm, "wrapKey", "encrypt");
      const s = requireKey(wrappingKey, alg.name, "wrapKey");
      const exported = exportKey(format, key);
      const bytes = format === "jwk" ? encodeJwk(exported) : new Uint8Array(exported);
      if (alg.name === "AES-KW") return hostBytes(ops.aesKw(true, s.handle, bytes));
      return encryptOrDecrypt(true, alg, s, bytes);
    }

    async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      checkThis(this, 7, arguments.length, "unwrapKey");
      format = toFormat(format);
      requireBufferSource(wrappedKey, "wrappedKey");
      toKey(unwrappingKey, "unwrappingKey");
      extractable = Boolean(extractable);
      const usages = toUsages(keyUsages);
      const alg = normalizeEither(unwrapAlgorithm, "unwrapKey", "decrypt");
      const keyAlg = normalizeAlgorithm(unwrappedKeyAlgorithm, "importKey");
      const wrapped = webidl.copyBytes(wrappedKey);
      const s = requireKey(unwrappingKey, alg.name, "unwrapKey");
      const bytes = alg.name === "AES-KW" ? bytesOf(await hostBytes(ops.aesKw(false, s.handle, wrapped)))
        : new Uint8Array(await encryptOrDecrypt(false, alg, s, wrapped));
      const keyData = format === "jwk" ? parseJwk(bytes) : bytes;
      return requireSecretOrPrivateUsages(importKey(format, keyData, keyAlg, extractable, usages));
    }
  }
  for (const name of ["digest", "generateKey", "importKey", "exportKey", "sign", "verify", "encrypt", "decrypt", "deriveBits", "deriveKey", "wrapKey", "unwrapKey"]) {
    Object.defineProperty(SubtleCrypto.prototype, name, { enumerable: true });
  }
  Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: "SubtleCrypto", configurable: true });

  function normalizeEither(algorithm, first, second) {
    try {
      return normalizeAlgorithm(algorithm, first);
    } catch (e) {
      if (e instanceof DOMException && e.name === "NotSupportedError") return normalizeAlgorithm(algorithm, second);
      throw e;
    }
  }

  const subtle = new SubtleCrypto(kBrand);
  function checkThis(self, required, count, method) {
    if (self !== subtle) throw new TypeError("Illegal invocation");
    webidl.requiredArguments(count, required, `Failed to execute '${method}' on 'SubtleCrypto'`);
  }

  // ---- Crypto (§10)
  const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const kCryptoBrand = Symbol("Crypto");
  class Crypto {
    constructor(brand) {
      if (brand !== kCryptoBrand) throw new TypeError("Illegal constructor");
    }
    get subtle() {
      if (this !== crypto) throw new TypeError("Illegal invocation");
      return subtle;
    }
    getRandomValues(array) {
      if (this !== crypto) throw new TypeError("Illegal invocation");
      webidl.requiredArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
      if (!ArrayBuffer.isView(array)) throw new TypeError("getRandomValues: argument must be an ArrayBufferView");
      if (!integerArrays.some((T) => array instanceof T)) {
        throw new DOMException("getRandomValues: argument must be an integer typed array", "TypeMismatchError");
      }
      if (array.byteLength > 65536) {
        throw new internals.QuotaExceededError(`getRandomValues: ${array.byteLength} bytes exceeds the 65536-byte quota`);
      }
      const random = new Uint8Array(ops.randomBytes(array.byteLength));
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(random);
      return array;
    }
    randomUUID() {
      if (this !== crypto) throw new TypeError("Illegal invocation");
      return ops.randomUUID();
    }
  }
  for (const name of ["subtle", "getRandomValues", "randomUUID"]) {
    Object.defineProperty(Crypto.prototype, name, { enumerable: true });
  }
  Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: "Crypto", configurable: true });
  const crypto = new Crypto(kCryptoBrand);

  internals.defineGlobal("Crypto", Crypto);
  internals.defineGlobal("CryptoKey", CryptoKey);
  internals.defineGlobal("SubtleCrypto", SubtleCrypto);
  Object.defineProperty(globalThis, "crypto", { get: () => crypto, set: undefined, enumerable: true, configurable: true });
  internals.markSideEffectFree(globalThis, "crypto");
  internals.markSideEffectFree(Crypto.prototype, "subtle");
  internals.crypto = { isCryptoKey, cloneKey, allAlgorithmNames: allNames };
})
