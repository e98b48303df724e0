# Every target runs on the project's own Node 24 (node_modules/.bin first on PATH).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
JEST := node --experimental-vm-modules $(CURDIR)/node_modules/jest/bin/jest.js

.PHONY: deps build check test test-unit test-cluster demo clean

# npm ci runs on the machine's npm; it installs the `node` package, whose binary then runs everything else.
node_modules/.deps-stamp: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.deps-stamp

build: deps
	tsc -b

check: build
	tsc -p test/tsconfig.json

test-unit: build
	$(JEST) --selectProjects unit

test: build check
	$(JEST)

demo: build
	@echo "not yet: the standalone demo arrives with the sidecar"

clean:
	rm -rf */dist */*.tsbuildinfo
