# Two commands on a fresh machine with only python3 and pip:
#   make run    create .venv, install, open the bundled briefing
#   make test   create .venv, install with the test extra, run the tests
PYTHON ?= python3
BENCH_ARGS ?= --write-readme
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench mutants clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --user virtualenv && $(PYTHON) -m virtualenv $(VENV); }

$(STAMP): pyproject.toml package.json package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# The clients the tests run on our outputs (YAML language server, axe-core), pinned in
	@# package-lock.json; without npm those tests skip, saying why (CI has npm: they run).
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; fi
	@# An editable install is not byte-compiled (and PYTHONDONTWRITEBYTECODE may forbid
	@# caching later): compile once, as pip does for a regular install, so start-up stays fast.
	$(BIN)/python -m compileall -q briefing
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/briefing $(FILE)

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/ruff format --check briefing tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Mutation testing of the pure modules ([tool.mutmut] in pyproject.toml); a few minutes.
# MODULE=tradecraft narrows it to one module; results list timeouts apart from kills.
mutants: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 $(if $(MODULE),"briefing.$(MODULE).*")
	$(BIN)/mutmut results --all true

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache mutants node_modules
