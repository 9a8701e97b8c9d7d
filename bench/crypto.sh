#!/usr/bin/env bash
# WebCrypto throughput: NANO (JIT) vs Node on the same workload (bench/crypto.js), ops/s and ratio.
#   bench/crypto.sh [measure-ms=2000] [warmup-ms=5000]
# Each case gets its own warm-up, the same in both runtimes: once the native provider does the math,
# what is left is NANO's JS per operation, which the JIT needs a few seconds per case to compile.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" crypto "${1:-2000}" "${2:-5000}"
