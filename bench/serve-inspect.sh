#!/usr/bin/env bash
# What `--inspect` costs a server that no debugger is attached to: `./nano serve` against
# `./nano serve --inspect=0` (DevTools endpoint on a free port, nobody connects), "hello" and "json"
# as in bench/serve.sh, same wrk load, same warm-up; req/s, p99, server CPU µs per request, peak
# RSS, and the ratio inspect/plain.
#   bench/serve-inspect.sh [measure-seconds] [warmup-seconds] [connections] [rounds]
# Environment: PASSES (2): each pass starts each variant afresh, warms it up and measures ROUNDS
# rounds; the order alternates (plain first in odd passes, --inspect first in even ones), one
# server at a time. The summary compares the medians over all rounds of all passes (peak RSS: the
# median over passes). BENCH_ONLY=json (or hello) runs one workload. CLASSES=0 skips the
# class-loading check that runs first (`./nano serve` and `./nano run` with and without
# --inspect=0, -Xlog:class+load: classes of GraalVM's tools and of dev.nano.inspector loaded, and
# whether the launcher put cli/target/inspect on the class path).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MEASURE="${1:-10}"
WARMUP="${2:-60}"   # the JIT compiler compiles itself first: a loaded 2-core machine needs a minute
CONNS="${3:-64}"
ROUNDS="${4:-3}"
PASSES="${PASSES:-2}"
PORT=18789
TMP="$(mktemp -d)"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (Debian package)..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || { echo "wrk is missing and could not be installed" >&2; exit 2; }
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"; }
trap cleanup EXIT

# shellcheck source=lib/serve.sh
. "$ROOT/bench/lib/serve.sh"

# Starts `./nano serve` on bench/serve/NAME.js with FLAGS (a word or empty); sets SERVER_PID.
start_server() {  # name flags log
  # shellcheck disable=SC2086
  NANO_NO_BUILD=1 "$ROOT/nano" serve $2 "$ROOT/bench/serve/$1.js" --port "$PORT" >/dev/null 2>"$3" &
  SERVER_PID=$!; pids+=("$SERVER_PID")
  wait_listening "$PORT"
  if [ -n "$2" ] && ! grep -q "Debugger listening on ws://" "$3"; then
    echo "nano serve $2 printed no DevTools address:" >&2; cat "$3" >&2; exit 1
  fi
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
}

# "<chromeinspector> <dap> <profiler> <other com.oracle.truffle.tools> <dev.nano.inspector> <all>" classes in a class+load log.
count_classes() {  # log
  awk '/\[class,load\]/ { n++
         if ($0 ~ / com\.oracle\.truffle\.tools\.chromeinspector\./) ci++
         else if ($0 ~ / com\.oracle\.truffle\.tools\.dap\./) dap++
         else if ($0 ~ / com\.oracle\.truffle\.tools\.profiler\./) prof++
         else if ($0 ~ / com\.oracle\.truffle\.tools\./) other++
         if ($0 ~ / dev\.nano\.inspector\./) ni++ }
       END { printf "%d %d %d %d %d %d", ci, dap, prof, other, ni, n }' "$1"
}

class_check() {
  local flags log cp counts
  echo 'console.log("hi")' >"$TMP/tiny.js"
  echo "class loading (-Xlog:class+load; chromeinspector/dap/profiler/other truffle.tools/dev.nano.inspector of all classes loaded):"
  for flags in "" "--inspect=0"; do
    log="$TMP/classes-serve.log"; rm -f "$log"
    NANO_JAVA_OPTS="-Xlog:class+load=info:file=$log" start_server hello "$flags" "$TMP/serve.err"
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/"
    cp="no"; tr '\0' '\n' <"/proc/$SERVER_PID/cmdline" | grep -q '/cli/target/inspect/\*' && cp="yes"
    stop_server
    read -r -a counts <<<"$(count_classes "$log")"
    printf "  nano serve %-12s %3d / %3d / %3d / %3d / %3d of %5d classes; cli/target/inspect on the class path: %s\n" \
      "${flags:-(plain)}" "${counts[@]}" "$cp"

    log="$TMP/classes-run.log"; rm -f "$log"
    # shellcheck disable=SC2086
    NANO_NO_BUILD=1 NANO_JAVA_OPTS="-Xlog:class+load=info:file=$log" "$ROOT/nano" run $flags "$TMP/tiny.js" >/dev/null 2>"$TMP/run.err"
    read -r -a counts <<<"$(count_classes "$log")"
    printf "  nano run   %-12s %3d / %3d / %3d / %3d / %3d of %5d classes\n" "${flags:-(plain)}" "${counts[@]}"
  done
}

