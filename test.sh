#!/usr/bin/env bash
# Runs every NANO test (unit and integration, real sockets on 127.0.0.1) with a JDK 25 it finds,
# then checks the ./nano launcher as a user starts it (JIT active, a script runs).
#   ./test.sh                 all modules
#   ./test.sh -pl runtime     extra arguments go to Maven (the launcher check is skipped)
set -euo pipefail
NANO_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/jdk.sh
. "$NANO_HOME/scripts/jdk.sh"
cd "$NANO_HOME"
mvn -B -ntp verify "$@"
[ $# -eq 0 ] || exit 0

# The build above produced what ./nano runs: mark it current so the launcher does not rebuild.
touch cli/target/.nano-build-stamp
rm -f cli/target/nano.aot
version="$(./nano --version)"
echo "$version"
grep -q '^engine GraalVM CE$' <<<"$version" || { echo "launcher check FAILED: the JIT is not active"; exit 1; }
smoke="$(mktemp -d)"; trap 'rm -rf "$smoke"' EXIT
printf 'await new Promise((r) => setTimeout(r, 5));\nconsole.log("launcher ok", Nano.args[0]);\n' > "$smoke/smoke.mjs"
[ "$(./nano run "$smoke/smoke.mjs" 42)" = "launcher ok 42" ] || { echo "launcher check FAILED: nano run"; exit 1; }
echo "launcher check: ./nano --version reports the JIT, ./nano run runs a module"
