// These tests change env.UPSTREAM (the env object the worker is given) to addresses that fail
// at once, so that they never reach the network; they put it back afterwards.
/** @type {string} */
let upstream;
beforeEach(() => {
  upstream = env.UPSTREAM;
});
afterEach(() => {
  env.UPSTREAM = upstream;
});

test("an upstream that cannot be reached is a 502 with a JSON error", async () => {
  env.UPSTREAM = "http://127.0.0.1:9"; // the discard port: nothing listens there
  const res = await dispatch("/anything");
  expect(res.status).toBe(502);
  expect((await res.json()).error).toContain("could not be reached");
});

test("the timeout comes from env", () => {
  expect(env.TIMEOUT_MS).toBeGreaterThan(0);
});
