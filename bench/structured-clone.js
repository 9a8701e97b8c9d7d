// structuredClone throughput, the same code in NANO and Node: ops/s per case, printed as one JSON line.
//   graph: ~1,000 entries (objects, arrays, Maps, Sets, Dates, typed arrays, shared references, a cycle)
//   1 MiB ArrayBuffer: one copy of 1,048,576 bytes
const WARMUP_MS = Number(globalThis.BENCH_WARMUP_MS ?? 45000);
const MEASURE_MS = Number(globalThis.BENCH_MEASURE_MS ?? 3000);
// Node's ops/s per case, when the driver ran Node first: the warm-up notes when this runtime first
// matched it (over one second), which says how long a JIT needs to get there.
const TARGETS = globalThis.BENCH_TARGETS ?? {};

function measure(op, ms) {
  let n = 0;
  const start = Date.now();
  const end = start + ms;
  while (Date.now() < end) {
    for (let i = 0; i < 10; i++) op();
    n += 10;
  }
  return (n * 1000) / (Date.now() - start);
}

/** Warms `op` up in one-second windows, then measures it; `reached` gets the seconds until the target rate. */
function rate(name, op, reached) {
  const warmupStart = Date.now();
  while (Date.now() - warmupStart < WARMUP_MS) {
    const windowRate = measure(op, Math.min(1000, WARMUP_MS));
    if (reached[name] === undefined && TARGETS[name] !== undefined && windowRate >= TARGETS[name]) {
      reached[name] = Math.round((Date.now() - warmupStart) / 100) / 10;
    }
  }
  return measure(op, MEASURE_MS);
}

/** 100 records of ~10 entries each; every record points at a shared owner and back at the root. */
function makeGraph() {
  const root = { records: [], owners: new Map(), index: new Set() };
  const owners = [0, 1, 2, 3].map((i) => ({ id: i, name: `owner-${i}` }));
  owners.forEach((o) => root.owners.set(o.name, o));
  for (let i = 0; i < 100; i++) {
    const record = {
      id: i,
      title: `record number ${i}`,
      active: i % 2 === 0,
      created: new Date(1_700_000_000_000 + i * 1000),
      tags: ["alpha", "beta", `t${i % 7}`],
      scores: new Float64Array([i, i / 2, i / 3, i / 4]),
      flags: new Set([i % 3, i % 5]),
      attributes: new Map([["weight", i * 1.5], ["label", `L${i}`]]),
      owner: owners[i % 4],
      root,
    };
    root.records.push(record);
    root.index.add(record);
  }
  return root;
}

const graph = makeGraph();
const mib = new ArrayBuffer(1024 * 1024);
new Uint8Array(mib).fill(7);

const cases = {
  "graph ~1000 entries": () => structuredClone(graph),
  "ArrayBuffer 1 MiB": () => structuredClone(mib),
};
const only = globalThis.BENCH_ONLY;
const results = {};
const reached = {};
for (const [name, op] of Object.entries(cases)) {
  if (only && !name.includes(only)) continue;
  results[name] = rate(name, op, reached);
}
if (Object.keys(TARGETS).length > 0) results.__reached = reached;
console.log(JSON.stringify(results));
