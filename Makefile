# echelon — top-level entry points. CMake does the building; this file
# installs what is missing and names the jobs: make, make demo, make test.

JOBS   ?= 2
DB     ?= var/demo.db
BUILD  := build
TBUILD := build-test

.PHONY: all deps demo test bench fuzz clean

all: $(BUILD)/echelon

deps:
	@scripts/deps.sh build

$(BUILD)/echelon: deps FORCE
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)
	@scripts/web.sh

# The main job: the demo economy in var/demo.db (made once), served with
# the dashboard at http://127.0.0.1:8080.
LISTEN ?= 127.0.0.1:8080

demo: $(BUILD)/echelon
	@ECHELON=$(BUILD)/echelon DB=$(DB) LISTEN=$(LISTEN) scripts/demo.sh

# Every test, built with -Werror under AddressSanitizer and UBSan; then
# every fuzz harness for FUZZ_SMOKE seconds, two at a time (clang, build-fuzz;
# about three minutes on 2 cores), failing on any crash, leak, undefined
# behaviour or hang.
FUZZ_SMOKE ?= 30

test:
	@scripts/deps.sh test
	@scripts/web.sh tests/browser
	@cmake -S . -B $(TBUILD) -DCMAKE_BUILD_TYPE=Debug -DECHELON_SANITIZE=ON -DECHELON_WERROR=ON >/dev/null
	@cmake --build $(TBUILD) -j$(JOBS)
	@cd $(TBUILD) && ctest --output-on-failure --no-tests=error -j$(JOBS)
	@JOBS=$(JOBS) scripts/fuzz.sh --smoke $(FUZZ_SMOKE)

bench: $(BUILD)/echelon
	@scripts/deps.sh bench
	bench/import/run.sh

# Every parser under libFuzzer (clang), FUZZ_SECONDS each (default 60), one
# at a time (FUZZ_JOBS); docs/performance.md "Fuzzing" has the figures.
fuzz:
	@scripts/deps.sh fuzz
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(TBUILD) build-fuzz

FORCE:
