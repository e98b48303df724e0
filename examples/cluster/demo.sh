#!/usr/bin/env bash
# The cluster demo: a local control plane (etcd + kube-apiserver), the CRDs, the operator and two
# sidecars as local processes wired exactly as in a cluster (the sidecars take config over the
# operator's channel with tokens bound to their own Pod objects), three provider simulators, the
# resources in this folder, then `kubectl get`, proxy-status and chat completions through each
# sidecar. Run through `make demo` (which builds first).
#
# With KUBECONFIG and SWITCHYARD_CLUSTER_DIR set (inside test/cluster/with-cluster.sh, or after
# `make cluster-up` and sourcing its env), it uses that control plane and a namespace of its own;
# otherwise it starts one and tears it down on exit. DEMO_EXIT=1 exits after the showcase instead
# of serving until Ctrl-C. Ctrl-C stops everything it started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$PATH"
cd "$ROOT"

say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

SIMULATOR=test/simulators/dist/main.js
SWITCHYARD=operator/dist/cli/main.js
for file in "$SIMULATOR" "$SWITCHYARD"; do
  [[ -f "$file" ]] || { echo "demo: $file is missing; run make demo (it builds first)" >&2; exit 1; }
done

if [[ -z "${KUBECONFIG:-}" || -z "${SWITCHYARD_CLUSTER_DIR:-}" ]]; then
  say "Starting a local Kubernetes control plane (etcd and kube-apiserver on loopback; no nodes, no kubelet)"
  echo "  test/cluster/with-cluster.sh builds them the first time (Go), then starts them and removes them on exit."
  export SWITCHYARD_DEMO_OWNS_CLUSTER=1
  exec test/cluster/with-cluster.sh "$0" "$@"
fi

KUBECTL="${SWITCHYARD_KUBECTL:-kubectl}"
PKI="$SWITCHYARD_CLUSTER_DIR/pki"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/switchyard-cluster-demo.XXXXXX")"
if [[ "${SWITCHYARD_DEMO_OWNS_CLUSTER:-0}" == 1 ]]; then
  NS=switchyard-demo
  OPERATOR_NS=switchyard-system
else
  # A control plane someone else runs: names of our own, removed on exit.
  suffix="$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
  NS="switchyard-demo-$suffix"
  OPERATOR_NS="switchyard-system-$suffix"
fi
CHILDREN=()

cleanup() {
  trap - EXIT INT TERM
  for pid in "${CHILDREN[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CHILDREN[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${SWITCHYARD_DEMO_OWNS_CLUSTER:-0}" != 1 ]]; then
    "$KUBECTL" delete namespace "$NS" "$OPERATOR_NS" --wait=false >/dev/null 2>&1 || true
  fi
  rm -rf "$LOGS"
}
trap cleanup EXIT
trap 'echo; echo "Stopping everything the demo started."; exit 130' INT
trap 'echo; echo "Stopping everything the demo started."; exit 143' TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_free() {
  node -e 'const s=require("net").createServer();s.once("error",()=>process.exit(1));s.listen(+process.argv[1],"127.0.0.1",()=>s.close(()=>process.exit(0)))' "$1"
}

