# DocEngine: `make run` renders the samples, `make test` runs every test.
SWIFT      ?= swift
OUT        ?= out
DEBUG_BIN  := .build/debug/docengine
SAMPLES    := $(wildcard SampleData/*.json)
# `docengine serve|keys|store` hand over to docengine-service, built beside it.
BUILD_CLI  := $(SWIFT) build --product docengine && $(SWIFT) build --product docengine-service

.PHONY: all deps build run test fuzz test-browser studio-screenshots bench bench-service bench-cluster clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(BUILD_CLI)

# Renders every sample document into out/, then every template under each sample brand
# into out/preview-BRAND/ (what a reseller sees), and prints the paths; then runs the HTTP
# service on var/ in the foreground (keys made once under var/keys/; PORT=8080 by default),
# printing ready-to-paste curl commands first.
run: build
	@mkdir -p $(OUT)
	@$(DEBUG_BIN) samples --samples SampleData --output $(OUT)
	@for brand in SampleData/brands/*/; do \
		$(DEBUG_BIN) preview --brand "$$brand" --samples SampleData --output $(OUT)/preview-$$(basename "$$brand") || exit 1; \
	done
	@BIN=$(DEBUG_BIN) scripts/run-service.sh

# The Swift suites, then schemathesis against the running service (scripts/schemathesis.sh: a
# fixed seed and bounded cases), then the studio in headless chromium (Playwright); both tools
# come from PyPI into .build/ the first time. The tests of the cluster store need a PostgreSQL and
# an S3 server: scripts/with-test-services.sh starts throwaway ones (initdb in a temporary folder,
# SeaweedFS), runs the Swift suites, stops them.
test: deps
	@scripts/ensure-python.sh
	$(SWIFT) build --build-tests
	scripts/with-test-services.sh $(SWIFT) test --skip-build
	BIN=$$($(SWIFT) build --show-bin-path)/docengine scripts/schemathesis.sh
	scripts/studio-browser-test.sh

# libFuzzer targets (Fuzz/Targets) built with --sanitize=fuzzer in .build/fuzz, each run for
# FUZZ_SECONDS (default 60) from a seed corpus of the samples; prints executions per target.
fuzz: deps
	scripts/fuzz.sh

# The studio in headless chromium (Playwright) against the real service; needs a built docengine.
test-browser: deps
	$(BUILD_CLI)
	scripts/studio-browser-test.sh

# Runs the browser test and rewrites the studio's screenshots in docs/images/ (look at them).
studio-screenshots: deps
	$(BUILD_CLI)
	SCREENSHOTS=docs/images scripts/studio-browser-test.sh

# Release-mode benchmark: single-document latency and batch throughput.
bench: deps
	$(SWIFT) build -c release
	.build/release/DocBench --samples SampleData --fonts Fonts --cli .build/release/docengine

# Load benchmark of `docengine serve` (release, loopback): 32 clients POSTing one-page invoices
# for 30 s; prints throughput, p50/p99 latency and answers by status; then an open loop, the studio's
# previews and a batch re-render of every invoice issued. CLIENTS=, DURATION= override.
bench-service: deps
	scripts/bench-service.sh

# Load benchmark of a cluster (release, loopback): one, two and three nodes on one PostgreSQL
# behind nginx with deploy/nginx/docengine.conf; throughput and p99 for each. CLIENTS=, DURATION= override.
bench-cluster: deps
	scripts/bench-cluster.sh

clean:
	rm -rf .build $(OUT)
