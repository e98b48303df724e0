#!/usr/bin/env bash
# The standalone demo: three provider simulators and a Switchyard sidecar serving the routes in
# this folder, then a few requests with curl. Run through `make demo` (which builds first).
# DEMO_EXIT=1 exits after the showcase instead of serving until Ctrl-C; DEMO_PORT sets the
# sidecar's port (default 8080, another free one when taken; 0 picks any free one).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$PATH"
cd "$ROOT"

SIMULATOR=test/simulators/dist/main.js
SWITCHYARD=operator/dist/cli/main.js
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/switchyard-demo.XXXXXX")"
CHILDREN=()

stop_children() {
  for pid in "${CHILDREN[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${CHILDREN[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$LOGS"
}
trap stop_children EXIT
trap 'echo; echo "Stopping."; exit 0' INT TERM

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

port_free() {
  node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close(()=>process.exit(0)))' "$1"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

wait_for() { # wait_for <what> <command...>: retries for 15 s
  local what="$1"; shift
  for _ in $(seq 150); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "demo: $what did not come up; its log:" >&2
  cat "$LOGS"/*.log >&2 || true
  exit 1
}

for file in "$SIMULATOR" "$SWITCHYARD"; do
  [[ -f "$file" ]] || { echo "demo: $file is missing; run make demo (it builds first)" >&2; exit 1; }
done

start_simulator() { # start_simulator <dialect> <port> <key>
  port_free "$2" || { echo "demo: port $2 is taken; the $1 simulator needs it (see examples/standalone/providerpool.yaml)" >&2; exit 1; }
  node "$SIMULATOR" --dialect "$1" --port "$2" --api-key "$3" >"$LOGS/$1.log" 2>&1 &
  CHILDREN+=("$!")
  wait_for "the $1 simulator" grep -q '^listening' "$LOGS/$1.log"
}

say "Starting three provider simulators (fake OpenAI, Anthropic and Gemini APIs on loopback)"
start_simulator openai 18101 sk-sim-openai-demo-key
start_simulator anthropic 18102 sk-ant-sim-demo-key
start_simulator gemini 18103 sim-gemini-demo-key
echo "  OpenAI (and Azure OpenAI paths)  http://127.0.0.1:18101"
echo "  Anthropic                        http://127.0.0.1:18102"
echo "  Gemini                           http://127.0.0.1:18103"

PORT="${DEMO_PORT:-8080}"
if [[ "$PORT" == 0 ]]; then
  PORT="$(free_port)"
elif ! port_free "$PORT"; then
  PORT="$(free_port)"
  echo "  (port ${DEMO_PORT:-8080} is taken; the sidecar uses $PORT instead)"
fi
URL="http://127.0.0.1:$PORT"

say "Starting the Switchyard sidecar in standalone mode on $URL"
echo "  switchyard sidecar --config examples/standalone --port $PORT"
node "$SWITCHYARD" sidecar --config examples/standalone --port "$PORT" >"$LOGS/sidecar.out" 2>"$LOGS/sidecar.log" &
CHILDREN+=("$!")
wait_for "the sidecar" curl -fsS "$URL/readyz"
sed 's/^/  /' "$LOGS/sidecar.out"

quoted() { # the arguments as a reader would type them
  local arg out=()
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_/:.=-]+$ ]]; then out+=("$arg"); else out+=("'$arg'"); fi
  done
  echo "${out[*]}"
}

show() { # show <description> <curl args...>
  say "$1"
  echo "\$ curl $(quoted "${@:2}")"
  curl -sS "${@:2}"
  echo
}

chat() { printf '{"model":"%s","messages":[{"role":"user","content":"Say hello to the demo"}]%s}' "$1" "${2:-}"; }

show "A chat completion, model demo-openai (served by the OpenAI simulator)" \
  "$URL/v1/chat/completions" -H 'content-type: application/json' -d "$(chat demo-openai)"
show "The same request to demo-anthropic: Anthropic's Messages API behind, OpenAI's format in front" \
  "$URL/v1/chat/completions" -H 'content-type: application/json' -d "$(chat demo-anthropic)"
show "demo-azure (Azure OpenAI deployment paths) with response headers showing where it went" \
  -i "$URL/v1/chat/completions" -H 'content-type: application/json' -d "$(chat demo-azure)"
show "A streamed chat from demo-gemini, with usage at the end (Server-Sent Events)" \
  -N "$URL/v1/chat/completions" -H 'content-type: application/json' \
  -d "$(chat demo-gemini ',"stream":true,"stream_options":{"include_usage":true}')"
show "The models this sidecar serves" "$URL/v1/models"

say "Done showing. Point any OpenAI SDK at $URL/v1 (any API key; the sidecar holds the real ones)."
echo "  Logs (removed on exit): sidecar $LOGS/sidecar.log, simulators $LOGS/{openai,anthropic,gemini}.log"
if [[ "${DEMO_EXIT:-0}" == "1" ]]; then
  exit 0
fi
echo "  Everything keeps running until you press Ctrl-C."
wait
