test("GET / greets", async () => {
  const res = await dispatch("/");
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("Hello");
});

test("the greeting comes from env", async () => {
  const res = await dispatch("/some/path");
  expect(await res.text()).toBe(`${env.GREETING}! You asked for /some/path\n`);
});
