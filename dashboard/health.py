"""What the server knows about the data on disk (dashboard.data.store.controle), for the log at start, GET /warmup and
every page. Checked again only when a file changed (a few stat calls per page run).

- The built dataset or the boundaries broken: the replica is not ready (/warmup answers 503 with "ready": false,
  so a balancer passes it by) and every page shows a Dutch error instead of running (never an exception or a
  server path).
- The own data in use broken: the pages read the newest older generation that can be read, or the published
  data without imports (dashboard.data.store.generations.reading), and say so calmly at the top of every page.
The operator finds file and cause in the server log and with `python -m dashboard controle`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from dashboard.data.model.paths import DATA_DIR, GEO_DIR
from dashboard.data.store import controle, generations, load

log = logging.getLogger(__name__)

BROKEN_PAGE = (
    "De gegevens van dit dashboard kunnen op dit moment niet worden gelezen. De beheerder kan dit herstellen; "
    "probeer het later opnieuw."
)

_report: list = [None, None]  # [key, Report]


def _key(data_dir: Path, geo_dir: Path, eigen_dir: Path) -> tuple:
    named = generations.current_dir(eigen_dir)
    return (
        str(data_dir),
        str(eigen_dir),
        generations.signature(data_dir),
        generations.signature(geo_dir),
        generations.signature(eigen_dir / generations.POINTER),
        generations.signature(named) if named else (),
    )


def report() -> controle.Report:
    """The controle of this server's data, again only when a file changed. A new problem is logged."""
    eigen_dir = load.EIGEN_DIR
    key = _key(DATA_DIR, GEO_DIR, eigen_dir)
    if _report[0] != key:
        found = controle.check(DATA_DIR, GEO_DIR, eigen_dir)
        if not found.ok:
            log.error("Controle van de data: niet in orde.\n%s", "\n".join(found.lines()))
        _report[:] = [key, found]
    return _report[1]


def servable() -> bool:
    return report().servable


def own_data_notice() -> str | None:
    """The calm notice every page shows when the own data in use cannot be read (None when it can)."""
    found = generations.reading(load.EIGEN_DIR)
    if not found.problems:
        return None
    instead = found.serving.label() if found.serving else "de gepubliceerde data, zonder imports"
    return f"Geïmporteerde data kon niet worden gelezen; u ziet de stand van {instead}."


def log_at_start() -> None:
    """At server start: one line when all is well, every problem (file and cause) when not."""
    found = report()
    if found.ok:
        log.info("Controle van de data: in orde (eigen data: %s).", found.serving)


def with_controle(warmup_json: dict) -> tuple[dict, int]:
    """GET /warmup: the warm-up's JSON (its keys unchanged) plus "ready" (warmed up and the built dataset and
    boundaries whole) and "controle"; HTTP 503 until ready (warming up, or data that cannot be served), so a
    balancer passes the replica by."""
    found = report()
    body = {**warmup_json, "ready": bool(warmup_json.get("done")) and found.servable, "controle": found.as_json()}
    return body, 200 if body["ready"] else 503
