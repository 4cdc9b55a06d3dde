# Set-up and everyday commands. `make run` and `make test` are all a new developer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON_SYS := $(shell scripts/find-python 2>/dev/null)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
# axe-core checks pages for WCAG violations in the browser tests (tests/browser/a11y.py).
# Pinned; the tarball must match the sha512 integrity the npm registry publishes for this version.
AXE_VERSION := 4.14.1
AXE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_JS := $(VENV)/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: help run test bench load lint messages lock clean

help:
	@echo "make run    set up .venv and SQLite under var/, load demo data, start portal + Celery"
	@echo "make test   start throwaway PostgreSQL and Redis, run the whole test suite"
	@echo "make bench  start throwaway PostgreSQL, fill it, print timings beside their baselines"
	@echo "make load   gunicorn, Celery and locust on loopback: latencies, capacity, memory"
	@echo "make lint   ruff check, format check and import-linter (imports run one way)"

$(STAMP):
	@test -n "$(PYTHON_SYS)" || scripts/find-python
	@test -x $(PY) || $(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	@scripts/system-deps run
	@mkdir -p var/mail var/broker/in var/broker/processed var/broker/control var/media
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo_data
	@scripts/run-dev $(PY)

# Two pytest-xdist workers, one per core: the suite waits on PostgreSQL, Chromium and the Celery
# workers it starts as much as it computes. --dist load keeps each worker's tests in collection
# order, in which pytest-django runs the transactional tests last (a serialized rollback leaves
# the database empty behind it). TEST_WORKERS=0 runs everything in one process.
TEST_WORKERS ?= 2

test: $(STAMP) $(AXE_JS)
	@scripts/system-deps test
	$(VENV)/bin/lint-imports --no-cache
	AXE_CORE_JS=$(AXE_JS) scripts/with-test-services $(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

bench: $(STAMP)
	@scripts/system-deps test
	scripts/with-test-services $(PY) -u bench/run.py $(BENCH)

load: $(STAMP)
	@scripts/system-deps test
	@test -x $(VENV)/bin/locust || $(PY) -m pip install -q -c constraints.txt -e '.[test,load]'
	scripts/with-test-services $(PY) -u bench/load/run.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-obsolete --add-location file \
	  -i ".venv/*" -i "var/*" -i "staticfiles/*" -i "tests/*"
	$(PY) manage.py compilemessages -l en -l sv --ignore=.venv

lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable | grep -v '^pip==' \
	  | sed '1i # Exact versions the portal is tested with; pip install -c constraints.txt. Refresh: make lock' > constraints.txt

clean:
	rm -rf $(VENV) var/ staticfiles/

$(AXE_JS): $(STAMP)
	$(PY) scripts/fetch-axe-core $(AXE_VERSION) $(AXE_INTEGRITY) $@
