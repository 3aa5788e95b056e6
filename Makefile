# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
BENCH_STAMP := $(VENV)/.bench-installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test install bench-install migrate seed serve extract-eval bench bench-scale bench-quick load lint vendor-assets clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

# The bench extra (Datasette, psutil) on top of the test install; wrk comes from apt-get (bench/load_tool.py).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@rm -f $(VENV)/.bench-installed-*
	@touch $(BENCH_STAMP)

bench-install: $(BENCH_STAMP)

## run: install, migrate, load the seed documents and serve on http://127.0.0.1:8000
run: install migrate seed serve

migrate: install
	$(BIN)/engagements db upgrade

seed: install
	$(BIN)/engagements seed

serve: install
	$(BIN)/engagements serve

## test: install what the tests need and run them (PostgreSQL tests skip if no server)
test: install
	$(BIN)/python -m pytest -n auto

## extract-eval: precision and recall of the extractor on the held-aside articles
extract-eval: install
	$(BIN)/python bench/extraction_quality.py bench/heldout

## bench: benchmarks; figures are ratios against a baseline measured in the same run (the scale run: see bench-scale)
bench: bench-install
	$(BIN)/python bench/extraction_speed.py
	$(BIN)/python bench/seed_throughput.py
	$(BIN)/python bench/export_streaming.py
	$(BIN)/python bench/dump.py
	$(BIN)/python bench/database_outage.py
	$(BIN)/python bench/scale.py $(ARGS)

## bench-scale: only the scale run: generated databases, the service under wrk vs Datasette vs raw SQL, targets
## (more: make bench-scale ARGS="--scales 10000,100000,1000000 --databases sqlite --duration 20")
bench-scale: bench-install
	$(BIN)/python bench/scale.py $(ARGS)

## bench-quick: the scale run in about two minutes at 2,000 engagements, results in bench/results/tmp/ (gitignored)
bench-quick: bench-install
	$(BIN)/python bench/scale.py --scales 2000 --duration 2 --warmup 1 --articles 300 --results bench/results/tmp $(ARGS)

## load: 30 s of mixed reads and writes on a server it starts (scratch SQLite, 2 workers): latency per kind, errors, lost writes
## (more: make load ARGS="--duration 60 --workers 16 --database-url postgresql://...")
load: install
	$(BIN)/python bench/load.py $(ARGS)

## lint: static checks (ruff)
lint: install
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check app tests bench migrations

## vendor-assets: re-fetch Swagger UI and ReDoc into app/static/vendor (needs npm; SWAGGER_UI_VERSION=, REDOC_VERSION= to change)
vendor-assets:
	scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) data
