"""What a release changed, in words a reader understands: per indicator, per source register, per indeling.

`notes(before, after)` compares two sets of published tables (name -> frame) by what a row means, not by its bytes:
a row that only moved, or whose text only changed in spacing or notation, is not news. It says, e.g.:
- "Nieuwe meting okt 2025: tekort (% werkgelegenheid) vo per arbeidsmarktregio (40 gebieden); landelijk 5,8% -> 6,1%"
- "Gecorrigeerd: tekort (% werkgelegenheid) po per gemeente, okt 2023: Amsterdam 18,7% -> 18,9%"
- "3 bronnen toegevoegd (bij tekort (fte) po)", "licentie vastgelegd bij 12 bronnen"
- "indeling onderwijsregio's: 2 regio's samengevoegd (A en B in C)"
Pure: frames in, Dutch sentences out (dashboard/data/publish/releases.py keeps them with each release).
"""

from __future__ import annotations

import pandas as pd

from dashboard.data.model.contract import FIGURE_KEY
from dashboard.format import fmt_peildatum, fmt_value, indicator_label

SERIES = ["indicator", "sector", "geo_level"]
NATIONAL = "NL01"
MAX_NAMED = 3  # areas or regions named in one sentence; more are counted
LEVEL_WORDS = {"land": "landelijk", "internationaal": "internationaal"}
SOURCE_FIELDS = {"title": "titel", "publisher": "uitgever", "year": "jaar", "url": "link", "licence": "licentie"}
FIGURE_FIELDS = {"unit": "eenheid", "reliability": "betrouwbaarheid", "kind": "soort", "note": "toelichting"}


