#!/usr/bin/env bash
# Reload latency of dev servers: time from the last write of a source file to the first HTTP
# response served by the new code, p50/p95 over EDITS edits, for `nano dev` and its peers
# (wrangler dev, deno serve --watch, bun --hot, node --watch), on two generated projects:
# "tiny" (a one-line worker) and "hono" (a small Hono app, the hono package from npm).
#   EDITS=50 WARMUP=3 MODE=write|rename SERVERS=nano,wrangler,deno,bun,node PROJECTS=tiny,hono bench/dev-reload.sh
# Each server runs alone, on 127.0.0.1, in a fresh copy of the project, and gets the same WARMUP
# unmeasured edits first. The peers are installed with npm, by exact version, into a cache outside
# the repository (NANO_BENCH_PEERS, default ${XDG_CACHE_HOME:-~/.cache}/nano-bench/peers); a peer
# that does not install or start is reported "not available" and the others still run.
# Exits non-zero only on a harness error (bad settings, no node/npm, a port that stays busy).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERE="$ROOT/bench/dev-reload"

EDITS="${EDITS:-50}"
WARMUP="${WARMUP:-3}"
MODE="${MODE:-write}"
SERVERS="${SERVERS:-nano,wrangler,deno,bun,node}"
PROJECTS="${PROJECTS:-tiny,hono}"
STARTUP_TIMEOUT_S="${STARTUP_TIMEOUT_S:-180}"   # first response after the server starts
EDIT_TIMEOUT_S="${EDIT_TIMEOUT_S:-30}"          # one edit; a server that misses it is stopped
PORT_BASE="${PORT_BASE:-18790}"

# Exact versions: hono here, the peers (and why wrangler 4.86.0) in bench/lib/peers.sh.
HONO_VERSION=4.13.23
# shellcheck source=bench/lib/peers.sh
. "$ROOT/bench/lib/peers.sh"

[[ "$EDITS" =~ ^[1-9][0-9]*$ && "$WARMUP" =~ ^[0-9]+$ ]] || { echo "EDITS must be >= 1 and WARMUP >= 0" >&2; exit 2; }
[[ "$MODE" == write || "$MODE" == rename ]] || { echo "MODE must be write or rename" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nano-dev-reload.XXXXXX")"
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"

groups=()   # process groups of the servers started (each server runs under setsid)
stop_group() {  # pgid: TERM, up to 5 s, then KILL
  local g="$1" i
  kill -TERM -- "-$g" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 -- "-$g" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$g" 2>/dev/null || true
}
measurer=    # pid of the running measure.mjs
cleanup() {
  local g
  if [ -n "$measurer" ]; then kill "$measurer" 2>/dev/null || true; fi
  for g in "${groups[@]}"; do stop_group "$g"; done
  rm -rf "$WORK/projects" "$WORK/templates"   # node_modules and server state; results and logs stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {  # prints a port nothing listens on, from PORT_BASE on
  local p
  for ((p = PORT_BASE; p < PORT_BASE + 100; p += 2)); do   # +1 stays free for wrangler's inspector
    if ! port_busy "$p" && ! port_busy "$((p + 1))"; then echo "$p"; return 0; fi
  done
  echo "no free port in $PORT_BASE..$((PORT_BASE + 99)) on 127.0.0.1" >&2; exit 2
}

unavailable() {  # server project version reason
  printf '%s\n' "$(node -e 'const [s, p, v, r] = process.argv.slice(1);
    console.log(JSON.stringify({ server: s, project: p, version: v, unavailable: true, reason: r }))' "$@")" >> "$RESULTS"
  echo "  $1 ($2): not available: $4" >&2
}

# ---- peers ------------------------------------------------------------------------------------

declare -A BIN VERSION REASON
nano_available() {
  local out
  # `nano dev --help` exits 0 also on a NANO without the command (it prints the top-level usage), so
  # the usage line must name the command too. This also builds NANO now, not while timing.
  out="$(timeout 900 "$ROOT/nano" dev --help 2>&1)" && grep -q "Usage: nano dev" <<<"$out"
}
for s in ${SERVERS//,/ }; do
  case "$s" in
    nano)
      if nano_available; then BIN[nano]="$ROOT/nano"; VERSION[nano]="$(NANO_JIT=0 "$ROOT/nano" --version 2>/dev/null | head -n1 || true)"
      else echo "nano dev: not available" >&2; REASON[nano]="./nano dev --help does not show the command"; fi ;;
    wrangler) BIN[wrangler]="$(peer_bin wrangler "$WRANGLER_VERSION" wrangler)" || REASON[wrangler]="npm install failed"
      VERSION[wrangler]="$WRANGLER_VERSION" ;;
    deno) BIN[deno]="$(peer_bin deno "$DENO_VERSION" deno)" || REASON[deno]="npm install failed"
      VERSION[deno]="$DENO_VERSION" ;;
    bun) BIN[bun]="$(peer_bin bun "$BUN_VERSION" bun)" || REASON[bun]="npm install failed"
      VERSION[bun]="$BUN_VERSION" ;;
    node) BIN[node]="$(command -v node)"; VERSION[node]="$(node --version)" ;;
    *) echo "unknown server $s (nano, wrangler, deno, bun, node)" >&2; exit 2 ;;
  esac
  # A binary that installed but does not run (a platform package missing, say) is not available.
  if [ -n "${BIN[$s]:-}" ] && [ "$s" != nano ] && ! timeout 60 "${BIN[$s]}" --version >/dev/null 2>&1; then
    REASON[$s]="${BIN[$s]##*/} --version fails"; unset "BIN[$s]"
  fi
