"""Extractor throughput on the repository's articles, against a baseline measured in the same run.

The baseline is a plain word tokenisation of the same texts (the cheapest pass that reads
every character), so the ratio says how much more than reading the text extraction costs,
independent of the machine's speed.

    python bench/extraction_speed.py [--rounds N]
"""

import argparse
import json
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extraction.pipeline import extract  # noqa: E402

CORPUS_DIRS = (ROOT / "seeds" / "documents", ROOT / "tests" / "extraction" / "articles")
WORD = re.compile(r"\w+")


def corpus() -> list[str]:
    return [path.read_text(encoding="utf-8") for folder in CORPUS_DIRS for path in sorted(folder.glob("*.txt"))]


def seconds_per_text(texts: list[str], work: Callable[[str], object], rounds: int) -> float:
    for text in texts:
        work(text)  # warm caches and lazy data loads
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            work(text)
    return (time.perf_counter() - started) / (rounds * len(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = corpus()
    baseline = seconds_per_text(texts, WORD.findall, args.rounds)
    extraction = seconds_per_text(texts, extract, args.rounds)
    result = {
        "articles": len(texts),
        "mean_characters": round(sum(map(len, texts)) / len(texts)),
        "extraction_ms_per_article": round(extraction * 1000, 3),
        "articles_per_second_one_core": round(1 / extraction),
        "baseline_ms_per_article": round(baseline * 1000, 4),
        "ratio_extraction_to_baseline": round(extraction / baseline, 1),
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
    }
    out = ROOT / "bench" / "results" / "extraction_speed.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
