#!/usr/bin/env bash
# structuredClone throughput: NANO (JIT) vs Node on the same workload (bench/structured-clone.js), ops/s and ratio.
#   bench/structured-clone.sh [measure-ms=3000] [warmup-ms=5000]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" structured-clone "${1:-3000}" "${2:-5000}"
