# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO   := proposals/guest_worker_rodrik.yaml
# General-equilibrium datasets are read from EVALUATOR_DATA; ../shared/data when it exists.
export EVALUATOR_DATA ?= $(if $(wildcard ../shared/data/.),$(abspath ../shared/data),)

.PHONY: demo test lint typecheck unit stress bench schema sysdeps browser clean briefs

# WeasyPrint needs Pango and HarfBuzz from the system, and briefs use the DejaVu fonts;
# install them as root when missing.
SYSPKGS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fontconfig
sysdeps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
	   || ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' \
	   || ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' \
	   || ! (fc-list 2>/dev/null | grep -q 'DejaVu Sans'); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing WeasyPrint's system libraries and fonts with apt-get" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      $(SYSPKGS) >/dev/null; \
	  else \
	    echo "warning: install $(SYSPKGS) for PDF briefs" >&2; \
	  fi; \
	fi

# The studio's browser tests drive Debian's Chromium with Playwright; install it as root when
# missing (elsewhere the browser tests are skipped with a message saying so).
browser:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium for the studio's browser tests with apt-get" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "warning: install chromium to run the studio's browser tests" >&2; \
	  fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

demo: sysdeps $(STAMP)
	$(BIN)/evaluator validate proposals/*.yaml
	$(BIN)/evaluator score $(DEMO) proposals/nafta_us_1994.yaml
	@mkdir -p reports
	$(BIN)/evaluator brief $(DEMO) -o reports/demo.pdf --force
	@echo "The brief is in reports/demo.pdf; scores as JSON: $(BIN)/evaluator score FILE --format json"

# The sample briefs committed in reports/ (a fixed date keeps them byte-stable).
briefs: sysdeps $(STAMP)
	$(BIN)/evaluator brief proposals/guest_worker_rodrik.yaml -o reports/guest_worker_rodrik.pdf --date 2026-11-22 --force
	$(BIN)/evaluator brief proposals/nafta_us_1994.yaml -o reports/nafta_us_1994.pdf --date 2026-11-22 --force
	$(BIN)/evaluator brief proposals/nafta_canada_1994.yaml -o reports/nafta_canada_1994.pdf --date 2026-11-22 --force
	$(BIN)/evaluator compare proposals/nafta_us_1994.yaml proposals/rebalanced_agreement.yaml \
	  proposals/guest_worker_rodrik.yaml -o reports/comparison_essay.pdf --date 2026-11-22 --force

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: sysdeps browser $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

# The soak: 200 mixed runs of the adversarial corpus and the examples in one process.
stress: sysdeps $(STAMP)
	$(BIN)/pytest -q -m stress

# Byte-compiled as pip compiles an installed package, so no run pays for compiling.
bench: sysdeps $(STAMP)
	@$(BIN)/python -m compileall -q evaluator >/dev/null
	$(BIN)/python benchmarks/run.py

schema: $(STAMP)
	$(BIN)/evaluator schema -o schemas/proposal.schema.json --force
	$(BIN)/evaluator schema --sweep -o schemas/sweep.schema.json --force

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
