# ml-connector: one entry point for people and CI. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
NODE_BIN := $(shell bash scripts/ensure-node.sh)
export PATH := $(if $(NODE_BIN),$(NODE_BIN):,)$(ROOT)/node_modules/.bin:$(PATH)
export NX_DAEMON := false
export NX_NO_CLOUD := true
export NX_TUI := false
export KAFKAJS_NO_PARTITIONER_WARNING := 1
RESULTS := .local/test-results
# Integration suites wait on brokers, databases and sandboxes far more than on the CPU (load about 2 with two at a
# time on two cores): three at a time.
INT_WORKERS ?= 3
# The two end-to-end suites side by side: each spends its time waiting on its own services and sandboxes.
E2E_WORKERS ?= 2

.PHONY: help deps build lint typecheck up down infra-up infra-down sandbox test test-unit test-int test-e2e test-deploy deploy-tools demo bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.installed ## Install Node 24 (if needed) and the npm packages

build: deps ## Compile apps and libs to dist/
	node scripts/build.js

lint: deps ## ESLint with module boundaries, and the type check (side by side: one core each)
	nx show projects >/dev/null
	@mkdir -p .local; tsc -p tsconfig.json > .local/tsc.log 2>&1 & tsc=$$!; \
	eslint . ; eslint=$$?; \
	wait $$tsc; status=$$?; cat .local/tsc.log; \
	if [ $$status -ne 0 ]; then echo "lint: type check failed"; fi; \
	exit $$(( eslint || status ))

typecheck: deps
	tsc -p tsconfig.json

infra-up: deps ## Start Kafka, the schema registry and PostgreSQL (idempotent)
	bash infra/up.sh

infra-down: ## Stop Kafka and the schema registry
	bash infra/down.sh

up: infra-up build ## Start the stack, the sandboxes and the services
	bash scripts/services.sh up

down: ## Stop the services, the sandboxes and the stack
	-bash scripts/services.sh down
	bash infra/down.sh

sandbox: build ## Run the BigCommerce, Business Central and Entra ID sandboxes in the foreground
	node dist/apps/sandbox/src/main.js

test-unit: deps
	@mkdir -p $(RESULTS)
	jest --selectProjects unit --json --outputFile=$(RESULTS)/unit.json

test-int: infra-up build
	@mkdir -p $(RESULTS)
	source infra/env.sh && node scripts/provision-topics.js && DATABASE_URL=$$TEST_DATABASE_URL jest --selectProjects int --maxWorkers=$(INT_WORKERS) --forceExit --json --outputFile=$(RESULTS)/int.json

test-e2e: infra-up build
	@mkdir -p $(RESULTS)
	source infra/env.sh && node scripts/provision-topics.js && DATABASE_URL=$$TEST_DATABASE_URL jest --selectProjects e2e --maxWorkers=$(E2E_WORKERS) --forceExit --passWithNoTests --json --outputFile=$(RESULTS)/e2e.json

deploy-tools: ## Install helm, helm-unittest, kubernetes-validate and promtool into .tools/ (idempotent)
	bash scripts/deploy-tools.sh

test-deploy: deps ## Chart, dashboards, alert rules and Dockerfile checks (no cluster needed)
	CHECK_RESULTS_FILE=$(RESULTS)/deploy.json bash scripts/check-deploy.sh

test: ## The whole suite on the real local stack (lint, unit, integration, e2e, deploy checks)
	@rm -rf $(RESULTS)
	@status=0; \
	$(MAKE) --no-print-directory lint || status=1; \
	$(MAKE) --no-print-directory test-unit || status=1; \
	$(MAKE) --no-print-directory test-int || status=1; \
	$(MAKE) --no-print-directory test-e2e || status=1; \
	$(MAKE) --no-print-directory test-deploy || status=1; \
	node scripts/test-summary.js $(RESULTS)/unit.json $(RESULTS)/int.json $(RESULTS)/e2e.json $(RESULTS)/deploy.json || status=1; \
	[ $$status -eq 0 ] || echo "make test: FAILED (see above)"; exit $$status

demo: infra-up build ## Start everything on fresh sandboxes, run the end-to-end demo, print a summary
	source infra/env.sh && bash scripts/services.sh up --fresh
	source infra/env.sh && eval "$$(bash scripts/services.sh env)" && node --no-warnings dist/apps/cli/src/main.js demo $(DEMO_ARGS)

bench: infra-up build ## Run the benchmarks; results in bench/results/
	source infra/env.sh && node bench/run.js

clean: ## Remove build output and local state (not the caches)
	rm -rf dist .local/test-results
