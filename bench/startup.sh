#!/usr/bin/env bash
# Start-up: wall time of `nano run hello.js` (one console.log) vs `node hello.js`, median of N runs.
#   bench/startup.sh [N=11]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NANO="$HERE/../nano"
N="${1:-11}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
echo 'console.log("hello");' > "$WORK/hello.js"
"$NANO" run "$WORK/hello.js" >/dev/null   # builds and makes the AOT cache if needed

median_ms() {  # runs "$@" N times, prints the median wall time in ms
  local times=() i s e
  for ((i = 0; i < N; i++)); do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (N + 1) / 2 ))p"
}

nano_ms=$(median_ms "$NANO" run "$WORK/hello.js")
nano_jit_ms=$(NANO_JIT=1 median_ms "$NANO" run "$WORK/hello.js")
printf '%-34s %6s ms\n' "nano run hello.js (AOT cache)" "$nano_ms" "nano run hello.js (JIT, NANO_JIT=1)" "$nano_jit_ms"
if command -v node >/dev/null; then
  node_ms=$(median_ms node "$WORK/hello.js")
  printf '%-34s %6s ms\n' "node hello.js" "$node_ms"
  awk -v a="$nano_ms" -v b="$node_ms" 'BEGIN { printf "ratio nano/node: %.1fx the time\n", a / b }'
fi
