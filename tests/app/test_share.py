"""Under every chart and map: its image (PNG, SVG) and the embed code; an own region's PDF is named after it; the
regional map and a region's profile open their figures in Tabel maken."""

from __future__ import annotations

from tests.app.helpers import downloads, open_page, texts


def _files(at) -> list[str]:
    return [href.split("?", 1)[0].removeprefix("/download/") for _, href in downloads(at)]


def test_every_chart_and_map_offers_png_and_svg_and_the_embed_code():
    at = open_page("regionale_tekorten", sector="vo")
    files = _files(at)
    assert {"tekort_vo_per_regio.png", "tekort_vo_per_regio.svg"} <= set(files), files
    csvs = [f for f in files if f.endswith(".csv") and not f.startswith(("gemeenten_", "dataset"))]
    for name in csvs:  # every chart with a CSV also has its images
        stem = name.removesuffix(".csv")
        assert f"{stem}.png" in files and f"{stem}.svg" in files, stem
    assert any(e.label == "Insluiten" for e in at.expander)


def test_the_map_and_a_profile_open_in_tabel_maken():
    at = open_page("regionale_tekorten", sector="vo", regio="AM09")
    shown = texts(at)
    assert "[Open in Tabel maken](/tabel?indicator=tekort_pct&sector=vo&gebied=arbeidsmarktregio&peildatum=" in shown
    assert "[Open in Tabel maken](/tabel?indicator=tekort_pct&sector=vo&gebied=arbeidsmarktregio&regio=AM09)" in shown


def test_an_own_regions_pdf_is_named_after_it():
    at = open_page("onderwijsregios", eigen="GM0363,GM0384", eigen_naam="Amstel & Meer", onderdeel="Eigen regio")
    assert "regioprofiel_amstel_meer_po.pdf" in _files(at)