wait_for() { # wait_for <what> <seconds> <command...>
  local what="$1" tenths=$(( $2 * 10 )); shift 2
  for _ in $(seq "$tenths"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "demo: $what did not happen in time; the logs:" >&2
  for f in "$LOGS"/*.log; do echo "--- $f" >&2; tail -n 30 "$f" >&2; done
  exit 1
}

quoted() { # the arguments as a reader would type them
  local arg out=()
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_/:.=,@-]+$ ]]; then out+=("$arg"); else out+=("'$arg'"); fi
  done
  echo "${out[*]}"
}

run_shown() { # run_shown <command...>: prints it as a reader would type it, runs it, indents its output
  local shown=("$@")
  [[ "$1" == "$KUBECTL" ]] && shown[0]=kubectl
  [[ "$1" == node && "${2:-}" == "$SWITCHYARD" ]] && shown=(switchyard "${@:3}")
  echo "  \$ $(quoted "${shown[@]}")"
  "$@" 2>&1 | sed 's/^/    /'
}

start() { # start <name> <command...>: in the background, its output in $LOGS/<name>.log
  local name="$1"; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  CHILDREN+=("$!")
}

say "The control plane"
echo "  kube-apiserver at $("$KUBECTL" config view --minify -o jsonpath='{.clusters[0].cluster.server}'), kubeconfig $KUBECONFIG"

say "Installing the CRDs (ModelRoute, ProviderPool, BudgetPolicy)"
run_shown "$KUBECTL" apply --server-side --force-conflicts --field-manager=switchyard-demo -f crds/
"$KUBECTL" wait --for=condition=Established --timeout=60s crd/modelroutes.switchyard.dev crd/providerpools.switchyard.dev crd/budgetpolicies.switchyard.dev >/dev/null
echo "  The Helm chart is not installed: its Deployment needs a kubelet, which a bare apiserver does not"
echo "  have, so the operator and the sidecars run below as local processes with the same flags."

say "Creating namespace $NS with a ServiceAccount and two Pods for the sidecars"
"$KUBECTL" create namespace "$NS" >/dev/null
"$KUBECTL" create namespace "$OPERATOR_NS" >/dev/null
run_shown "$KUBECTL" apply -n "$NS" -f examples/cluster/sidecar-pods.yaml
PODS=(demo-app-1 demo-app-2)
for pod in "${PODS[@]}"; do
  "$KUBECTL" patch pod "$pod" -n "$NS" --subresource=status --type=merge \
    -p '{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}' >/dev/null
done
echo "  No kubelet runs them: nodeName is set and their status is patched to Running, as a kubelet would."

say "Minting a token bound to each Pod (audience switchyard), as a projected volume would hold"
for pod in "${PODS[@]}"; do
  args=(create token demo-app -n "$NS" --audience switchyard --bound-object-kind Pod --bound-object-name "$pod" --duration 1h)
  echo "  \$ kubectl $(quoted "${args[@]}") > $LOGS/$pod.token"
  "$KUBECTL" "${args[@]}" >"$LOGS/$pod.token"
  chmod 600 "$LOGS/$pod.token"
done

CHANNEL_PORT="$(free_port)"
METRICS_PORT="$(free_port)"
OPERATOR_URL="https://127.0.0.1:$CHANNEL_PORT"
say "Starting the operator (a local process, talking to the apiserver with the kubeconfig)"
operator_args=(operator --kubeconfig "$KUBECONFIG" --tls-cert "$PKI/webhook.crt" --tls-key "$PKI/webhook.key" --client-ca "$PKI/ca.crt"
  --channel-port "$CHANNEL_PORT" --metrics-port "$METRICS_PORT" --namespace "$OPERATOR_NS" --watch-namespace "$NS")
echo "  \$ switchyard $(quoted "${operator_args[@]}")"
start operator node "$SWITCHYARD" "${operator_args[@]}"
wait_for "the operator's /readyz" 30 curl -fsS "http://127.0.0.1:$METRICS_PORT/readyz"
echo "  Config channel (HTTP/2 over TLS) at $OPERATOR_URL; metrics at http://127.0.0.1:$METRICS_PORT/metrics"

SIDECAR_URLS=()
say "Starting two sidecars, each with its Pod's token, taking config from the operator's channel"
for pod in "${PODS[@]}"; do
  port="$(free_port)"
  mkdir -p "$LOGS/$pod-state"
  sidecar_args=(sidecar --operator-url "$OPERATOR_URL" --ca-file "$PKI/ca.crt" --token-file "$LOGS/$pod.token" --pod "$NS/$pod"
    --port "$port" --state-dir "$LOGS/$pod-state")
  echo "  \$ switchyard $(quoted "${sidecar_args[@]}")"
  start "$pod" node "$SWITCHYARD" "${sidecar_args[@]}"
  SIDECAR_URLS+=("http://127.0.0.1:$port")
done
for i in "${!PODS[@]}"; do
  wait_for "sidecar ${PODS[$i]} to take its first config" 30 curl -fsS "${SIDECAR_URLS[$i]}/readyz"
done
echo "  Both are ready: the operator checked each token with TokenReview and sent the namespace's config."

say "Starting three provider simulators (fake OpenAI, Anthropic and Gemini APIs on loopback)"
start_simulator() { # start_simulator <dialect> <port> <key>
  port_free "$2" || { echo "demo: port $2 is taken; the $1 simulator needs it (see examples/cluster/providerpool.yaml)" >&2; exit 1; }
  start "simulator-$1" node "$SIMULATOR" --dialect "$1" --port "$2" --api-key "$3"
  wait_for "the $1 simulator" 15 grep -q '^listening' "$LOGS/simulator-$1.log"
  echo "  $1 http://127.0.0.1:$2"
}
start_simulator openai 18111 sk-sim-openai-demo-key
start_simulator anthropic 18112 sk-ant-sim-demo-key
start_simulator gemini 18113 sim-gemini-demo-key

say "Applying examples/cluster: the simulators' keys, a ProviderPool, three ModelRoutes, a BudgetPolicy"
for file in secrets providerpool modelroutes budgetpolicy; do
  run_shown "$KUBECTL" apply -n "$NS" -f "examples/cluster/$file.yaml"
done

say "Waiting until both sidecars run every route (the operator writes that into each route's status)"
routes_synced() {
  local synced
  synced="$("$KUBECTL" get modelroutes -n "$NS" -o jsonpath='{range .items[*]}{.status.synced}{" "}{end}')"
  [[ "$synced" == "2/2 2/2 2/2 " ]]
}
wait_for "the routes to reach both sidecars" 60 routes_synced
"$KUBECTL" wait --for=condition=Ready --timeout=30s -n "$NS" modelroutes --all >/dev/null
run_shown "$KUBECTL" get modelroutes,providerpools,budgetpolicies -n "$NS"

say "What the operator knows about its sidecars (switchyard proxy-status)"
run_shown node "$SWITCHYARD" proxy-status --operator-url "$OPERATOR_URL" --ca-file "$PKI/ca.crt" --kubeconfig "$KUBECONFIG" -n "$NS"

chat() { printf '{"model":"%s","messages":[{"role":"user","content":"Say hello to the cluster demo"}]%s}' "$1" "${2:-}"; }

show() { # show <description> <curl args...>
  say "$1"
  echo "\$ curl $(quoted "${@:2}")"
  curl -sS "${@:2}"
  echo
}

for i in "${!PODS[@]}"; do
  url="${SIDECAR_URLS[$i]}"
  show "A chat completion through sidecar ${PODS[$i]} (model demo-chat, served by the OpenAI simulator)" \
    "$url/v1/chat/completions" -H 'content-type: application/json' -d "$(chat demo-chat)"
  show "A streamed chat completion through sidecar ${PODS[$i]} (model demo-anthropic: Anthropic behind, OpenAI's format in front)" \
    -N "$url/v1/chat/completions" -H 'content-type: application/json' \
    -d "$(chat demo-anthropic ',"stream":true,"stream_options":{"include_usage":true}')"
done

say "Done showing."
echo "  Sidecars: ${SIDECAR_URLS[*]} (point any OpenAI SDK at <sidecar>/v1; any API key)."
echo "  Try: KUBECONFIG=$KUBECONFIG $KUBECTL apply -n $NS -f <a changed route>, and watch both sidecars follow within a second."
echo "  Logs (removed on exit): $LOGS/{operator,demo-app-1,demo-app-2,simulator-*}.log"
if [[ "${DEMO_EXIT:-0}" == 1 ]]; then
  exit 0
fi
echo "  Everything keeps running until you press Ctrl-C."
wait
