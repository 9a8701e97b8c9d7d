// Fixed-count load: node load.mjs URL COUNT CONCURRENCY — exactly COUNT requests over keep-alive
// connections; prints the count, failures and the rate.
import http from "node:http";

const [url, count, concurrency] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4] ?? 32)];
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
let started = 0;
let failed = 0;
const t0 = performance.now();

function one() {
  return new Promise((resolve) => {
    http.get(url, { agent }, (res) => {
      if (res.statusCode !== 200) failed++;
      res.resume();
      res.on("end", resolve);
    }).on("error", () => { failed++; resolve(); });
  });
}

async function lane() {
  while (started < count) {
    started++;
    await one();
  }
}

await Promise.all(Array.from({ length: concurrency }, lane));
agent.destroy();
const seconds = (performance.now() - t0) / 1000;
console.log(`${count} requests, ${failed} failed, ${Math.round(count / seconds)} req/s`);
