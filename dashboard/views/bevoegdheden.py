"""Bevoegdheden: shortage per vak next to bevoegd / benoembaar / onbevoegd gegeven lessen (vo)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_fte, fmt_pct, fmt_peildatum
from dashboard.metrics import vak_peildata
from dashboard.tables import labels
from dashboard.views.base import ChartView, chart

SORT_LABELS = {
    "tekort": "Hoogste tekort eerst",
    "onbevoegd": "Meeste onbevoegd gegeven lessen eerst",
    "vak": "Alfabetisch",
}
SHARES = [("bevoegd_pct", "Bevoegd"), ("benoembaar_pct", "Benoembaar"), ("onbevoegd_pct", "Onbevoegd")]


def _rows(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(sectors=("vo",), geo_levels=("land",), session=session)


def ipto_label(peildatum: str, vakken: int) -> str:
    """'IPTO okt 2019 (20 vakken)' from the measurement's peildatum (a date or a code such as 'IPTO2020')."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", peildatum):
        return f"IPTO {fmt_peildatum(peildatum)} ({vakken} vakken)"
    year = re.search(r"\d{4}", peildatum)
    return f"IPTO {year.group() if year else peildatum} ({vakken} vakken)"


@dataclass(frozen=True)
class Choices:
    vakken: tuple[str, ...]
    ipto: dict[str, str]  # peildatum -> label, the measurement with most vakken first
    tekort_peildatum: str


@cache.view
def choices(session: SessionData | None = None) -> Choices:
    rows = _rows(session)
    ipto = cache.rows_where(rows, not_empty=("vak",), indicator=tuple(c for c, _ in SHARES))
    ipto = ipto[~ipto["vak"].str.startswith("ALLE VAKKEN")]  # the source's totals are no vak
    counts = ipto.groupby("peildatum")["vak"].nunique().sort_values(ascending=False, kind="stable")
    tekort_peildatum = max(vak_peildata(rows, "tekort_pct"), default="")
    default_ipto = str(counts.index[0]) if len(counts) else ""
    vakken = tuple(sorted(cache.vakken_table(rows, default_ipto, tekort_peildatum)["vak"]))
    return Choices(vakken, {str(p): ipto_label(str(p), int(n)) for p, n in counts.items()}, tekort_peildatum)


@cache.view
def vakken(options: Choices, chosen: tuple[str, ...], ipto: str, order: str, session: SessionData | None = None):
    return cache.select_vakken(cache.vakken_table(_rows(session), ipto, options.tekort_peildatum), chosen, order)


@cache.view
def tekort_per_vak(options: Choices, table: pd.DataFrame, session: SessionData | None = None) -> ChartView:
    rows = _rows(session)
    frame = cache.complete_rows(table, ("tekort_pct",))
    total = cache.figures(rows, "tekort_pct", vak="Totaal")
    total = total[total["peildatum"] == options.tekort_peildatum]
    total_value = float(total["value"].iloc[0]) if len(total) else None
    source_rows = cache.rows_where(rows, not_empty=("vak",), indicator="tekort_pct", peildatum=options.tekort_peildatum)
    return chart(
        "tekort_per_vak",
        f"Tekort per vak, {fmt_peildatum(options.tekort_peildatum)} (% van de werkgelegenheid)",
        frame,
        lambda: cache.hbar(frame, "vak", "tekort_pct", "%", reference=total_value, reference_label="Alle vakken"),
        _table_columns(options),
        _table_formats(),
        cache.table("sources", session),
        note="Tekort in fte alleen bekend voor de vakken die de bron noemt (de bron is afgekapt). Nederlands "
        "inclusief isk. Lijn: alle vakken samen.",
        missing="Voor de gekozen vakken is geen tekort per vak gepubliceerd.",
        source_rows=source_rows.head(1),
        describe=lambda f: words.ranking(f, "vak", "tekort_pct", fmt_pct, "tekort", total_value, "alle vakken"),
    )


@cache.view
def bevoegdheid_per_vak(
    options: Choices, table: pd.DataFrame, ipto: str, session: SessionData | None = None
) -> ChartView:
    frame = cache.complete_rows(table, ("bevoegd_pct", "onbevoegd_pct"), how="all")
    source_rows = cache.rows_where(
        _rows(session), peildatum=ipto, indicator=("bevoegd_pct", "onbevoegd_pct", "benoembaar_pct")
    )
    return chart(
        "bevoegdheid_per_vak",
        f"Wie geeft de lessen? {ipto_label(ipto, len(frame))}",  # the vakken drawn, not the source's totals
        frame,
        lambda: cache.stacked_share(frame, "vak", SHARES),
        _table_columns(options),
        _table_formats(),
        cache.table("sources", session),
        note="Aandeel van de lessen per vak. Bevoegd: de leraar heeft de bevoegdheid voor het vak. Benoembaar: de "
        "leraar mag tijdelijk lesgeven (bijv. in opleiding). Onbevoegd: geen van beide. Grijs gearceerd (geen "
        "cijfer): dat deel staat niet of niet leesbaar in de bron. Percentages met één decimaal, zoals de bron.",
        missing="Voor de gekozen vakken is in deze meting geen verdeling bevoegd / benoembaar / onbevoegd "
        "gepubliceerd.",
        source_rows=source_rows.head(1),
        describe=lambda f: words.shares(f, "vak", SHARES, fmt_pct),
    )


def _table_columns(options: Choices) -> dict[str, str]:
    when = fmt_peildatum(options.tekort_peildatum)
    return labels(
        "vak",
        ("tekort_pct", f"Tekort {when} (%)"),
        ("tekort_fte", f"Tekort {when} (fte)"),
        ("bevoegd_pct", "Bevoegd (%)"),
        ("benoembaar_pct", "Benoembaar (%)"),
        ("onbevoegd_pct", "Onbevoegd (%)"),
    )


def _table_formats() -> dict:
    return {c: fmt_pct for c in ("tekort_pct", "bevoegd_pct", "benoembaar_pct", "onbevoegd_pct")} | {
        "tekort_fte": fmt_fte
    }


@cache.view
def lwb_sources(session: SessionData | None = None) -> str:
    return cache.source_text(
        cache.rows_where(_rows(session), indicator="lwb_bevoegdheidsclusters"), cache.table("sources", session)
    )


def warm() -> None:
    options = choices()
    ipto = next(iter(options.ipto), "")
    table = vakken(options, (), ipto, "tekort")
    tekort_per_vak(options, table), bevoegdheid_per_vak(options, table, ipto), lwb_sources()
