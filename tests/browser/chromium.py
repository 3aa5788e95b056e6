"""Debian's Chromium for the browser tests: found, installed when missing (as root), or the test skips.

Playwright drives it through `executable_path`, so no browser is downloaded. Like PostgreSQL
in tests/databases.py, `REQUIRE_BROWSER=1` (CI) turns the skip into a failure.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
INSTALL = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "chromium"]
UPDATE = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "update"]
APT_TIMEOUT = 600  # seconds per apt-get call; a fresh machine measured about 20 s for update + install


def _apt(command: list[str]) -> str | None:
    """Run one apt-get command; None on success, else the reason it failed."""
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=APT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return f"`{' '.join(command)}` took over {APT_TIMEOUT} s"
    if done.returncode != 0:
        last_line = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"`{' '.join(command)}` failed: {last_line}"
    return None


def install_chromium() -> str | None:
    """Install Debian's chromium package; None on success, else why it could not be installed."""
    if os.geteuid() != 0:
        return f"{CHROMIUM} is missing and installing it (apt-get install chromium) needs root"
    if shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and there is no apt-get to install it"
    # A machine whose package lists were never fetched knows no chromium: update, then retry.
    if _apt(INSTALL) is not None and (failure := _apt(UPDATE) or _apt(INSTALL)) is not None:
        return failure
    return None if CHROMIUM.exists() else f"apt-get installed chromium but {CHROMIUM} is still missing"


def browser_unavailable_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]')"
    if CHROMIUM.exists():
        return None
    return install_chromium()


def chromium_or_skip() -> Path:
    """The Chromium executable, installing it if need be; skips (or fails with REQUIRE_BROWSER=1) without."""
    reason = browser_unavailable_reason()
    if reason is None:
        return CHROMIUM
    if REQUIRE_BROWSER:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)