def _clean(value: object) -> str:
    """A cell as its meaning: numbers as numbers, text without spacing differences ('' for missing)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _series_name(indicator: str, sector: str, geo_level: str) -> str:
    where = LEVEL_WORDS.get(geo_level, f"per {geo_level}")
    return f"{indicator_label(indicator)} {sector} {where}".replace("  ", " ")


def _names(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_NAMED])
    return shown + (f" en nog {len(items) - MAX_NAMED}" if len(items) > MAX_NAMED else "")


def _count(n: int) -> str:
    return f"{n} {'cijfer' if n == 1 else 'cijfers'}"


def _national(frame: pd.DataFrame, indicator: str, sector: str, peildatum: str) -> float | None:
    rows = frame[
        (frame["indicator"] == indicator)
        & (frame["sector"] == sector)
        & (frame["region_code"] == NATIONAL)
        & (frame["peildatum"] == peildatum)
        & frame["categorie"].isin(["", "landelijk"])
        & (frame["vak"] == "")
    ]
    return float(rows["value"].iloc[0]) if len(rows) else None


def _area(row: pd.Series) -> str:
    """The area of a figure, with the part of it the figure is about ('Nederland (binnen G5)')."""
    part = " · ".join(str(p) for p in (row.get("categorie", ""), row.get("vak", "")) if p and p != "landelijk")
    name = str(row["region_name"] or row["region_code"])
    return f"{name} ({part})" if part else name


def _new_measurement(new: pd.DataFrame, key: tuple, rows: pd.DataFrame) -> str:
    indicator, sector, level, peildatum = key
    areas = rows["region_code"].where(rows["region_code"] != "", rows["region_name"]).nunique()
    text = f"Nieuwe meting {fmt_peildatum(peildatum)}: {_series_name(indicator, sector, level)}"
    text += "" if level == "land" else f" ({areas} {'gebied' if areas == 1 else 'gebieden'})"
    now = _national(new, indicator, sector, peildatum)
    earlier = sorted(p for p in new.loc[new["indicator"] == indicator, "peildatum"].unique() if p < peildatum)
    was = _national(new, indicator, sector, earlier[-1]) if earlier else None
    unit = str(rows["unit"].iloc[0])
    if now is not None and was is not None:
        return text + f"; landelijk {fmt_value(was, unit)} -> {fmt_value(now, unit)}"
    if now is not None and level != "land":
        return text + f"; landelijk {fmt_value(now, unit)}"
    if level == "land" and len(rows) == 1:
        return text + f": {fmt_value(float(rows['value'].iloc[0]), unit)}"
    return text


def measurement_notes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """New and dropped peildata per series, with the number of areas and the national figure before and after; a
    series with many new peildata at once (a forecast, a back series) in one sentence."""
    out = []
    before = set(old[[*SERIES, "peildatum"]].itertuples(index=False, name=None))
    added = {key: rows for key, rows in new.groupby([*SERIES, "peildatum"], sort=True) if key not in before}
    per_series: dict[tuple, list[tuple]] = {}
    for key in added:
        per_series.setdefault(key[:3], []).append(key)
    for series, keys in per_series.items():
        if len(keys) > MAX_NAMED:
            first, last = fmt_peildatum(keys[0][3]), fmt_peildatum(keys[-1][3])
            out.append(f"Nieuwe metingen {first} t/m {last}: {_series_name(*series)} ({len(keys)} peildata)")
        else:
            out += [_new_measurement(new, key, added[key]) for key in keys]
    fresh = set(new[[*SERIES, "peildatum"]].itertuples(index=False, name=None))
    for indicator, sector, level, peildatum in sorted(before - fresh):
        out.append(f"Meting {fmt_peildatum(peildatum)} vervallen: {_series_name(indicator, sector, level)}")
    return out


def figure_notes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Within peildata both have: figures added or removed, values corrected, other fields filled or changed."""
    keys = [*SERIES, "peildatum"]
    shared = old[keys].drop_duplicates().merge(new[keys].drop_duplicates(), on=keys)
    old_in = old.merge(shared, on=keys).drop_duplicates(FIGURE_KEY).set_index(FIGURE_KEY)
    new_in = new.merge(shared, on=keys).drop_duplicates(FIGURE_KEY).set_index(FIGURE_KEY)
    out = []
    for label, index in (
        ("toegevoegd", new_in.index.difference(old_in.index)),
        ("vervallen", old_in.index.difference(new_in.index)),
    ):
        rows = (new_in if label == "toegevoegd" else old_in).loc[index].reset_index()
        for (indicator, sector, level, peildatum), part in rows.groupby(keys, sort=True):
            names = [_area(r) for _, r in part.iterrows()]
            what = "cijfer" if len(names) == 1 else "cijfers"
            out.append(
                f"{_series_name(indicator, sector, level)}, {fmt_peildatum(peildatum)}: {len(names)} {what} "
                f"{label} ({_names(names)})"
            )
    both = old_in.index.intersection(new_in.index)
    was, now = old_in.loc[both], new_in.loc[both]
    moved = (was["value"] - now["value"]).abs() > 1e-9
    for key, row in now[moved].reset_index().groupby(keys, sort=True):
        indicator, sector, level, peildatum = key
        unit = str(row["unit"].iloc[0])
        changes = [
            f"{_area(r)} {fmt_value(float(was.loc[tuple(r[FIGURE_KEY])]['value']), unit)} -> "
            f"{fmt_value(float(r['value']), unit)}"
            for _, r in row.iterrows()
        ]
        out.append(
            f"Gecorrigeerd: {_series_name(indicator, sector, level)}, {fmt_peildatum(peildatum)}: {_names(changes)}"
        )
    for column in [c for c in new_in.columns if c not in ("value", *keys)]:
        if column not in was.columns:
            filled = now[column].map(_clean) != ""
            if filled.any():
                out.append(f"Nieuw veld '{FIGURE_FIELDS.get(column, column)}' bij {_count(int(filled.sum()))}")
            continue
        changed = was[column].map(_clean) != now[column].map(_clean)
        if changed.any():
            series = sorted({indicator_label(k[0]) for k in now[changed].index})
            out.append(
                f"{FIGURE_FIELDS.get(column, column).capitalize()} bijgewerkt bij {_count(int(changed.sum()))} "
                f"({_names(series)})"
            )
    return out


def _backing(indicators: pd.DataFrame, ids: list[str]) -> str:
    """' (bij tekort (fte), ...)': the indicators whose figures these sources back."""
    used = indicators.loc[indicators["source_id"].isin(ids), "indicator"] if "source_id" in indicators else []
    backed = sorted({indicator_label(i) for i in used})
    return f" (bij {_names(backed)})" if backed else ""


