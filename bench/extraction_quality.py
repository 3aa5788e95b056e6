"""Measure the extractor against hand-labelled articles.

Usage:
    python bench/extraction_quality.py [DIR ...]           # default: bench/heldout
    python bench/extraction_quality.py --predictions OUT.json [DIR ...]

Each DIR holds NAME.txt articles and NAME.expected.json ideal contract documents.
The extractor runs as a subprocess (`engagements extract --json`), exactly as a user
would call it, so the benchmark also exercises the CLI contract. `--predictions`
scores a saved output instead, which makes it possible to compare runs offline.

Prints a Markdown table and writes bench/results/extraction_quality.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or imported by path

from scoring import METRIC_ORDER, markdown_table, score_corpus  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO_ROOT / "bench" / "heldout"
RESULTS_PATH = REPO_ROOT / "bench" / "results" / "extraction_quality.json"


def extractor_command() -> list[str]:
    """The installed console script when present, else the module entry point."""
    script = Path(sys.executable).parent / "engagements"
    if script.exists():
        return [str(script), "extract", "--json"]
    return [sys.executable, "-m", "app.cli", "extract", "--json"]


def article_files(directories: list[Path]) -> list[Path]:
    return sorted(p for d in directories for p in d.glob("*.txt"))


def load_expected(articles: list[Path]) -> list[dict[str, Any]]:
    expected: list[dict[str, Any]] = []
    for article in articles:
        gold_path = article.with_name(article.stem + ".expected.json")
        if not gold_path.exists():
            print(f"warning: no {gold_path.name}; {article.name} is not scored", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        gold["file"] = article.name  # the file name is the join key, whatever the JSON says
        expected.append(gold)
    return expected


def run_extractor(articles: list[Path]) -> list[dict[str, Any]]:
    command = extractor_command() + [str(p) for p in articles]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    if completed.stderr:
        sys.stderr.write(completed.stderr[-4000:])
    try:
        output = json.loads(completed.stdout)
    except json.JSONDecodeError as exc:
        raise SystemExit(
            f"extractor did not print JSON (exit {completed.returncode}): {exc}\n"
            f"command: {' '.join(command[:4])} ..."
        ) from exc
    documents = output.get("documents", [])
    # The contract says `file` is the base name "as given"; normalise in case a path slipped in.
    for document in documents:
        document["file"] = Path(str(document.get("file", ""))).name
    return documents


def build_report(totals: dict[str, Any], per_document: list[Any], directories: list[Path]) -> dict[str, Any]:
    return {
        "directories": [str(d) for d in directories],
        "documents": len(per_document),
        "metrics": {name: totals[name].as_dict() for name in METRIC_ORDER},
        "forbidden_participants_extracted": {
            d.file: d.forbidden_participants for d in per_document if d.forbidden_participants
        },
        "per_document": {
            d.file: {
                "error": d.error,
                **{name: counts.as_dict() for name, counts in d.metrics.items()},
            }
            for d in per_document
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directories", nargs="*", type=Path, default=[DEFAULT_DIR])
    parser.add_argument("--predictions", type=Path, help="score this saved extract --json output instead of running")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH)
    args = parser.parse_args(argv)

    articles = article_files(args.directories)
    if not articles:
        print(f"no .txt articles in {', '.join(map(str, args.directories))}", file=sys.stderr)
        return 2
    expected = load_expected(articles)
    if args.predictions:
        predicted = json.loads(args.predictions.read_text(encoding="utf-8")).get("documents", [])
    else:
        predicted = run_extractor([a for a in articles if any(g["file"] == a.name for g in expected)])

    totals, per_document = score_corpus(predicted, expected)
    report = build_report(totals, per_document, args.directories)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"Extraction quality on {len(expected)} documents ({', '.join(map(str, args.directories))})\n")
    print(markdown_table(totals))
    forbidden = report["forbidden_participants_extracted"]
    print(f"\nBylines / mentioned-only people extracted as participants: {sum(map(len, forbidden.values()))}")
    for file_name, names in forbidden.items():
        print(f"- {file_name}: {', '.join(names)}")
    errors = {d.file: d.error for d in per_document if d.error}
    for file_name, error in errors.items():
        print(f"- {file_name}: extractor error: {error}")
    print(f"\nJSON written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
