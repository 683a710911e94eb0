# MRKO Diary. `make run`: install, migrate, load the demo school, serve. `make test`: the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 3000
export REFLEX_USE_SYSTEM_BUN := 1
export MRKO_CORS_ORIGINS ?= http://localhost:$(PORT),http://127.0.0.1:$(PORT)
export MRKO_ORIGIN ?= http://localhost:$(PORT)
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run run-prod install migrate demo serve serve-production test test-unit lint lint-imports test-e2e test-postgres chromium haproxy node oidc-provider bench clean

run: install migrate demo serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/alembic upgrade head

demo: migrate
	$(BIN)/python -m mrko_app.demo

# the demo instance says so: it shows the development outbox (/dev/outbox); unset means production
serve: export MRKO_ENV ?= demo
serve: install
	@echo "MRKO Diary ($$MRKO_ENV): http://localhost:$(PORT)/  (first start builds the front end, about a minute)"
	$(BIN)/reflex run --env prod --single-port --backend-port $(PORT) --frontend-port $(PORT)

# a real deployment: no outbox page, stored messages redacted (set MRKO_SECRET_KEY, MRKO_ORIGIN, SMTP)
serve-production: export MRKO_ENV = production
serve-production: install migrate
	$(BIN)/reflex run --env prod --single-port --backend-port $(PORT) --frontend-port $(PORT)

# Production on one host in one command: PostgreSQL (DATABASE_URL), Redis as Reflex's state manager and
# the channel that pushes changes between workers (REFLEX_REDIS_URL), WORKERS backend processes (default:
# one per core), migrations first. Ctrl-C or SIGTERM stops every worker (make execs reflex in place).
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
run-prod: export MRKO_ENV = production
run-prod: export REFLEX_REDIS_URL ?= redis://127.0.0.1:6379
run-prod: export GRANIAN_WORKERS = $(WORKERS)
run-prod: install
	@case "$$DATABASE_URL" in postgresql*) ;; *) echo "run-prod needs DATABASE_URL=postgresql+psycopg://user@host/db" >&2; exit 2;; esac
	$(BIN)/alembic upgrade head
	@echo "MRKO Diary (production, $(WORKERS) workers, Redis $$REFLEX_REDIS_URL): http://localhost:$(PORT)/"
	exec $(BIN)/reflex run --env prod --single-port --backend-port $(PORT) --frontend-port $(PORT)

chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# HAProxy (Debian's): the PostgreSQL + Redis browser pass runs two app instances behind it
haproxy:
	@test -x /usr/sbin/haproxy || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null)

# Node.js and npm (Debian's) run the OpenID provider that the sign-in tests talk to
node:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null)

# the provider itself: the npm package oidc-provider, pinned by tests/oidc_provider/package-lock.json
OIDC_PROVIDER := tests/oidc_provider/node_modules/oidc-provider/package.json
$(OIDC_PROVIDER): tests/oidc_provider/package-lock.json | node
	cd tests/oidc_provider && npm ci --no-audit --no-fund --loglevel=error
	touch $@

oidc-provider: $(OIDC_PROVIDER)

# The layer contract first (pyproject's [tool.importlinter]); then, side by side, the unit and service tests
# (SQLite and PostgreSQL; two pytest-xdist workers, a module's tests on one worker so that its fixtures are
# built once; their output is printed when they end) and the browser tests on SQLite (mostly waiting on the
# browser and the app: they leave CPU over); then the browser smoke tests against PostgreSQL with Redis as
# the state manager, as two instances behind HAProxy (skipped with a message if absent). Both browser
# passes are given one port, so the second reuses the front end the first built (tests/e2e/conftest.py).
TEST_LOGS := var/test-logs
test: install chromium haproxy oidc-provider lint lint-imports
	@mkdir -p $(TEST_LOGS)
	@export MRKO_E2E_PORT=$$($(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	echo "tests without a browser: beside the browser pass, output in $(TEST_LOGS)/unit.log, printed when both end"; \
	$(BIN)/python -m pytest -q -n 2 --dist loadscope tests --ignore=tests/e2e -m "not postgres" >$(TEST_LOGS)/unit.log 2>&1 & unit=$$!; \
	$(BIN)/python -m pytest -q tests/e2e -m "not postgres"; browser=$$?; \
	wait $$unit; units=$$?; echo "---- tests without a browser ($(TEST_LOGS)/unit.log)"; cat $(TEST_LOGS)/unit.log; \
	if [ $$browser -ne 0 ] || [ $$units -ne 0 ]; then echo "failed: browser pass $$browser, tests without a browser $$units"; exit 1; fi; \
	MRKO_E2E_DB=postgres $(BIN)/python -m pytest -q tests/e2e -m postgres

# ruff: pyflakes, pycodestyle, import order, bugbear (pyproject's [tool.ruff])
lint: install
	$(BIN)/ruff check .

lint-imports: install
	$(BIN)/lint-imports

test-unit: install oidc-provider lint lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist loadscope tests --ignore=tests/e2e

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf .web .states mrko.db var
