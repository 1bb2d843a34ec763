# The two set-up commands of the README: `make demo` and `make test`. Each installs what is missing first.
JOBS ?= 2
BUILD ?= build
TEST_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
CMAKE_COMMON = -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

.PHONY: all deps build demo test fuzz bench bench-http format format-check tidy tidy-changed clean web test-e2e

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_COMMON) >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

# The web interface (web/README.md): built with npm from the committed lockfile into web/dist, which
# `ansvar serve --static-dir web/dist` serves. Nothing is fetched at run time.
web: deps
	cd web && npm ci --no-audit --no-fund && npm run build

# End-to-end tests in Debian's chromium (tests/e2e/run.mjs): they start their own `ansvar serve --demo`.
test-e2e: build web
	ANSVAR_BIN=$(CURDIR)/$(BUILD)/ansvar node tests/e2e/run.mjs

# Serves the demo municipality on http://127.0.0.1:8080 (a SQLite file, demo.db, loaded on first start).
DEMO_DB ?= demo.db
demo: build $(if $(shell command -v npm 2>/dev/null),web,)
	@echo "Ansvar: http://127.0.0.1:8080/  (Ctrl-C stops; the database is $(DEMO_DB))"
	$(BUILD)/ansvar serve --db $(DEMO_DB) --demo --listen 127.0.0.1:8080 $(if $(wildcard web/dist/index.html),--static-dir web/dist,)

# The libFuzzer targets need clang: they get a tree of their own, whose binary the test tree runs briefly.
fuzz: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANSVAR_FUZZ=ON $(CMAKE_COMMON) >/dev/null
	cmake --build $(FUZZ_BUILD) -j$(JOBS)

# Every test, built with AddressSanitizer and UndefinedBehaviorSanitizer; the browser tests (ctest e2e.browser)
# run the sanitized server behind the built web front end; the OpenID provider of the single sign-on test
# (ctest oidc.e2e_provider) is installed from its lockfile in tests/oidc/provider, and redocly (ctest openapi.lint)
# from tools/openapi-lint's.
test: deps format-check fuzz web
	[ -d tests/oidc/provider/node_modules/oidc-provider ] || (cd tests/oidc/provider && npm ci --no-audit --no-fund)
	[ -d tools/openapi-lint/node_modules/@redocly/cli ] || (cd tools/openapi-lint && npm ci --no-audit --no-fund)
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DANSVAR_SANITIZE=ON -DANSVAR_BENCH=OFF \
	  -DANSVAR_FUZZ_BINARY=$(CURDIR)/$(FUZZ_BUILD)/tests/fuzz/fuzz_register_reader \
	  -DANSVAR_FUZZ_SHEETS_BINARY=$(CURDIR)/$(FUZZ_BUILD)/tests/fuzz/fuzz_sheet_reader $(CMAKE_COMMON) >/dev/null
	cmake --build $(TEST_BUILD) -j$(JOBS)
	cd $(TEST_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j$(JOBS) --timeout 600

bench: build
	$(BUILD)/bench/ansvar_bench

# The service through the real HTTP server under wrk (bench/http_bench.py; e.g. HTTP_BENCH_ARGS="--register FILE").
# wrk is installed here and not by `make deps`: nothing else needs it.
HTTP_BENCH_ARGS ?=
bench-http: build web
	@command -v wrk >/dev/null 2>&1 || $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends wrk
	python3 bench/http_bench.py --binary $(BUILD)/ansvar $(HTTP_BENCH_ARGS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

# The checks of .clang-tidy over every source file of src/ (a compile database from the build tree). `make test` runs
# them as the ctest entry `tidy` of its sanitizer tree (tools/tidy/run_tidy.py, results cached per preprocessed file);
# tidy-changed is the quick look at the files changed against the merge base with origin/main (or main).
TIDY_BASE ?= $(shell git merge-base HEAD origin/main 2>/dev/null || git merge-base HEAD main 2>/dev/null)
tidy: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_COMMON) >/dev/null
	run-clang-tidy -quiet -extra-arg=-Wno-unknown-warning-option -p $(BUILD) -j$(JOBS) '$(CURDIR)/src/.*\.cpp$$'

tidy-changed: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_COMMON) >/dev/null
	@files="$$(git diff --name-only --diff-filter=d $(TIDY_BASE) -- 'src/*.cpp')"; \
	if [ -n "$$files" ]; then run-clang-tidy -quiet -extra-arg=-Wno-unknown-warning-option -p $(BUILD) -j$(JOBS) $$files; else echo "tidy: no changed source"; fi

# The tree stays formatted (.clang-format): `make format` fixes what this reports.
format-check: deps
	clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
