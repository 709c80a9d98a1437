"""bench/scaleout_hosts.py (python bench/scaleout.py --hosts 2): the table says throughput, CPU per host and the
ratio of two hosts to one."""

from __future__ import annotations


def _step(views_per_s: float, cpu: dict[str, float]) -> dict:
    return {"users": 8, "views": views_per_s * 10, "wall_s": 10.0, "views_per_s": views_per_s, "p50_ms": 100.0,
            "p95_ms": 400.0, "error_count": 0, "cpu_s": cpu}  # fmt: skip


def test_hosts_table_gives_cpu_per_host_and_the_ratio():
    from bench.scaleout_hosts import hosts_table

    one = _step(50.0, {"a": 5.0, "proxy": 0.1, "generator": 0.5, "machine": 15.0})
    two = _step(90.0, {"a": 4.5, "b": 4.5, "proxy": 0.2, "generator": 0.8, "machine": 18.0})
    results = {
        "budget_ms": 1000.0,
        "seconds": 10.0,
        "replicas_per_host": 1,
        "configs": {
            "1": {"steps": [one], "best": one, "apps": ("a",)},
            "2": {"steps": [two], "best": two, "apps": ("a", "b")},
        },
    }
    table = hosts_table(results)
    assert "| 1 | 50,0 views/s (8 gebruikers) |" in table and "a: 0,50" in table
    assert "a: 0,45 / b: 0,45" in table and "| 100,0 |" in table  # 900 views on 9 CPU-seconds of the app hosts
    assert "**1,80x**" in table
    assert "0,02 / 0,08 / 0,80" in table  # the proxy host, the generator, the rest of the machine
