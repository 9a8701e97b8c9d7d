#!/usr/bin/env bash
# REPL start-up in a real terminal: time from launching a REPL in a fresh tmux session to its first
# prompt (p50/min/max over RUNS), Tab-completion latency on the warm REPL (`crypto.su` -> crypto.subtle,
# `[1,2].ma` -> [1,2].map) and the REPL process's peak RSS (VmHWM), for `./nano repl` as a user types
# it (no JIT by default), `NANO_JIT=1 ./nano repl`, `node` (the one on PATH), `deno repl` and `bun repl`.
#   RUNS=10 WARMUP=1 RUNTIMES=nano,nano-jit,node,deno,bun bench/repl-startup.sh
# Each run starts its own tmux server on a private socket (tmux -L, -f /dev/null), creates the REPL's
# session in it (`new-session -d -x 120 -y 40`; the clock starts just before that command) and polls
# `capture-pane` every POLL_MS (2) until the last non-empty line is the prompt alone (`>`; `❯` for
# Bun). Polling goes through a tmux control-mode client (bench/repl-startup/measure.mjs), a round trip
# well under 1 ms, not a fork of tmux per poll (~5 ms). TAB_DELAY_MS (1000) after the prompt, the
# text is typed, and once it shows (plus 200 ms) Tab is pressed and timed until the prompt line shows
# the completion (a runtime that does not complete it within 5 s: "no completion"). Runtimes take
# turns: the WARMUP unmeasured runs of each first, then run 1 of each, run 2 of each, and so on.
# Every REPL gets HOME in a temp dir and its history there or off (NODE_REPL_HISTORY='',
# NANO_REPL_HISTORY and DENO_REPL_HISTORY in the temp HOME), so no user history is read or written;
# Deno uses the peers' DENO_DIR cache. Runs are in an empty temp dir.
# NANO: the launcher builds NANO on first use when its sources changed; the script first runs
# `./nano --version` and `./nano repl --help` unmeasured (the build, and the AOT cache the launcher
# makes on the first run without the JIT), and only then measures. NANO_NO_BUILD=1 set by the caller
# is passed on (the launcher then never builds). The "nano" rows are skipped with "not available"
# while `./nano repl --help` does not show the command.
# The peers are npm packages installed by exact version into NANO_BENCH_PEERS (default
# ${XDG_CACHE_HOME:-~/.cache}/nano-bench/peers, shared with bench/dev-reload.sh); one that does not
# install or run is reported "not available" and the others still run.
# Exits non-zero only on a harness error (bad settings, no node/npm/tmux, tmux failing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/repl-startup"

RUNS="${RUNS:-10}"
WARMUP="${WARMUP:-1}"
RUNTIMES="${RUNTIMES:-nano,nano-jit,node,deno,bun}"
POLL_MS="${POLL_MS:-2}"
TAB_DELAY_MS="${TAB_DELAY_MS:-1000}"            # from the first prompt to typing the first completion
STARTUP_TIMEOUT_S="${STARTUP_TIMEOUT_S:-120}"   # first prompt; a run that misses it is reported failed

# The peers, by exact version.
# shellcheck source=bench/lib/peers.sh
. "$ROOT/bench/lib/peers.sh"

