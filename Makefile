# The commands a newcomer types. `make demo` and `make test` install what is missing (Debian 12,
# as root or with sudo), build, and run.
# SANITIZE=1: build in build-sanitize with ASan and UBSan (make test SANITIZE=1).
SANITIZE ?=
ifeq ($(SANITIZE),1)
BUILD ?= build-sanitize
TYPE ?= Debug
SANITIZE_FLAGS = -DHD_SANITIZE=ON
else
BUILD ?= build
TYPE ?= RelWithDebInfo
SANITIZE_FLAGS = -DHD_SANITIZE=OFF
endif
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Debian packages the build and the tests need.
PACKAGES = g++ make cmake pkg-config libsqlite3-dev libcli11-dev libtomlplusplus-dev doctest-dev \
           nlohmann-json3-dev rapidjson-dev libutf8proc-dev libstemmer-dev libcld2-dev \
           libmd4c-dev libyaml-cpp-dev libhowardhinnant-date-dev tzdata scdoc mandoc sqlite3 python3 \
           zsh fish bash-completion bsdutils man-db dpkg-dev file

# The peers `make bench` runs beside hd, and GNU time for their peak memory.
BENCH_PACKAGES = taskwarrior fossil sqlite3 time

# What the libFuzzer targets need (make fuzz, make torture): clang, libFuzzer and its sanitizer runtimes.
FUZZ_PACKAGES = clang libclang-rt-14-dev

.PHONY: all deps bench-deps fuzz-deps install-packages build demo test bench bench-peers bench-kb bench-import bench-report torture torture-crash fuzz install deb clean

all: build

deps:
	@$(MAKE) --no-print-directory install-packages LIST="$(PACKAGES)"

bench-deps:
	@$(MAKE) --no-print-directory install-packages LIST="$(PACKAGES) $(BENCH_PACKAGES)"

fuzz-deps:
	@$(MAKE) --no-print-directory install-packages LIST="$(PACKAGES) $(FUZZ_PACKAGES)"

install-packages:
	@missing=$$(for p in $(LIST); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(TYPE) $(SANITIZE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	HD_BIN=$(CURDIR)/$(BUILD)/cmd/hd bash examples/demo.sh

# Under the sanitizers a report aborts the process (halt_on_error), so the test that caused it fails;
# leaks are reported too (LeakSanitizer).
test: build
	cd $(BUILD) && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Benchmarks: Release builds, real data from ../shared/data; numbers, never pass/fail.
DATA ?= $(CURDIR)/../shared/data
bench: bench-peers bench-kb bench-import bench-report

# hd beside taskwarrior, fossil and the sqlite3 shell: tests/bench/RESULTS.md (about 20 minutes).
bench-peers: bench-deps
	$(MAKE) build BUILD=build-release TYPE=Release
	python3 tests/bench/peers_bench.py --hd build-release/cmd/hd --data $(DATA) \
	  --markdown tests/bench/RESULTS.md --raw tests/bench/RESULTS-raw.json

bench-kb:
	$(MAKE) build BUILD=build-release TYPE=Release
	python3 tests/bench/kb_bench.py --hd build-release/cmd/hd --data $(DATA) --markdown tests/bench/RESULTS-kb.md

bench-import:
	$(MAKE) build BUILD=build-release TYPE=Release
	python3 tests/bench/import_bench.py --hd build-release/cmd/hd --markdown tests/bench/RESULTS-import.md

bench-report:
	$(MAKE) build BUILD=build-release TYPE=Release
	python3 tests/bench/report_bench.py --hd build-release/cmd/hd --markdown tests/bench/RESULTS-report.md

# Crash torture (issue 8): kill -9 at random moments during a 100,000-ticket import and 50-writer
# storms, then hd check and every committed ticket, comment and tag accounted for. About 10 minutes on
# two cores; TORTURE_ARGS=--quick for half a minute, --seed N to repeat a run. Not part of `make test`.
TORTURE_ARGS ?=
torture-crash: build
	HD_BIN=$(CURDIR)/$(BUILD)/cmd/hd tests/torture/run.sh $(TORTURE_ARGS)

# Hostile input (issue 8): each libFuzzer target of tests/fuzz for FUZZ_SECONDS (clang, ASan, UBSan, in
# build-fuzz); what reaches new code is merged into tests/fuzz/corpus. Exits 1 naming any crashing input.
FUZZ_SECONDS ?= 60
fuzz: fuzz-deps
	JOBS=$(JOBS) tests/fuzz/run.sh $(FUZZ_SECONDS)

# The long reliability runs, not part of `make test`: crash torture, then a short run of every fuzz target.
torture: torture-crash fuzz

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package of a Release build for /usr: hd_VERSION-1_ARCH.deb in this directory
# (install it with: apt-get install ./hd_*.deb). The dependencies come from dpkg-shlibdeps. Its own
# build directory: the package is a PIE against shared libraries (HD_FAST_START=OFF, see
# cmake/FastStart.cmake), and the benchmarks' build-release must stay as it is.
DEB_BUILD ?= build-deb
deb: deps
	cmake -S . -B $(DEB_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON -DHD_FAST_START=OFF
	cmake --build $(DEB_BUILD) -j $(JOBS) --target hd man
	cd $(DEB_BUILD) && rm -f hd_*.deb && cpack -G DEB
	cp $(DEB_BUILD)/hd_*.deb .

clean:
	rm -rf $(BUILD)
