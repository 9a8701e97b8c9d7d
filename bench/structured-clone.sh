#!/usr/bin/env bash
# structuredClone throughput: NANO (JIT) vs Node on the same workload (bench/structured-clone.js), ops/s and ratio.
#   bench/structured-clone.sh [measure-ms=3000] [warmup-ms=5000]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
{ printf 'globalThis.BENCH_MEASURE_MS = %s; globalThis.BENCH_WARMUP_MS = %s;\n' "${1:-3000}" "${2:-5000}"; cat "$HERE/structured-clone.js"; } > "$WORK/bench.js"
NANO_JIT=1 "$HERE/../nano" run "$WORK/bench.js" | tail -n 1 > "$WORK/nano.json"
node "$WORK/bench.js" | tail -n 1 > "$WORK/node.json"
node -e '
const fs = require("fs");
const nano = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const node = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log("case".padEnd(28), "nano ops/s".padStart(12), "node ops/s".padStart(12), "nano/node".padStart(10));
for (const k of Object.keys(node)) {
  console.log(k.padEnd(28), nano[k].toFixed(1).padStart(12), node[k].toFixed(1).padStart(12), (nano[k] / node[k]).toFixed(2).padStart(10));
}' "$WORK/nano.json" "$WORK/node.json"
