# The README's two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# `make test` runs the tests in two processes (pytest-xdist). `loadgroup` hands the tests
# out one at a time, in order, so both share the browser tests, which come first
# (tests/browser/conftest.py); `load` would send them all to the first in its first
# batch. The few modules with a costly module-scoped fixture go to one worker whole
# (ONE_WORKER_MODULES in tests/conftest.py). TEST_WORKERS=1 for one.
TEST_WORKERS ?= 2
PYTEST_PARALLEL = $(if $(filter 1,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

.PHONY: run test lint serve loadtest faulttest backup restore bench bench-quick mutation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: dependencies are installed again only when a lock file changes.
# pip compiles what it installs (its default). Where PYTHONDONTWRITEBYTECODE is set,
# Python never saves its own compiled copies, and every process would compile Django
# and the rest again: `manage.py check` took 2.6-3.0 s that way against 0.9-1.2 s.
PIP_INSTALL = $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(PIP_INSTALL) -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.runtime-installed
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@

run: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_registry --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	@command -v chromium >/dev/null 2>&1 || echo "NOTE: Chromium is not installed, so the browser tests (tests/browser) will be SKIPPED. Install Debian's chromium package to run them."
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The production configuration, locally: DEBUG off, gunicorn, whitenoise's
# compressed and hashed static files. SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
# REDIS_URL come from the environment; the defaults below are for a local
# try-out only: a throw-away key, and plain HTTP because no TLS proxy stands in
# front (browsers accept secure cookies from http://localhost).
SERVE_ENV = DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}"

serve: $(VENV)/.runtime-installed
	$(SERVE_ENV) $(BIN)/python manage.py check --deploy
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py load_registry --if-empty
	$(SERVE_ENV) PORT=$(PORT) exec $(BIN)/gunicorn -c gunicorn.conf.py portal.wsgi

# Load and fault tests of the production configuration on PostgreSQL
# (DATABASE_URL=postgres://...; REDIS_URL for several workers). Override with
# LOADTEST_USERS, LOADTEST_SECONDS, LOADTEST_PORT.
loadtest: $(VENV)/.dev-installed
	$(BIN)/python tools/loadtest/run.py

faulttest: $(VENV)/.dev-installed
	$(BIN)/python tools/loadtest/run.py --fault

# Backup and restore of the registry: every record, its history, and the staff
# accounts the history refers to (so keep the file as secret as the database).
BACKUP ?= registry-backup.json
BACKUP_MODELS = auth.group auth.user core councils members events

backup: $(VENV)/.runtime-installed
	$(BIN)/python manage.py dumpdata $(BACKUP_MODELS) --natural-foreign --indent 1 -o $(BACKUP)

# Into an empty database: DATABASE_URL=... make restore BACKUP=registry-backup.json
restore: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata $(BACKUP)

# Benchmarks (docs/performance.md): the full run by hand, on SQLite and PostgreSQL;
# the short one in CI. Neither fails on a missed target.
bench: $(VENV)/.dev-installed
	$(BIN)/python -m tools.bench.run

bench-quick: $(VENV)/.dev-installed
	$(BIN)/python -m tools.bench.run --quick

# Mutation testing of the critical areas with mutmut, and the score of each
# (docs/mutation.md). Slow (most of an hour on two cores), so not part of CI.
mutation: $(VENV)/.dev-installed
	$(BIN)/python tools/mutation.py
