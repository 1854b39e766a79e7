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

# Renders every sample document into out/ and prints the paths.
run: build
	@mkdir -p $(OUT)
	@$(DEBUG_BIN) samples --samples SampleData --output $(OUT)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release-mode benchmark: single-document latency and batch throughput.
bench: deps
	$(SWIFT) build -c release
	.build/release/DocBench --samples SampleData --fonts Fonts --cli .build/release/docengine

clean:
	rm -rf .build $(OUT)
