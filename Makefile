# clientdesk: `make demo` runs the demo, `make test` runs every check.
# Needs only python3 (with venv), make and git; uv is bootstrapped when missing.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo .uv-bootstrap/bin/uv)
PY := .venv/bin/python
PYTEST_WORKERS ?= auto

.PHONY: demo install test lint e2e messages screenshots clean

.uv-bootstrap/bin/uv:
	python3 -m venv .uv-bootstrap
	.uv-bootstrap/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python python3
	touch $@

# The checkout's local settings: development mode for the demo, the tests and manage.py
# (settings.py reads it; the environment wins). A production server has no .env.
.env:
	printf '# Local development settings (git-ignored). Production sets DEBUG=0 or leaves it unset.\nDEBUG=1\n' > $@

install: .venv/.synced .env

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	@echo "clientdesk: http://127.0.0.1:8000  (e-mails: http://127.0.0.1:8000/staff/outbox/ as admin@vendor.example)"
	$(PY) manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	.venv/bin/mypy
	.venv/bin/bandit -q -c pyproject.toml -r clientdesk

test: lint
	DEBUG=1 .venv/bin/pytest -n $(PYTEST_WORKERS) -m "not e2e"

# Browser tests: need Debian's chromium (installed by .ci/run). The journeys' screenshots
# (390 and 1280 px) and the axe findings stay in var/ci-artifacts/, for CI to keep.
e2e: install
	DEBUG=1 .venv/bin/pytest -n $(PYTEST_WORKERS) -m e2e tests/e2e; status=$$?; \
	  echo "Screenshots and axe findings: $(CURDIR)/var/ci-artifacts/"; exit $$status

# Refresh the catalogues after changing strings (needs GNU gettext), then compile them.
messages: install
	$(PY) manage.py makemessages --locale ro --locale en --no-obsolete \
	  --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'tools/*'
	$(PY) tools/fill_english_catalogue.py
	$(PY) manage.py compilemessages --ignore '.venv/*'
	@echo "Now translate the new Romanian entries (empty msgstr) and run make messages again."

screenshots: install
	$(PY) tools/screenshots.py

clean:
	rm -rf .venv .uv-bootstrap var staticfiles
