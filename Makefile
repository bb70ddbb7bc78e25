# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DEMO   := proposals/guest_worker_rodrik.yaml

.PHONY: demo test lint typecheck unit bench schema sysdeps clean

# WeasyPrint needs Pango and HarfBuzz from the system; install them as root when missing.
sysdeps:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
	   || ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' \
	   || ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing WeasyPrint's system libraries with apt-get" >&2; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; \
	  else \
	    echo "warning: install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 for PDF briefs" >&2; \
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
	@mkdir -p reports
	$(BIN)/evaluator score $(DEMO) proposals/nafta_us_1994.yaml --format markdown -o reports/demo.md --force
	$(BIN)/evaluator score $(DEMO) proposals/nafta_us_1994.yaml
	@echo "Output: reports/demo.md (the same results as Markdown); JSON: $(BIN)/evaluator score FILE --format json"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: sysdeps $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

schema: $(STAMP)
	$(BIN)/evaluator schema -o schemas/proposal.schema.json --force

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
