"""What only a browser shows: the maps have colour, a click selects a region or an onderwijsregio, the CSV and the
regioprofiel PDF arrive, deep links work."""

from __future__ import annotations

import csv
import io
import json
import time

import pandas as pd
from conftest import REPO, screenshot, wait_for_app
from PIL import Image
from playwright.sync_api import expect
from shapely.geometry import shape

from dashboard.metrics import regional_shortage

MAP = ".st-key-kaart"
DRAWN_MAP = "{0} .maplibregl-canvas, {0} path.choroplethlocation"  # either map type (dashboard.charts.maps)


def coloured_pixels(png: bytes) -> int:
    """Pixels with clear colour (the YlOrRd scale), not white/grey background or text."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.get_flattened_data() if hasattr(image, "get_flattened_data") else image.getdata()
    return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 40)


def wait_for_colour(locator, minimum: int = 5000, timeout_s: float = 30) -> int:
    """Poll a chart until it shows coloured pixels (drawing is asynchronous, after the script has finished)."""
    deadline = time.time() + timeout_s
    count = 0
    while time.time() < deadline:
        count = coloured_pixels(locator.screenshot())
        if count >= minimum:
            break
        time.sleep(0.5)
    return count


def map_point(pg, lon: float, lat: float, key: str = "kaart") -> tuple[float, float]:
    """Page coordinates of lon/lat on the map inside the plotly chart with widget key `key`: a MapLibre map
    (dashboard.charts.maps.SVG_MAPS False) or an SVG geo map, whose projection gives the chart's svg coordinates."""
    xy = pg.evaluate(
        """([lon, lat, key]) => {
            const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
            if (gd._fullLayout.map) {
                const p = gd._fullLayout.map._subplot.map.project([lon, lat]);
                const box = gd.querySelector('.maplibregl-canvas').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }
            const p = gd._fullLayout.geo._subplot.projection([lon, lat]);
            const box = gd.querySelector('svg.main-svg').getBoundingClientRect();
            return [box.left + p[0], box.top + p[1]];
        }""",
        [lon, lat, key],
    )
    return xy[0], xy[1]


def region_point(code: str) -> tuple[float, float]:
    with open(REPO / "data" / "geo" / "arbeidsmarktregio_2025_web.geojson", encoding="utf-8") as fh:
        feature = next(f for f in json.load(fh)["features"] if f["id"] == code)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def test_map_has_colour_and_no_request_leaves(server, page):
    page.goto(f"{server}/regionale-tekorten")
    wait_for_app(page)
    page.wait_for_selector(DRAWN_MAP.format(MAP), timeout=30_000)
    assert wait_for_colour(page.locator(MAP)) > 5000, "the map drew no coloured regions"
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    screenshot(page, "onderwijsregios_kaart")
    assert page.outside_requests == []


def test_click_on_region_opens_its_profile(server, page):
    page.goto(f"{server}/regionale-tekorten")
    wait_for_app(page)
    page.wait_for_selector(DRAWN_MAP.format(MAP), timeout=30_000)
    wait_for_colour(page.locator(MAP))
    x, y = map_point(page, *region_point("AM09"))  # Achterhoek
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Achterhoek").wait_for(timeout=20_000)
    wait_for_app(page)
    assert "regio=AM09" in page.url
    # the profile opens below the map: the click brings it into view (static/nl.js, widgets.scroll_mark)
    expect(page.get_by_role("heading", name="Achterhoek")).to_be_in_viewport(timeout=10_000)
    tekort = page.locator("[data-testid='stMetric']").filter(has_text="Tekort po")
    expect(tekort.first).to_contain_text("1,8%")  # Achterhoek po, okt 2023
    assert page.outside_requests == []


def test_csv_download_matches_the_map(server, page):
    page.goto(f"{server}/regionale-tekorten?sector=vo")
    wait_for_app(page)
    with page.expect_download() as info:
        page.locator(".st-key-dl_kaart a").click()
    content = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    expected = regional_shortage(pd.read_parquet(REPO / "data" / "indicators.parquet"), "vo")
    assert [r["Regiocode"] for r in rows] == list(expected["region_code"])
    # rounded as the page shows it (one decimal: 9,0%), no float tails
    assert [float(r["Tekort (%)"].replace(",", ".")) for r in rows] == list(expected["value"].round(1))
    assert info.value.suggested_filename == "tekort_vo_per_regio.csv"


def test_deep_link_as_first_request_to_fresh_server(fresh_server, page):
    page.goto(f"{fresh_server}/onderwijsregios?sector=vo&regio=AM09&vergelijk=AM09,AM20")
    wait_for_app(page)
    page.get_by_role("heading", name="Regionale tekorten").wait_for(timeout=20_000)  # an old link: redirected
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(1)  # shared sidebar, not the legacy router
    expect(page.get_by_role("radio", name="Voortgezet onderwijs (vo)")).to_be_checked()
    page.get_by_role("heading", name="Achterhoek").wait_for()
    assert "Lerarentekort vo per arbeidsmarktregio" in page.content()
    expect(page.locator(".st-key-vergelijk")).to_contain_text("Midden-Holland")
    expect(page.locator(".st-key-vergelijk")).to_contain_text("Achterhoek")
    assert "sector=vo" in page.url and "regio=AM09" in page.url
    assert page.outside_requests == []


