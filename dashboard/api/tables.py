"""The table endpoints (/api/v1/indicators, sources, regions, onderwijsregios): each checks its parameters, filters
its rows and gives (frame, format, JSON body); `VIEWS` maps the endpoint's name to it.

Pure apart from the snapshot, and without HTTP: dashboard.api.routes wraps the result in an answer (CSV, JSON or
Parquet), the unit tests call a view directly. Light to import: the data layer is imported on the first call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dashboard.api.params import parameters, validated
from dashboard.api.rows import filtered, onderwijsregio_rows, records, sources, with_words

if TYPE_CHECKING:
    import pandas as pd

    from dashboard.data.publish.published import Snapshot


# Each endpoint: (snapshot, params) -> (frame or None, format, JSON body). Pure apart from the snapshot.
def indicators_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    from dashboard.data.model.contract import public_dates, variants
    from dashboard.data.publish.query import Query, query_rows

    chosen, fmt = validated(params, parameters(snap)["indicators"])
    query = Query(**chosen, format=fmt)
    everything = snap.tables["indicators"]
    rows = query_rows(everything, query)
    rows = with_words(public_dates(rows.assign(varianten=variants(rows, everything))))
    register = sources(snap)
    used = register[register["source_id"].isin(rows["source_id"].unique())]
    body = {"query": query.filters(), "aantal": len(rows), "rijen": records(rows), "bronnen": records(used)}
    return rows, query.format, body


def sources_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = validated(params, parameters(snap)["sources"])
    rows = filtered(sources(snap), chosen)
    return rows, fmt, {"aantal": len(rows), "bronnen": records(rows)}


def regions_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = validated(params, parameters(snap)["regions"])
    rows = filtered(snap.tables["regions"], chosen)
    return rows, fmt, {"aantal": len(rows), "regios": records(rows)}


def onderwijsregios_view(snap: Snapshot, params: dict[str, list[str]]) -> tuple[pd.DataFrame, str, dict[str, object]]:
    chosen, fmt = validated(params, parameters(snap)["onderwijsregios"])
    rows = with_words(onderwijsregio_rows(snap))
    names = dict(zip(rows["onderwijsregio_code"], rows["onderwijsregio"]))  # an OR- code asks for its region's name
    chosen["onderwijsregio"] = tuple(dict.fromkeys(names.get(v, v) for v in chosen.get("onderwijsregio", ())))
    rows = filtered(rows, chosen)
    regios = []
    for name, group in rows.groupby("onderwijsregio", sort=True):
        first = group.iloc[0]
        regios.append(
            {
                "onderwijsregio": name,
                "onderwijsregio_code": first["onderwijsregio_code"] or None,
                "status": first["status"] or None,
                "voorloper": first["voorloper"] == "ja",
                "bron_ids": [s for s in first["source_ids"].split(";") if s],
                "gemeenten": {
                    sector: records(part[["gemeentecode", "gemeentenaam", "reliability", "betrouwbaarheid"]])
                    for sector, part in group.groupby("sector", sort=True)
                },
            }
        )
    indeling = "eigen indeling (geïmporteerd)" if snap.own_definition else "meegeleverde benadering (regioloketten)"
    count = onderwijsregio_count(snap)
    body = {
        "indeling": indeling,
        "aantal": len(regios),
        "aantal_onderwijsregios": count.total,
        "telling": count.why,
        "onderwijsregios": regios,
    }
    return rows, fmt, body


def onderwijsregio_count(snap: Snapshot):
    """The one count of onderwijsregio's (dashboard.data.model.indeling.count), as the pages show it."""
    from dashboard.data.model import indeling

    facts = snap.tables["indicators"]
    ocw = facts[(facts["indicator"] == "onderwijsregios") & (facts["categorie"] == "onderwijsregio's")]
    ocw = ocw.sort_values("year")
    official = (int(ocw["value"].iloc[-1]), int(ocw["year"].iloc[-1])) if len(ocw) else None
    return indeling.count(snap.tables["onderwijsregios"], snap.tables["onderwijsregio_gemeenten"], official)


VIEWS: dict[str, Callable[[Any, dict[str, list[str]]], tuple[Any, str, dict[str, object]]]] = {
    "indicators": indicators_view,
    "sources": sources_view,
    "regions": regions_view,
    "onderwijsregios": onderwijsregios_view,
}
