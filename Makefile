# The two commands of the README: `make run` (demo server) and `make test` (suite).
# Both prepare everything they need first; each step says what it does and is
# skipped when already done.

ODOO_SRC ?= /opt/odoo-18.0
DEMO_DB ?= billing_kpi_demo
TEST_DB ?= billing_kpi_test
ADDONS ?= billing_kra_kpi,billing_kra_kpi_helpdesk,billing_kra_kpi_appraisal
HTTP_PORT ?= 8069
GEVENT_PORT ?= 8072
PYTEST_ARGS ?=
BENCH_DB ?= billing_kpi_bench
BENCH_INVOICES ?= 100000
# Closed months of demo billing work before the current month: a year on the
# demo database, two on the test database so that `make test` stays quick.
DEMO_MONTHS ?= 12
TEST_DEMO_MONTHS ?= 2
# Factor on the invoice volume of every demo clerk.
DEMO_SCALE ?= 1

export ODOO_SRC HTTP_PORT GEVENT_PORT

VENV := .venv

.PHONY: run test setup setup-browser demo-db test-db lint bench clean

setup:
	@tools/setup_odoo_src.sh
	@tools/setup_postgres.sh
	@tools/setup_venv.sh

setup-browser:
	@tools/setup_chromium.sh

## make run: the demo database with the KPI app on http://127.0.0.1:$(HTTP_PORT)
run: setup demo-db
	@tools/run_demo.sh $(DEMO_DB)

demo-db:
	@BILLING_KPI_DEMO_MONTHS=$(DEMO_MONTHS) BILLING_KPI_DEMO_SCALE=$(DEMO_SCALE) tools/create_db.sh $(DEMO_DB) $(ADDONS)

## make test: a fresh database, the addons installed, the whole suite
test: setup setup-browser test-db
	@tools/run_tests.sh $(TEST_DB) $(ADDONS) $(PYTEST_ARGS)

test-db:
	@BILLING_KPI_DEMO_MONTHS=$(TEST_DEMO_MONTHS) tools/create_db.sh $(TEST_DB) $(ADDONS) --fresh

## make bench: engine against an ORM loop and a raw-SQL lower bound (BENCHMARKS.md)
bench: setup
	@tools/run_benchmark.sh $(BENCH_DB) $(BENCH_INVOICES)

lint: setup
	$(VENV)/bin/pre-commit run --all-files

clean:
	-dropdb --if-exists $(TEST_DB)
	-dropdb --if-exists $(DEMO_DB)
	-dropdb --if-exists $(BENCH_DB)
	rm -rf .odoo
