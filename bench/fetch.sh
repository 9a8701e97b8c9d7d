#!/usr/bin/env bash
# fetch: NANO (JIT) vs Node 20 against the same local upstream (bench/fetch/upstream.mjs, a Node server):
# 100 concurrent fetches of a 200 ms endpoint (wall ms) and 1,000 sequential keep-alive fetches of a
# 0 ms endpoint (ops/s), each after the same warm-up.   bench/fetch.sh [warmup-ms=20000]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NANO="$HERE/../nano"
PORT_FILE="$(mktemp)"
node "$HERE/fetch/upstream.mjs" 0 > "$PORT_FILE" &
UPSTREAM=$!
trap 'kill $UPSTREAM; rm -f "$PORT_FILE"' EXIT
for _ in $(seq 50); do [ -s "$PORT_FILE" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(head -1 "$PORT_FILE")"

read -r nano_conc nano_seq nano_ops < <(NANO_JIT=1 "$NANO" run "$HERE/fetch.mjs" "$BASE" "${1:-20000}")
read -r node_conc node_seq node_ops < <(node "$HERE/fetch.mjs" "$BASE" "${1:-20000}")
printf '%-44s %8s %8s\n' "" "nano" "node"
printf '%-44s %8s %8s\n' "100 concurrent x 200 ms (median wall ms)" "$nano_conc" "$node_conc"
printf '%-44s %8s %8s\n' "1,000 sequential keep-alive fetches (ms)" "$nano_seq" "$node_seq"
printf '%-44s %8s %8s\n' "sequential fetches (ops/s)" "$nano_ops" "$node_ops"
awk -v a="$nano_conc" -v b="$node_conc" -v c="$nano_ops" -v d="$node_ops" \
  'BEGIN { printf "ratio nano/node: concurrent wall %.2fx the time, sequential %.2fx the ops/s\n", a / b, c / d }'
