"""Tabel maken: a table of one's own choice (indicator, sector, kind of area, areas, peildata), with the national
figures as reference rows.

The rows of a table are exactly the API's rows for the same choice (dashboard/data/query.select_indicators with
`tabel_query`), so its CSV and `/api/v1/indicators?...` give the same figures. Pure: no Streamlit.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard import cached
from dashboard.data.model.contract import GEO_LEVELS
from dashboard.data.model.members import RELIABILITY_RANK
from dashboard.data.publish.query import REGION_CODE, select_indicators
from dashboard.format import fmt_peildatum, indicator_label

NATIONAL = "land"
NATIONAL_CODE = "NL01"
# The themes of the indicator choice, in the order of the pages: (theme, pattern on the indicator id).
THEMES = (
    ("Tekort", r"tekort|vacature|verborgen|openstaand"),
    ("Opleiden en zij-instroom", r"opleiding|instroom|diploma|afgestudeerd|pabo|inschrijving|studenten"),
    ("Bevoegdheden", r"bevoegd|benoembaar|lwb"),
    ("Onderwijstijd", r"les|onderwijstijd|teaching|instruction|normjaartaak|cao_"),
    ("Behoud en werving", r"uitval|uitstroom|vertrek|blijver|deeltijd|aanstelling|lerarenbeurs|meer|contract|bonus"),
    ("Personeel en werkgelegenheid", r"fte|personeel|medewerkers|docenten|werkgelegenheid|leraren|dekking"),
    ("Werkplan en regio's", r"regio|voorloper|subsidie|investering|rap|ral|budget"),
)
OTHER_THEME = "Overig"
TABLE_COLUMNS = [
    "region_code",
    "region_name",
    "geo_level",
    "peildatum",
    "value",
    "unit",
    "categorie",
    "vak",
    "kind",
    "reliability",
    "source_id",
]


def theme(indicator: str) -> str:
    """The theme an indicator is listed under (the first whose pattern matches its id)."""
    return next((name for name, pattern in THEMES if re.search(pattern, indicator)), OTHER_THEME)


@cached.metric
def tabel_indicators(indicators: pd.DataFrame) -> tuple[tuple[str, str, str], ...]:
    """(theme, indicator, label) of every indicator with figures for a region code, by theme and then label."""
    coded = indicators[_has_code(indicators)]
    ids = sorted(coded["indicator"].unique())
    order = {name: i for i, (name, _) in enumerate(THEMES)}
    rows = sorted(((theme(i), i, indicator_label(i)) for i in ids), key=lambda r: (order.get(r[0], 99), r[2]))
    return tuple(rows)


def _has_code(rows: pd.DataFrame) -> pd.Series:
    return rows["region_code"].fillna("").str.fullmatch(REGION_CODE.pattern).astype(bool)


def _coded(indicators: pd.DataFrame, indicator: str, sector: str) -> pd.DataFrame:
    rows = indicators[(indicators["indicator"] == indicator) & (indicators["sector"] == sector)]
    return rows[_has_code(rows)]


@cached.metric
def tabel_sectors(indicators: pd.DataFrame, indicator: str) -> tuple[str, ...]:
    from dashboard.data.model.sectors import SECTORS

    present = set(indicators.loc[indicators["indicator"] == indicator, "sector"])
    return tuple(s for s in SECTORS if s in present)


@cached.metric
def tabel_levels(indicators: pd.DataFrame, indicator: str, sector: str) -> tuple[str, ...]:
    """The kinds of area with figures for this indicator and sector, in the contract's order."""
    present = set(_coded(indicators, indicator, sector)["geo_level"])
    return tuple(level for level in GEO_LEVELS if level in present)


