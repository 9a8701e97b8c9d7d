#!/usr/bin/env bash
# URL / URLSearchParams (plus ReadableStream and Blob) throughput: NANO (JIT) vs Node on the same
# workload (bench/url.js), ops/s and ratio, and the time of the first `new URL`.
#   bench/url.sh [measure-ms=2000] [warmup-ms=3000]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
{ printf 'globalThis.BENCH_MEASURE_MS = %s; globalThis.BENCH_WARMUP_MS = %s;\n' "${1:-2000}" "${2:-3000}"; cat "$HERE/url.js"; } > "$WORK/bench.js"
NANO_JIT=1 "$HERE/../nano" run "$WORK/bench.js" | tail -n 1 > "$WORK/nano.json"
node "$WORK/bench.js" | tail -n 1 > "$WORK/node.json"
node -e '
const fs = require("fs");
const nano = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const node = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log("case".padEnd(40), "nano".padStart(12), "node".padStart(12), "nano/node".padStart(10));
for (const k of Object.keys(node)) {
  console.log(k.padEnd(40), nano[k].toFixed(1).padStart(12), node[k].toFixed(1).padStart(12), (nano[k] / node[k]).toFixed(2).padStart(10));
}' "$WORK/nano.json" "$WORK/node.json"
