"""`python -m dashboard controle`: is what is on disk whole? The built dataset (data/*.parquet against
data/manifest.json), the boundaries in data/geo, the pointer data/eigen/HUIDIG and the generation it names.

Every missing, truncated, unreadable or changed file is named with its cause. The built dataset and the
boundaries are what the server cannot do without (`servable`); broken own data is passed by (the pages read the
newest older generation that can be read, dashboard.data.store.generations.reading) but still makes the check fail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dashboard.data.model.paths import DATA_DIR, EIGEN_DIR, GEO_DIR, GEO_LEVELS, geo_file, geo_year
from dashboard.data.store.generations import resolve
from dashboard.data.store.integrity import MANIFEST, Problem, folder_problems, read_manifest, table_files
from dashboard.data.store.load import TABLES


@dataclass(frozen=True)
class Report:
    built: tuple[Problem, ...]
    geo: tuple[Problem, ...]
    own: tuple[Problem, ...]
    serving: str  # which own data the pages read
    notes: tuple[str, ...] = ()
    root: Path = DATA_DIR  # answers over HTTP name files below this folder only

    @property
    def servable(self) -> bool:
        """The server can show its pages: the built dataset and the boundaries are whole."""
        return not self.built and not self.geo

    @property
    def ok(self) -> bool:
        return self.servable and not self.own

    def problems(self) -> list[Problem]:
        return [*self.built, *self.geo, *self.own]

    def lines(self) -> list[str]:
        parts = (("Gebouwde dataset", self.built), ("Kaartgrenzen", self.geo), ("Eigen data", self.own))
        out = []
        for title, problems in parts:
            count = f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}"
            out.append(f"{title}: {count if problems else 'in orde'}")
            out += [f"  - {p.text()}" for p in problems]
        out.append(f"Het dashboard toont als eigen data: {self.serving}.")
        out += [f"Let op: {note}" for note in self.notes]
        return out

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "serveerbaar": self.servable,
            "eigen_data": self.serving,
            "problemen": [p.short(self.root) for p in self.problems()],
        }


def check_built(data_dir: Path = DATA_DIR) -> tuple[list[Problem], list[str]]:
    """data/*.parquet: every table present and readable, and as data/manifest.json describes it."""
    problems = folder_problems(data_dir, required=[f"{name}.parquet" for name in TABLES])
    notes = (
        []
        if read_manifest(data_dir) is not None
        else [
            f"{data_dir / MANIFEST} ontbreekt: de gebouwde dataset is alleen op leesbaarheid gecontroleerd "
            "(python -m dashboard build schrijft het)."
        ]
    )
    return problems, notes


def geo_problems(geo_dir: Path = GEO_DIR) -> list[Problem]:
    """The boundaries the app draws (the newest complete year): each a GeoJSON FeatureCollection with areas."""
    try:
        year = geo_year(geo_dir)
    except FileNotFoundError:
        return [
            Problem(
                geo_dir, "geen complete set kaartgrenzen (gemeente, provincie en arbeidsmarktregio van hetzelfde jaar)"
            )
        ]
    problems = []
    for level in GEO_LEVELS:
        path = geo_file(level, geo_dir, year)
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
            if not features or not all(f["properties"]["statcode"] for f in features):
                problems.append(Problem(path, "bevat geen gebieden met een statcode"))
        except FileNotFoundError:
            problems.append(Problem(path, "ontbreekt"))
        except (OSError, ValueError, KeyError, TypeError) as err:
            problems.append(Problem(path, f"onleesbaar: geen geldige GeoJSON ({type(err).__name__})"))
    return problems


def check_own(eigen_dir: Path = EIGEN_DIR) -> tuple[list[Problem], str, list[str]]:
    """HUIDIG and the generation it names; which own data the pages read."""
    found = resolve(eigen_dir)
    if found.serving is not None:
        serving = found.serving.label()
    elif found.folder is None:
        serving = "geen generaties" + (" (oude indeling in " + str(eigen_dir) + ")" if table_files(eigen_dir) else "")
    else:
        serving = "niets: de gepubliceerde data zonder imports"
    notes = []
    if found.serving is not None and read_manifest(found.serving.path) is None:
        notes.append(
            f"{found.serving.label()} heeft geen manifest (gemaakt vóór deze versie): alleen op "
            "leesbaarheid gecontroleerd."
        )
    return list(found.problems), serving, notes


def check(data_dir: Path = DATA_DIR, geo_dir: Path = GEO_DIR, eigen_dir: Path = EIGEN_DIR) -> Report:
    built, notes = check_built(data_dir)
    own, serving, own_notes = check_own(eigen_dir)
    return Report(tuple(built), tuple(geo_problems(geo_dir)), tuple(own), serving, (*notes, *own_notes), data_dir)
