# Two commands on a fresh machine with only python3 and pip:
#   make run    create .venv, install what running needs, open the bundled briefing
#   make test   create .venv, install with the test extra and the npm clients, run the checks and tests
PYTHON ?= python3
BENCH_ARGS ?= --write-readme
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench mutants clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(PYTHON) -m pip install --user virtualenv && $(PYTHON) -m virtualenv $(VENV); }

# What running needs, and no more: the test extra and the npm clients only for `make test`.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@# An editable install is not byte-compiled (and PYTHONDONTWRITEBYTECODE may forbid
	@# caching later): compile once, as pip does for a regular install, so start-up stays fast.
	$(BIN)/python -m compileall -q briefing
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml package.json package-lock.json $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# The clients the tests run on our outputs (YAML language server, axe-core), pinned in
	@# package-lock.json; without npm those tests skip, saying why (CI has npm: they run).
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; fi
	touch $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/briefing $(FILE)

test: $(TEST_STAMP)
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check briefing tests benchmarks
	$(BIN)/ruff format --check briefing tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Mutation testing of the pure modules ([tool.mutmut] in pyproject.toml); about two hours
# on two cores. MODULE=tradecraft narrows it (MODULE="text index": several); results list
# timeouts apart from kills. docs/mutation.md has the last measurement.
mutants: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 $(foreach module,$(MODULE),"briefing.$(module).*")
	$(BIN)/mutmut results --all true

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache mutants node_modules
