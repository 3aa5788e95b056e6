"""How long a request takes to be answered 503 when PostgreSQL goes away, and how long until the service is back.

Everything runs against a throwaway PostgreSQL server of its own (initdb + pg_ctl in a
temporary directory; see tests/database_outage/postgres_cluster.py), reached through a TCP
proxy in this process that is cut, hung and restored, and at the end killed outright
(pg_ctl stop -m immediate) and started again. The baseline is an ordinary request to the
same record in the same run. The tests assert the behaviour; this records the figures.

    python bench/database_outage.py [--repeat 10]
"""

import argparse
import json
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from app.db import build_engine  # noqa: E402
from tests.database_outage.in_flight import request_in_flight  # noqa: E402
from tests.database_outage.postgres_cluster import throwaway_cluster  # noqa: E402
from tests.database_outage.service import Service, service_at  # noqa: E402
from tests.database_outage.tcp_proxy import TcpProxy, tcp_proxy  # noqa: E402
from tests.databases import migrate  # noqa: E402


def summary(samples: list[tuple[int, str, float]]) -> dict[str, Any]:
    """Faults injected, the answers they got, and seconds to the answer."""
    seconds = [s for _, _, s in samples]
    return {
        "faults": len(samples),
        "answers": dict(Counter(f"{status} {reason}".strip() for status, reason, _ in samples)),
        "median_seconds": round(statistics.median(seconds), 4),
        "max_seconds": round(max(seconds), 4),
    }


def answer(service: Service, path: str) -> tuple[int, str, float]:
    response, seconds = service.timed("GET", path)
    reason = response.json().get("reason", "") if response.status_code == 503 else ""
    return response.status_code, reason, seconds


def through_proxy(service: Service, proxy: TcpProxy, admin_url: str, detail: str, repeat: int) -> dict[str, Any]:
    admin = create_engine(admin_url, pool_pre_ping=True)  # it kills backends on its own database too
    results: dict[str, Any] = {}

    def cycle(name: str, injure: Callable[[], tuple[int, str, float]], times: int) -> None:
        down, back = [], []
        for _ in range(times):
            assert service.client.get(detail).status_code == 200
            down.append(injure())
            proxy.restore()
            back.append(answer(service, detail))  # the first request after it is back; no retries
        results[name] = {"to_503": summary(down), "first_request_after_restore": summary(back)}

    def refused() -> tuple[int, str, float]:
        proxy.cut()
        return answer(service, detail)

    def hung() -> tuple[int, str, float]:
        proxy.hang()
        return answer(service, detail)

    def dropped_mid_request() -> tuple[int, str, float]:
        with request_in_flight(service, admin, "/engagements") as (in_flight, _):
            cut_at = time.monotonic()
            proxy.cut()
            response = in_flight.result(timeout=60)
            return response.status_code, response.json().get("reason", ""), time.monotonic() - cut_at

    cycle("connection_refused", refused, repeat)
    cycle("hung_server", hung, max(2, repeat // 4))
    cycle("dropped_mid_request", dropped_mid_request, repeat)

    killed = []
    for _ in range(repeat):
        assert service.client.get(detail).status_code == 200
        with admin.begin() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            )
        killed.append(answer(service, detail))
    results["backends_killed_between_requests"] = {"next_request": summary(killed)}
    admin.dispose()
    return results


def crash_and_restart(repeat: int) -> dict[str, Any]:
    down, starts, back = [], [], []
    with throwaway_cluster() as cluster:
        engine = build_engine(cluster.url)
        migrate(engine)
        engine.dispose()
        with service_at(cluster.url) as service:
            detail = f"/engagements/{service.create_engagement().json()['id']}"
            for _ in range(repeat):
                assert service.client.get(detail).status_code == 200
                cluster.stop("immediate")
                down.append(answer(service, detail))
                started = time.monotonic()
                cluster.start()
                starts.append(time.monotonic() - started)
                back.append(answer(service, detail))  # the first request after it is back; no retries
    return {
        "to_503": summary(down),
        "pg_ctl_start_median_seconds": round(statistics.median(starts), 3),
        "first_request_after_start": summary(back),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    with throwaway_cluster() as cluster:
        engine = build_engine(cluster.url)
        migrate(engine)
        engine.dispose()
        with tcp_proxy(("127.0.0.1", cluster.port)) as proxy:
            url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/postgres"
            with service_at(url) as service:
                detail = f"/engagements/{service.create_engagement().json()['id']}"
                baseline = [service.timed("GET", detail)[1] for _ in range(50)]
                result: dict[str, Any] = {"baseline_request_median_seconds": round(statistics.median(baseline), 4)}
                result |= through_proxy(service, proxy, cluster.url, detail, args.repeat)
    result["server_killed_and_restarted"] = crash_and_restart(max(2, args.repeat // 3))
    result["machine"] = f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}"
    out = ROOT / "bench" / "results" / "database_outage.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
