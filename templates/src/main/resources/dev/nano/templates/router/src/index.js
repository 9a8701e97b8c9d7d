import { HttpError, Router } from "./router.js";

// An in-memory list of items: it lives as long as the worker (until the next reload).
/** @type {Map<string, { id: string, name: string }>} */
const items = new Map([["1", { id: "1", name: "first item" }]]);
let nextId = 2;

const router = new Router()
  .get("/", (request, env) => Response.json({ api: env.API_NAME, routes: ["GET /items", "GET /items/:id", "POST /items", "DELETE /items/:id"] }))
  .get("/items", () => Response.json([...items.values()]))
  .get("/items/:id", (request, env, { id }) => {
    const item = items.get(id);
    if (!item) throw new HttpError(404, `No item ${id}`);
    return Response.json(item);
  })
  .post("/items", async (request, env) => {
    /** @type {any} */
    let body;
    try {
      body = await request.json();
    } catch {
      throw new HttpError(400, "The body must be JSON");
    }
    if (typeof body?.name !== "string" || body.name === "") {
      throw new HttpError(400, "name (a non-empty string) is required");
    }
    if (items.size >= env.MAX_ITEMS) throw new HttpError(409, `At most ${env.MAX_ITEMS} items`);
    const item = { id: String(nextId++), name: body.name };
    items.set(item.id, item);
    return Response.json(item, { status: 201, headers: { location: `/items/${item.id}` } });
  })
  .delete("/items/:id", (request, env, { id }) => {
    if (!items.delete(id)) throw new HttpError(404, `No item ${id}`);
    return new Response(null, { status: 204 });
  });

/** @type {ExportedHandler<Env>} */
const worker = {
  fetch(request, env) {
    return router.handle(request, env);
  },
};

export default worker;
