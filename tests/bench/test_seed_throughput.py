"""bench/seed_throughput.py end to end on a tiny generated corpus, on SQLite and PostgreSQL."""

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.databases import scratch_postgres_database

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_seed_throughput", REPO_ROOT / "bench" / "seed_throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bench.db'}"
        return
    with scratch_postgres_database("engagements_seed_bench") as url:
        yield url


def test_measure_seeds_a_generated_corpus_through_the_real_path(bench: ModuleType, database_url: str) -> None:
    result = bench.measure(database_url, articles=30, seed=3)
    assert (result["articles"], result["loaded"], result["failed"], result["skipped"]) == (30, 30, 0, 0)
    assert result["documents_per_second"] > 0 and result["baseline_documents_per_second"] > result["documents_per_second"]
    assert result["ratio_seed_to_baseline"] > 1
    assert result["database_rows"]["engagements"] > 10  # extraction and loading both ran
    assert result["database"] == database_url.split(":")[0].split("+")[0]


def test_the_corpus_is_deterministic_and_varied() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    from bench.corpus import generate

    first, again, other = generate(200, seed=5), generate(200, seed=5), generate(200, seed=6)
    assert first == again and first != other
    pairs = {name.split("_")[-2] + name.split("_")[-1][:2] for name, _ in first}
    assert len(pairs) > 50  # dozens of country pairs, not one
    styles = {name.split("_")[1] for name, _ in first}
    assert styles == {"staff", "visit", "exercise", "virtual", "background"}
    mean = sum(len(text) for _, text in first) / len(first)
    assert 2000 < mean < 3500  # the real articles' mean is ~2,700 characters
