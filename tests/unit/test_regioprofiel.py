"""The regioprofiel PDF: read back with pypdf, first page rendered to test-output/ for a human look."""

import io
import time

import pandas as pd
import pypdf
import pypdfium2 as pdfium
import pytest

from dashboard import metrics
from dashboard.data.model.geo import ATTRIBUTION, read_boundaries
from dashboard.data.model.paths import REPO_DIR
from dashboard.format import fmt_fte, fmt_pct
from dashboard.report.drawings import colour_classes
from dashboard.report.model import ComparisonRow, KeyFigure, RegionReport
from dashboard.report.pdf import regioprofiel_pdf
from dashboard.report.regioprofiel import region_report, source_rows

OUTPUT = REPO_DIR / "test-output"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _render_first_page(pdf: bytes, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page = pdfium.PdfDocument(pdf)[0]
    page.render(scale=1.6).to_pil().save(OUTPUT / name)


def _example(tables, onderwijsregio: str, sector: str) -> tuple[RegionReport, dict]:
    """A real regioprofiel from the shipped data: the region's shortage derived from its gemeenten."""
    indicators, regions = tables["indicators"], tables["regions"]
    regional = metrics.regional_shortage(indicators, sector)
    national = metrics.national_value(indicators, sector, regional["peildatum"].iloc[0])
    werk = metrics.werkgelegenheid_gemeente(indicators, sector, 2023)
    profile = metrics.onderwijsregio_profile(
        tables["onderwijsregio_gemeenten"], onderwijsregio, sector, regional, regions, werk, national
    )
    code = tables["onderwijsregios"].set_index("onderwijsregio").loc[onderwijsregio, "onderwijsregio_code"]
    leden = tables["onderwijsregio_leden"]
    members = leden[leden["onderwijsregio_code"] == code]
    used = [(regional["source_id"].iloc[0], regional["reliability"].iloc[0], "gemeten tekort per arbeidsmarktregio")]
    used += [(s, r, "welke gemeenten bij de regio horen") for s, r in zip(members["source_id"], members["reliability"])]
    report = region_report(
        profile,
        title=onderwijsregio,
        kind="onderwijsregio",
        gemeente_geojson=read_boundaries("gemeente"),
        sources=source_rows(tables["sources"], used),
        attribution=ATTRIBUTION,
    )
    return report, profile.summary


def test_voorloper_po_regioprofiel(tables):
    name = "Groningen, Friesland en Drenthe (po)"
    report, summary = _example(tables, name, "po")
    start = time.perf_counter()
    pdf = regioprofiel_pdf(report)
    print(f"\nregioprofiel '{name}': {len(pdf) / 1000:.0f} kB in {time.perf_counter() - start:.2f} s")
    text = _text(pdf)
    assert pdf.startswith(b"%PDF")
    assert "Groningen, Friesland en Drenthe (po)" in text
    assert fmt_pct(summary["value"]) in text and fmt_pct(summary["landelijk"]) in text
    assert "9,7%" in text  # the national po figure of okt 2023
    assert "Landelijke tekorten in fte leraren" in text  # the measurement's source title
    assert "27 voorlopers definitief" in text.replace("\n", " ")  # the membership's source title
    assert "onzeker" in text and "CBS/PDOK" in text and "okt 2023" in text
    _render_first_page(pdf, "regioprofiel_voorloper_po.png")


def test_onderwijsregio_2025_regioprofiel(tables):
    report, summary = _example(tables, "Bommel tot Dommel", "po")
    pdf = regioprofiel_pdf(report)
    text = _text(pdf)
    assert "Bommel tot Dommel" in text and fmt_pct(summary["laagste"]) in text and fmt_pct(summary["hoogste"]) in text
    assert "Noordoost-Brabant" in text and "ongewogen" in text
    _render_first_page(pdf, "regioprofiel_bommel_tot_dommel.png")


def test_hand_made_report_without_map_or_national():
    report = RegionReport(
        title="Eigen regio & co",
        kind="eigen regio",
        sector="vo",
        peildatum="okt 2023",
        geojson={"type": "FeatureCollection", "features": []},
        figures=(KeyFigure("Tekort", 1234.6, "fte"),),
        comparison=(ComparisonRow("Eigen regio & co", None, highlight=True),),
    )
    text = _text(regioprofiel_pdf(report))
    assert "Eigen regio & co" in text and "1.235 fte" in text and "Geen kaartgrenzen" in text


def test_colour_classes():
    assert colour_classes([6.8, 7.9, None, 6.8]) == [(6.8, 6.8), (7.9, 7.9)]
    classes = colour_classes([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert len(classes) == 5 and classes[0][0] == 1.0 and classes[-1][1] == pytest.approx(6.0)


def test_source_rows_keep_order_and_skip_unknown():
    sources = pd.DataFrame(
        {"source_id": ["A", "B"], "publisher": ["P", "Q"], "title": ["TA", "TB"], "year": ["2023", ""], "url": ""}
    )
    rows = source_rows(sources, [("B", "solid"), ("X", "solid"), ("A", "uncertain"), ("B", "uncertain")])
    assert [(r.title, r.reliability) for r in rows] == [("TB", "solid"), ("TA", "uncertain")]
    assert source_rows(sources, [("A", "solid", "kaart")])[0].used_for == "kaart"


def test_own_region_weighted_with_a_g5_gemeente(tables):
    """An 'eigen regio' around Amsterdam (own G5 measurement) weighted by a small werkgelegenheid table."""
    indicators, regions = tables["indicators"], tables["regions"]
    regional = metrics.regional_shortage(indicators, "po")
    national = metrics.national_value(indicators, "po", regional["peildatum"].iloc[0])
    werk = pd.DataFrame(
        {"gemeente_code": ["GM0363", "GM0362", "GM0384"], "fte": [6000.0, 800.0, 300.0], "year": 2023, "source_id": "T"}
    )
    profile = metrics.gemeenten_profile(["GM0363", "GM0362", "GM0384"], regional, regions, werk, "po", national)
    report = region_report(
        profile,
        title="Amstelland e.o.",
        kind="eigen regio",
        gemeente_geojson=read_boundaries("gemeente"),
        sources=source_rows(tables["sources"], [(regional["source_id"].iloc[0], "solid")]),
        attribution=ATTRIBUTION,
    )
    pdf = regioprofiel_pdf(report)
    text = _text(pdf)
    assert "Eigen regio" in text and "werkgelegenheid 2023" in text
    assert fmt_pct(profile.summary["value"]) in text and fmt_fte(profile.summary["tekort_fte"]) in text
    assert "Amsterdam" in text  # the G5 gemeente's own measurement is named in the spread
    _render_first_page(pdf, "regioprofiel_eigen_regio.png")


def test_arbeidsmarktregio_profile_pdf_holds_its_measured_figure(tables):
    from pypdf import PdfReader

    from dashboard.views import regionale_tekorten as views

    data = views.regional_data("vo")
    pdf = views.regioprofiel_pdf(data, views.profile(data, "AM09"), ["AM09", "AM20"])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Achterhoek" in text and "13,0%" in text and "5,8%" in text  # region and national, okt 2023
    assert "Midden-Holland" in text and "gemeten" in text and "CBS/PDOK" in text
