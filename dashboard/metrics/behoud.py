"""Behoud & werving: the meer-uren calculator, reasons for leaving, outflow, vacancies, lerarenbeurs.

Pure aggregations: (frames, filters) -> the frame a chart, its table and its CSV show. No Streamlit."""

from __future__ import annotations

import math

import pandas as pd

from dashboard import cached
from dashboard.data.model.sectors import SECTOR_LABELS
from dashboard.format import fmt_number, fmt_peildatum
from dashboard.metrics.frames import _best_per, approximation
from dashboard.texts import VACATURE_TELLINGEN, VERTREKREDENEN

DAY_FTE = 0.2  # one working day in a five-day week


# Meaningful range of each calculator input: (label, lowest, highest, unit). The page's widgets use the same bounds;
# a value from a link outside them is refused instead of being clamped into a silent "0 fte".
MEER_UREN_BOUNDS = {
    "shortage_pct": ("Tekort", 0.0, 100.0, "%"),
    "deeltijd_pct": ("Aandeel leraren dat in deeltijd werkt", 0.0, 100.0, "%"),
    "extra_pct": ("Aandeel deeltijders dat extra gaat werken", 0.0, 100.0, "%"),
    "gem_fte": ("Gemiddelde aanstelling van een leraar", 0.1, 1.0, " fte"),
    "extra_fte": ("Extra aanstelling per deeltijder", 0.01, 1.0, " fte"),
}


def _short(value: float) -> str:
    """0.1 -> '0,1', 100.0 -> '100': Dutch, without trailing zeros."""
    return fmt_number(value, 2).rstrip("0").rstrip(",")


class OutOfRange(ValueError):
    """A calculator input outside its range; the Dutch message names the input, the value and the range."""

    def __init__(self, field: str, value: float) -> None:
        label, low, high, unit = MEER_UREN_BOUNDS[field]
        given = f"{_short(value)}{unit} valt buiten het bereik" if math.isfinite(value) else "geen getal; het bereik is"
        super().__init__(f"{label}: {given} {_short(low)}–{_short(high)}{unit}.")
        self.field = field
        self.value = value


def check_meer_uren(**inputs: float) -> None:
    """Raise OutOfRange for the first input outside MEER_UREN_BOUNDS (NaN and infinity included)."""
    for field, value in inputs.items():
        _, low, high, _ = MEER_UREN_BOUNDS[field]
        if not (math.isfinite(value) and low <= value <= high):
            raise OutOfRange(field, value)


def meer_uren(
    shortage_pct: float,
    deeltijd_pct: float,
    extra_pct: float,
    gem_fte: float,
    extra_fte: float = DAY_FTE,
    werkgelegenheid_fte: float | None = None,
) -> dict[str, float | None]:
    """What working more hours yields against the shortage.

    Per fte of werkgelegenheid there are 1/gem_fte teachers; deeltijd_pct of them work part-time and extra_pct of
    those add extra_fte. Extra fte as a share of werkgelegenheid = deeltijd * extra * extra_fte / gem_fte; the share
    of the shortage covered is that divided by the shortage (both in % of werkgelegenheid), so no regional
    werkgelegenheid is needed. With a werkgelegenheid the same result is also given in fte.
    An input outside its range raises OutOfRange (never a result computed from a meaningless input).
    """
    check_meer_uren(
        shortage_pct=shortage_pct, deeltijd_pct=deeltijd_pct, extra_pct=extra_pct, gem_fte=gem_fte, extra_fte=extra_fte
    )
    if werkgelegenheid_fte is not None and not (math.isfinite(werkgelegenheid_fte) and werkgelegenheid_fte >= 0):
        raise ValueError(f"De werkgelegenheid ({werkgelegenheid_fte}) moet een getal van 0 fte of meer zijn.")
    extra_share_pct = (deeltijd_pct / 100) * (extra_pct / 100) * extra_fte / gem_fte * 100
    covered = extra_share_pct / shortage_pct * 100 if shortage_pct > 0 else None
    return {
        "extra_pct_werkgelegenheid": extra_share_pct,
        "dekking_pct": covered,
        "extra_fte": None if werkgelegenheid_fte is None else extra_share_pct / 100 * werkgelegenheid_fte,
        "tekort_fte": None if werkgelegenheid_fte is None else shortage_pct / 100 * werkgelegenheid_fte,
    }


@cached.metric
def vertrekredenen(indicators: pd.DataFrame) -> pd.DataFrame:
    rows = indicators[indicators["indicator"].str.startswith("vertrekmotief_")]
    rows = _best_per(rows, ["indicator"])
    ids = rows["indicator"].str.removeprefix("vertrekmotief_")
    rows = rows.assign(reden=ids.map(lambda i: VERTREKREDENEN.get(i, i.replace("_", " ").capitalize())))
    return (
        rows[["reden", "value", "unit", "year", "reliability", "source_id"]]
        .sort_values("value", ascending=False)
        .reset_index(drop=True)
    )


