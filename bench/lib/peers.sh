# Sourced by the benchmarks that compare NANO with Deno, Bun and wrangler: the peers' exact
# versions and their install, by npm, into a cache outside the repository (NANO_BENCH_PEERS,
# default ${XDG_CACHE_HOME:-~/.cache}/nano-bench/peers).
# wrangler 4.86.0 is the last 4.x whose engines field accepts Node 20 (later ones ask for Node 22);
# workerd comes with it as an npm package.
WRANGLER_VERSION=4.86.0
DENO_VERSION=2.9.6
BUN_VERSION=1.4.5
PEERS="${NANO_BENCH_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/nano-bench/peers}"

peer_bin() {  # package version binary: installs once into $PEERS/<package>-<version>, prints the binary's path
  local dir="$PEERS/$1-$2"
  if [ ! -x "$dir/node_modules/.bin/$3" ] || ! grep -q "\"version\": \"$2\"" "$dir/node_modules/$1/package.json" 2>/dev/null; then
    echo "installing $1@$2 into $dir ..." >&2
    rm -rf "$dir"; mkdir -p "$dir"
    echo '{ "private": true }' > "$dir/package.json"
    (cd "$dir" && timeout 600 npm install --no-audit --no-fund "$1@$2" >"$dir/install.log" 2>&1) || {
      echo "  npm install $1@$2 failed (log: $dir/install.log)" >&2; return 1; }
  fi
  echo "$dir/node_modules/.bin/$3"
}
