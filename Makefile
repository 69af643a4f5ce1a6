# Two commands for a fresh clone: `make demo` and `make test`.
# Both create .venv with Python 3.12+ if missing and install the project into it.

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
# The first interpreter found that really is Python 3.12 or newer (a pyenv shim
# for a version that is not selected exists but fails, so each one is tried).
PYTHON  ?= $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.12 /usr/bin/python3.12 python3; do \
             $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: demo test install benchmark clean dashboard

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 or newer not found (install python3.12)" >&2; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# The main job: compare the six preset scenarios (same village, same budget,
# same cold wave in year 3) over a few seeded replicates; then one run of the
# default village with all its tables.
demo: $(STAMP)
	$(BIN)/villageaid compare baseline casework teams teams_incentives matching all_levels \
	    --replicates 3 --seed 0 --out out/compare
	$(BIN)/villageaid run --scenario baseline --seed 0 --out out/demo

test: $(STAMP)
	$(BIN)/python -m pytest

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_dashboard.py

# The dashboard in the browser: http://127.0.0.1:8765/ (PORT=... HOST=... to change).
dashboard: $(STAMP)
	$(BIN)/villageaid dashboard --port $(or $(PORT),8765) --host $(or $(HOST),127.0.0.1)

clean:
	rm -rf out .pytest_cache
