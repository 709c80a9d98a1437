"""The query parameters of the API: per table endpoint the parameters with the values they accept, the dataset
versions ?versie= can fetch, and checking a request's parameters against them (a Dutch QueryError otherwise).

One place for what is allowed, made once per dataset version: the endpoints validate with it and the index and
the OpenAPI document list the same values. Light to import: the data layer is imported on the first call.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.api.rows import onderwijsregio_rows
from dashboard.api.spec import PREFIX, VERSION_PARAM, Param

if TYPE_CHECKING:
    from dashboard.data.publish.published import Snapshot

_parameters: dict[str, dict[str, tuple[Param, ...]]] = {}  # per dataset version (a content hash): 2 at most
_kept: dict[str, dict[str, Path]] = {}  # per current dataset version


def parameters(snap: Snapshot) -> dict[str, tuple[Param, ...]]:
    """Per table endpoint its parameters with the values it accepts: the contract's closed lists, the data's open
    ones (the same functions the validation uses). Made once per dataset version."""
    found = _parameters.get(snap.version)
    if found is None:  # a local first: another thread may clear the dict meanwhile
        found = _make_parameters(snap)
        if len(_parameters) >= 2:
            _parameters.clear()
        _parameters[snap.version] = found
    return found


def _make_parameters(snap: Snapshot) -> dict[str, tuple[Param, ...]]:
    from dashboard.data.model.contract import COLUMN_DOCS
    from dashboard.data.publish.query import FILTERS, FORMATS, PEILDATUM_HELP, REGION_CODE_HELP, allowed_values

    def fmt(default: str = "csv") -> Param:
        return Param(
            "format",
            f"formaat van het antwoord: csv, json of parquet (standaard {default})",
            FORMATS,
            repeatable=False,
            default=default,
            example="json",
        )

    regions = snap.tables["regions"]
    allowed = allowed_values(snap.tables["indicators"], regions)
    forms = {"region_code": REGION_CODE_HELP, "peildatum": PEILDATUM_HELP}
    examples = {
        "indicator": "tekort_pct",
        "sector": "po",
        "geo_level": "arbeidsmarktregio",
        "region_code": "AM09",
        "peildatum": "2023-10-01",
        "kind": "meting",
        "categorie": "po totaal",
    }
    filters = tuple(
        Param(
            name,
            COLUMN_DOCS[name],
            tuple(allowed[name]),
            form=forms.get(name),
            example=examples.get(name) if examples.get(name) in allowed[name] else None,
        )
        for name in FILTERS
    )
    definition = onderwijsregio_rows(snap)
    versie = version_param(snap)
    return {
        name: (*spec, versie)
        for name, spec in {
            "indicators": (*filters, fmt()),
            "sources": (
                Param("source_id", COLUMN_DOCS["source_id"], tuple(sorted(snap.tables["sources"]["source_id"]))),
                fmt(),
            ),
            "regions": (
                Param("geo_level", COLUMN_DOCS["geo_level"], tuple(sorted(regions["geo_level"].unique()))),
                Param(
                    "region_code",
                    COLUMN_DOCS["region_code"],
                    tuple(sorted(regions["region_code"])),
                    form=REGION_CODE_HELP,
                ),
                fmt(),
            ),
            "onderwijsregios": (
                Param("sector", COLUMN_DOCS["sector"], tuple(sorted(definition["sector"].unique()))),
                Param(
                    "onderwijsregio",
                    COLUMN_DOCS["onderwijsregio"] + " of haar code (OR-..., zoals in de links van de pagina's)",
                    tuple(sorted(set(definition["onderwijsregio"]) | set(definition["onderwijsregio_code"]) - {""})),
                ),
                fmt("json"),
            ),
        }.items()
    }


def kept_versions(current: Snapshot) -> dict[str, Path]:
    """Version -> folder of own tables, for every state ?versie= can fetch (made once per current version)."""
    from dashboard.data.publish import published
    from dashboard.data.store import load

    found = _kept.get(current.version)
    if found is None:
        found = published.kept_versions(published.DATA_DIR, load.EIGEN_DIR)
        _kept.clear()
        _kept[current.version] = found
    return found


def version_param(current: Snapshot) -> Param:
    return Param(
        VERSION_PARAM,
        "datasetversie om op te halen, voor reproduceerbaarheid: de huidige, of die van een "
        "bewaarde generatie eigen data op deze server (X-Dataset-Version van een eerder antwoord, of versie "
        f"in {PREFIX}/releases); zonder: de huidige",
        tuple(sorted(kept_versions(current))),
        repeatable=False,
        form="16 hexadecimale tekens",
    )


def at_version(values: list[str], current: Snapshot) -> Snapshot:
    """The snapshot of the asked version (the current one, or a kept generation's), or QueryError."""
    from dashboard.data.publish import published
    from dashboard.data.publish.query import QueryError

    kept = kept_versions(current)
    if len(values) != 1:
        raise QueryError(VERSION_PARAM, f"Geef '{VERSION_PARAM}' hooguit één keer.", sorted(kept))
    wanted = values[0].strip()
    if wanted == current.version:
        return current
    if wanted not in kept:
        raise QueryError(
            VERSION_PARAM, f"Versie '{wanted[:100]}' is niet (meer) beschikbaar op deze server.", sorted(kept)
        )
    return published.read_folder(published.DATA_DIR, kept[wanted])


def validated(params: dict[str, list[str]], spec: tuple[Param, ...]) -> tuple[dict[str, tuple[str, ...]], str]:
    """(chosen values per filter, format), or QueryError for the first parameter that is not as `spec` says."""
    from dashboard.data.publish.query import check_format, check_params, check_values

    check_params(params, [p.name for p in spec if p.name != VERSION_PARAM])  # `handle` took versie out
    filters = {
        p.name: check_values(p.name, [v.strip() for v in params.get(p.name, [])], list(p.allowed))
        for p in spec
        if p.name not in ("format", VERSION_PARAM)
    }
    fmt = next(p for p in spec if p.name == "format")
    return filters, check_format(params, default=fmt.default or "csv")


def no_params(params: dict[str, list[str]]) -> None:
    """QueryError for the first parameter of a page that takes none (the index and the documents)."""
    from dashboard.data.publish.query import QueryError

    if params:
        raise QueryError(next(iter(params)), "Deze pagina heeft geen parameters.", [])
