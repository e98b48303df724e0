#!/usr/bin/env bash
# Stops the control plane that up.sh started in RUN_DIR: exactly the recorded pids (apiserver
# first), TERM then KILL after a grace period, then removes RUN_DIR (unless --keep).
# Safe to run twice or on a half-started run dir.
set -euo pipefail
keep=false
[ "${1:-}" = --keep ] && { keep=true; shift; }
RUN_DIR=${1:-${SWITCHYARD_RUN_DIR:-}}
GRACE_S=${SWITCHYARD_STOP_GRACE:-10}
[ -n "$RUN_DIR" ] || { echo "usage: down.sh [--keep] RUN_DIR" >&2; exit 2; }
[ -d "$RUN_DIR" ] || exit 0
RUN_DIR=$(cd "$RUN_DIR" && pwd)
[ -e "$RUN_DIR/.switchyard-cluster" ] || { echo "down.sh: $RUN_DIR was not made by up.sh; leaving it" >&2; exit 1; }

# A recorded pid counts only while its command line still names this run dir (pids get reused).
ours() { tr "\0" " " 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$RUN_DIR/"; }

# Gone means reaped: PID 1 here reaps orphans lazily, and zombies still match `pgrep -f`.
gone() { [ ! -e "/proc/$1" ]; }
exited() { gone "$1" || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# wait_until PID SECONDS CHECK: polls CHECK PID every 0.1 s for up to SECONDS.
wait_until() {
  local pid=$1 tenths=$(( $2 * 10 )) check=$3
  while ! "$check" "$pid"; do
    [ "$tenths" -gt 0 ] || return 1
    sleep 0.1; tenths=$(( tenths - 1 ))
  done
}

stop() {
  local pid=$1
  ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  wait_until "$pid" "$GRACE_S" exited || { echo "down.sh: $pid ignored TERM; killing" >&2; kill -KILL "$pid" 2>/dev/null || true; }
  wait_until "$pid" 10 gone || echo "down.sh: $pid has exited but is not reaped yet" >&2
}

# A pid spawned just as up.sh was interrupted may be missing from the file; the flags name the run dir.
unrecorded() {
  pgrep -f -- "--data-dir=$RUN_DIR/etcd|--client-ca-file=$RUN_DIR/pki/ca.crt" || true
}

pids=()
if [ -f "$RUN_DIR/pids" ]; then
  while read -r pid _; do pids=("$pid" "${pids[@]}"); done <"$RUN_DIR/pids"
fi
for pid in $(unrecorded); do
  [[ " ${pids[*]} " == *" $pid "* ]] || pids+=("$pid")
done
for pid in "${pids[@]}"; do stop "$pid"; done

$keep || rm -rf "$RUN_DIR"
