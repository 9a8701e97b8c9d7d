// Serves a worker module (export default { fetch(request, env, ctx) }) with node:http on
// 127.0.0.1, so `node --watch` can be measured on the same projects as the worker runtimes.
// Requests become WHATWG Requests, the worker's Response is written back.
import http from "node:http";
import { Readable } from "node:stream";

export function serve(worker, port) {
  const ctx = { waitUntil() {}, passThroughOnException() {} };
  const server = http.createServer(async (req, res) => {
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new Request(`http://${req.headers.host ?? `127.0.0.1:${port}`}${req.url}`, {
        method: req.method,
        headers,
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: hasBody ? "half" : undefined,
      });
      const response = await worker.fetch(request, {}, ctx);
      const out = {};
      response.headers.forEach((value, name) => { out[name] = value; });
      res.writeHead(response.status, out);
      if (response.body && req.method !== "HEAD") {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err?.stack ?? err));
    }
  });
  server.listen(port, "127.0.0.1");
  return server;
}
