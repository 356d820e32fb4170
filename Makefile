# The two quick-start commands: `make demo` (dry-run diff on the sample project) and `make test`.
# Both install what is missing and build first. CI also runs `make test-sanitize`.
BUILD ?= build
BUILD_SAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=
# WERROR=ON makes warnings in wafix's own code errors (never in the grammar or other libraries);
# passed on every configure so a CI run does not leave it on in a developer's build dir.
WERROR ?= OFF
WAFIX_FLAGS = -DWAFIX_WERROR=$(WERROR) $(CMAKE_FLAGS)

.PHONY: all deps build demo test build-sanitize test-sanitize fuzz clean bench wheel ci tidy

all: build

deps:
	@scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(WAFIX_FLAGS) >/dev/null
	cmake --build $(BUILD)

# wafix exits 1 when it has changes to show, which is the demo's point.
demo: build
	@./$(BUILD)/wafix diff testdata/sample; rc=$$?; [ $$rc -le 1 ]

test: build
	ctest --test-dir $(BUILD) --output-on-failure

# The self-contained wheel in dist/ (scikit-build-core + auditwheel, pinned in
# scripts/wheel-tools.lock): `pip install dist/wafix-*.whl` needs no compiler and no -dev package.
wheel:
	@scripts/install-deps.sh --build
	scripts/build-wheel.sh dist

build-sanitize: deps
	cmake -S . -B $(BUILD_SAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DWAFIX_SANITIZE=ON $(WAFIX_FLAGS) >/dev/null
	cmake --build $(BUILD_SAN)

# The packaging tests (wheel, pre-commit, Action, browser) check packaging, not memory safety: `make test` runs them.
test-sanitize: build-sanitize
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(BUILD_SAN) --output-on-failure -LE packaging

# libFuzzer targets (clang) over the whole pipeline and over the applier + diff renderer.
fuzz: deps
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(BUILD_FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DWAFIX_FUZZ=ON -DWAFIX_SANITIZE=ON -DWAFIX_BUILD_TESTS=OFF \
	  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link $(WAFIX_FLAGS) >/dev/null
	cmake --build $(BUILD_FUZZ) --target fuzz_pipeline fuzz_edits
	scripts/run-fuzz.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

# What .ci/run runs: the suite, the suite under ASan+UBSan, each fuzzer for 120 s; warnings are
# errors in all three.
ci:
	$(MAKE) test WERROR=ON
	$(MAKE) test-sanitize WERROR=ON
	$(MAKE) fuzz WERROR=ON FUZZ_SECONDS=120

# The benchmark of issue 8 (docs/performance.md): pinned peers into bench/.work, results in
# bench/results/latest.md. BENCH_ARGS passes options to bench/bench.py (e.g. --runs 7).
bench:
	bench/run.sh $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ)

# clang-tidy (.clang-tidy says which checks and why the others are off) over our sources, with
# the flags of $(BUILD)/compile_commands.json. Findings are warnings for now: the tree is not
# clean yet, so the target reports them without failing.
CLANG_TIDY ?= clang-tidy-14
RUN_CLANG_TIDY ?= run-clang-tidy-14
tidy: build
	$(RUN_CLANG_TIDY) -clang-tidy-binary $(CLANG_TIDY) -p $(BUILD) -quiet '^$(CURDIR)/(src|transforms)/'

# Formatting is checked, not hoped for: `make format` rewrites, `make format-check` fails on drift.
CLANG_FORMAT ?= clang-format-14
FORMAT_FILES = $(shell git ls-files '*.cpp' '*.hpp')
.PHONY: format format-check
format:
	$(CLANG_FORMAT) -i $(FORMAT_FILES)
format-check:
	@$(CLANG_FORMAT) --dry-run --Werror $(FORMAT_FILES)
