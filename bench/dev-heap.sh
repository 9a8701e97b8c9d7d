#!/usr/bin/env bash
# Heap across hot reloads: `nano dev` on a tiny worker, RELOADS edits (each waited for until the new
# text is served), and the live heap after a full GC (jcmd GC.class_histogram, less the JVM's filler
# arrays) after the first WARM edits and at the end, each time after SETTLE seconds without edits (so graphs the JIT is
# compiling are not counted), and every 50 reloads on the way (those include the JIT's working set).
# Hot reload must not leak: each version's context is closed.
#   RELOADS=200 WARM=10 bench/dev-heap.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/jdk.sh"
RELOADS="${RELOADS:-200}"; WARM="${WARM:-10}"; PORT="${PORT:-18899}"
work="$(mktemp -d "${TMPDIR:-/tmp}/nano-dev-heap.XXXXXX")"
mkdir -p "$work/src"
edit() { printf 'export default { fetch() { return new Response("v%s"); } };\n' "$1" > "$work/src/index.js"; }
edit 0
"$ROOT/nano" dev "$work" --port "$PORT" >"$work/dev.log" 2>&1 &
launcher=$!
trap 'kill "$launcher" 2>/dev/null; wait "$launcher" 2>/dev/null; rm -rf "$work"' EXIT
served() { # waits (bounded) until the server answers $1
  for _ in $(seq 1 3000); do
    [ "$(curl -s --max-time 2 "http://127.0.0.1:$PORT/" || true)" = "$1" ] && return 0
    sleep 0.01
  done
  echo "the server never answered $1; its log:" >&2; cat "$work/dev.log" >&2; exit 1
}
served v0
pid="$(pgrep -f "dev.nano.cli.Main dev $work" | head -n1)"
live_heap() { # MiB of live objects after a full collection (the class histogram forces one), less
  # the JVM's heap filler arrays (jdk.internal.vm.FillerElement: dead space, not objects of ours)
  "$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram | awk '
    /^Total/ { total = $3 } /FillerElement/ { filler += $3 }
    END { printf "%.1f", (total - filler) / 1048576 }'
}
for n in $(seq 1 "$WARM"); do edit "$n"; served "v$n"; done
sleep "${SETTLE:-10}" # the JIT's own live data (graphs being compiled) would count as the program's
before="$(live_heap)"
[ -n "${HISTOGRAM:-}" ] && "$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$HISTOGRAM.before"
series="$WARM:${before}"
for n in $(seq $((WARM + 1)) $((WARM + RELOADS))); do
  edit "$n"; served "v$n"
  [ $(( (n - WARM) % 50 )) = 0 ] && series="$series $n:$(live_heap)"
done
sleep "${SETTLE:-10}"
after="$(live_heap)"
[ -n "${HISTOGRAM:-}" ] && "$JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$HISTOGRAM"
rss="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
echo "nano dev: live heap after a full GC (MiB) by reloads done: $series"
echo "nano dev: ${before} MiB after $WARM reloads, ${after} MiB after $((WARM + RELOADS)) (change $(awk -v a="$after" -v b="$before" 'BEGIN{printf "%+.1f", a-b}') MiB); peak RSS ${rss} MiB"
echo "reload lines logged: $(grep -c 'reloaded in' "$work/dev.log")"
