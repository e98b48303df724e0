#!/usr/bin/env bash
# Installs the peer gateways and load-tool libraries from bench/peers/ (pinned, with lockfile)
# into a scratch dir outside the repo, so no peer code lands in the work tree.
# Idempotent: skips the install when the scratch copy of the lockfile is unchanged.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export PATH="$repo/node_modules/.bin:$PATH"
scratch="${BENCH_SCRATCH:-${TMPDIR:-/tmp}/switchyard-bench}"
peers="$scratch/peers"

if [[ "$(node --version)" != v24.* ]]; then
  echo "setup: need the project's Node 24 at $repo/node_modules/.bin/node (run npm ci at the repo root first)" >&2
  exit 1
fi

mkdir -p "$peers"
if cmp -s "$here/peers/package-lock.json" "$peers/package-lock.json" && [[ -d "$peers/node_modules/@portkey-ai/gateway" ]]; then
  echo "setup: peers already installed in $peers"
  exit 0
fi

cp "$here/peers/package.json" "$here/peers/package-lock.json" "$peers/"
# Scripts stay off: Portkey's postinstall runs patch-package against its own dev tree.
# The lock serialises npm on this machine (docs/dev/conventions.md).
(cd "$peers" && flock /tmp/npm.lock npm ci --ignore-scripts --no-audit --no-fund)

hono="$(node -p "require('$peers/node_modules/@hono/node-server/package.json').version")"
if [[ "$hono" != "1.11.0" ]]; then
  echo "setup: expected @hono/node-server 1.11.0 (override), got $hono" >&2
  exit 1
fi
echo "setup: peers installed in $peers (@hono/node-server $hono)"
