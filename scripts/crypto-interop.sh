#!/usr/bin/env bash
# WebCrypto interop: Node makes keys/signatures that NANO verifies, and NANO's are verified by Node
# (JWK, SPKI, PKCS#8; ECDSA raw r||s; RSA-PSS salt 0/32/64; RSA-OAEP; ECDH/X25519). Exit 1 on any failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

side() {  # side <runtime> <input-json-file or empty>: prints the output JSON line
  local script="$WORK/step-$1.js"
  { printf 'const INPUT = %s;\n' "$( [ -n "$2" ] && cat "$2" || echo null )"; cat "$HERE/crypto-interop.js"; } > "$script"
  if [ "$1" = node ]; then node "$script"; else "$HERE/../nano" run "$script"; fi | tail -n 1
}
extract() { node -e 'const o = JSON.parse(require("fs").readFileSync(0, "utf8")); if (o.error) { console.error(o.error); process.exit(2); } console.log(JSON.stringify(o[process.argv[1]]))' "$1"; }

side node "" > "$WORK/node1.json"
extract produced < "$WORK/node1.json" > "$WORK/from-node.json"
side nano "$WORK/from-node.json" > "$WORK/nano.json"
echo "== NANO checks Node's keys and signatures"
extract checked < "$WORK/nano.json" | node -e 'for (const l of JSON.parse(require("fs").readFileSync(0,"utf8"))) console.log(l)'
extract produced < "$WORK/nano.json" > "$WORK/from-nano.json"
side node "$WORK/from-nano.json" > "$WORK/node2.json"
echo "== Node checks NANO's keys and signatures"
extract checked < "$WORK/node2.json" | node -e 'for (const l of JSON.parse(require("fs").readFileSync(0,"utf8"))) console.log(l)'
failures=$( (extract checked < "$WORK/nano.json"; extract checked < "$WORK/node2.json") | { grep -o '"FAIL' || true; } | wc -l)
echo "failures: $failures"
[ "$failures" -eq 0 ]
