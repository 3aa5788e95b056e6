"""The extractor is a pure package: importing it pulls in no web, database or settings code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("fastapi", "sqlalchemy", "app.db", "app.models", "app.config", "starlette", "pydantic_settings")


def test_extraction_imports_nothing_forbidden() -> None:
    code = (
        "import json, sys\n"
        "import app.extraction.pipeline, app.extraction.contract\n"
        "from app.extraction.pipeline import extract\n"
        "extract('Maj. Gen. A B met in Lima, Peru, May 5-9.')\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    modules = json.loads(output.stdout)
    leaked = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert not leaked, leaked
