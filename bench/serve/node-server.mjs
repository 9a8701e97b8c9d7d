// The same two workloads on Node's http server: node node-server.mjs hello|json PORT
import http from "node:http";

const [mode, port] = process.argv.slice(2);

function hello(req, res) {
  res.writeHead(200, { "content-type": "text/plain;charset=UTF-8" });
  res.end("Hello World!");
}

function json(req, res) {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const id = url.searchParams.get("id") ?? "0";
  const body = {
    id, path: url.pathname, method: req.method, ok: true, count: 20,
    name: "nano", kind: "bench", version: 1, ratio: 1.5, tags: ["a", "b", "c"],
    nested: { x: 1, y: 2 }, empty: null, flag: false, host: url.hostname, port: url.port,
    query: url.search, user: "anonymous", region: "local", score: 42.5, items: [1, 2, 3],
  };
  res.writeHead(200, { "content-type": "application/json", "x-request-id": id });
  res.end(JSON.stringify(body));
}

http.createServer(mode === "json" ? json : hello).listen(Number(port), "127.0.0.1", () => {
  console.log(`Listening on http://127.0.0.1:${port}/`);
});
