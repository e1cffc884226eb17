# The two commands of the README: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help run test lint format seed install install-dev bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned runtime requirements

install-dev: $(VENV)/.installed-dev ## Also install the test and lint tools

seed: install ## Migrate and load the seed content (idempotent)
	$(MANAGE) compile_translations
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content

run: seed ## Install, migrate, seed and serve the portal on SQLite at http://127.0.0.1:8000
	$(MANAGE) ensure_dev_admin
	$(MANAGE) runserver 127.0.0.1:8000

# axe-core for the browser tests, exactly as pinned in tests/browser/package-lock.json.
tests/browser/node_modules/.installed: tests/browser/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix tests/browser
	touch $@

test: install-dev tests/browser/node_modules/.installed ## Install and run lint and the whole test suite (PostgreSQL if DATABASE_URL is set)
	$(MANAGE) compile_translations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -n auto --dist loadgroup

lint: install-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## Run every benchmark in benchmarks/ and print their figures (needs PostgreSQL, nginx, wrk, redis-server)
	$(MANAGE) compile_translations
	$(PY) benchmarks/run_all.py
