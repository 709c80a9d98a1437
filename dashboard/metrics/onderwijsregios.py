"""Onderwijsregio's: the derived shortage per onderwijsregio from its gemeenten, the profile with spread and uncertain
members, overlaps, the facts about all onderwijsregio's.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd

from dashboard import cached
from dashboard.metrics.frames import _best_per

ONDERWIJSREGIO_FACTS = (
    "aanvragen_voorloper",
    "voorlopers",
    "onderwijsregios",
    "dekkingsgraad_po",
    "dekkingsgraad_vo",
    "dekkingsgraad_mbo",
)


@cached.metric
def onderwijsregio_counts(indicators: pd.DataFrame) -> pd.DataFrame:
    """Headline counts and coverage of the onderwijsregio's (voorlopers, 2025 network, dekkingsgraad)."""
    rows = indicators[
        indicators["indicator"].isin(ONDERWIJSREGIO_FACTS) & (indicators["categorie"] == "onderwijsregio's")
    ]
    return (
        rows[["indicator", "sector", "year", "value", "unit", "reliability", "source_id", "note"]]
        .sort_values(["indicator", "year"])
        .reset_index(drop=True)
    )


@cached.metric
def onderwijsregio_overview(onderwijsregios: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """One row per onderwijsregio label with how well its gemeenten are known (members = expand_members(...))."""
    known = members.groupby("onderwijsregio_code").agg(gemeenten=("gemeente_code", "nunique")).reset_index()
    solid = members[members["reliability"].isin(["solid", "secondary"])]
    solid = solid.groupby("onderwijsregio_code").agg(gemeenten_zeker=("gemeente_code", "nunique")).reset_index()
    out = onderwijsregios.merge(known, on="onderwijsregio_code", how="left").merge(
        solid, on="onderwijsregio_code", how="left"
    )
    out[["gemeenten", "gemeenten_zeker"]] = out[["gemeenten", "gemeenten_zeker"]].fillna(0).astype(int)
    status_order = {"voorloper": 0, "in oprichting": 1}
    out = out.assign(_o=out["status"].map(status_order).fillna(2)).sort_values(["_o", "onderwijsregio"])
    return out.drop(columns="_o").reset_index(drop=True)


@cached.metric
def onderwijsregio_gemeenten(code: str, members: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The gemeenten of one onderwijsregio, most reliable membership per gemeente (members = expand_members(...))."""
    rows = members[members["onderwijsregio_code"] == code]
    names = regions[regions["geo_level"] == "gemeente"][["region_code", "region_name"]]
    rows = rows.merge(names, left_on="gemeente_code", right_on="region_code")
    rows = _best_per(rows.rename(columns={"region_name": "gemeente"}), ["gemeente_code"])
    return rows[["gemeente_code", "gemeente", "reliability", "note"]].sort_values("gemeente").reset_index(drop=True)


def gemeente_shortage(regional: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every gemeente with the shortage figure that applies to it: its own (G5) or its arbeidsmarktregio's."""
    gemeenten = regions[regions["geo_level"] == "gemeente"][["region_code", "arbeidsmarktregio_code"]]
    by_code = regional.set_index("region_code")["value"]
    own = gemeenten["region_code"].map(by_code)
    via_am = gemeenten["arbeidsmarktregio_code"].map(by_code)
    return (
        pd.DataFrame({"gemeente_code": gemeenten["region_code"], "value": own.fillna(via_am)})
        .dropna()
        .reset_index(drop=True)
    )


@cached.metric
def werkgelegenheid_gemeente(indicators: pd.DataFrame, sector: str, year: int) -> pd.DataFrame:
    """Werkgelegenheid (fte) per gemeente for the loaded year closest to `year` (DUO import; empty if none)."""
    rows = indicators[
        (indicators["indicator"] == "werkgelegenheid_fte")
        & (indicators["sector"] == sector)
        & (indicators["geo_level"] == "gemeente")
    ]
    if rows.empty:
        return pd.DataFrame(columns=["gemeente_code", "fte", "year", "source_id"])
    years = rows["year"].dropna().astype(int).unique()
    closest = min(years, key=lambda y: (abs(y - year), -y))
    picked = rows[rows["year"] == closest].groupby(["region_code", "source_id"], as_index=False)["value"].sum()
    return picked.rename(columns={"region_code": "gemeente_code", "value": "fte"}).assign(year=int(closest))[
        ["gemeente_code", "fte", "year", "source_id"]
    ]


ONDERWIJSREGIO_COLUMNS = [
    "onderwijsregio",
    "value",
    "laagste",
    "hoogste",
    "tekort_fte",
    "werkgelegenheid_fte",
    "gemeenten",
    "gemeenten_met_cijfer",
    "weging",
    "peildatum",
    "reliability",
    "source_id",
]


def gemeente_figures(
    members: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame, werk: pd.DataFrame
) -> pd.DataFrame:
    """`members` (a column gemeentecode, other columns kept) with the figure that applies to each gemeente.

    Added: gemeente (name), arbeidsmarktregio_code, value (own G5 measurement, else its arbeidsmarktregio's),
    herkomst ('eigen meting', 'arbeidsmarktregio' or 'geen cijfer'), cijfer_van (the measured region's name)
    and fte (werkgelegenheid, NaN when not loaded).
    """
    gemeenten = regions[regions["geo_level"] == "gemeente"].set_index("region_code")
    names = regions.drop_duplicates("region_code").set_index("region_code")["region_name"]
    by_code = regional.set_index("region_code")["value"] if len(regional) else pd.Series(dtype=float)
    codes = members["gemeentecode"]
    am = codes.map(gemeenten["arbeidsmarktregio_code"])
    own, via_am = codes.map(by_code), am.map(by_code)
    herkomst = pd.Series("geen cijfer", index=members.index)
    herkomst = herkomst.mask(via_am.notna(), "arbeidsmarktregio").mask(own.notna(), "eigen meting")
    fte_by_code = werk.drop_duplicates("gemeente_code").set_index("gemeente_code")["fte"]  # one source per gemeente
    fte = codes.map(fte_by_code) if len(werk) else pd.Series(float("nan"), index=codes.index)
    return members.assign(
        gemeente=codes.map(gemeenten["region_name"]),
        arbeidsmarktregio_code=am,
        value=own.fillna(via_am).astype(float),
        herkomst=herkomst,
        cijfer_van=codes.where(own.notna(), am).map(names).where(own.notna() | via_am.notna()),
        fte=fte.astype(float),
    )


def derived_shortage(figures: pd.DataFrame, werk: pd.DataFrame) -> dict[str, object]:
    """The shortage of a set of gemeenten (rows of `gemeente_figures`): weighted by werkgelegenheid when that is
    loaded for every gemeente with a figure (then also in fte), else every gemeente counts equally."""
    known = figures.dropna(subset=["value"])
    out: dict[str, object] = {
        "value": None,
        "tekort_fte": None,
        "werkgelegenheid_fte": None,
        "gemeenten": len(figures),
        "gemeenten_met_cijfer": len(known),
        "weging": "ongewogen",
    }
    if known.empty:
        return out
    weighted = len(werk) > 0 and known["fte"].notna().all() and known["fte"].sum() > 0
    if weighted:
        total = float(known["fte"].sum())
        shortage_fte = float((known["value"] * known["fte"]).sum() / 100)
        out |= {
            "value": shortage_fte * 100 / total,
            "tekort_fte": shortage_fte,
            "werkgelegenheid_fte": total,
            "weging": f"werkgelegenheid {int(werk['year'].iloc[0])}",
        }
    else:
        out["value"] = float(known["value"].mean())
    return out


@cached.metric
def onderwijsregio_shortage(
    definition: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame, werk: pd.DataFrame, sector: str
) -> pd.DataFrame:
    """Shortage per onderwijsregio from the figures of its gemeenten (G5 own figure, else arbeidsmarktregio).

    Weighted by werkgelegenheid (fte per gemeente, `werkgelegenheid_gemeente`) where that is loaded for every
    gemeente of the region, which also gives the shortage in fte; otherwise every gemeente counts equally and
    `weging` says so. Derived figures: reliability 'derived', source = the regional measurement.
    """
    if regional.empty:
        return pd.DataFrame(columns=ONDERWIJSREGIO_COLUMNS)
    members = definition[definition["sector"] == sector][["onderwijsregio", "gemeentecode"]]
    figures = gemeente_figures(members, regional, regions, werk)
    rows = [
        {
            "onderwijsregio": name,
            "laagste": group["value"].min(),
            "hoogste": group["value"].max(),
            **derived_shortage(group, werk),
        }
        for name, group in figures.groupby("onderwijsregio", sort=False)
        if group["value"].notna().any()
    ]
    out = pd.DataFrame(rows, columns=ONDERWIJSREGIO_COLUMNS[:9])
    first = regional.iloc[0]
    out = out.assign(peildatum=first["peildatum"], reliability="derived", source_id=first["source_id"])
    return out.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


# Which members an onderwijsregio's derived figure counts (URL leden=); the first is the default.
MEMBER_CHOICES = {
    "alle": "Alle gemeenten",
    "zonder-onzeker": "Zonder gemeenten met een onzeker lidmaatschap",
    "zonder-los": "Zonder gemeenten die los van de rest liggen",
}


APART = "ligt los van de rest"


@cached.metric
def counted_members(
    codes: tuple[str, ...], reliability: Mapping[str, str], apart: tuple[str, ...], choice: str
) -> tuple[str, ...]:
    """The members the derived figure counts: all, all but those whose membership is 'uncertain' (onzeker), or all
    but those lying apart from the rest of the region (geo.apart)."""
    if choice == "zonder-onzeker":
        return tuple(c for c in codes if reliability.get(c) != "uncertain")
    if choice == "zonder-los":
        return tuple(c for c in codes if c not in set(apart))
    return tuple(codes)


class GemeentenProfile(NamedTuple):
    """Summary figures, the per-gemeente rows and the arbeidsmarktregio's spanned (see `gemeenten_profile`)."""

    summary: dict[str, object]
    gemeenten: pd.DataFrame
    arbeidsmarktregios: pd.DataFrame


UNSURE_MEMBERSHIP = ("secondary", "uncertain")


PROFILE_GEMEENTE_COLUMNS = [
    "gemeentecode",
    "gemeente",
    "value",
    "herkomst",
    "cijfer_van",
    "arbeidsmarktregio_code",
    "fte",
    "lidmaatschap",
]


def _spread_end(known: pd.DataFrame, lowest: bool) -> tuple[float | None, str]:
    """The lowest (highest) figure and the measured region(s) it comes from."""
    if known.empty:
        return None, ""
    value = float(known["value"].min() if lowest else known["value"].max())
    where = sorted(set(known.loc[known["value"] == value, "cijfer_van"].dropna()))
    return value, ", ".join(where)


@cached.metric
def gemeenten_profile(
    gemeentecodes: Iterable[str],
    regional: pd.DataFrame,
    regions: pd.DataFrame,
    werk: pd.DataFrame,
    sector: str,
    national: float | None,
    reliability: Mapping[str, str] | None = None,
) -> GemeentenProfile:
    """Profile of an onderwijsregio or any set of gemeenten ('eigen regio') against the national figure.

    summary: sector, value (derived shortage, %), tekort_fte, werkgelegenheid_fte, weging, gemeenten,
    gemeenten_met_cijfer, gemeenten_zonder_cijfer, gemeenten_onzeker (membership secondary or uncertain, from
    `reliability` per gemeentecode), laagste/hoogste with laagste_bij/hoogste_bij (where measured),
    arbeidsmarktregios, landelijk, verschil (procentpunt), peildatum, reliability ('derived'), source_id.
    gemeenten: one row per gemeente (see `gemeente_figures`, plus lidmaatschap). arbeidsmarktregios: the measured
    figure of each arbeidsmarktregio spanned, with how many of the gemeenten lie in it.
    """
    codes = list(dict.fromkeys(gemeentecodes))
    members = pd.DataFrame({"gemeentecode": codes})
    membership = dict(reliability or {})
    members["lidmaatschap"] = [membership.get(c, "") for c in codes]
    figures = gemeente_figures(members, regional, regions, werk)
    figures = figures.sort_values(["gemeente", "gemeentecode"], na_position="last").reset_index(drop=True)
    figures = figures[PROFILE_GEMEENTE_COLUMNS]
    known = figures.dropna(subset=["value"])
    low, low_at = _spread_end(known, lowest=True)
    high, high_at = _spread_end(known, lowest=False)
    per_am = _arbeidsmarktregios(figures, regional, regions)
    summary = derived_shortage(figures, werk)
    first = regional.iloc[0] if len(regional) else None
    summary |= {
        "sector": sector,
        "gemeenten_zonder_cijfer": len(figures) - len(known),
        "gemeenten_onzeker": int(figures["lidmaatschap"].isin(UNSURE_MEMBERSHIP).sum()),
        "laagste": low,
        "laagste_bij": low_at,
        "hoogste": high,
        "hoogste_bij": high_at,
        "arbeidsmarktregios": len(per_am),
        "landelijk": national,
        "verschil": None if national is None or summary["value"] is None else summary["value"] - national,
        "peildatum": "" if first is None else first["peildatum"],
        "reliability": "derived",
        "source_id": "" if first is None else first["source_id"],
    }
    return GemeentenProfile(summary, figures, per_am)


def _arbeidsmarktregios(figures: pd.DataFrame, regional: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Arbeidsmarktregio's of the gemeenten with their measured figure (excl. G5) and gemeenten counts."""
    columns = ["arbeidsmarktregio_code", "arbeidsmarktregio", "value", "gemeenten", "gemeenten_eigen_meting"]
    rows = figures.dropna(subset=["arbeidsmarktregio_code"])
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby("arbeidsmarktregio_code").agg(
        gemeenten=("gemeentecode", "size"),
        gemeenten_eigen_meting=("herkomst", lambda h: int((h == "eigen meting").sum())),
    )
    out = grouped.reset_index()
    names = regions[regions["geo_level"] == "arbeidsmarktregio"].set_index("region_code")["region_name"]
    out["arbeidsmarktregio"] = out["arbeidsmarktregio_code"].map(names).fillna(out["arbeidsmarktregio_code"])
    by_code = regional.set_index("region_code")["value"] if len(regional) else pd.Series(dtype=float)
    out["value"] = out["arbeidsmarktregio_code"].map(by_code).astype(float)
    out = out.sort_values(["gemeenten", "arbeidsmarktregio_code"], ascending=[False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def onderwijsregio_profile(
    definition: pd.DataFrame,
    onderwijsregio: str,
    sector: str,
    regional: pd.DataFrame,
    regions: pd.DataFrame,
    werk: pd.DataFrame,
    national: float | None,
) -> GemeentenProfile:
    """`gemeenten_profile` of one onderwijsregio of the definition, its memberships' reliability included."""
    rows = definition[(definition["onderwijsregio"] == onderwijsregio) & (definition["sector"] == sector)]
    reliability = dict(zip(rows["gemeentecode"], rows["reliability"]))
    return gemeenten_profile(rows["gemeentecode"], regional, regions, werk, sector, national, reliability)


@cached.metric
def onderwijsregio_overlaps(definition: pd.DataFrame, sector: str, regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gemeenten that lie in more than one onderwijsregio of one sector: gemeentecode, gemeente (name, when
    `regions` is given), onderwijsregios ('; '-joined, sorted) and aantal; most regions first."""
    rows = definition[definition["sector"] == sector].drop_duplicates(["onderwijsregio", "gemeentecode"])
    grouped = rows.groupby("gemeentecode")["onderwijsregio"].agg(lambda s: "; ".join(sorted(s))).reset_index()
    grouped["aantal"] = grouped["onderwijsregio"].str.count("; ") + 1
    out = grouped[grouped["aantal"] > 1].rename(columns={"onderwijsregio": "onderwijsregios"})
    names = {} if regions is None else dict(zip(regions["region_code"], regions["region_name"]))
    out = out.assign(gemeente=[names.get(c, "") for c in out["gemeentecode"]])
    out = out.sort_values(["aantal", "gemeente", "gemeentecode"], ascending=[False, True, True], kind="stable")
    return out[["gemeentecode", "gemeente", "onderwijsregios", "aantal"]].reset_index(drop=True)


@cached.metric
def overlap_summary(definition: pd.DataFrame) -> pd.DataFrame:
    """Per sector: gemeenten in the definition, how many of them lie in more than one onderwijsregio, and the
    largest number of regions one gemeente is in."""
    rows = []
    for sector in sorted(definition["sector"].unique()):
        overlaps = onderwijsregio_overlaps(definition, sector)
        in_sector = definition.loc[definition["sector"] == sector, "gemeentecode"].nunique()
        rows.append(
            {
                "sector": sector,
                "gemeenten": in_sector,
                "gemeenten_in_meer_regios": len(overlaps),
                "meeste_regios": int(overlaps["aantal"].max()) if len(overlaps) else 1 if in_sector else 0,
            }
        )
    return pd.DataFrame(rows, columns=["sector", "gemeenten", "gemeenten_in_meer_regios", "meeste_regios"])


def onderwijsregio_slug(name: str) -> str:
    """The URL code of an onderwijsregio that has none in the register (an imported or own definition)."""
    import re

    return "OR-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@cached.metric
def onderwijsregio_table(shortage: pd.DataFrame, register: pd.DataFrame) -> pd.DataFrame:
    """`onderwijsregio_shortage` with each region's URL code (from the register by name, else a slug) and status."""
    by_name = dict(zip(register["onderwijsregio"], register["onderwijsregio_code"]))
    codes = shortage["onderwijsregio"].map(lambda n: by_name.get(n) or onderwijsregio_slug(n))
    status = dict(zip(register["onderwijsregio_code"], register["status"]))
    return shortage.assign(onderwijsregio_code=codes, status=codes.map(status).fillna("eigen indeling"))


@cached.metric
def vergelijking_onderwijsregios(table: pd.DataFrame, chosen: list[str], national: float | None) -> pd.DataFrame:
    """The chosen onderwijsregio's (2 or more, in the order chosen) with the national figure and the difference."""
    known = [c for c in chosen if c in set(table["onderwijsregio_code"])]
    frame = table.set_index("onderwijsregio_code").reindex(known).reset_index() if len(known) >= 2 else table.iloc[:0]
    return frame.assign(landelijk=national, verschil=frame["value"] - national if national is not None else None)


@cached.metric
def gemeente_names(regions: pd.DataFrame) -> dict[str, str]:
    """gemeentecode -> name, alphabetically by name (the list an own region is chosen from)."""
    rows = regions[regions["geo_level"] == "gemeente"].sort_values("region_name")
    return dict(zip(rows["region_code"], rows["region_name"]))


@cached.metric
def latest_counts(counts: pd.DataFrame) -> dict[str, tuple[float, int]]:
    """indicator -> (value, year) of the latest figure of each count about the onderwijsregio's."""
    latest = counts.sort_values("year").groupby("indicator").tail(1)
    return {r.indicator: (float(r.value), int(r.year)) for r in latest.itertuples()}


@cached.metric
def dekking_onderwijsregios(counts: pd.DataFrame) -> pd.DataFrame:
    """The coverage figures (dekkingsgraad per sector and year) ready for a grouped bar."""
    rows = counts[counts["indicator"].str.startswith("dekkingsgraad")]
    return rows.assign(jaar=rows["year"].astype(str), sector_label=rows["indicator"].str.replace("dekkingsgraad_", ""))