[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$WARMUP" =~ ^[0-9]+$ ]] || { echo "RUNS must be >= 1 and WARMUP >= 0" >&2; exit 2; }
[[ "$POLL_MS" =~ ^[1-9][0-9]*$ && "$TAB_DELAY_MS" =~ ^[0-9]+$ ]] || { echo "POLL_MS must be >= 1 and TAB_DELAY_MS >= 0" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nano-repl-startup.XXXXXX")"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
mkdir -p "$WORK/home" "$WORK/cwd"

socket=      # the private tmux socket of the run in progress
measurer=    # pid of the running measure.mjs
cleanup() {
  if [ -n "$measurer" ]; then kill "$measurer" 2>/dev/null || true; fi
  if [ -n "$socket" ]; then tmux -L "$socket" kill-server 2>/dev/null || true; fi
  rm -rf "$WORK/cwd"   # results and the temp HOME stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM

unavailable() {  # runtime version reason
  printf '%s\n' "$(node -e 'const [r, v, why] = process.argv.slice(1);
    console.log(JSON.stringify({ runtime: r, version: v, unavailable: true, reason: why }))' "$@")" >> "$RESULTS"
  echo "  $1: not available: $3" >&2
}

# ---- runtimes ---------------------------------------------------------------------------------

declare -A CMD SUB VERSION REASON LABEL PROMPT ENVS   # CMD: the binary, SUB: its subcommand
nano_checked= nano_ok= nano_version= nano_reason=
nano_available() {  # once: builds NANO if needed (unmeasured), then checks that it has the command
  if [ -z "$nano_checked" ]; then
    nano_checked=1
    local out
    echo "./nano --version (builds NANO first if its sources changed) ..." >&2
    if ! nano_version="$(env -u NANO_JIT timeout 900 "$ROOT/nano" --version 2>&1 | head -n1)"; then
      nano_reason="./nano --version fails"
    # `nano repl --help` exits 0 also on a NANO without the command (it prints the top-level usage),
    # so the usage line must name the command. This run without the JIT also makes the AOT cache.
    elif out="$(env -u NANO_JIT timeout 900 "$ROOT/nano" repl --help 2>&1)" && grep -q "Usage: nano repl" <<<"$out"; then
      nano_ok=1
    else
      nano_reason="./nano repl --help does not show the command"
    fi
  fi
  [ -n "$nano_ok" ]
}
for r in ${RUNTIMES//,/ }; do
  case "$r" in
    nano|nano-jit)
      if [ "$r" = nano ]; then LABEL[$r]='`./nano repl`'; else LABEL[$r]='`NANO_JIT=1 ./nano repl`'; ENVS[$r]=NANO_JIT=1; fi
      PROMPT[$r]='>'
      if nano_available; then CMD[$r]="$ROOT/nano"; SUB[$r]=repl; else REASON[$r]="$nano_reason"; fi
      VERSION[$r]="${nano_version#nano }" ;;
    node) LABEL[node]=node; PROMPT[node]='>'; CMD[node]="$(command -v node)"; VERSION[node]="$(node --version)" ;;
    deno) LABEL[deno]='deno repl'; PROMPT[deno]='>'; VERSION[deno]="$DENO_VERSION"
      if bin="$(peer_bin deno "$DENO_VERSION" deno)"; then CMD[deno]="$bin"; SUB[deno]=repl; else REASON[deno]="npm install failed"; fi ;;
    bun) LABEL[bun]='bun repl'; PROMPT[bun]='❯'; VERSION[bun]="$BUN_VERSION"
      if bin="$(peer_bin bun "$BUN_VERSION" bun)"; then CMD[bun]="$bin"; SUB[bun]=repl; else REASON[bun]="npm install failed"; fi ;;
    *) echo "unknown runtime $r (nano, nano-jit, node, deno, bun)" >&2; exit 2 ;;
  esac
  # A binary that installed but does not run (a platform package missing, say) is not available.
  if [ -n "${CMD[$r]:-}" ] && [[ "$r" != nano* ]] && ! timeout 60 "${CMD[$r]}" --version >/dev/null 2>&1; then
    REASON[$r]="${CMD[$r]##*/} --version fails"; unset "CMD[$r]"
  fi
done

# ---- one run ------------------------------------------------------------------------------------
# The same environment for every REPL: a temp HOME, history there or off, no update checks.
COMMON_ENV=(--env "HOME=$WORK/home" --env "NODE_REPL_HISTORY=" --env "NANO_REPL_HISTORY=$WORK/home/.nano_repl_history"
  --env "DENO_REPL_HISTORY=$WORK/home/.deno_repl_history" --env "DENO_DIR=$PEERS/deno-dir" --env "DENO_NO_UPDATE_CHECK=1"
  --env "DO_NOT_TRACK=1")
run_one() {  # runtime run-number warmup(0|1)
  local r="$1" i="$2" warm=() extra=() cmd
  [ "$3" = 1 ] && warm=(--warmup)
  [ -n "${ENVS[$r]:-}" ] && extra=(--env "${ENVS[$r]}")
  cmd=("${CMD[$r]}"); [ -n "${SUB[$r]:-}" ] && cmd+=("${SUB[$r]}")
  socket="nano-repl-startup-$$-$r-$i"
  # In the background and waited for, so that a TERM or INT runs the cleanup trap at once.
  node "$HERE/measure.mjs" --socket "$socket" --runtime "${LABEL[$r]}" --version "${VERSION[$r]}" --prompt "${PROMPT[$r]}" \
    --cwd "$WORK/cwd" --out "$RESULTS" --run "$i" "${warm[@]}" --poll-ms "$POLL_MS" --tab-delay-ms "$TAB_DELAY_MS" \
    --startup-timeout-s "$STARTUP_TIMEOUT_S" "${COMMON_ENV[@]}" "${extra[@]}" -- "${cmd[@]}" &
  measurer=$!
  wait "$measurer" || { echo "measure.mjs failed (tmux?)" >&2; exit 2; }
  measurer=
  tmux -L "$socket" kill-server 2>/dev/null || true
  socket=
}

echo "REPL start-up: $RUNS measured runs after $WARMUP warm-up run(s) per runtime, taking turns, $(nproc) cores" >&2
active=()
for r in ${RUNTIMES//,/ }; do
  if [ -n "${CMD[$r]:-}" ]; then active+=("$r"); else unavailable "${LABEL[$r]}" "${VERSION[$r]:-}" "${REASON[$r]:-not installed}"; fi
done
for ((i = 1; i <= WARMUP; i++)); do
  for r in "${active[@]}"; do echo "  ${LABEL[$r]} ${VERSION[$r]}:" >&2; run_one "$r" "$i" 1; done
done
for ((i = 1; i <= RUNS; i++)); do
  for r in "${active[@]}"; do echo "  ${LABEL[$r]} ${VERSION[$r]}:" >&2; run_one "$r" "$i" 0; done
done

node "$HERE/report.mjs" "$RESULTS" "$WORK/repl-startup.json" \
  "REPL start-up in tmux (new-session -> first prompt), Tab completion ${TAB_DELAY_MS} ms after it, VmHWM of the REPL process: $RUNS runs after $WARMUP warm-up per runtime, $(nproc) cores"
echo "raw results (one JSON line per run, warm-up runs too): $RESULTS" >&2
