"""Charts and maps in words (dashboard/describe.py): the sentence says what the frame holds, in Dutch notation, and
every chart and map of every page has one, made from the frame it draws."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import cache
from dashboard import describe as words
from dashboard.format import fmt_fte, fmt_number, fmt_pct, fmt_peildatum, fmt_pp
from dashboard.views import (
    behoud,
    bevoegdheden,
    onderwijsregios,
    onderwijstijd,
    opleiden,
    overzicht,
    regionale_tekorten,
)
from dashboard.views.base import ChartView

REGIONS = pd.DataFrame(
    {"region_name": ["Achterhoek", "Almere", "Utrecht", "Zonder cijfer"], "value": [1.8, 23.8, 9.1, float("nan")]}
)


def test_ranking_names_highest_lowest_and_reference_in_dutch_notation():
    text = words.ranking(REGIONS, "region_name", "value", fmt_pct, "tekort", 9.7)
    assert text == "Hoogste tekort: Almere 23,8%; laagste: Achterhoek 1,8%; landelijk 9,7%."
    assert words.ranking(REGIONS.iloc[:1], "region_name", "value", fmt_pct, "tekort") == "Tekort: Achterhoek 1,8%."
    assert words.ranking(REGIONS.iloc[:0], "region_name", "value", fmt_pct) == ""


def test_trend_per_line_with_a_peak_in_between():
    frame = pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2021, 2023],
            "reeks": ["po gemeten"] * 3 + ["vo gemeten"] * 2,
            "value": [9100.0, 9800.0, 7700.0, 1700.0, 3800.0],
        }
    )
    assert words.trend(frame, "year", "value", fmt_fte, group="reeks") == (
        "Po gemeten: van 9.100 fte in 2021 naar 7.700 fte in 2023, het hoogst in 2022 (9.800 fte); "
        "vo gemeten: van 1.700 fte in 2021 naar 3.800 fte in 2023."
    )
    dates = pd.DataFrame({"peildatum": ["2023-10-01", "2022-10-01"], "value": [6.0, 5.5]})
    assert words.trend(dates, "peildatum", "value", fmt_pct, x_text=fmt_peildatum) == (
        "Van 5,5% in okt 2022 naar 6,0% in okt 2023."
    )


def test_per_group_names_every_bar_and_shares_the_extremes():
    frame = pd.DataFrame({"niveau": ["po", "vo", "po"], "land": ["NL", "NL", "OESO"], "value": [940, 1000, 804]})
    assert words.per_group(frame, "niveau", "value", "land", fmt_number) == "NL: po 940, vo 1.000; OESO: po 804."
    shares = pd.DataFrame({"vak": ["Duits", "Wiskunde"], "bevoegd": [95.0, 70.1]})
    assert words.shares(shares, "vak", [("bevoegd", "Bevoegd")], fmt_pct) == (
        "Bevoegd: het meest bij Duits (95,0%), het minst bij Wiskunde (70,1%)."
    )


def test_change_is_signed_and_counts_up_and_down():
    frame = pd.DataFrame({"region_name": ["A", "B", "C", "D"], "value": [2.1, -1.0, 0.0, 0.4]})
    assert words.change(frame, "region_name", "value", fmt_pp) == (
        "Grootste stijging: A +2,1 procentpunt; grootste daling: B -1,0 procentpunt; "
        "2 van 4 regio's hoger, 1 lager, 1 gelijk."
    )


def expected_ranking(frame: pd.DataFrame, name: str, national: float | None, what: str = "tekort") -> str:
    """The sentence computed here independently: the frame's own maximum and minimum."""
    top, bottom = frame.loc[frame["value"].idxmax()], frame.loc[frame["value"].idxmin()]
    tail = f"; landelijk {fmt_pct(national)}" if national is not None else ""
    highest, lowest = f"{top[name]} {fmt_pct(top['value'])}", f"{bottom[name]} {fmt_pct(bottom['value'])}"
    return f"Hoogste {what}: {highest}; laagste: {lowest}{tail}."


def test_overview_map_sentence_matches_its_frame_and_the_national_figure():
    view = overzicht.small_map("vo")
    rows = cache.indicators(indicators=("tekort_pct",), sectors=("vo",))
    national = cache.national_value(rows, "vo", view.frame["peildatum"].iloc[0])
    assert national is not None
    assert view.description == expected_ranking(view.frame, "region_name", national)
    assert fmt_pct(view.frame["value"].max()) in view.description


@pytest.mark.parametrize("sector", ["po", "vo"])
def test_region_maps_sentence_matches_their_frames(sector):
    data = regionale_tekorten.regional_data(sector)
    view = regionale_tekorten.shortage_map(data, None)
    assert view.description == expected_ranking(view.frame, "region_name", data.national)
    odata = onderwijsregios.oregio_data(sector)
    oview = onderwijsregios.shortage_map(odata)
    assert oview.description == expected_ranking(
        oview.frame, "onderwijsregio", odata.regional.national, "afgeleid tekort"
    )


def test_comparison_sentence_follows_the_chosen_regions():
    data = regionale_tekorten.regional_data("vo")
    chosen = list(data.codes[:3])
    view = regionale_tekorten.vergelijking_regios(data, chosen)
    assert view.description == expected_ranking(view.frame, "region_name", data.national)
    assert set(view.frame["region_code"]) == set(chosen)


