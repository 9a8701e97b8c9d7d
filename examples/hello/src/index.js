// The example worker: `./nano dev examples/hello` (or `./nano serve examples/hello`), then
//   curl http://127.0.0.1:8787/            → a greeting
//   curl http://127.0.0.1:8787/api/time    → JSON
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/api/time") {
      return Response.json({ now: new Date().toISOString(), path: url.pathname, query: url.search });
    }
    if (url.pathname === "/") {
      return new Response(`${env.GREETING}! You asked for ${request.method} ${url.pathname}\n`, {
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
    }
    return new Response("Not found\n", { status: 404 });
  },
};
