# Sourced by bench/serve.sh and bench/serve-inspect.sh: wrk runs against one server process, its
# CPU time per request, medians of rounds. Expects CONNS (wrk connections) and MEASURE (seconds).

wait_listening() {  # port
  for _ in $(seq 1 1800); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not come up" >&2; exit 1
}

# CPU time (user + system, all threads) the process has used so far, in clock ticks.
cpu_ticks() {  # pid
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Peak resident set size of the process so far (VmHWM), in MiB.
peak_rss_mib() {  # pid
  awk '/^VmHWM:/ {printf "%.0f\n", $2 / 1024}' "/proc/$1/status"
}

# Prints "<req/s> <p99 ms> <server CPU µs per request>". The CPU figure does not depend on what
# else the machine is doing, so it is the one to compare on a loaded machine.
measure() {  # url seconds pid
  local out rps p99 ticks_before ticks_after requests
  ticks_before="$(cpu_ticks "$3")"
  out="$(wrk -t1 -c"$CONNS" -d"$2"s --latency "$1")"
  ticks_after="$(cpu_ticks "$3")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  case "$p99" in
    *us) p99="$(awk -v v="${p99%us}" 'BEGIN{printf "%.2f", v/1000}')" ;;
    *ms) p99="${p99%ms}" ;;
    *s)  p99="$(awk -v v="${p99%s}" 'BEGIN{printf "%.2f", v*1000}')" ;;
  esac
  echo "$rps $p99 $(awk -v t="$(( ticks_after - ticks_before ))" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN{printf "%.1f", t / hz * 1e6 / n}')"
}

median() {  # numbers...
  printf "%s\n" "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# Measures one server for ROUNDS rounds; prints one line per round to stderr, then
# "<req/s> <p99> <cpu>" medians, or with ROUND_VALUES=1 every round's "<req/s> <p99> <cpu>".
rounds() {  # label url pid
  local r rps=() p99=() cpu=() a b c
  for r in $(seq 1 "$ROUNDS"); do
    read -r a b c <<<"$(measure "$2" "$MEASURE" "$3")"
    rps+=("$a"); p99+=("$b"); cpu+=("$c")
    printf "    %-10s round %d  %7.0f req/s  p99 %6.2f ms  %5.1f cpu-µs/req\n" "$1" "$r" "$a" "$b" "$c" >&2
    [ "${ROUND_VALUES:-0}" = 1 ] && echo "$a $b $c"
  done
  [ "${ROUND_VALUES:-0}" = 1 ] || echo "$(median "${rps[@]}") $(median "${p99[@]}") $(median "${cpu[@]}")"
}
