#!/usr/bin/env bash
# nano serve vs Node 20's http server: "hello" and "json" (parse the URL, 20-field object, a
# header), same load generator (wrk), req/s and p99 for both.
#   bench/serve.sh [measure-seconds] [warmup-seconds] [connections] [rounds]
# Each server is measured for several rounds in a row and the summary line compares the median
# rounds. Why rounds: on this 2-core VM a 10 s run of the same warm NANO swings between ~80k and
# ~100k req/s (user and kernel time alike cost ~30% more in the slow phases), so one run compared
# whichever phase it hit. Why one server at a time: when this script kept the warmed NANO JVM
# alive while Node was measured (idle, or even stopped with SIGSTOP), Node's "hello" gave 50-56k
# req/s against 62-70k alone (cause unknown; one run by hand did not show it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEASURE="${1:-10}"
WARMUP="${2:-60}"   # the JIT compiler compiles itself first: a loaded 2-core machine needs a minute
CONNS="${3:-64}"
ROUNDS="${4:-3}"
PORT_NANO=18787
PORT_NODE=18788

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || { echo "wrk is missing and could not be installed" >&2; exit 2; }
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# shellcheck source=lib/serve.sh
. "$ROOT/bench/lib/serve.sh"

run_one() {  # name path
  local name="$1" path="$2" pid nano node
  NANO_JIT=1 NANO_NO_BUILD=1 "$ROOT/nano" serve "$ROOT/bench/serve/$name.js" --port "$PORT_NANO" >/dev/null 2>&1 &
  pids+=($!); pid=$!
  wait_listening "$PORT_NANO"
  wrk -t1 -c"$CONNS" -d"$WARMUP"s "http://127.0.0.1:$PORT_NANO$path" >/dev/null
  nano="$(rounds "$name nano" "http://127.0.0.1:$PORT_NANO$path" "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true

  node "$ROOT/bench/serve/node-server.mjs" "$name" "$PORT_NODE" >/dev/null &
  pids+=($!); pid=$!
  wait_listening "$PORT_NODE"
  wrk -t1 -c"$CONNS" -d"$(( WARMUP < 5 ? WARMUP : 5 ))"s "http://127.0.0.1:$PORT_NODE$path" >/dev/null
  node="$(rounds "$name node" "http://127.0.0.1:$PORT_NODE$path" "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true

  read -r nano_rps nano_p99 nano_cpu <<<"$nano"
  read -r node_rps node_p99 node_cpu <<<"$node"
  printf "%-6s  nano %7.0f req/s  p99 %6.2f ms  %5.1f cpu-µs/req   node %7.0f req/s  p99 %6.2f ms  %5.1f cpu-µs/req   nano/node req/s %.2fx  cpu/req %.2fx\n" \
    "$name" "$nano_rps" "$nano_p99" "$nano_cpu" "$node_rps" "$node_p99" "$node_cpu" \
    "$(awk -v a="$nano_rps" -v b="$node_rps" 'BEGIN{print a/b}')" "$(awk -v a="$nano_cpu" -v b="$node_cpu" 'BEGIN{print a/b}')"
}

"$ROOT/nano" --version >/dev/null   # builds NANO now if its sources changed, not while timing
echo "wrk -t1 -c$CONNS, warm-up ${WARMUP}s (node: ≤5s), then $ROUNDS rounds of ${MEASURE}s each, one server at a time; medians; $(nproc) cores"
run_one hello "/"
run_one json "/items/list?id=123&sort=asc"
