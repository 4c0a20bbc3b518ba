# Two commands do all set-up on a fresh machine with python3, venv and make:
#   make run    install, migrate, load demo content, serve on http://127.0.0.1:$(PORT)/
#   make test   install (with test tools) and run the test suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run dev test test-browser screenshots lint check-deploy admin messages bench load clean help
.DEFAULT_GOAL := help

help:
	@echo "make run     - install, load demo content and serve the portal on http://$(HOST):$(PORT)/"
	@echo "make dev     - the same with Django's debug server (debug pages, auto-reload)"
	@echo "make test    - install test tools and run the test suite"
	@echo "make test-browser - browser, accessibility (axe-core) tests in headless Chromium"
	@echo "make lint    - ruff, import layers, migrations check and Django's checks"
	@echo "make admin   - create an administrator account for /admin/"

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

# `make run` serves the portal as visitors meet it: production settings
# (its own 404 and 500 pages, the page cache, WhiteNoise), gunicorn with two
# workers, a secret key made once for this checkout (.secret-key, not in git).
# `make dev` is Django's debug server, for development.
RUN_ENV = DEBUG=false HTTPS=false SERVE_MEDIA=true \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]} \
	SECRET_KEY=$$(cat .secret-key)

.secret-key: | $(VENV)/bin/activate
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: $(VENV)/.installed .secret-key
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py load_demo
	$(RUN_ENV) $(PY) manage.py collectstatic --no-input -v0
	@echo ""
	@echo "  Portal:  http://$(HOST):$(PORT)/        (English: http://$(HOST):$(PORT)/en/)"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/  - first create an account: make admin"
	@echo ""
	$(RUN_ENV) $(PY) -m gunicorn portal.wsgi --bind $(HOST):$(PORT) --workers 2 \
		--no-control-socket --access-logfile - --graceful-timeout 2

dev: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

CHROMIUM ?= /usr/bin/chromium

# Browser tests use Debian's Chromium; install it when it is missing.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium; \
	else echo "Please install Debian's chromium package (apt-get install chromium)"; exit 1; fi

test-browser: $(VENV)/.installed-dev $(CHROMIUM)
	CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest -m browser $(PYTEST_ARGS)

screenshots: $(VENV)/.installed-dev $(CHROMIUM)
	SCREENSHOTS_DIR=docs/screenshots CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest -m browser -k citizen_reads

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-logo --no-cache
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) manage.py check --fail-level WARNING

check-deploy: $(VENV)/.installed
	SECRET_KEY=check-deploy-$$(date +%s%N)-not-a-real-secret-but-long-enough-to-pass \
	ALLOWED_HOSTS=portal.example.org $(PY) manage.py check --deploy --fail-level WARNING

admin: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py createsuperuser

messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages --locale vi --locale en --no-obsolete --ignore '.venv/*'
	DEBUG=1 $(PY) manage.py makemessages --domain djangojs --locale vi --locale en --no-obsolete --ignore '.venv/*' --ignore 'static/vendor/*' --ignore 'staticfiles/*'
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/pages.py

load: $(VENV)/.installed
	$(PY) benchmarks/load.py
