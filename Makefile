# DocEngine: `make run` renders the samples, `make test` runs every test.
SWIFT      ?= swift
OUT        ?= out
DEBUG_BIN  := .build/debug/docengine
SAMPLES    := $(wildcard SampleData/*.json)

.PHONY: all deps build run test bench clean

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build --product docengine

# Renders every sample document into out/, then every template under each sample brand
# into out/preview-BRAND/ (what a reseller sees), and prints the paths.
run: build
	@mkdir -p $(OUT)
	@$(DEBUG_BIN) samples --samples SampleData --output $(OUT)
	@for brand in SampleData/brands/*/; do \
		$(DEBUG_BIN) preview --brand "$$brand" --samples SampleData --output $(OUT)/preview-$$(basename "$$brand") || exit 1; \
	done

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release-mode benchmark: single-document latency and batch throughput.
bench: deps
	$(SWIFT) build -c release
	.build/release/DocBench --samples SampleData --fonts Fonts --cli .build/release/docengine

clean:
	rm -rf .build $(OUT)