done

server_name() {
  case "$1" in
    nano) echo "nano dev" ;; wrangler) echo "wrangler dev" ;; deno) echo "deno serve --watch" ;;
    bun) echo "bun --hot" ;; node) echo "node --watch" ;;
  esac
}

# ---- projects -----------------------------------------------------------------------------------
mkdir -p "$WORK/templates" "$WORK/projects" "$WORK/logs"
declare -A TEMPLATE
for p in ${PROJECTS//,/ }; do
  case "$p" in tiny|hono) ;; *) echo "unknown project $p (tiny, hono)" >&2; exit 2 ;; esac
  node "$HERE/projects.mjs" gen "$p" "$WORK/templates/$p"
  if [ "$p" = hono ]; then
    echo "installing hono@$HONO_VERSION into the hono project ..." >&2
    if ! (cd "$WORK/templates/hono" && timeout 600 npm install "hono@$HONO_VERSION" --no-audit --no-fund >"$WORK/logs/hono-install.log" 2>&1); then
      echo "hono project: not available (npm install hono@$HONO_VERSION failed, log: $WORK/logs/hono-install.log)" >&2
      continue
    fi
  fi
  TEMPLATE[$p]="$WORK/templates/$p"
done

# ---- one server on one project ------------------------------------------------------------------
run_one() {  # server project
  local s="$1" p="$2" dir port log pid started
  local name; name="$(server_name "$s")"
  if [ -z "${BIN[$s]:-}" ]; then unavailable "$name" "$p" "${VERSION[$s]:-}" "${REASON[$s]:-not installed}"; return; fi
  dir="$WORK/projects/$s-$p"
  rm -rf "$dir"; cp -a "${TEMPLATE[$p]}" "$dir"
  port="$(free_port)"
  log="$WORK/logs/$s-$p.log"
  started="$(date +%s%3N)"
  case "$s" in
    nano) (cd "$dir" && exec setsid "${BIN[nano]}" dev "$dir" --port "$port") >"$log" 2>&1 & ;;
    wrangler) (cd "$dir" && WRANGLER_SEND_METRICS=false WRANGLER_LOG_PATH="$WORK/logs/wrangler-logs" \
        exec setsid "${BIN[wrangler]}" dev --ip 127.0.0.1 --port "$port" --inspector-port "$((port + 1))" \
        --show-interactive-dev-session=false) >"$log" 2>&1 & ;;
    deno) (cd "$dir" && DENO_NO_UPDATE_CHECK=1 DENO_DIR="$PEERS/deno-dir" \
        exec setsid "${BIN[deno]}" serve --watch --host 127.0.0.1 --port "$port" src/index.js) >"$log" 2>&1 & ;;
    bun) (cd "$dir" && PORT="$port" DO_NOT_TRACK=1 exec setsid "${BIN[bun]}" --hot bun-entry.mjs) >"$log" 2>&1 & ;;
    node) (cd "$dir" && PORT="$port" exec setsid node --watch node-entry.mjs) >"$log" 2>&1 & ;;
  esac
  pid=$!; groups+=("$pid")
  echo "  $name ${VERSION[$s]} ($p): measuring on port $port ..." >&2
  # In the background and waited for, so that a TERM or INT runs the cleanup trap at once.
  node "$HERE/measure.mjs" --server "$name" --version "${VERSION[$s]}" --project "$p" --dir "$dir" \
    --url "http://127.0.0.1:$port/" --pid "$pid" --out "$RESULTS" --edits "$EDITS" --warmup "$WARMUP" \
    --mode "$MODE" --started-ms "$started" --startup-timeout-s "$STARTUP_TIMEOUT_S" --edit-timeout-s "$EDIT_TIMEOUT_S" &
  measurer=$!
  wait "$measurer" || { echo "measure.mjs failed" >&2; exit 2; }
  measurer=
  stop_group "$pid"; wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do port_busy "$port" || break; sleep 0.1; done   # the next server must not find it bound
  if port_busy "$port"; then echo "port $port still in use after stopping $name" >&2; exit 2; fi
}

echo "dev reload latency: $EDITS measured edits after $WARMUP warm-up edits per server, MODE=$MODE, $(nproc) cores" >&2
for p in ${PROJECTS//,/ }; do
  [ -n "${TEMPLATE[$p]:-}" ] || continue
  for s in ${SERVERS//,/ }; do run_one "$s" "$p"; done
done

node "$HERE/report.mjs" "$RESULTS" "$WORK/dev-reload.json" \
  "dev reload latency (write returned -> first response with the new body): $EDITS edits after $WARMUP warm-up edits, MODE=$MODE, one server at a time, $(nproc) cores"
