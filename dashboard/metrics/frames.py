"""Generic frame helpers every theme uses: pick rows, rename, label years, keep complete or solid rows, the loose
published figures of a section.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import cached
from dashboard.data.model.members import RELIABILITY_RANK
from dashboard.texts import BENADERINGEN


def _best_per(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """One row per key: the most reliable one (ties: first in data order)."""
    ranked = frame.assign(_rank=frame["reliability"].map(RELIABILITY_RANK).fillna(9))
    ranked = ranked.sort_values(keys + ["_rank"], kind="stable")
    return ranked.drop_duplicates(keys).drop(columns="_rank")


@cached.metric
def rows_where(frame: pd.DataFrame, not_empty: tuple[str, ...] = (), **conditions: object) -> pd.DataFrame:
    """Rows where each column equals its value (or is one of the values of a tuple) and the `not_empty` columns
    are not "". Pages select through this (cached) instead of filtering inline on every rerun."""
    keep = pd.Series(True, index=frame.index)
    for column, value in conditions.items():
        keep &= frame[column].isin(value) if isinstance(value, tuple) else frame[column] == value
    for column in not_empty:
        keep &= frame[column] != ""
    return frame[keep]


@cached.metric
def renamed(frame: pd.DataFrame, **names: str) -> pd.DataFrame:
    """The frame with columns renamed (old=new), e.g. year="jaar" for a chart axis."""
    return frame.rename(columns=names)


@cached.metric
def with_year_label(frame: pd.DataFrame, as_text: bool = False) -> pd.DataFrame:
    """The frame plus a column `jaar` (the year; as text for a categorical axis)."""
    return frame.assign(jaar=frame["year"].astype(str) if as_text else frame["year"])


@cached.metric
def complete_rows(frame: pd.DataFrame, columns: tuple[str, ...], how: str = "any") -> pd.DataFrame:
    """Rows with a value in all (`how="any"` missing drops) or at least one (`how="all"`) of `columns`."""
    return frame.dropna(subset=list(columns), how=how)


@cached.metric
def solid_only(series: pd.DataFrame) -> pd.DataFrame:
    """The official measurements: kind meting (where the frame says) from an official source read directly."""
    solid = series["reliability"].isin(["solid", "solid-but-parsed"])
    return series[solid & (series["kind"] == "meting")] if "kind" in series else series[solid]


@cached.metric
def figures_by_indicator(indicators: pd.DataFrame, categorie: str) -> dict[str, pd.Series]:
    """{indicator: row} for a group of single figures (e.g. the werkplan results), first row per indicator."""
    rows = indicators[indicators["categorie"] == categorie].drop_duplicates("indicator")
    return {r["indicator"]: r for _, r in rows.iterrows()}


@cached.metric
def figures(indicators: pd.DataFrame, indicator: str, **equals: str) -> pd.DataFrame:
    """Rows of one indicator, optional column == value filters; most reliable per (categorie, vak, peildatum)."""
    rows = indicators[indicators["indicator"] == indicator]
    for column, value in equals.items():
        rows = rows[rows[column] == value]
    return (
        _best_per(rows, ["categorie", "vak", "peildatum"])
        .sort_values(["categorie", "vak", "year"])
        .reset_index(drop=True)
    )


def approximation(unit: str) -> str:
    """'vacatures (ruim)' -> 'ruim': the word in a unit that says the figure is approximate ('' when exact)."""
    inside = unit[unit.find("(") + 1 : unit.rfind(")")] if "(" in unit else ""
    return next((word for word in BENADERINGEN if word in inside.split()), "")


@cached.metric
def with_sector_labels(frame: pd.DataFrame, column: str = "sectors") -> pd.DataFrame:
    from dashboard.format import fmt_sectors

    return frame.assign(**{column: frame[column].map(fmt_sectors)})
