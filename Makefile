# The project's one command surface: contributors and CI run these targets.
#   make serve     install if needed, validate, build, serve http://127.0.0.1:8000 (live reload: each
#                  edit rebuilds the whole site, as `make build` does; correct beats fast)
#   make test      the whole test suite (unit, acceptance, browser), then make lint: about 5 minutes
#   make test-fast the edit loop, under a minute: validate data/, the unit tests, then make lint
#   make lint      ruff (lint, format check) and the import layers of macros/ (lint-imports)
#   make build     validate, then build the static site into site/
#   make validate  check data/ against schemas/ and cross-references
#   make new       add an entry to a catalogue (questions, fresh id, validation)
#   make bench     build time, memory and search bytes at N = 100, 1 000, 10 000 (QUICK=1: 100, 1 000),
#                  then Lighthouse on four pages of the site served gzipped (LIGHTHOUSE=0: without)
#   make urls      build, then add the new published URLs to tests/published-urls.txt (never drops one)
#   make edit      web editor: decap-server + the site, open http://127.0.0.1:8000/admin/ (saves write data/)

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)
NODE_STAMP := node_modules/.package-lock.json
NPM      := $(shell command -v npm)

.PHONY: install serve build validate test test-fast lint clean new urls bench edit

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .  # the `macros` package, for the hooks (pyproject.toml)
	@touch $(STAMP)

validate: $(STAMP)
	@$(PY) -m scripts.validate_data

# npm packages (package-lock.json): the web editor vendored into the site. Without npm the
# site is still built, without /admin/.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

build: validate $(if $(NPM),$(NODE_STAMP))
	@$(PY) -m scripts.build_site

serve: build
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# The editor's server (port 8081, as local_backend in admin/config.yml): decap-server behind a guard
# (scripts/edit_server.js) that answers only 127.0.0.1, only the site's pages, and writes only data/*.yaml
# and images of the media folder.
edit: $(NODE_STAMP) build
	@echo "Éditeur en ligne : http://127.0.0.1:8000/admin/ — les enregistrements modifient data/ (Ctrl+C pour arrêter)."
	@PORT=8081 GIT_REPO_DIRECTORY=$(CURDIR) SITE_ORIGINS=http://127.0.0.1:8000,http://localhost:8000 node scripts/edit_server.js & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

new: $(STAMP)
	@$(PY) -m scripts.new_entry

urls: build
	@$(PY) -m scripts.url_manifest --write --site site

# Tests by kind: tests/unit, tests/acceptance, tests/browser (markers of the same names, tests/conftest.py).
# Lint first, then the tests even if lint failed (one run reports both; the tests' summary comes last).
test: $(STAMP)
	@lint=0; $(MAKE) --no-print-directory lint || lint=1; \
	$(PY) -m pytest && exit $$lint

test-fast: validate
	@lint=0; $(MAKE) --no-print-directory lint || lint=1; \
	$(PY) -m pytest -q -m unit && exit $$lint

# Every check runs, then the target fails if one did. The formatter itself: $(VENV)/bin/ruff format
lint: $(STAMP)
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check --output-format concise . || status=1; \
	$(VENV)/bin/lint-imports --no-cache || status=1; \
	exit $$status

clean:
	rm -rf site .site-build .pytest_cache .cache .ruff_cache

bench: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(PY) -m pip install --quiet -r requirements-bench.txt
	QUICK=$(QUICK) LIGHTHOUSE=$(LIGHTHOUSE) $(PY) -m bench.run
