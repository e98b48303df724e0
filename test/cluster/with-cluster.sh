#!/usr/bin/env bash
# with-cluster.sh CMD...: runs CMD against a fresh local control plane and returns CMD's exit code.
# Builds the binaries if missing, installs kubectl/helm, starts etcd + kube-apiserver, exports
# KUBECONFIG, SWITCHYARD_KUBECTL, SWITCHYARD_HELM, SWITCHYARD_CLUSTER_DIR, and always tears the
# control plane down (also on failure, Ctrl-C or TERM).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: with-cluster.sh CMD..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$here/../../node_modules/.bin:$PATH"
# shellcheck source=versions.env
. "$here/versions.env"
BIN="${SWITCHYARD_CACHE:-$HOME/.cache/switchyard}/control-plane/bin-$K8S_VERSION-etcd-$ETCD_VERSION"

[ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/etcd" ] || "$here/build.sh"
tool_env=$("$here/tools.sh")
eval "$(sed 's/^/export /' <<<"$tool_env")"

if [ -z "${SWITCHYARD_RUN_DIR:-}" ]; then
  SWITCHYARD_RUN_DIR=$(mktemp -d /tmp/switchyard-cluster-XXXXXX)
  touch "$SWITCHYARD_RUN_DIR/.switchyard-cluster"
fi
export SWITCHYARD_RUN_DIR
child=""

# Children run in their own process group and in the background, so a signal to this script is
# handled at once (bash defers traps while a foreground child runs) and reaches the whole group.
run_child() {
  setsid "$@" <&0 &
  child=$!
  local rc=0; wait "$child" || rc=$?
  child=""
  return $rc
}

stop_child() {
  [ -n "$child" ] || return 0
  kill -TERM -- "-$child" 2>/dev/null || return 0
  local tenths=100
  while kill -0 -- "-$child" 2>/dev/null && [ $tenths -gt 0 ]; do sleep 0.1; tenths=$(( tenths - 1 )); done
  kill -KILL -- "-$child" 2>/dev/null || true
  wait "$child" 2>/dev/null || true
}

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  stop_child
  "$here/down.sh" "$SWITCHYARD_RUN_DIR" || rc=$(( rc == 0 ? 1 : rc ))
  exit $rc
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export SWITCHYARD_OWNER_PID=$$
run_child "$here/up.sh" >/dev/null
# shellcheck source=/dev/null
. "$SWITCHYARD_RUN_DIR/env"
version=$(curl -sf --cacert "$SWITCHYARD_CLUSTER_DIR/pki/ca.crt" --cert "$SWITCHYARD_CLUSTER_DIR/pki/admin.crt" \
  --key "$SWITCHYARD_CLUSTER_DIR/pki/admin.key" "$SWITCHYARD_APISERVER_URL/version" \
  | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p')
echo "kube-apiserver $version"
echo "control plane warm start: $(( SWITCHYARD_CLUSTER_START_MS / 1000 )).$(( SWITCHYARD_CLUSTER_START_MS % 1000 / 100 ))s ($SWITCHYARD_CLUSTER_DIR)"
run_child "$@"
