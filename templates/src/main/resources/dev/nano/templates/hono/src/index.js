import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";

/** @type {Hono<{ Bindings: Env }>} */
const app = new Hono();

app.get("/", (c) => c.text(`${c.env.GREETING}!`));

app.get("/hello/:name", (c) => c.json({ message: `${c.env.GREETING}, ${c.req.param("name")}!` }));

app.post("/echo", async (c) => {
  const body = await c.req.json().catch(() => {
    throw new HTTPException(400, { message: "The body must be JSON" });
  });
  return c.json({ received: body });
});

app.notFound((c) => c.json({ error: `No route for ${c.req.path}` }, 404));

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    return c.json({ error: error.message }, error.status);
  }
  console.error(error);
  return c.json({ error: "Internal error" }, 500);
});

export default app;
