#!/usr/bin/env bash
# Shared driver: runs bench/NAME.js in NANO (JIT) and in Node, then prints ops/s per case and the ratio.
# NAME.js reads BENCH_MEASURE_MS / BENCH_WARMUP_MS and prints one JSON line {case: ops/s}. Node runs
# first and its figures reach NANO as BENCH_TARGETS; a script may answer "__reached": {case: seconds},
# the warm-up NANO needed to first match Node, printed as a last column.
#   bench/compare-ops.sh NAME [measure-ms=2000] [warmup-ms=1500]
#   BENCH_ONLY=text  runs only the cases whose name contains text
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAME="$1"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
{ printf 'globalThis.BENCH_MEASURE_MS = %s; globalThis.BENCH_WARMUP_MS = %s;\n' "${2:-2000}" "${3:-1500}"
  [ -z "${BENCH_ONLY:-}" ] || printf 'globalThis.BENCH_ONLY = %s;\n' "$(node -p 'JSON.stringify(process.argv[1])' "$BENCH_ONLY")"
  cat "$HERE/$NAME.js"; } > "$WORK/bench.js"
node "$WORK/bench.js" | tail -n 1 > "$WORK/node.json"
{ printf 'globalThis.BENCH_TARGETS = %s;\n' "$(cat "$WORK/node.json")"; cat "$WORK/bench.js"; } > "$WORK/bench-nano.js"
NANO_JIT=1 "$HERE/../nano" run "$WORK/bench-nano.js" | tail -n 1 > "$WORK/nano.json"
node -e '
const fs = require("fs");
const nano = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const node = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const reached = nano.__reached;
const width = Math.max(28, ...Object.keys(node).map((k) => k.length));
console.log("case".padEnd(width), "nano ops/s".padStart(12), "node ops/s".padStart(12), "nano/node".padStart(10),
  ...(reached ? ["warm-up to Node rate".padStart(24)] : []));
for (const k of Object.keys(node)) {
  const warmup = reached ? [(reached[k] === undefined ? "not within warm-up" : reached[k] + " s").padStart(24)] : [];
  console.log(k.padEnd(width), nano[k].toFixed(1).padStart(12), node[k].toFixed(1).padStart(12), (nano[k] / node[k]).toFixed(2).padStart(10), ...warmup);
}' "$WORK/nano.json" "$WORK/node.json"
