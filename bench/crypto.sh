#!/usr/bin/env bash
# WebCrypto throughput: NANO (JIT) vs Node on the same workload (bench/crypto.js), ops/s and ratio.
#   bench/crypto.sh [measure-ms=2000] [warmup-ms=1500]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" crypto "${1:-2000}" "${2:-1500}"
