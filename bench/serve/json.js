// bench/serve.sh "json": parse the URL, answer a 20-field object with a header.
export default {
  fetch(request) {
    const url = new URL(request.url);
    const id = url.searchParams.get("id") ?? "0";
    const body = {
      id, path: url.pathname, method: request.method, ok: true, count: 20,
      name: "nano", kind: "bench", version: 1, ratio: 1.5, tags: ["a", "b", "c"],
      nested: { x: 1, y: 2 }, empty: null, flag: false, host: url.hostname, port: url.port,
      query: url.search, user: "anonymous", region: "local", score: 42.5, items: [1, 2, 3],
    };
    return Response.json(body, { headers: { "x-request-id": id } });
  },
};