def test_region_profile_by_keyboard_only(server, page):
    """The map has a keyboard alternative: the region list, reachable and usable without a mouse."""
    page.goto(f"{server}/regionale-tekorten")
    wait_for_app(page)
    box = page.locator(".st-key-regio input")
    box.focus()
    page.keyboard.type("Achterhoek")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("heading", name="Achterhoek").wait_for(timeout=20_000)
    assert "regio=AM09" in page.url


def test_click_on_overview_map_opens_region_profile(server, page):
    page.goto(f"{server}/?sector=vo&lijst_of_kaart=Kaart")
    wait_for_app(page)
    page.wait_for_selector(DRAWN_MAP.format(".st-key-kaart_klein"), timeout=30_000)
    page.locator(".st-key-kaart_klein").scroll_into_view_if_needed()
    wait_for_colour(page.locator(".st-key-kaart_klein"))
    x, y = map_point(page, *region_point("AM09"), key="kaart_klein")
    page.mouse.click(x, y)
    page.get_by_role("heading", name="Achterhoek").wait_for(timeout=20_000)
    assert "/regionale-tekorten" in page.url and "regio=AM09" in page.url and "sector=vo" in page.url
    assert page.outside_requests == []


def test_click_on_onderwijsregio_opens_its_profile_and_the_pdf_holds_its_figures(server, page):
    from pypdf import PdfReader

    page.set_viewport_size({"width": 1400, "height": 1600})
    page.goto(f"{server}/onderwijsregios?sector=vo")
    wait_for_app(page)
    key = "oregio_kaart"
    page.wait_for_selector(DRAWN_MAP.format(f".st-key-{key}"), timeout=30_000)
    wait_for_colour(page.locator(f".st-key-{key}"))
    x, y = map_point(page, *gemeente_point("GM0518"), key=key)  # 's-Gravenhage, in Haaglanden
    page.mouse.click(x, y)
    expect(page.locator(".st-key-oregio")).not_to_contain_text("Kies een onderwijsregio", timeout=20_000)
    expect(page.locator("[data-testid='stMetric']").filter(has_text="Tekort vo (afgeleid)").first).to_be_visible()
    wait_for_app(page)
    assert "oregio=OR-" in page.url
    metrics = page.locator("[data-testid='stMetric']").all_inner_texts()
    headline = next(m for m in metrics if "Tekort vo (afgeleid)" in m)
    with page.expect_download() as info:
        page.locator(".st-key-pdf_onderwijsregio a").click()
    assert info.value.suggested_filename.endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(info.value.path()).pages)
    value = headline.split("\n")[1].strip()  # e.g. "6,2%"
    assert value in text and "Bron" in text
    screenshot(page, "onderwijsregio_profiel")
    assert page.outside_requests == []


def gemeente_point(code: str) -> tuple[float, float]:
    with open(REPO / "data" / "geo" / "gemeente_2025_web.geojson", encoding="utf-8") as fh:
        feature = next(f for f in json.load(fh)["features"] if f["id"] == code)
    point = shape(feature["geometry"]).representative_point()
    return point.x, point.y


def test_membership_map_draws_offline(server, page):
    """The gemeente map of one onderwijsregio (all 342 gemeenten, the largest figure) draws, with no request out."""
    page.goto(f"{server}/onderwijsregios?oregio=OR-amsterdamse-onderwijsregio")
    wait_for_app(page)
    page.wait_for_selector(DRAWN_MAP.format(".st-key-leden_kaart_onderwijsregio"), timeout=30_000)
    # one onderwijsregio is small on a map of the whole country (MapLibre at zoom 5,6: ~240 pixels)
    assert wait_for_colour(page.locator(".st-key-leden_kaart_onderwijsregio"), minimum=100) >= 100
    assert page.outside_requests == []


def test_voorlopers_are_added_to_the_own_region_in_vo_and_po_offers_no_dead_end(server, page):
    """From a coordinator's own region: the voorlopers button keeps it and adds the voorlopers (vo); in po, with one
    voorloper with a figure, one click compares it with the own region (issue 28)."""
    for sector, expected in (("vo", 4), ("po", 2)):
        page.goto(f"{server}/onderwijsregios?sector={sector}&oregio=OR-haaglanden")
        wait_for_app(page)
        button = page.locator(".st-key-_overgelijk_snel button")
        expect(button).to_be_visible(timeout=30_000)
        button.click()
        page.wait_for_function(
            "n => { const v = new URL(location.href).searchParams.get('overgelijk') || '';"
            " return v.startsWith('OR-haaglanden') && v.split(',').length === n; }",
            arg=expected,
            timeout=30_000,
        )
        wait_for_app(page)
        expect(page.locator(".st-key-overgelijk")).to_contain_text("Haaglanden")
        expect(page.get_by_text("Kies ten minste twee")).to_have_count(0)
