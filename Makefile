# labsite: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= labsite.settings.dev

.PHONY: run test install install-dev migrate demo lint format screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  (user 'admin', password 'labsite-demo' unless you changed it)"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser tests run in their own session: their live server flushes the database after each
# test, and a session of their own restores the demo group for each of them reliably.
test: install-dev
	$(BIN)/python -m pytest --ignore=tests/browser $(PYTEST_ARGS)
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

format: install-dev
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

screenshots: install-dev
	$(BIN)/python -m tools.screenshots docs/screenshots $(SCREENSHOT_ARGS)

bench: install-dev
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var db.sqlite3
