#!/usr/bin/env bash
# Starts etcd and kube-apiserver on free 127.0.0.1 ports with a fresh PKI, waits until the
# apiserver is ready and the `default` namespace exists, and writes $RUN_DIR/env for callers to
# source. Run dir: $SWITCHYARD_RUN_DIR, or a fresh /tmp/switchyard-cluster-XXXXXX (never the checkout).
# Needs the binaries from build.sh and kubectl from tools.sh; stop it with down.sh <run dir>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$here/../../node_modules/.bin:$PATH"
# shellcheck source=versions.env
. "$here/versions.env"
BIN="${SWITCHYARD_CACHE:-$HOME/.cache/switchyard}/control-plane/bin-$K8S_VERSION-etcd-$ETCD_VERSION"
TIMEOUT=${SWITCHYARD_START_TIMEOUT:-90}
started_ns=$(date +%s%N)

die() { echo "up.sh: $*" >&2; exit 1; }
[ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/etcd" ] || die "no control plane in $BIN; run test/cluster/build.sh"
: "${SWITCHYARD_KUBECTL:?set by tools.sh (with-cluster.sh does this)}"

RUN_DIR=${SWITCHYARD_RUN_DIR:-$(mktemp -d /tmp/switchyard-cluster-XXXXXX)}
mkdir -p "$RUN_DIR"; RUN_DIR=$(cd "$RUN_DIR" && pwd); chmod 700 "$RUN_DIR"
[ ! -e "$RUN_DIR/pids" ] || die "$RUN_DIR already holds a control plane; run down.sh $RUN_DIR first"
# down.sh deletes only directories carrying this marker, so never adopt one that holds anything else.
[ -z "$(ls -A "$RUN_DIR" | grep -vx .switchyard-cluster)" ] || die "$RUN_DIR is not empty; pick a new SWITCHYARD_RUN_DIR"
touch "$RUN_DIR/.switchyard-cluster" "$RUN_DIR/pids"
P=$RUN_DIR/pki

# Any failure or signal before readiness tears down what was started, so nothing is orphaned.
trap 'rc=$?; if [ $rc -ne 0 ]; then dump_logs; "$here/down.sh" "$RUN_DIR"; fi' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

dump_logs() {
  local f
  for f in "$RUN_DIR"/*.log; do
    [ -f "$f" ] && { echo "--- last lines of $f" >&2; tail -n 25 "$f" >&2; }
  done
  return 0
}

# Three ports bound at once so they differ; released just before use (a small race, retried below).
free_ports() {
  node -e 'const net = require("node:net");
    const servers = Array.from({ length: 3 }, () => net.createServer().listen(0, "127.0.0.1"));
    Promise.all(servers.map((s) => new Promise((r) => s.on("listening", r)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });'
}

# spawn NAME CMD...: CMD gets its own session, so a Ctrl-C aimed at the caller's job does not reach
# it, and its pid is recorded at once. A keeper subshell stays its parent and reaps it the moment it
# exits (PID 1 on our machines reaps orphans only every second or two, and a zombie still matches
# `pgrep -f kube-apiserver`). With SWITCHYARD_OWNER_PID set, the keeper also stops CMD once that
# process is gone, so even a SIGKILLed with-cluster.sh leaves no control plane behind.
spawn() {
  local name=$1; shift
  (
    trap : INT TERM
    setsid "$@" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid $name" >>"$RUN_DIR/pids"
    owner=${SWITCHYARD_OWNER_PID:-}
    while kill -0 "$pid" 2>/dev/null; do
      if [ -n "$owner" ] && ! kill -0 "$owner" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null; owner=""; fi
      sleep 1 &
      wait -n "$pid" $! || true
    done
  ) </dev/null >/dev/null 2>&1 &
}

all_alive() {
  local pid name
  while read -r pid name; do kill -0 "$pid" 2>/dev/null || return 1; done <"$RUN_DIR/pids"
}

deadline=$(( $(date +%s) + TIMEOUT ))
# wait_for WHAT CMD...: polls CMD until it succeeds; fails fast if a process died.
wait_for() {
  local what=$1; shift
  until "$@" >/dev/null 2>&1; do
    all_alive || return 2
    [ "$(date +%s)" -lt "$deadline" ] || die "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.1
  done
}

start_etcd() {
  spawn etcd "$BIN/etcd" --name=switchyard-test --data-dir="$RUN_DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_PORT" --advertise-client-urls="http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls="http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls="http://127.0.0.1:$PEER_PORT" \
    --initial-cluster="switchyard-test=http://127.0.0.1:$PEER_PORT" \
    --unsafe-no-fsync=true --log-level=warn
}

start_apiserver() {
  spawn kube-apiserver "$BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
    --cert-dir="$RUN_DIR/apiserver" \
    --tls-cert-file="$P/apiserver.crt" --tls-private-key-file="$P/apiserver.key" \
    --client-ca-file="$P/ca.crt" \
    --service-account-issuer="https://127.0.0.1:$API_PORT" \
    --service-account-key-file="$P/sa.pub" --service-account-signing-key-file="$P/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 \
    --authorization-mode=RBAC \
    --disable-admission-plugins=ServiceAccount \
    --allow-privileged=true \
    --endpoint-reconciler-type=none \
    --profiling=false --v=1
}

etcd_healthy() { curl -sf "http://127.0.0.1:$ETCD_PORT/health" | grep -q '"health":"true"'; }
api_get() { curl -sf --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" "https://127.0.0.1:$API_PORT$1"; }
api_ready() { [ "$(api_get /readyz)" = ok ]; }
default_namespace() { api_get /api/v1/namespaces/default >/dev/null; }

# start_once: 0 ready, 2 a process died (retried when it lost a port race), other: give up.
start_once() {
  read -r ETCD_PORT PEER_PORT API_PORT < <(free_ports)
  start_etcd
  wait_for "etcd /health" etcd_healthy || return $?
  start_apiserver
  wait_for "kube-apiserver /readyz" api_ready || return $?
  wait_for "namespace default" default_namespace || return $?
}

write_kubeconfig() {
  cat >"$RUN_DIR/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: switchyard-test
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: "$P/ca.crt"}
users:
- name: switchyard-test-admin
  user: {client-certificate: "$P/admin.crt", client-key: "$P/admin.key"}
contexts:
- name: switchyard-test
  context: {cluster: switchyard-test, user: switchyard-test-admin}
current-context: switchyard-test
YAML
  chmod 600 "$RUN_DIR/kubeconfig"
}

"$here/pki.sh" "$P"
for attempt in 1 2 3; do
  rc=0; start_once || rc=$?
  [ $rc -eq 0 ] && break
  [ $rc -eq 2 ] && grep -qs 'address already in use' "$RUN_DIR"/*.log && [ $attempt -lt 3 ] || die "a control-plane process exited during start"
  echo "up.sh: lost a port race, retrying" >&2
  "$here/down.sh" --keep "$RUN_DIR"
  rm -rf "$RUN_DIR/etcd" "$RUN_DIR"/*.log
  : >"$RUN_DIR/pids"
done
write_kubeconfig

elapsed_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
cat >"$RUN_DIR/env" <<ENV
export KUBECONFIG=$RUN_DIR/kubeconfig
export SWITCHYARD_CLUSTER_DIR=$RUN_DIR
export SWITCHYARD_APISERVER_URL=https://127.0.0.1:$API_PORT
export SWITCHYARD_KUBECTL=$SWITCHYARD_KUBECTL
${SWITCHYARD_HELM:+export SWITCHYARD_HELM=$SWITCHYARD_HELM}
export SWITCHYARD_CLUSTER_START_MS=$elapsed_ms
# Per-cluster tool state: every run has a new port, so shared caches would only grow.
export KUBECACHEDIR=$RUN_DIR/kube-cache
export HELM_CACHE_HOME=$RUN_DIR/helm/cache HELM_CONFIG_HOME=$RUN_DIR/helm/config HELM_DATA_HOME=$RUN_DIR/helm/data
ENV
echo "control plane ready in $(( elapsed_ms / 1000 )).$(( elapsed_ms % 1000 / 100 ))s at https://127.0.0.1:$API_PORT (run dir $RUN_DIR)" >&2
echo "$RUN_DIR/env"
