// The two projects bench/dev-reload.sh measures, and the edit each measured change makes.
//   node projects.mjs gen tiny|hono DIR PORT   writes the project (hono's package is installed by the script)
// Every edit rewrites src/index.js with a new token in the body the route returns, so the poller
// knows the response came from the new code: the body contains "<token>".
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ENTRY = "src/index.js";

export function source(kind, token) {
  if (kind === "tiny") {
    return `export default { fetch() { return new Response("v1 <${token}>") } }\n`;
  }
  if (kind === "hono") {
    return [
      `import { Hono } from "hono";`,
      ``,
      `const app = new Hono();`,
      `app.get("/", (c) => c.text("version <${token}>"));`,
      `app.get("/items/:id", (c) => c.json({ id: c.req.param("id"), q: c.req.query("q") ?? null }));`,
      `app.notFound((c) => c.text("not found", 404));`,
      ``,
      `export default app;`,
      ``,
    ].join("\n");
  }
  throw new Error(`unknown project kind: ${kind}`);
}

// Writes the project: the worker, a package.json (ES modules, so node runs src/index.js as one),
// a wrangler.toml (wrangler, and nano dev's config), and the entries of the peers that cannot
// serve a worker module themselves (bun: bind to 127.0.0.1; node: node:http adapter).
function generate(kind, dir) {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, ENTRY), source(kind, "start"));
  fs.writeFileSync(path.join(dir, "package.json"),
    JSON.stringify({ name: `dev-reload-${kind}`, private: true, type: "module" }, null, 2) + "\n");
  fs.writeFileSync(path.join(dir, "wrangler.toml"),
    `name = "dev-reload-${kind}"\nmain = "${ENTRY}"\ncompatibility_date = "2025-06-01"\n`);
  // Bun serves a default export that has fetch(); --hot swaps it in place when a module changes.
  fs.writeFileSync(path.join(dir, "bun-entry.mjs"), [
    `import worker from "./${ENTRY}";`,
    `const ctx = { waitUntil() {}, passThroughOnException() {} };`,
    `export default { hostname: "127.0.0.1", port: Number(process.env.PORT), fetch: (req) => worker.fetch(req, {}, ctx) };`,
    ``,
  ].join("\n"));
  const adapter = path.join(path.dirname(fileURLToPath(import.meta.url)), "node-adapter.mjs");
  fs.writeFileSync(path.join(dir, "node-entry.mjs"), [
    `import worker from "./${ENTRY}";`,
    `import { serve } from ${JSON.stringify(adapter)};`,
    `serve(worker, Number(process.env.PORT));`,
    ``,
  ].join("\n"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, kind, dir] = process.argv.slice(2);
  if (cmd !== "gen" || !kind || !dir) {
    console.error("usage: node projects.mjs gen tiny|hono DIR");
    process.exit(2);
  }
  generate(kind, dir);
}
