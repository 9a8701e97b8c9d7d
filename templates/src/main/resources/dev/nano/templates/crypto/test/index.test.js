/** @param {string} sub */
async function tokenFor(sub) {
  const res = await dispatch("/token", { method: "POST", body: JSON.stringify({ sub }) });
  expect(res.status).toBe(200);
  return (await res.json()).token;
}

test("a token from POST /token opens GET /me", async () => {
  const token = await tokenFor("alice");
  expect(token.split(".")).toHaveLength(3);
  const res = await dispatch("/me", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect((await res.json()).sub).toBe("alice");
});

test("a tampered token is refused with 401", async () => {
  const [header, , signature] = (await tokenFor("alice")).split(".");
  const forged = btoa(JSON.stringify({ sub: "mallory" })).replace(/=+$/, "");
  const res = await dispatch("/me", { headers: { authorization: `Bearer ${header}.${forged}.${signature}` } });
  expect(res.status).toBe(401);
});

test("no token is a 401", async () => {
  expect((await dispatch("/me")).status).toBe(401);
});

test("the key comes from env.SECRET", () => {
  expect(typeof env.SECRET).toBe("string");
  expect(env.SECRET.length).toBeGreaterThan(20);
});