# Appends every round's "<req/s> <p99> <cpu>" to $TMP/NAME-VARIANT.rounds and the peak RSS to .rss.
run_pass() {  # name path variant
  local flags=""
  [ "$3" = inspect ] && flags="--inspect=0"
  start_server "$1" "$flags" "$TMP/$1-$3.err"
  wrk -t1 -c"$CONNS" -d"$WARMUP"s "http://127.0.0.1:$PORT$2" >/dev/null
  ROUND_VALUES=1 rounds "$1 $3" "http://127.0.0.1:$PORT$2" "$SERVER_PID" >>"$TMP/$1-$3.rounds"
  peak_rss_mib "$SERVER_PID" >>"$TMP/$1-$3.rss"
  echo "    $1 $3 peak RSS $(tail -1 "$TMP/$1-$3.rss") MiB" >&2
  stop_server
}

# Prints "<req/s> <p99> <cpu> <rss>" medians of one variant.
summary() {  # name variant
  local f="$TMP/$1-$2"
  # shellcheck disable=SC2046
  echo "$(median $(awk '{print $1}' "$f.rounds")) $(median $(awk '{print $2}' "$f.rounds")) $(median $(awk '{print $3}' "$f.rounds")) $(median $(cat "$f.rss"))"
}

run_one() {  # name path
  local name="$1" path="$2" pass p i
  for pass in $(seq 1 "$PASSES"); do
    if (( pass % 2 )); then run_pass "$name" "$path" plain; run_pass "$name" "$path" inspect
    else run_pass "$name" "$path" inspect; run_pass "$name" "$path" plain; fi
  done
  read -r -a p <<<"$(summary "$name" plain)"
  read -r -a i <<<"$(summary "$name" inspect)"
  printf "%-6s  plain %7.0f req/s  p99 %6.2f ms  %5.1f cpu-µs/req  %4.0f MiB   --inspect=0 %7.0f req/s  p99 %6.2f ms  %5.1f cpu-µs/req  %4.0f MiB   inspect/plain req/s %.3fx  p99 %.2fx  cpu/req %.3fx  RSS %.2fx\n" \
    "$name" "${p[@]}" "${i[@]}" \
    "$(awk -v a="${i[0]}" -v b="${p[0]}" 'BEGIN{print a/b}')" "$(awk -v a="${i[1]}" -v b="${p[1]}" 'BEGIN{print a/b}')" \
    "$(awk -v a="${i[2]}" -v b="${p[2]}" 'BEGIN{print a/b}')" "$(awk -v a="${i[3]}" -v b="${p[3]}" 'BEGIN{print a/b}')"
}

"$ROOT/nano" --version >/dev/null   # builds NANO now if its sources changed, not while timing
echo "$(date -u +%F) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
[ "${CLASSES:-1}" = 0 ] || class_check
echo "wrk -t1 -c$CONNS; per server: warm-up ${WARMUP}s, then $ROUNDS rounds of ${MEASURE}s; $PASSES passes (plain and --inspect=0 alternate, one server at a time); medians over all rounds (RSS: over passes)"
echo "about $(( 2 * 2 * PASSES * (WARMUP + ROUNDS * MEASURE + 5) / 60 )) min"
if [[ hello == *"${BENCH_ONLY:-}"* ]]; then run_one hello "/"; fi
if [[ json == *"${BENCH_ONLY:-}"* ]]; then run_one json "/items/list?id=123&sort=asc"; fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
