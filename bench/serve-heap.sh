#!/usr/bin/env bash
# Per-request scope: after 200,000 requests the heap (measured after a full GC) must be where it
# was after warm-up. Serves a worker (default bench/serve/hello.js) with nano serve (JIT) and reads
# the heap with jcmd.
#   bench/serve-heap.sh [requests] [warm-up requests] [worker]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
. "$ROOT/scripts/jdk.sh"
REQUESTS="${1:-200000}"
WARMUP="${2:-50000}"
PORT=18789
WORKER="${3:-$ROOT/bench/serve/hello.js}"
URL="http://127.0.0.1:$PORT/items?id=7"

NANO_JIT=1 "$ROOT/nano" serve "$WORKER" --port "$PORT" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do curl -sf -o /dev/null "$URL" && break; sleep 0.1; done

# Heap in use after a full collection, in KB: the sum over the generations (Serial: DefNew and
# Tenured) or the one G1 heap line, as `GC.heap_info` prints them (not their eden/from/to spaces).
heap_after_gc() {
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | awk '
    /^ *(DefNew|Tenured|def new generation|tenured generation|garbage-first heap) / {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?$/, "", v); sum += v }
    }
    END { print sum + 0 }'
}

echo "warm-up: $(node "$ROOT/bench/serve/load.mjs" "$URL" "$WARMUP" 32)"
before="$(heap_after_gc)"
echo "load:    $(node "$ROOT/bench/serve/load.mjs" "$URL" "$REQUESTS" 32)"
after="$(heap_after_gc)"
echo "heap after GC: before ${before} KB, after ${after} KB, growth $(( after - before )) KB over $REQUESTS requests ($(awk -v g="$(( after - before ))" -v n="$REQUESTS" 'BEGIN{printf "%.3f", g*1024/n}') bytes/request)"
