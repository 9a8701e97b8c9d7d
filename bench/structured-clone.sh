#!/usr/bin/env bash
# structuredClone throughput: NANO (JIT) vs Node on the same workload (bench/structured-clone.js), ops/s and ratio.
#   bench/structured-clone.sh [measure-ms=3000] [warmup-ms=45000]
# The warm-up is per case and long: on 2 cores the JIT compiles itself before it compiles the clone,
# and the graph case reaches its steady rate only after 25-40 s (the last column says when NANO first
# matched Node's rate). Shorter warm-ups measure the compiler's warm-up, not structuredClone.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" structured-clone "${1:-3000}" "${2:-45000}"
