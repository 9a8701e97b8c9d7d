# Sourced by ./nano and ./test.sh: finds a JDK 25+ and exports JAVA_HOME, or exits with a clear message.
# JAVA_HOME wins when it is a JDK 25+; otherwise the usual install places are searched.
jdk_major() {  # prints the feature version of the JDK at $1, or nothing (its release file is enough: no JVM start)
  if [ -f "$1/release" ]; then
    local line
    while IFS= read -r line; do  # bash built-ins only: this runs on every start
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"; return; fi
    done < "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
  fi
}

is_jdk25() {  # a full JDK (java and javac) of feature version 25 or newer
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local v; v="$(jdk_major "$1")"
  [ -n "$v" ] && [ "$v" -ge 25 ]
}

find_jdk() {
  # Checked first and on its own: the common case costs one read of a release file.
  if [ -n "${JAVA_HOME:-}" ] && is_jdk25 "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  local c
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* /usr/local/*jdk* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -d "$c" ] && is_jdk25 "$c"; then echo "$c"; return 0; fi
  done
  if command -v java >/dev/null 2>&1; then
    c="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if is_jdk25 "$c"; then echo "$c"; return 0; fi
  fi
  return 1
}

if ! JDK="$(find_jdk)"; then
  echo "nano: no JDK 25 found. NANO needs JDK 25 or newer (GraalJS's JIT needs its JVMCI)." >&2
  echo "      Set JAVA_HOME to a JDK 25, or install one (for example Temurin 25) in /usr/lib/jvm." >&2
  exit 3
fi
export JAVA_HOME="$JDK"
