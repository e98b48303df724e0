#!/usr/bin/env bash
# One command for the whole benchmark: install the pinned peers (once), then run the harness.
# Settings come from environment variables; see bench/README.md. Example:
#   TARGETS=direct,node_undici,portkey REPS=1 DURATION=3 bash bench/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
export PATH="$repo/node_modules/.bin:$PATH"

bash "$here/setup.sh"

# The harness itself only orchestrates; keep it off the gateway's CPU.
if [[ "${PIN:-1}" != "0" ]]; then
  exec taskset -c "${LOAD_CPU:-1}" node "$here/src/harness.mjs" "$@"
fi
exec node "$here/src/harness.mjs" "$@"
