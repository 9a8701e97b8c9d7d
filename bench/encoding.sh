#!/usr/bin/env bash
# TextEncoder/TextDecoder 1 MB throughput: NANO (JIT) vs Node on the same workload (bench/encoding.js), ops/s and ratio.
#   bench/encoding.sh [measure-ms=2000] [warmup-ms=1500]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" encoding "${1:-2000}" "${2:-1500}"
