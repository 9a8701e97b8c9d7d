#!/usr/bin/env bash
# Runs every NANO test (unit and integration, real sockets on 127.0.0.1) with a JDK 25 it finds.
#   ./test.sh                 all modules
#   ./test.sh -pl runtime     extra arguments go to Maven
set -euo pipefail
NANO_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/jdk.sh
. "$NANO_HOME/scripts/jdk.sh"
cd "$NANO_HOME"
exec mvn -B -ntp verify "$@"