@cached.metric
def uitstroom(indicators: pd.DataFrame) -> pd.DataFrame:
    rows = indicators[indicators["indicator"] == "personeel_uitstroom_buiten_onderwijs"]
    rows = rows[rows["peildatum"].str.fullmatch(r"\d{4}")]  # single years; multi-year averages stay out
    rows = _best_per(rows, ["sector", "peildatum"])
    return (
        rows[["sector", "peildatum", "year", "value", "unit", "reliability", "source_id", "note"]]
        .sort_values(["sector", "year"])
        .reset_index(drop=True)
    )


UITVAL_STARTERS = "uitval_startende_leraren_driejaarsgemiddelde_"  # + na_1_jaar, na_3_jaar, na_5_jaar


@cached.metric
def uitval_starters(indicators: pd.DataFrame) -> pd.DataFrame:
    """Starting teachers (under 30) who left education within 1, 3 or 5 years, per three consecutive start years
    (`cohorten`, e.g. '2006-2008': the three-year averages as published); a termijn per line ('na 1 jaar'), the
    shortest first. Later cohorts have no figure after 5 years yet, so the longer termijnen end earlier."""
    rows = indicators[indicators["indicator"].str.startswith(UITVAL_STARTERS)]
    rows = _best_per(rows, ["indicator", "sector", "peildatum"])
    after = rows["indicator"].str.removeprefix(UITVAL_STARTERS)
    rows = rows.assign(
        termijn=after.str.replace("_", " "),
        _years=after.str.extract(r"(\d+)", expand=False).astype(float),
        cohorten=rows["peildatum"],
    )
    return rows.sort_values(["_years", "year"])[
        ["termijn", "cohorten", "sector", "year", "value", "unit", "reliability", "source_id", "note"]
    ].reset_index(drop=True)


def _vacancy_label(row: pd.Series) -> str:
    """What one bar of a vacancy count is: the schooljaar, month or quarter, and the sector where it varies."""
    period = str(row["peildatum"])
    period = "schooljaar " + period.replace("/20", "/") if "/" in period else fmt_peildatum(period)
    return f"{row['categorie']}, {period}" if row["indicator"] == "openstaande_vacatures_uwv" else period


@cached.metric
def vacatures(indicators: pd.DataFrame) -> pd.DataFrame:
    """The vacancy counts, one block per definition (texts.VACATURE_TELLINGEN, in that order), newest first within a
    block; `benadering` holds 'ruim'/'circa' from the unit, so an approximate figure is never shown as exact."""
    rows = indicators[indicators["indicator"].isin(VACATURE_TELLINGEN)]
    rows = _best_per(rows, ["indicator", "sector", "peildatum"])
    if rows.empty:
        return pd.DataFrame(
            columns=["telling", "label", "value", "benadering", "peildatum", "reliability", "source_id", "note"]
        )
    order = {indicator: i for i, indicator in enumerate(VACATURE_TELLINGEN)}
    rows = rows.assign(
        telling=rows["indicator"].map(VACATURE_TELLINGEN),
        label=rows.apply(_vacancy_label, axis=1),
        benadering=rows["unit"].map(approximation),
        _order=rows["indicator"].map(order),
        _sector=rows["sector"].map({s: i for i, s in enumerate(("alle", *SECTOR_LABELS))}),  # the total first
    )
    rows = rows.sort_values(["_order", "_sector", "peildatum"], ascending=[True, True, False])
    return rows[
        ["telling", "label", "value", "benadering", "unit", "peildatum", "reliability", "source_id", "note"]
    ].reset_index(drop=True)


@cached.metric
def lerarenbeurs(indicators: pd.DataFrame) -> pd.DataFrame:
    wanted = {
        "lerarenbeurs_ingediend_totaal": "Ingediend",
        "lerarenbeurs_toegekend_totaal": "Toegekend",
        "lerarenbeurs_afgewezen": "Afgewezen",
    }
    rows = indicators[
        indicators["indicator"].isin(wanted) & (indicators["categorie"] == "totaal") & (indicators["year"] >= 2020)
    ]
    rows = _best_per(rows, ["indicator", "year"])
    rows = rows.assign(soort=rows["indicator"].map(wanted), jaar=rows["year"].astype(str))
    return (
        rows[["jaar", "soort", "value", "unit", "reliability", "source_id"]]
        .sort_values(["soort", "jaar"])
        .reset_index(drop=True)
    )
