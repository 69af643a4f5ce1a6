# Two commands for a fresh clone: `make demo` and `make test`.
# Both create .venv with Python 3.12+ if missing and install the project into it.

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
# The first interpreter found that really is Python 3.12 or newer (a pyenv shim
# for a version that is not selected exists but fails, so each one is tried).
PYTHON  ?= $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.12 /usr/bin/python3.12 python3; do \
             $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: demo test install benchmark clean dashboard browser

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 or newer not found (install python3.12)" >&2; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@echo "Compiling the model's loops once (numba caches them for every later run) ..."
	@$(BIN)/villageaid run --years 1 --set residents=100 --no-plot --out $(VENV)/warm-up >/dev/null
	@rm -rf $(VENV)/warm-up
	@touch $(STAMP)

# The main job: compare the six preset scenarios (same village, same budget,
# same cold wave in year 3) over a few seeded replicates; then one run of the
# default village with all its tables.
demo: $(STAMP)
	$(BIN)/villageaid compare baseline casework teams teams_incentives matching all_levels \
	    --replicates 6 --seed 0 --out out/compare
	$(BIN)/villageaid run --scenario baseline --seed 0 --out out/demo

test: $(STAMP) browser
	$(BIN)/python -m pytest

# The dashboard's browser tests drive Debian's chromium (Playwright's own browser
# download is blocked on many machines). It is installed here where this user may
# (root, or sudo without a password); otherwise those tests are skipped with the
# reason, except under CI=true, where they fail.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=no; fi; \
	  if [ "$$SUDO" = no ] || ! command -v apt-get >/dev/null 2>&1; then \
	    echo "note: no Chromium here and no way to install it, so the 9 browser tests are skipped; to run them: sudo apt-get install chromium fonts-wqy-microhei"; \
	  else \
	    echo "Installing Debian's chromium and a Chinese font for the browser tests ..."; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null \
	      || echo "note: installing chromium failed, so the browser tests are skipped"; \
	  fi; \
	fi

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_dashboard.py

# The dashboard in the browser: http://127.0.0.1:8765/ (PORT=... HOST=... to change).
dashboard: $(STAMP)
	$(BIN)/villageaid dashboard --port $(or $(PORT),8765) --host $(or $(HOST),127.0.0.1)

clean:
	rm -rf out .pytest_cache
