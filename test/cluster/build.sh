#!/usr/bin/env bash
# Builds kube-apiserver and etcd from the Go module proxy at the pinned versions and caches them
# by version outside the checkout, so a fresh clone on the same machine reuses them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$here/versions.env"
CACHE=${SWITCHYARD_CACHE:-$HOME/.cache/switchyard}
BIN="$CACHE/control-plane/bin-$K8S_VERSION-etcd-$ETCD_VERSION"
mkdir -p "$BIN"

go_toolchain() {
  # k8s modules may ask for a newer Go than the machine's; the proxy serves toolchains as modules.
  local need; need=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$1" | head -1)
  local have; have=$(go env GOVERSION | sed 's/^go//')
  if [ -n "$need" ] && [ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | tail -1)" != "$have" ]; then
    echo "go1.27.3"
  else
    echo "local"
  fi
}

build_apiserver() {
  [ -x "$BIN/kube-apiserver" ] && return 0
  local src="$CACHE/control-plane/src-$K8S_VERSION" minor staging
  minor=$(echo "$K8S_VERSION" | cut -d. -f2); staging="v0.${K8S_VERSION#v1.}"
  mkdir -p "$src"; cd "$src"
  [ -f go.mod ] || GOTOOLCHAIN=local go mod init local/k8s-test-binaries
  local up; up=$(GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  local tc; tc=$(go_toolchain "$up")
  local gover; gover=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$up" | head -1)
  GOTOOLCHAIN=$tc go mod edit -go="$gover" -require="k8s.io/kubernetes@$K8S_VERSION"
  for m in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$up"); do
    GOTOOLCHAIN=$tc go mod edit -replace="$m=$m@$staging"
  done
  GOTOOLCHAIN=$tc go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION"
  local ldf="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  CGO_ENABLED=0 GOTOOLCHAIN=$tc go build -trimpath -pgo=off -ldflags "$ldf" -o "$BIN/kube-apiserver.tmp" k8s.io/kubernetes/cmd/kube-apiserver
  mv "$BIN/kube-apiserver.tmp" "$BIN/kube-apiserver"
}

build_etcd() {
  [ -x "$BIN/etcd" ] && return 0
  local src="$CACHE/control-plane/src-etcd-$ETCD_VERSION"
  mkdir -p "$src"; cd "$src"
  [ -f go.mod ] || GOTOOLCHAIN=local go mod init local/etcd-test-binary
  GOTOOLCHAIN=local go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3
  mv "$BIN/etcd.tmp" "$BIN/etcd"
}

start=$(date +%s)
build_etcd
build_apiserver
echo "control plane binaries ready in $BIN ($(( $(date +%s) - start ))s)"
"$BIN/kube-apiserver" --version
