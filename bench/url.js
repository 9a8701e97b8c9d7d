// URL and stream throughput, the same code in NANO and Node: ops/s per case, printed as one JSON
// line, plus the time the first `new URL` took (it loads the URL implementation in NANO).
const WARMUP_MS = Number(globalThis.BENCH_WARMUP_MS ?? 3000);
const MEASURE_MS = Number(globalThis.BENCH_MEASURE_MS ?? 2000);

let firstUrlMs = Date.now();
new URL("https://example.com/");
firstUrlMs = Date.now() - firstUrlMs;

let sink = 0;
// Synchronous cases run in a plain function: a loop that awaits a value that is not a promise
// measures the engine's await (GraalJS resumes an async function's loop far slower than V8), not
// the operation.
function batch(op) {
  for (let i = 0; i < 100; i++) sink += op();
}
async function batchAsync(op) {
  for (let i = 0; i < 100; i++) sink += await op();
}
async function rate(op) {
  const until = (ms) => Date.now() + ms;
  const run = op.constructor.name === "AsyncFunction" ? batchAsync : batch;
  for (const end = until(WARMUP_MS); Date.now() < end;) await run(op);
  let n = 0;
  const start = Date.now();
  for (const end = until(MEASURE_MS); Date.now() < end; n += 100) await run(op);
  return (n * 1000) / (Date.now() - start);
}

(async () => {
  const requests = ["https://example.com/api/users/123?sort=asc&limit=10", "http://localhost:8787/static/app.js", "https://api.example.org/v1/search?q=hello%20world&page=2#top"];
  let i = 0;
  const chunk = new Uint8Array(16 * 1024);
  const cases = {
    "new URL + pathname + searchParams.get": () => {
      const url = new URL(requests[i++ % requests.length]);
      return url.pathname.length + (url.searchParams.get("limit") ?? "").length;
    },
    "new URL(relative, base).href": () => new URL("../b/c?d", "https://example.com/a/x/y").href.length,
    "URLSearchParams parse + toString": () => new URLSearchParams("a=1&b=2&c=hello+world&d=%F0%9F%98%80").toString().length,
    "ReadableStream 16 chunks of 16 KiB read": async () => {
      let n = 0;
      const stream = new ReadableStream({ pull(c) { if (n++ < 16) c.enqueue(chunk); else c.close(); } });
      let bytes = 0;
      for await (const part of stream) bytes += part.byteLength;
      return bytes;
    },
    "Blob of 3 parts + text()": async () => (await new Blob(["hello ", chunk.subarray(0, 64), "world"]).text()).length,
  };
  const only = globalThis.BENCH_ONLY;
  const results = { "first new URL (ms)": firstUrlMs };
  for (const [name, op] of Object.entries(cases)) {
    if (only && !name.includes(only)) continue;
    results[name] = await rate(op);
  }
  console.log(JSON.stringify(results));
})();
