# Sourced by ./nano and ./test.sh: finds a JDK 25+ and exports JAVA_HOME, or exits with a clear message.
# JAVA_HOME wins when it is a JDK 25+; otherwise the usual install places are searched.
jdk_major() {  # prints the feature version of the JDK at $1, or nothing (its release file is enough: no JVM start)
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
  fi
}

find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* /usr/local/*jdk* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local v; v="$(jdk_major "$c")"
      if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}

if ! JDK="$(find_jdk)"; then
  echo "nano: no JDK 25 found. NANO needs JDK 25 or newer (GraalJS's JIT needs its JVMCI)." >&2
  echo "      Set JAVA_HOME to a JDK 25, or install one (for example Temurin 25) in /usr/lib/jvm." >&2
  exit 3
fi
export JAVA_HOME="$JDK"
