// Signed tokens in the shape of a JWT (HS256): base64url(header).base64url(payload).base64url(HMAC-SHA-256).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** @param {Uint8Array} bytes */
function base64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text */
function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** @param {string} secret */
function hmacKey(secret) {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/**
 * @param {Record<string, unknown>} payload
 * @param {string} secret
 * @returns {Promise<string>}
 */
export async function sign(payload, secret) {
  const header = base64url(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));
  const body = base64url(encoder.encode(JSON.stringify(payload)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${header}.${body}`));
  return `${header}.${body}.${base64url(new Uint8Array(signature))}`;
}

/**
 * The token's payload when its signature is good and it has not expired, else null.
 * @param {string} token
 * @param {string} secret
 * @returns {Promise<Record<string, any> | null>}
 */
export async function verify(token, secret) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [header, body, signature] = parts;
  let valid;
  try {
    // verify compares in constant time, unlike comparing the signatures as strings
    valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromBase64url(signature), encoder.encode(`${header}.${body}`));
  } catch {
    return null; // not base64url
  }
  if (!valid) return null;
  const payload = JSON.parse(decoder.decode(fromBase64url(body)));
  if (typeof payload.exp === "number" && payload.exp < Date.now() / 1000) return null;
  return payload;
}
