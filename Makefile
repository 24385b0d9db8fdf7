# labsite: `make run` serves the demo site, `make test` runs the whole suite.
# DJANGO picks the supported Django line: 5.2 (LTS, Python 3.11, the default) or 6.1 (the
# newest Wagtail 8.0 declares, on Python 3.12 or later, found on PATH or in pyenv). Each line
# has its own lock files and virtualenv, e.g. `make test DJANGO=6.1`.
DJANGO ?= 5.2
ifeq ($(DJANGO),5.2)
PYTHON ?= python3
VENV := .venv
else ifeq ($(DJANGO),6.1)
PYTHON ?= $(shell tools/find-python 3.12)
VENV := .venv-django$(DJANGO)
else
$(error DJANGO=$(DJANGO) is not a supported line: use 5.2 or 6.1)
endif
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Installs come from these pinned lists (made by `make lock`), so two installs a month apart
# are the same program. pyproject.toml keeps the ranges the lock is computed from.
LOCKS := requirements/django-$(DJANGO)
LOCK := $(LOCKS)/run.lock
DEV_LOCK := $(LOCKS)/dev.lock
# The site runs on the embedded default; the tests always on their own settings (below).
RUN_SETTINGS := labsite.settings.dev
TEST_SETTINGS := labsite.settings.test

.PHONY: run test install install-dev migrate demo lint imports lock format screenshots bench clean

$(BIN)/python:
	@[ -n "$(PYTHON)" ] || { echo "Django $(DJANGO) needs Python 3.12 or later: install it (pyenv install 3.12)"; exit 1; }
	@echo "== creating $(VENV) with $(PYTHON) for Django $(DJANGO)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(LOCK) pyproject.toml | $(BIN)/python
	@# WeasyPrint (members' CVs as PDF) needs Pango from Debian; install it when we may.
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 || { \
	  echo "== installing Debian's Pango for PDF CVs"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else echo "   run: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 (PDF CVs need it)"; fi; }
	@echo "== installing from $(LOCK) (a few minutes the first time)"
	$(BIN)/python -m pip install --progress-bar on -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(DEV_STAMP): $(DEV_LOCK) $(STAMP)
	@echo "== installing the development tools from $(DEV_LOCK)"
	$(BIN)/python -m pip install --progress-bar on -r $(DEV_LOCK)
	@touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

migrate: install
	@echo "== migrating the database"
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/python manage.py migrate --no-input -v 1

# Migrating and loading the demo in one process: Django and Wagtail start once (a restart of
# `make run` is mostly start-ups).
demo: install
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/python manage.py load_demo --migrate

run: demo
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/   (in German: http://$(HOST):$(PORT)/de/)"
	@echo "  Second group: http://fjord.localhost:$(PORT)/   Department: http://localhost:$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/  (user 'admin', password 'labsite-demo' unless you changed it)"
	@echo ""
	@echo "  Email the site sends is printed here and kept in the admin: Settings > Outgoing email."
	@echo "  Periodic jobs (scheduled publishing, email retries, digests) tick every 15 s beside the server."
	@echo ""
	@# The periodic jobs run in a second process, stopped with the server (Ctrl-C stops both).
	@export DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS); \
	  $(BIN)/python manage.py run_periodic --loop --every 15 & jobs=$$!; \
	  trap 'kill $$jobs 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver --skip-checks $(HOST):$(PORT)  # checked by migrate above

# Always labsite.settings.test, whatever DJANGO_SETTINGS_MODULE the caller has exported:
# --ds outranks the environment in pytest-django. DATABASE_URL picks the database, DJANGO the
# Django line. The suite runs on TEST_WORKERS processes (pytest-xdist; each has its own test
# database; TEST_WORKERS=0 runs it in pytest's own process, as CI's cells do). Browser tests
# run afterwards in a session of their own, in one process: their live server flushes the
# database after each test, and the demo group is restored for each of them (under
# pytest-xdist's workers, or after the other tests in one session, it was not, reliably).
# BROWSER_TESTS=0 leaves the browser session out (CI runs it on one SQLite cell).
TEST_WORKERS ?= auto
BROWSER_TESTS ?= 1
PYTEST := DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(BIN)/python -m pytest --ds=$(TEST_SETTINGS)
ifeq ($(TEST_WORKERS),0)
TEST_RUN = $(PYTEST) -p no:xdist --ignore=tests/browser $(PYTEST_ARGS)
else
TEST_RUN = $(PYTEST) -n $(TEST_WORKERS) --dist load --ignore=tests/browser $(PYTEST_ARGS)
endif
BROWSER_RUN = $(PYTEST) -p no:xdist tests/browser $(PYTEST_ARGS)
ifeq ($(BROWSER_TESTS),0)
BROWSER_RUN = @echo "== browser tests left out (BROWSER_TESTS=0)"
endif
test: install-dev
	$(TEST_RUN)
	$(BROWSER_RUN)

lint: install-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check .

# The architecture contracts of docs/architecture.md.
imports: install-dev
	$(BIN)/lint-imports

# Recompute the pinned lists from pyproject.toml's ranges (newest versions that fit), one pair
# per Django line: requirements/django-X/constraints.txt holds the line, the Python version is
# the line's oldest supported one. An existing lock's pins are kept where they still fit.
lock: install-dev
	@for line in 5.2:3.11 6.1:3.12; do d=requirements/django-$${line%%:*}; py=$${line#*:}; \
	  echo "== $$d (Python $$py)"; \
	  $(BIN)/uv pip compile --quiet --python-version $$py --no-header --annotation-style line -c $$d/constraints.txt pyproject.toml -o $$d/run.lock || exit 1; \
	  $(BIN)/uv pip compile --quiet --python-version $$py --no-header --annotation-style line --extra dev -c $$d/constraints.txt pyproject.toml -o $$d/dev.lock || exit 1; \
	done
	@echo "Review 'git diff requirements/', run 'make test' and 'make test DJANGO=6.1', then commit the lock files."

format: install-dev
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

screenshots: install-dev
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/python -m tools.screenshots docs/screenshots $(SCREENSHOT_ARGS)

bench: install-dev
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf .venv .venv-django* var db.sqlite3
