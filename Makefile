# The two commands a newcomer runs: `make demo` and `make test`. Only Python 3.11 is needed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# pytest-xdist workers: one per core (each has its own test database)
TEST_WORKERS ?= auto
STAMP := $(VENV)/.installed
export TACT_DATA_DIR ?= $(CURDIR)/var

.PHONY: install demo test test-postgres lint guide-shots bench clean messages openapi

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## the .venv with .venv/bin/tact

PORT ?= $(or $(TACT_PORT),8000)

demo: install  ## migrate, load the catalog, states and demo data, serve http://127.0.0.1:$(PORT) (PORT=8001)
	TACT_DEBUG=1 $(BIN)/tact demo 127.0.0.1:$(PORT)

test: install  ## the whole suite (SQLite); browser tests run when /usr/bin/chromium exists
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

test-postgres: install  ## the whole suite against PostgreSQL (TACT_DATABASE_URL)
	TACT_DATABASE_URL=$${TACT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tact} $(BIN)/python -m pytest -n $(TEST_WORKERS)

guide-shots: install  ## take the user guides' screenshots again (src/tact/static/tact/guide/)
	TACT_GUIDE_SHOTS=1 $(BIN)/python -m pytest tests/test_guide_screenshots.py

lint: install  ## ruff, mypy and the import-linter layer contracts
	$(BIN)/ruff check src tests bench scripts conftest.py
	$(BIN)/ruff format --check src tests bench scripts conftest.py
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install  ## benchmarks print their figures (not timed tests)
	@for f in $(filter-out bench/legislation_search_corpus.py,$(wildcard bench/*.py)); do echo "== $$f"; $(BIN)/python $$f || exit 1; done

LANGS := -l ru -l fr -l es -l ar -l zh_Hans
# Each domain app owns its catalog (src/tact/<app>/locale); the rest share src/tact/locale.
DOMAIN_APPS := resolutions legislation assistance evaluation threats strategies training practices chain profiles

messages: install  ## refresh the translation catalogs after changing strings (APP=name for one)
ifeq ($(APP),)
	cd src/tact && ../../$(BIN)/tact makemessages $(LANGS) --no-obsolete --ignore='tests/*' --ignore='static/vendor/*' $(foreach a,$(DOMAIN_APPS),--ignore='$(a)/*') -v0
	for app in $(DOMAIN_APPS); do mkdir -p src/tact/$$app/locale && (cd src/tact/$$app && ../../../$(BIN)/tact makemessages $(LANGS) --no-obsolete --ignore='tests/*' -v0) || exit 1; done
else
	mkdir -p src/tact/$(APP)/locale && cd src/tact/$(APP) && ../../../$(BIN)/tact makemessages $(LANGS) --no-obsolete --ignore='tests/*' -v0
endif
	$(BIN)/python scripts/translate.py $(if $(APP),--app $(APP))

openapi: install  ## regenerate the committed OpenAPI schema
	$(BIN)/tact export_openapi_schema --api tact.config.api.api --indent 1 --sorted > docs/openapi.json

clean:
	rm -rf $(VENV) var
