# The project's one command surface: contributors and CI run these targets.
#   make serve     install if needed, validate, build, serve http://127.0.0.1:8000 (live reload)
#   make test      the whole test suite
#   make build     validate, then build the static site into site/
#   make validate  check data/ against schemas/ and cross-references

PYTHON   ?= python3
VENV     := .venv
PY       := $(VENV)/bin/python
STAMP    := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build validate test clean

install: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est nécessaire.")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

validate: $(STAMP)
	@$(PY) -m scripts.validate_data

build: validate
	@$(PY) -m scripts.build_site

serve: build
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf site .site-build .pytest_cache
