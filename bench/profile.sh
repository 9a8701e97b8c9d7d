#!/usr/bin/env bash
# Samples where the loop thread spends its time, NANO's own JS included (Truffle CPU sampler, JIT on).
#   bench/profile.sh run script.js          # histogram on stderr when the script ends
#   OUT=calltree bench/profile.sh serve examples/hello   # Ctrl-C (or SIGTERM) prints the profile
# The sampler is not a NANO dependency: its jar is fetched into cli/target/profiler on first use.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
. "$HERE/scripts/jdk.sh"
"$HERE/nano" --version >/dev/null   # builds when sources changed
CLI="$HERE/cli/target"
GRAAL="$(sed -n 's:.*<graal.version>\(.*\)</graal.version>.*:\1:p' "$HERE/pom.xml")"
if ! ls "$CLI"/profiler/profiler-tool-*.jar >/dev/null 2>&1; then
  (cd "$HERE" && mvn -q -B dependency:copy -Dartifact="org.graalvm.tools:profiler-tool:$GRAAL" \
    -DoutputDirectory="$CLI/profiler") >&2
fi
JIT_PATH="$(ls "$CLI"/jit/*.jar | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="${JIT_PATH%:}" \
  -Dnano.exposeInternals=true -Dpolyglot.cpusampler=true -Dpolyglot.cpusampler.Output="${OUT:-histogram}" \
  ${PROFILE_OPTS:-} -cp "$CLI/nano-cli.jar:$CLI/lib/*:$CLI/profiler/*" dev.nano.cli.Main "$@"