def test_trend_sentence_of_the_overview_names_each_series_first_and_last_point():
    view = overzicht.tekort_trend()
    for reeks, part in view.frame.groupby("reeks"):
        part = part.sort_values("year")
        assert f"{reeks}: " in view.description.lower() or f"{reeks}: ".capitalize() in view.description
        assert fmt_fte(part["value"].iloc[-1]) in view.description
        if len(part) > 1:
            assert f"van {fmt_fte(part['value'].iloc[0])} in {int(part['year'].iloc[0])}" in view.description


def every_chart() -> dict[str, ChartView | object]:
    options = opleiden.choices()
    bev = bevoegdheden.choices()
    ipto = next(iter(bev.ipto))
    table = bevoegdheden.vakken(bev, (), ipto, "tekort")
    data = regionale_tekorten.regional_data("vo")
    odata = onderwijsregios.oregio_data("vo")
    profile = onderwijsregios.profile(odata, odata.codes[0])
    return {
        "overzicht.tekort_trend": overzicht.tekort_trend(),
        "overzicht.kaart": overzicht.small_map("po"),
        "regionale.kaart": regionale_tekorten.shortage_map(data, None),
        "regionale.vergelijking_regios": regionale_tekorten.vergelijking_regios(data, list(data.codes[:2])),
        "onderwijsregios.kaart": onderwijsregios.shortage_map(odata),
        "onderwijsregios.vergelijking_onderwijsregios": onderwijsregios.vergelijking_onderwijsregios(
            odata, list(odata.codes[:2])
        ),
        "onderwijsregios.dekking_onderwijsregios": onderwijsregios.facts(odata).coverage,
        "opleiden.instroom_opleidingen": opleiden.instroom_opleidingen(["pabo", "hbo2"], options.instroom_years),
        "opleiden.diplomas_per_vak": opleiden.diplomas_per_vak(options.default_vakken),
        "opleiden.zij_instroom": opleiden.zij_instroom(),
        "behoud.lerarenbeurs": behoud.lerarenbeurs(),
        "behoud.vertrekredenen": behoud.vertrekredenen(),
        "behoud.uitstroom": behoud.uitstroom(),
        "behoud.uitval_starters": behoud.uitval_starters(),
        "behoud.vacatures": behoud.vacatures(),
        "opleiden.pabo_eerstejaars": opleiden.pabo_eerstejaars(),
        "overzicht.mbo_prognose": overzicht.mbo_prognose(),
        "bevoegdheden.tekort_per_vak": bevoegdheden.tekort_per_vak(bev, table),
        "bevoegdheden.bevoegdheid_per_vak": bevoegdheden.bevoegdheid_per_vak(bev, table, ipto),
        "onderwijstijd.lesuren": onderwijstijd.lesuren("po"),
        "onderwijstijd.lesuren_trend": onderwijstijd.lesuren_trend(),
        "onderwijstijd.lestijd_leerlingen": onderwijstijd.lestijd_leerlingen(),
        "onderwijsregios.ledenkaart": profile,
    }


@pytest.mark.parametrize("name", list(every_chart()))
def test_every_chart_and_map_has_a_sentence_with_its_own_numbers(name):
    view = every_chart()[name]
    text = getattr(view, "description", "") or getattr(view, "members_description", "")
    assert text.endswith("."), (name, text)
    frame = view.frame if hasattr(view, "frame") else view.profile.gemeenten
    assert len(frame)
    if name == "onderwijsregios.ledenkaart":
        assert f"de {len(frame)} gemeenten" in text
        return
    value = "tekort_pct" if name == "bevoegdheden.tekort_per_vak" else "value"
    value = "bevoegd_pct" if name == "bevoegdheden.bevoegdheid_per_vak" else value
    # the largest number the chart draws is in the sentence, written the Dutch way (no '.' as decimal sign)
    top = frame[value].max()
    assert fmt_number(top, 0) in text or fmt_number(top, 1) in text, (name, top, text)
    assert not any(f"{int(top)}.{d}" in text for d in range(10)), text


def test_history_of_a_region_in_words():
    data = regionale_tekorten.regional_data("po")
    histories = [regionale_tekorten.profile(data, code).history for code in data.codes]
    shown = [h for h in histories if h is not None]
    assert shown, "no region with more than one measurement"
    first = shown[0].frame.sort_values("peildatum")
    assert shown[0].description.startswith(
        f"Van {fmt_pct(first['value'].iloc[0])} in {fmt_peildatum(first['peildatum'].iloc[0])}"
    )


def test_every_chart_and_map_a_page_warms_says_itself_in_words():
    """No list to keep: every chart and map view the pages' warm() builds (every tab, see test_warmup_pages) has its
    sentence, so a new chart without one fails here."""
    from dashboard.registry import PAGES
    from dashboard.views.base import MapView
    from dashboard.warmup import warm_page

    for page in PAGES:
        warm_page(page)
    built = [entry[0] for entry in list(cache._views.entries.values())]
    drawn = [v for v in built if isinstance(v, ChartView | MapView) and v.figure is not None]
    assert len(drawn) >= 20
    silent = [getattr(v, "key", None) or v.title for v in drawn if not v.description.endswith(".")]
    assert not silent, f"grafieken zonder 'In woorden': {silent}"
