test("GET / greets", async () => {
  const res = await dispatch("/");
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("Hello");
});

test("GET /hello/:name answers JSON", async () => {
  const res = await dispatch("/hello/ada");
  expect(await res.json()).toEqual({ message: `${env.GREETING}, ada!` });
});

test("an unknown path is a JSON 404", async () => {
  const res = await dispatch("/nowhere");
  expect(res.status).toBe(404);
  expect((await res.json()).error).toContain("/nowhere");
});

test("POST /echo with a bad body is a 400", async () => {
  const res = await dispatch("/echo", { method: "POST", body: "not json" });
  expect(res.status).toBe(400);
});
