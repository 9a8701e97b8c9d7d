#!/usr/bin/env bash
# URL / URLSearchParams (plus ReadableStream and Blob) throughput: NANO (JIT) vs Node on the same
# workload (bench/url.js), ops/s and ratio.
#   bench/url.sh [measure-ms=2000] [warmup-ms=3000]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/compare-ops.sh" url "${1:-2000}" "${2:-3000}"
