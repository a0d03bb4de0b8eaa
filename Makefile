# Cổng tham vấn và tra cứu quy định kinh doanh — the single entry point.
#   make run    the portal on http://127.0.0.1:$(PORT) (SQLite, local OpenSearch if possible)
#   make test   everything the tests need (PostgreSQL, OpenSearch, Chromium), then pytest
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

# Relative paths are taken from the repository root.
CORPUS_DIR ?= ../shared/corpus
export CORPUS_DIR

VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help venv opensearch opensearch-stop postgres run test check lint bench messages

help:
	@echo "make run              portal on http://127.0.0.1:$${PORT:-8000} (Ctrl-C stops it)"
	@echo "make test             PostgreSQL + OpenSearch + pytest"
	@echo "make venv             .venv with pip install -e '.[dev]'"
	@echo "make opensearch       start the local OpenSearch (127.0.0.1:$${OPENSEARCH_PORT:-9200})"
	@echo "make opensearch-stop  stop it"
	@echo "make postgres         start PostgreSQL and print DATABASE_URL"
	@echo "make check            ruff, ruff format, mypy, migrations, import layers (run by make test)"
	@echo "make lint             ruff check + mypy"
	@echo "make messages         compilemessages"
	@echo "make bench            search and consultation benchmarks (scripts/bench.sh, scripts/bench_consultations.sh)"

venv:
	@cd "$(ROOT)" && scripts/venv.sh

opensearch:
	@cd "$(ROOT)" && scripts/opensearch.sh start

opensearch-stop:
	@cd "$(ROOT)" && scripts/opensearch.sh stop

postgres:
	@cd "$(ROOT)" && scripts/postgres.sh start

run:
	@cd "$(ROOT)" && scripts/run_portal.sh

test:
	@cd "$(ROOT)" && scripts/test.sh

check: venv
	@cd "$(ROOT)" && scripts/check.sh

lint: venv
	cd "$(ROOT)" && $(VENV)/bin/ruff check .
	cd "$(ROOT)" && $(VENV)/bin/mypy

messages: venv
	cd "$(ROOT)" && DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-portal.settings.dev} \
	  $(PY) manage.py compilemessages --ignore=.venv --ignore=var --ignore=node_modules

bench: venv
	@cd "$(ROOT)" && if [ -x scripts/bench.sh ]; then scripts/bench.sh && scripts/bench_consultations.sh; \
	  else DJANGO_SETTINGS_MODULE=$${DJANGO_SETTINGS_MODULE:-portal.settings.dev} $(PY) manage.py bench; fi
