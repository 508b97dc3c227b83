# The OCOP catalogue. `make html` builds the demo, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN := PYTHONPATH=plugins $(PY)
OUTPUT := output
SETTINGS := pelicanconf.py
PUBLISH_SETTINGS := publishconf.py
PORT ?= 8000
TRANSLATIONS := theme/translations

.PHONY: html catalogue check publish serve clean test system-deps browser-deps budgets lint format lock bench bytecode \
	translations-extract translations-update translations-compile

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# The plugin's modules compiled ahead, as pip compiles every package it installs: where
# PYTHONDONTWRITEBYTECODE is set (many container images do), Python never writes their
# bytecode, and every command compiled them again (about 0.1 s).
PLUGIN_BYTECODE := plugins/ocop_catalogue/__pycache__/.compiled
$(PLUGIN_BYTECODE): $(VENV)/.installed $(wildcard plugins/ocop_catalogue/*.py)
	$(PY) -m compileall -q plugins
	touch $@
bytecode: $(PLUGIN_BYTECODE)

html: $(PLUGIN_BYTECODE)  ## build the catalogue into output/
	$(RUN) -m ocop_catalogue build -s $(SETTINGS) -o $(OUTPUT)

catalogue: $(PLUGIN_BYTECODE)  ## build the site and the PDF booklets (fonts installed when missing)
	$(MAKE) --no-print-directory system-deps PACKAGE_LISTS=tests/system-packages/print.txt
	$(RUN) -m ocop_catalogue build --booklets -s $(SETTINGS) -o $(OUTPUT)

check: $(PLUGIN_BYTECODE)  ## validate data/ and the stories only
	$(RUN) -m ocop_catalogue check -s $(SETTINGS)

publish: $(PLUGIN_BYTECODE)  ## build with the published address (SITEURL=...), booklets included
	$(MAKE) --no-print-directory system-deps PACKAGE_LISTS=tests/system-packages/print.txt
	$(RUN) -m ocop_catalogue build -s $(PUBLISH_SETTINGS) -o $(OUTPUT)

serve: $(PLUGIN_BYTECODE)  ## serve output/ on http://127.0.0.1:$(PORT)/ as its hosts do (its not-found page too)
	$(RUN) -m ocop_catalogue serve -o $(OUTPUT) -p $(PORT)

# Editors' tools: new records, the report, the preview, the JSON Schemas.
.PHONY: new-product new-producer new-fair report report-html devserver schemas rsync_upload
new-product new-producer new-fair: $(PLUGIN_BYTECODE)  ## write a new record; asks for what is missing (or ARGS="--name ...")
	$(RUN) -m ocop_catalogue new $(@:new-%=%) -s $(SETTINGS) $(ARGS)

report: $(PLUGIN_BYTECODE)  ## untranslated texts, expiring certificates, missing pictures and contacts
	$(RUN) -m ocop_catalogue report -s $(SETTINGS)

report-html: $(PLUGIN_BYTECODE)  ## the same report as a page for editors: output/bien-tap/index.html
	$(RUN) -m ocop_catalogue report -s $(SETTINGS) --html $(OUTPUT)/bien-tap/index.html

devserver: $(PLUGIN_BYTECODE)  ## preview on http://127.0.0.1:$(PORT)/, rebuilt on every change
	$(RUN) -m ocop_catalogue devserver -s $(SETTINGS) -o $(OUTPUT) -p $(PORT)

schemas: $(PLUGIN_BYTECODE)  ## regenerate docs/schemas/ and the tables of docs/data-format.md
	$(RUN) -m ocop_catalogue schemas

# Upload to a server over ssh, as pelican-quickstart's Makefile does.
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= root
SSH_TARGET_DIR ?= /var/www/ocop
rsync_upload: publish  ## build with publishconf.py and copy output/ to SSH_USER@SSH_HOST:SSH_TARGET_DIR
	rsync -e "ssh -p $(SSH_PORT)" -P -rvzc --include tags --cvs-exclude --delete "$(OUTPUT)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

clean:  ## remove the built pages
	rm -rf $(OUTPUT) .$(OUTPUT).staging .$(OUTPUT).staging.pagefind $(OUTPUT).pagefind .$(OUTPUT).old cache/spare-*

test: $(VENV)/.installed-test system-deps browser-deps  ## run the test suite
	$(RUN) -m pytest

# Lighthouse and axe-core for the browser tests, pinned by tests/browser/package-lock.json.
BROWSER_DEPS := tests/browser/node_modules/.installed
browser-deps: $(BROWSER_DEPS)
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

budgets: $(VENV)/.installed-test browser-deps html  ## weigh the phone budgets and score pages with Lighthouse
	$(RUN) tests/tools/budgets.py $(OUTPUT) --lighthouse

# Build synthetic catalogues of 20,000 and 1,000 products and print the figures
# of docs/performance.md (BENCH_ARGS="--products 5000 --pictures" for others).
BENCH_ARGS ?=
bench: $(PLUGIN_BYTECODE) system-deps
	$(PY) tests/tools/bench.py $(BENCH_ARGS)

# Debian packages listed under tests/system-packages/, installed when missing: as root, or
# through sudo for anyone else (an editor's own machine, a CI runner's user).
PACKAGE_LISTS ?= tests/system-packages/*.txt
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)
SYSTEM_PACKAGES = $(shell cat $(PACKAGE_LISTS) 2>/dev/null | sed 's/\#.*//')
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check plugins tests pelicanconf.py publishconf.py
	$(VENV)/bin/ruff format --check plugins tests pelicanconf.py publishconf.py

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix plugins tests pelicanconf.py publishconf.py
	$(VENV)/bin/ruff format plugins tests pelicanconf.py publishconf.py

lock:  ## pin every dependency (needs network access to PyPI)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	.venv-lock/bin/pip freeze --exclude-editable > requirements.txt
	.venv-lock/bin/pip install --quiet -r requirements-test.in
	.venv-lock/bin/pip freeze --exclude-editable | grep -vxFf requirements.txt > requirements-test.txt
	rm -rf .venv-lock

translations-extract: $(VENV)/.installed  ## collect interface strings into messages.pot
	$(VENV)/bin/pybabel extract --mapping babel.cfg --no-location --sort-output \
		--ignore-dirs "output .* _*" --project ocop-catalogue --output $(TRANSLATIONS)/messages.pot .

translations-update: translations-extract  ## merge new strings into each language's .po
	$(VENV)/bin/pybabel update --input-file $(TRANSLATIONS)/messages.pot --output-dir $(TRANSLATIONS) --no-fuzzy-matching

translations-compile: $(VENV)/.installed  ## check and compile the catalogues (.mo)
	$(VENV)/bin/pybabel compile --statistics --directory $(TRANSLATIONS)
