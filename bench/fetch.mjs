// fetch workload, run the same by nano and node: 100 concurrent fetches of a 200 ms endpoint, then
// 1,000 sequential fetches of a 0 ms keep-alive endpoint, both after a warm-up of the same work
// (the JIT needs it; Node's is shorter, but both get the same).
// Prints "concurrent_ms sequential_ms sequential_ops_per_s".
const [base, warmupArg] = globalThis.Nano?.args ?? process.argv.slice(2);
const warmupMs = Number(warmupArg ?? 20000);
const round = () => Promise.all(Array.from({ length: 100 }, () => fetch(base + "/slow").then((r) => r.text())));
const sequentialFetch = async () => (await fetch(base + "/fast")).text();

const warmupEnd = performance.now() + warmupMs;
do {
  await round();
  for (let i = 0; i < 500; i++) await sequentialFetch();
} while (performance.now() < warmupEnd);

// the median of three bursts: one slow burst should not decide the figure
const bursts = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  await round();
  bursts.push(performance.now() - start);
}
const concurrent = bursts.sort((a, b) => a - b)[1];
const start = performance.now();
for (let i = 0; i < 1000; i++) await sequentialFetch();
const sequential = performance.now() - start;
console.log(`${concurrent.toFixed(0)} ${sequential.toFixed(0)} ${(1000 / (sequential / 1000)).toFixed(0)}`);
