# The two commands a newcomer needs: `make run` and `make test`.
# Each installs what is missing first (scripts/install-deps, idempotent).
SHELL := /bin/bash
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
STAGE := scripts/stage

.PHONY: deps build web run simulate demo test fuzz screenshots bench format clean

deps:
	@scripts/install-deps

build: deps
	@$(STAGE) "configure (release)" cmake --preset release
	@$(STAGE) "build (release)" cmake --build --preset release
	@$(STAGE) "build (web app)" npm --prefix web run --silent build

# The web app alone (type-check and bundle into web/dist).
web: deps
	@$(STAGE) "build (web app)" npm --prefix web run --silent build

# The server with the demo centre ООО «Бета» (simulated callers and bot
# agents); prints the URL and the demo logins. Data lives in ./var.
run: build
	./build/release/src/app/callcenter serve --demo --config examples/callcenter.toml

# A simulated weekday through the real routing engine, with the interval
# table and the Erlang staffing advice.
simulate: build
	./build/release/src/app/callcenter simulate --config examples/day.toml

# A scripted morning, event by event.
demo: build
	./build/release/src/app/callcenter demo

test: deps
	@$(STAGE) "configure (release)" cmake --preset release
	@$(STAGE) "build (release)" cmake --build --preset release
	@$(STAGE) "tests (release)" ctest --preset release
	@$(STAGE) "build (web app)" npm --prefix web run --silent build
	@$(STAGE) "tests (web, vitest)" npm --prefix web test --silent
	@$(STAGE) "tests (web end-to-end, chromium)" npm --prefix web run --silent e2e
	@$(STAGE) "fuzz (10 s per target)" scripts/fuzz 10
	@$(STAGE) "configure (asan+ubsan)" cmake --preset asan
	@$(STAGE) "build (asan+ubsan)" cmake --build --preset asan
	@$(STAGE) "tests (asan+ubsan)" ctest --preset asan
	@$(STAGE) "configure (tsan)" cmake --preset tsan
	@$(STAGE) "build (tsan, threaded tests)" cmake --build --preset tsan --target threaded_tests
	@$(STAGE) "tests (tsan, threaded)" ctest --preset tsan
	@scripts/stage --summary

# The libFuzzer targets (fuzz/README.md), 5 minutes each; `make test` gives them 10 s.
fuzz: deps
	scripts/fuzz 300

# Every main screen in Russian and English, from the end-to-end flows, into
# docs/screenshots/ (not part of `make test`, so the tree stays clean).
screenshots: build
	@$(STAGE) "screenshots (chromium)" npm --prefix web run --silent screenshots

bench: build
	./build/release/bench/acd_bench --benchmark_counters_tabular=true
	./build/release/bench/sim_bench

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build
