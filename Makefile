# The two commands of the README: `make run` and `make test`.
SWIFT ?= swift

.PHONY: dependencies run test build bench format lint

dependencies:
	@scripts/install-dependencies

build: dependencies
	$(SWIFT) build -c release --product koms

run: build
	$$($(SWIFT) build -c release --show-bin-path)/koms serve

test: dependencies
	$(SWIFT) build --build-tests
	KOMS_BINARY=$$($(SWIFT) build --show-bin-path)/koms KOMS_PYTHON=$$(scripts/test-tools) $(SWIFT) test --skip-build
	KOMS_BINARY=$$($(SWIFT) build --show-bin-path)/koms scripts/schemathesis
	KOMS_BINARY=$$($(SWIFT) build --show-bin-path)/koms deploy/check

# The benchmark of issue 4 (see README, Benchmark); KOMS_SCRATCH picks the build folder.
bench:
	bench/run

format:
	swift-format format -i -r Package.swift Plugins Sources Tests

lint:
	swift-format lint -r Package.swift Plugins Sources Tests