@cached.metric
def tabel_areas(indicators: pd.DataFrame, indicator: str, sector: str, geo_level: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of the areas of this kind with figures, by name."""
    rows = _coded(indicators, indicator, sector)
    rows = rows[rows["geo_level"] == geo_level].drop_duplicates("region_code")
    return tuple(sorted(zip(rows["region_code"], rows["region_name"], strict=True), key=lambda r: r[1]))


@cached.metric
def tabel_peildata(
    indicators: pd.DataFrame, indicator: str, sector: str, geo_level: str, regions: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """The peildata with figures for the chosen areas (all areas of the kind if none are chosen), oldest first."""
    rows = _coded(indicators, indicator, sector)
    rows = rows[rows["geo_level"] == geo_level]
    if regions:
        rows = rows[rows["region_code"].isin(regions)]
    return tuple(sorted(rows["peildatum"].unique()))


def tabel_query(
    indicator: str, sector: str, geo_level: str, regions: tuple[str, ...], peildata: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """The API filters (dashboard/data/query.FILTERS) of this table's figures: the URL's choice, one to one."""
    return {
        "indicator": (indicator,),
        "sector": (sector,),
        "geo_level": (geo_level,),
        "region_code": tuple(regions),
        "peildatum": tuple(peildata),
    }


def reference_query(indicator: str, sector: str, peildata: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The API filters of the national figures at the same peildata (the reference rows)."""
    return {
        "indicator": (indicator,),
        "sector": (sector,),
        "geo_level": (NATIONAL,),
        "region_code": (NATIONAL_CODE,),
        "peildatum": tuple(peildata),
    }


def _with_rows(rows: pd.DataFrame, reference: bool) -> pd.DataFrame:
    """`rows` with `rij`: the table row a figure is in (the area, and the part of it a source splits off)."""
    out = rows[TABLE_COLUMNS].copy()
    detail = [
        " · ".join(p for p in (cat, vak, "raming" if kind == "raming" else "") if p and p != "landelijk")
        for cat, vak, kind in zip(out["categorie"], out["vak"], out["kind"], strict=True)
    ]
    names = [f"{n} (landelijk)" if reference else n for n in out["region_name"]]
    out["rij"] = [f"{n} — {d}" if d else n for n, d in zip(names, detail, strict=True)]
    out["referentie"] = reference
    return out.reset_index(drop=True)


@cached.metric
def tabel_rows(
    indicators: pd.DataFrame,
    indicator: str,
    sector: str,
    geo_level: str,
    regions: tuple[str, ...],
    peildata: tuple[str, ...],
) -> pd.DataFrame:
    """The table's figures: exactly the API's rows for the same choice (`tabel_query`), in its order."""
    rows = select_indicators(indicators, **tabel_query(indicator, sector, geo_level, regions, peildata))
    return _with_rows(rows, reference=False)


@cached.metric
def tabel_reference(indicators: pd.DataFrame, indicator: str, sector: str, peildata: tuple[str, ...]) -> pd.DataFrame:
    """The national figure for the whole sector at each peildatum (not a part of it such as one vak)."""
    rows = select_indicators(indicators, **reference_query(indicator, sector, peildata))
    rows = rows[rows["categorie"].isin(["", "landelijk"]) & (rows["vak"] == "")]
    return _with_rows(rows, reference=True)


@cached.metric
def tabel_pivot(rows: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Areas by peildatum (numbers): one row per `rij` and the national reference rows last, one column per
    peildatum (Dutch label), the most reliable figure where a cell has more than one; `referentie` marks a row."""
    both = pd.concat([rows, reference], ignore_index=True) if len(reference) else rows
    if both.empty:
        return pd.DataFrame(columns=["Gebied", "referentie"])
    ranked = both.assign(_rank=both["reliability"].map(RELIABILITY_RANK).fillna(9))
    ranked = ranked.sort_values(["rij", "peildatum", "_rank"], kind="stable").drop_duplicates(["rij", "peildatum"])
    firsts = ranked.drop_duplicates("rij").sort_values(["referentie", "region_name", "rij"], kind="stable")
    table = ranked.pivot(index="rij", columns="peildatum", values="value").reindex(firsts["rij"])
    dates = sorted(table.columns)
    names = [peildatum_column(d) for d in dates]
    if len(set(names)) < len(names):  # two peildata in one month: the dates themselves
        names = list(dates)
    table = table[dates].set_axis(names, axis=1).rename_axis(columns=None)
    table = table.reset_index().rename(columns={"rij": "Gebied"})
    return table.assign(referentie=firsts["referentie"].to_numpy())


def peildatum_column(peildatum: str) -> str:
    """A peildatum as a column heading ('okt 2023')."""
    return fmt_peildatum(peildatum)
