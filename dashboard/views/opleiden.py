"""Opleiden: intake of the lerarenopleidingen, diploma's per tekortvak, zij-instroom, the mbo-route."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard import cache
from dashboard import describe as words
from dashboard.data.model.sectors import KPI_SECTORS
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_number
from dashboard.metrics import OPLEIDING_CODES
from dashboard.tables import labels
from dashboard.views.base import ChartView, FiguresView, chart, figures_view

DEFAULT_VAKKEN = ("Wiskunde", "Nederlands", "Natuurkunde", "Scheikunde")
WERKPLAN = "Kamerbrief/VO-raad"


def _rows(session: SessionData | None) -> pd.DataFrame:
    return cache.indicators(sectors=(*KPI_SECTORS, "alle"), geo_levels=("land",), session=session)


def year_range(rows: pd.DataFrame) -> tuple[int, int]:
    years = rows["year"].dropna().astype(int)
    return (int(years.min()), int(years.max())) if len(years) else (0, 0)


@dataclass(frozen=True)
class Choices:
    """What the page's filters offer, from the data (nothing pinned to a year)."""

    instroom_years: tuple[int, int]
    vakken: tuple[str, ...]

    @property
    def default_vakken(self) -> list[str]:
        return [v for v in DEFAULT_VAKKEN if v in self.vakken]


@cache.view
def choices(session: SessionData | None = None) -> Choices:
    rows = _rows(session)
    return Choices(
        year_range(cache.figures(rows, "instroom_opleiding")),
        tuple(sorted(cache.diplomas_per_vak(rows, [])["vak"].unique())),
    )


@cache.view
def instroom_opleidingen(types: list[str], years: tuple[int, int], session: SessionData | None = None) -> ChartView:
    frame = cache.instroom_opleidingen(_rows(session), types, years)
    return chart(
        "instroom_opleidingen",
        None,
        frame,
        lambda: cache.lines(cache.renamed(frame, year="jaar"), "jaar", "value", "opleiding", "studenten"),
        labels(("opleiding", "Opleiding"), "year", ("value", "Instroom (studenten)"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        note="Instroom per studiejaar, afgerond op honderdtallen (PWPO exact). De cellen van de brontabel waren "
        "aan elkaar geplakt en zijn gesplitst op de enige consistente manier (betrouwbaarheid: officieel, "
        "handmatig ontleed).",
        missing="Kies ten minste één soort opleiding.",
        describe=lambda f: words.trend(f, "year", "value", fmt_number, group="opleiding"),
    )


@cache.view
def diplomas_per_vak(vakken: list[str], session: SessionData | None = None) -> ChartView:
    rows = _rows(session)
    first, last = year_range(cache.diplomas_per_vak(rows, []))
    frame = cache.diplomas_per_vak(rows, vakken) if vakken else cache.diplomas_per_vak(rows, [])[:0]
    return chart(
        "diplomas_per_vak",
        f"Diploma's hbo tweedegraads per tekortvak, {first}-{last}",
        frame,
        lambda: cache.lines(cache.renamed(frame, year="jaar"), "jaar", "value", "vak", "diploma's"),
        labels("vak", "year", ("value", "Diploma's"), "reliability"),
        {"value": fmt_number},
        cache.table("sources", session),
        note="Duits, Aardrijkskunde en Maatschappijleer ontbreken: hun cijfers waren in de bron niet eenduidig "
        f"te lezen. Jaren na {last} zijn niet gevonden.",
        missing="Kies ten minste één vak.",
        describe=lambda f: words.trend(f, "year", "value", fmt_number, group="vak"),
    )


@cache.view
def zij_instroom(session: SessionData | None = None) -> ChartView:
    frame = cache.zij_instroom(_rows(session))
    main = frame[frame["definitie"] == frame["definitie"].iloc[0]] if len(frame) else frame
    title = "Zij-instroom"
    if len(main) > 1:
        first, last = main.iloc[0], main.iloc[-1]
        title += (
            f": van {fmt_number(first['value'])} in {int(first['year'])} naar {fmt_number(last['value'])} "
            f"in {int(last['year'])}"
        )
    years = frame["year"].astype(int) if len(frame) else pd.Series(dtype=int)
    gaps = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(years)) if len(years) else []
    note = "Zij-instromers (alle sectoren) voor wie subsidie is toegekend."
    if gaps:
        note += f" Niet gepubliceerd in de gevonden bronnen: {', '.join(map(str, gaps))}."
    if frame["definitie"].nunique() > 1:
        note += " Een andere telling ('zij-instromende leraren') staat apart in de legenda."
    return chart(
        "zij_instroom",
        title,
        frame,
        lambda: cache.grouped_bar(
            cache.with_year_label(frame, as_text=True),
            "jaar",
            "value",
            "definitie",
            "personen",
            barmode="relative",
            years=True,
            qualifier="benadering",
        ),
        labels(
            "year", ("benadering", "Benadering"), ("value", "Aantal"), ("definitie", "Wat geteld is"), "reliability"
        ),
        {"value": fmt_number},
        cache.table("sources", session),
        note=note,
        describe=lambda f: words.trend(f, "year", "value", fmt_number, group="definitie"),
    )


@cache.view
def pabo_eerstejaars(session: SessionData | None = None) -> ChartView:
    frame = cache.pabo_eerstejaars(_rows(session))
    official = cache.figures(_rows(session), "instroom_opleiding")
    last = int(official["year"].max()) if len(official) else None
    newest = frame[frame["year"] == frame["year"].max()] if len(frame) else frame
    title = "Pabo: eerstejaars volgens andere tellingen"
    if len(newest):
        title += f", tot en met {newest['studiejaar'].iloc[0]}"
    return chart(
        "pabo_eerstejaars",
        title,
        frame,
        lambda: cache.grouped_bar(
            cache.with_year_label(frame, as_text=True),
            "jaar",
            "value",
            "telling",
            "studenten",
            years=True,
            qualifier="benadering",
        ),
        labels(
            ("telling", "Telling"),
            ("studiejaar", "Studiejaar"),
            ("benadering", "Benadering"),
            ("value", "Studenten"),
            "reliability",
            "source_id",
            "note",
        ),
        {"value": fmt_number},
        cache.table("sources", session),
        note="Andere tellingen dan de instroomreeks in het tabblad Instroom (OCW"
        + (f", tot en met {last}" if last else "")
        + "): eerstejaars aan een hogeschool en gestarte studenten, uit nieuwsberichten die DUO of de Vereniging "
        "Hogescholen citeren. Ze verschillen van de OCW-reeks en van elkaar en zijn er niet mee te verbinden; jaren "
        "zonder cijfer blijven leeg. De tabel geeft per cijfer de toelichting.",
        describe=lambda f: words.trend(f, "year", "value", fmt_number, group="telling"),
    )


@cache.view
def mbo_route(session: SessionData | None = None) -> FiguresView:
    rows = _rows(session)
    sourced = cache.rows_where(rows, indicator="afgestudeerden_onderwijsassistent", categorie=WERKPLAN).head(1)
    return figures_view(rows, WERKPLAN, sourced, cache.table("sources", session))


def warm() -> None:
    options = choices()
    instroom_opleidingen(list(OPLEIDING_CODES), options.instroom_years)
    pabo_eerstejaars()
    diplomas_per_vak(options.default_vakken)
    zij_instroom()
    mbo_route()
