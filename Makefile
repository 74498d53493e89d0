# seed-random — the two commands that matter:
#   make seed-data-random   build, start the embedded PostgreSQL (unless DATABASE_URL/DB_URL
#                           is set), load the schema, seed ~800 entries with the sample
#                           factors and their computed emissions
#   make test               build and run every test (unit, PostgreSQL integration, CLI)
# Both install missing Debian packages first (apt-get, as root or through sudo).
# seed-data-random, smoke and bench compile the seed-random executable only (no test
# executables); with BIN=... on the command line (e.g. BIN=seed-random from the .deb) they
# compile nothing.

SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
PGDIR ?= $(CURDIR)/.pgdata
SEED_ARGS ?=
BIN := $(BUILD_DIR)/seed-random
# What seed-data-random/smoke/bench need built: the executable, or nothing with BIN=... given.
BIN_BUILD := $(if $(filter command line,$(origin BIN)),,build-seed-random)
PGCLUSTER := scripts/pgcluster

# Everything the build, the tests and the embedded database need (Debian 12 names).
DEB_PACKAGES := cmake make g++ pkg-config libpq-dev libpqxx-dev nlohmann-json3-dev \
                libcli11-dev libfmt-dev libspdlog-dev libssl-dev catch2 postgresql-15 postgresql-client-15 \
                time procps libvalijson-dev rapidjson-dev dpkg-dev help2man

.PHONY: all deps configure build build-seed-random test smoke contract bench deb seed-data-random \
        db-start db-stop db-shell db-reset db-schema clean format help

all: build

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

deps: ## install missing Debian packages
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps ## configure the build folder (cmake)
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

# MAKEFLAGS= : the compile takes exactly JOBS jobs, also under a parallel make (seed-data-random).
build: configure ## compile everything (the executable, its man page, the test executables)
	@MAKEFLAGS= cmake --build $(BUILD_DIR) -j $(JOBS) -- --no-print-directory

build-seed-random: configure ## compile the seed-random executable only
	@MAKEFLAGS= cmake --build $(BUILD_DIR) -j $(JOBS) --target seed-random -- --no-print-directory

test: build ## run every test (unit, PostgreSQL integration, CLI suites)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

smoke: $(BIN_BUILD) ## default seed into a throwaway cluster, then count and validity checks
	scripts/smoke $(BIN)

contract: $(BIN_BUILD) ## docs/ci.md's DTO-contract job against the fake backend (python3 + pydantic 2)
	scripts/contract $(BIN)

# Not part of `make test`: minutes long, and it reports rather than gates.
bench: $(BIN_BUILD) ## benchmark vs the COPY ceilings into docs/performance.md (BENCH_RUNS=5, BENCH_SCALE_10X=1)
	bench/run $(BIN)

# The executable and its man page only (no test executables), then CPack.
deb: configure ## build the Debian package build/seed-random_<version>_<arch>.deb
	@MAKEFLAGS= cmake --build $(BUILD_DIR) -j $(JOBS) --target seed-random seed-random-man -- --no-print-directory
	@cd $(BUILD_DIR) && cpack -G DEB

# --- the embedded database (.pgdata/, unix socket only) ---
# As root the server runs as `postgres`; when that user cannot enter the clone, .pgdata is a
# symlink to /var/tmp/seed-random-pg.<hash> (scripts/pgcluster); db-reset removes both.

db-start: deps ## start the project-local PostgreSQL 15 cluster
	@$(PGCLUSTER) start $(PGDIR)

db-schema: db-start ## load the bundled schema if the database is empty
	@url=$$($(PGCLUSTER) url $(PGDIR)); \
	if [ "$$(psql "$$url" -Atc "select to_regclass('public.units') is null")" = t ]; then \
	  echo "loading sql/schema.sql"; \
	  psql "$$url" -q -v ON_ERROR_STOP=1 -1 -f sql/schema.sql; \
	fi

db-stop: ## stop the project-local cluster
	@$(PGCLUSTER) stop $(PGDIR)

db-shell: db-start ## psql into the project-local database
	@psql "$$($(PGCLUSTER) url $(PGDIR))"

db-reset: ## wipe the project-local cluster and reload the schema
	@$(PGCLUSTER) destroy $(PGDIR)
	@$(MAKE) --no-print-directory db-schema

# With DATABASE_URL or DB_URL set, seed that database with the factors it holds (schema
# objects and factors are never created there); otherwise the embedded cluster, with the
# bundled sample factors for the seeded years (--sample-factors).
# The embedded cluster is started and its schema loaded while the executable compiles (make -j2:
# initdb and the schema load take seconds the compile does not need both cores for).
seed-data-random: ## seed ~800 random data entries (SEED_ARGS="--units 50 ..." to change)
	@if [ -n "$${DATABASE_URL:-}$${DB_URL:-}" ]; then \
	  $(if $(BIN_BUILD),$(MAKE) --no-print-directory $(BIN_BUILD) &&) $(BIN) $(SEED_ARGS); \
	else \
	  $(MAKE) --no-print-directory -j2 $(BIN_BUILD) db-schema && \
	  DATABASE_URL="$$($(PGCLUSTER) url $(PGDIR))" $(BIN) --sample-factors $(SEED_ARGS); \
	fi

format: ## clang-format the sources
	clang-format -i include/seed/*/*.hpp src/*.cpp src/*/*.cpp tests/*.cpp tests/unit/*/*.cpp tests/support/*.hpp tests/support/*.cpp

clean: ## remove the build folder
	rm -rf $(BUILD_DIR)
