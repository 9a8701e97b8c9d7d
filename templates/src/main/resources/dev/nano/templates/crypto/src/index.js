import { sign, verify } from "./token.js";

/**
 * @param {number} status
 * @param {string} error
 */
function fail(status, error) {
  return Response.json({ error }, { status });
}

/** @type {ExportedHandler<Env>} */
const worker = {
  async fetch(request, env) {
    if (!env.SECRET) {
      return fail(500, "env.SECRET is not set: put SECRET=<a long random string> in .dev.vars");
    }
    const { pathname } = new URL(request.url);

    // POST /token {"sub": "alice"} → {"token": "…"}
    if (pathname === "/token" && request.method === "POST") {
      /** @type {any} */
      const body = await request.json().catch(() => null);
      if (typeof body?.sub !== "string") return fail(400, 'Send JSON {"sub": "<who>"}');
      const now = Math.floor(Date.now() / 1000);
      const token = await sign({ sub: body.sub, iss: env.ISSUER, iat: now, exp: now + env.TOKEN_TTL_SECONDS }, env.SECRET);
      return Response.json({ token });
    }

    // GET /me with "Authorization: Bearer <token>" → the token's payload, or 401
    if (pathname === "/me" && request.method === "GET") {
      const token = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      const payload = await verify(token, env.SECRET);
      if (!payload) return fail(401, "A valid token is required (Authorization: Bearer <token>)");
      return Response.json({ sub: payload.sub, expires: new Date(payload.exp * 1000).toISOString() });
    }

    return fail(404, "Try POST /token with {\"sub\": \"alice\"}, then GET /me with the token");
  },
};

export default worker;
