// fetch workload, run the same by nano and node: 100 concurrent fetches of a 200 ms endpoint
// (after one warm-up round), then 1,000 sequential fetches of a 0 ms keep-alive endpoint.
// Prints "concurrent_ms sequential_ms sequential_ops_per_s".
const base = (globalThis.Nano?.args ?? process.argv.slice(2))[0];
const round = () => Promise.all(Array.from({ length: 100 }, () => fetch(base + "/slow").then((r) => r.text())));
await round();
let t = performance.now();
await round();
const concurrent = performance.now() - t;
for (let i = 0; i < 200; i++) await (await fetch(base + "/fast")).text();
t = performance.now();
for (let i = 0; i < 1000; i++) await (await fetch(base + "/fast")).text();
const sequential = performance.now() - t;
console.log(`${concurrent.toFixed(0)} ${sequential.toFixed(0)} ${(1000 / (sequential / 1000)).toFixed(0)}`);