def source_notes(old: pd.DataFrame, new: pd.DataFrame, indicators: pd.DataFrame) -> list[str]:
    """Sources added or removed (with the indicators they back) and fields of existing sources filled or changed."""
    out = []
    was, now = old.set_index("source_id"), new.set_index("source_id")
    for label, ids in (
        ("toegevoegd", now.index.difference(was.index)),
        ("verwijderd", was.index.difference(now.index)),
    ):
        if len(ids):
            backed = sorted(
                {indicator_label(i) for i in indicators.loc[indicators["source_id"].isin(ids), "indicator"]}
            )
            word = "bron" if len(ids) == 1 else "bronnen"
            out.append(f"{len(ids)} {word} {label}" + (f" (bij {_names(backed)})" if backed else ""))
    both = was.index.intersection(now.index)
    for column, word in SOURCE_FIELDS.items():
        if column not in now.columns:
            continue
        before = was.loc[both, column].map(_clean) if column in was.columns else pd.Series("", index=both)
        after = now.loc[both, column].map(_clean)
        filled = (before == "") & (after != "") & (after != "onbekend")
        changed = (before != "") & (before != after)
        for label, which in (("vastgelegd", filled), ("gewijzigd", changed)):
            ids = list(both[which.to_numpy()])
            if ids:
                out.append(
                    f"{word} {label} bij {len(ids)} {'bron' if len(ids) == 1 else 'bronnen'}"
                    + _backing(indicators, ids)
                )
    return out


def indeling_notes(old: pd.DataFrame, new: pd.DataFrame, old_members: pd.DataFrame, members: pd.DataFrame) -> list[str]:
    """The onderwijsregio's: regions merged (their gemeenten now in one other region), added, removed; gemeenten
    that moved to another region."""
    out = []
    was, now = set(old["onderwijsregio"]), set(new["onderwijsregio"])
    gone, added = sorted(was - now), sorted(now - was)
    where_now = members.groupby("gemeentecode")["onderwijsregio"].agg(set)
    merged: dict[str, list[str]] = {}
    for name in gone:
        codes = set(old_members.loc[old_members["onderwijsregio"] == name, "gemeentecode"])
        homes = set().union(*(where_now.get(c, set()) for c in codes)) if codes else set()
        if len(homes) == 1:
            merged.setdefault(next(iter(homes)), []).append(name)
    if merged:
        count = sum(len(v) for v in merged.values())
        where = "; ".join(f"{' en '.join(v)} in {k}" for k, v in sorted(merged.items()))
        regions = "regio" if count == 1 else "regio's"
        out.append(f"indeling onderwijsregio's: {count} {regions} samengevoegd ({where})")
    rest = [g for g in gone if not any(g in v for v in merged.values())]
    if rest:
        out.append(f"indeling onderwijsregio's: {len(rest)} vervallen ({_names(rest)})")
    fresh = [a for a in added if a not in merged]
    if fresh:
        out.append(f"indeling onderwijsregio's: {len(fresh)} nieuw ({_names(fresh)})")
    pairs = ["onderwijsregio", "sector", "gemeentecode"]
    kept = old_members[old_members["onderwijsregio"].isin(now)]
    moved = kept.merge(members[pairs], on=pairs, how="left", indicator=True)
    moved = moved[(moved["_merge"] == "left_only") & ~moved["onderwijsregio"].isin(merged)]
    if len(moved):
        out.append(f"indeling onderwijsregio's: {moved['gemeentecode'].nunique()} gemeenten anders ingedeeld")
    return out


def notes(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> list[str]:
    """Every change a reader would call news, in Dutch, most important first."""
    empty = pd.DataFrame()
    old, new = before.get("indicators", empty), after.get("indicators", empty)
    out: list[str] = []
    if len(new.columns) and len(old.columns):
        out += measurement_notes(old, new) + figure_notes(old, new)
    if "sources" in after and "sources" in before:
        out += source_notes(before["sources"], after["sources"], new if len(new.columns) else old)
    tables = ("onderwijsregios", "onderwijsregio_gemeenten")
    if all(t in before and t in after for t in tables):
        out += indeling_notes(before[tables[0]], after[tables[0]], before[tables[1]], after[tables[1]])
    return out
