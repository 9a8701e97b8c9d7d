describe("the items API", () => {
  test("GET /items lists the items as JSON", async () => {
    const res = await dispatch("/items");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toContainEqual({ id: "1", name: "first item" });
  });

  test("POST /items creates an item", async () => {
    const res = await dispatch("/items", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "second" }),
    });
    expect(res.status).toBe(201);
    const item = await res.json();
    expect(item.name).toBe("second");
    expect((await dispatch(`/items/${item.id}`)).status).toBe(200);
  });

  test("a bad body is a 400 with a JSON error", async () => {
    const res = await dispatch("/items", { method: "POST", body: "not json" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "The body must be JSON" });
  });

  test("an unknown item is a 404", async () => {
    const res = await dispatch("/items/999");
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain("999");
  });
});

test("an unknown path is a 404 with a JSON error", async () => {
  const res = await dispatch("/nowhere");
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: "No route for /nowhere" });
});

test("a known path with another method is a 405", async () => {
  const res = await dispatch("/items", { method: "PUT" });
  expect(res.status).toBe(405);
});
