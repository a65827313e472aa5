# echelon — top-level entry points. CMake does the building; this file
# installs what is missing and names the jobs: make, make demo, make test.

JOBS   ?= 2
DB     ?= var/demo.db
BUILD  := build
TBUILD := build-test

.PHONY: all deps demo test bench clean

all: $(BUILD)/echelon

deps:
	@scripts/deps.sh build

$(BUILD)/echelon: deps FORCE
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# The main job: a database with the catalogues and the example files.
demo: $(BUILD)/echelon
	@mkdir -p var
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BUILD)/echelon init --db $(DB)
	$(BUILD)/echelon import enterprises data/examples/enterprises.csv --db $(DB)
	$(BUILD)/echelon import deflators data/examples/deflators.csv --db $(DB)
	$(BUILD)/echelon import reports data/examples/reports.csv --db $(DB)
	$(BUILD)/echelon status --db $(DB)

# Every test, built with -Werror under AddressSanitizer and UBSan.
test:
	@scripts/deps.sh test
	@cmake -S . -B $(TBUILD) -DCMAKE_BUILD_TYPE=Debug -DECHELON_SANITIZE=ON -DECHELON_WERROR=ON >/dev/null
	@cmake --build $(TBUILD) -j$(JOBS)
	@cd $(TBUILD) && ctest --output-on-failure -j$(JOBS)

bench: $(BUILD)/echelon
	@scripts/deps.sh bench
	bench/import/run.sh

clean:
	rm -rf $(BUILD) $(TBUILD)

FORCE:
