"""wrk, the HTTP load tool: fixed-duration runs over loopback, read back as JSON.

Why wrk (Debian's `wrk` 4.1): written in C on one event loop per thread, so on a 2-core
machine it takes far less of the CPU the servers need than a Python client would, and
`--latency` keeps every request's latency (HdrHistogram) for exact p50/p99. oha and hey
would do too, but neither is packaged for Debian 12 and this machine reaches only PyPI,
Debian and npm. A closed loop: with one connection, requests/s is 1 / latency.

`--script` points wrk at the Lua below, whose `done` hook prints one JSON line.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "non_2xx": %d, "socket_errors": %d,'
    .. ' "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f}\\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
"""


def find_wrk(install: bool = True) -> str | None:
    """The wrk binary; installed with apt-get when missing and running as root (like tests/browser's chromium)."""
    found = shutil.which("wrk")
    if found or not install:
        return found
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=False, **quiet)  # type: ignore[call-overload]
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update"], check=False, **quiet)  # type: ignore[call-overload]
            subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], check=False, **quiet)  # type: ignore[call-overload]
    return shutil.which("wrk")


def run(wrk: str, url: str, seconds: float, connections: int = 1, timeout_s: int = 30) -> dict[str, Any]:
    """`connections` clients hammer `url` for `seconds`; requests/s, p50/p90/p99 in ms, errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_LUA)
    try:
        threads = 1 if connections == 1 else min(2, connections)
        command = [
            wrk, f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", f"--timeout={timeout_s}s",
            "--latency", "-s", script.name, url,
        ]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + timeout_s + 30)
    finally:
        Path(script.name).unlink(missing_ok=True)
    line = next((x for x in finished.stdout.splitlines() if x.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no report for {url}: {finished.stdout[-500:]} {finished.stderr[-500:]}")
    raw = json.loads(line.removeprefix("WRKJSON "))
    seconds_run = raw["duration_us"] / 1e6
    done = raw["requests"] > 0  # none finished within the duration: there is no latency to report, only "slower than that"

    def ms(key: str) -> float | None:
        return round(raw[key] / 1000, 2) if done else None

    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        "p50_ms": ms("p50_us"),
        "p90_ms": ms("p90_us"),
        "p99_ms": ms("p99_us"),
        "max_ms": ms("max_us"),
        "errors": raw["non_2xx"] + raw["socket_errors"],
        "megabytes": round(raw["bytes"] / 1e6, 1),
        "connections": connections,
    }
