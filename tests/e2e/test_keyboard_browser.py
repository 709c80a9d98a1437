"""Keyboard only: the main tasks done with keys alone (no mouse, no clicks), focus visible at every stop, no
keyboard trap, the page language Dutch from the first byte, and the link still describes the view afterwards.

Every task starts from a fresh page and reaches its widget with Tab only, the way a keyboard user does."""

from __future__ import annotations

import csv
import io
import time
import urllib.request
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import wait_for_app, wait_for_drawn
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from dashboard.registry import PAGES

FOCUSED = """() => { const e = document.activeElement;
    const key = e.closest('[class*="st-key-"]')?.className.match(/st-key-(\\S+)/)?.[1] || '';
    // a data grid focuses a hidden cell of its accessible table and draws the focus on its canvas
    const shown = e.getBoundingClientRect().width ? e : (e.closest("[data-testid='stDataFrame']") || e);
    const r = shown.getBoundingClientRect();
    return {tag: e.tagName, role: e.getAttribute('role') || '', key,
            name: (e.getAttribute('aria-label') || e.innerText || '').trim().slice(0, 80),
            x: r.x, y: r.y, w: r.width, h: r.height}; }"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def focus_on(page: Page, field: str, value: str, timeout: float = 15.0) -> None:
    """Wait until the focused element's `field` is `value` (a rerun can redraw the focused widget: on a busy
    machine the focus is on the page for a moment); fail with where the focus is when it does not get there."""
    deadline = time.monotonic() + timeout
    while (now := focused(page))[field] != value:
        assert time.monotonic() < deadline, f"focus not on {field}={value!r} within {timeout:.0f} s: {now}"
        page.wait_for_timeout(100)


def tab_until(page: Page, wanted, limit: int = 80, backwards: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element satisfies `wanted`; fail after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"not reached with {limit} presses of Tab; last focus: {focused(page)}")


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def warmed(server: str, timeout_s: float = 120) -> None:
    """Wait until the server has warmed every page (GET /warmup 200): while it warms, a page may be drawn twice and
    the second drawing takes the focus away from where the keyboard left it."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{server}/warmup", timeout=5).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("the server did not finish warming up")


def focus_shows(page: Page) -> bool:
    """Whether the focused element looks different from itself unfocused: a screenshot of its surroundings with
    focus, then without (blur), then focus is put back (it stays :focus-visible, as after a keypress)."""
    box = focused(page)
    viewport = page.viewport_size
    x0, y0 = max(box["x"] - 8, 0), max(box["y"] - 8, 0)
    x1 = min(box["x"] + box["w"] + 8, viewport["width"])
    y1 = min(box["y"] + box["h"] + 8, viewport["height"])
    if x1 - x0 < 2 or y1 - y0 < 2:
        return False
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    with_focus = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => { window.__kbd = document.activeElement; window.__kbd.blur(); }")
    without = page.screenshot(clip=clip, animations="disabled")
    page.evaluate("() => window.__kbd.focus()")
    diff = ImageChops.difference(
        Image.open(io.BytesIO(with_focus)).convert("RGB"), Image.open(io.BytesIO(without)).convert("RGB")
    )
    return diff.getbbox() is not None


def test_page_language_is_dutch_on_a_deep_link_to_a_fresh_server(fresh_server, page):
    url = f"{fresh_server}/onderwijsregios?sector=vo&onderdeel=Eigen+regio"
    raw = urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "identity"})).read()
    assert b'<html lang="nl">' in raw  # before any script runs
    page.goto(url)
    assert page.evaluate("document.documentElement.lang") == "nl"  # at the first paint
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "nl"  # and after the app has run
    expect(page.get_by_role("heading", name="Eigen regio")).to_be_visible()


@pytest.mark.parametrize("path", [p.url_path for p in PAGES])
def test_every_stop_shows_focus_and_tab_goes_round(server, page, path):
    """Tab from the top through the whole page and back to the top: every stop visibly focused, no trap, no stop
    named in English by a help icon or heading anchor."""
    warmed(server)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{server}/{path}?sector=vo")
    wait_for_drawn(page)  # every chart drawn: the tab stops are all there before the round starts
    stops: list[dict] = []
    for _ in range(150):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] == "BODY":
            continue  # the browser passes over the page's end once
        if stops and (now["name"], now["key"], now["tag"]) == (stops[0]["name"], stops[0]["key"], stops[0]["tag"]):
            break  # round: back at the first stop
        assert focus_shows(page), f"focus not visible on {now}"
        stops.append(now)
        assert len(stops) < 140, "Tab never returns to the top: a keyboard trap"
    else:
        raise AssertionError(f"Tab never came back to the first stop after {len(stops)} stops")
    names = [s["name"] for s in stops]
    assert "Link to heading" not in names and not any(n.startswith("Help for") for n in names), names
    assert any(s["key"] == "sector" for s in stops), names
    assert any(n.endswith("Toegankelijkheidsverklaring") for n in names), names


def test_choose_the_sector_by_keyboard(server, page):
    warmed(server)
    page.goto(f"{server}/regionale-tekorten?sector=vo")
    wait_for_app(page)
    tab_until(page, lambda f: f["key"] == "sector" and f["tag"] == "INPUT")
    page.keyboard.press("ArrowDown")  # vo -> mbo
    wait_for_app(page)
    expect(page.get_by_role("radio", name="Middelbaar beroepsonderwijs (mbo)")).to_be_checked()
    assert query(page)["sector"] == ["mbo"]
    expect(page.get_by_text("Voor middelbaar beroepsonderwijs (mbo) zijn geen regionale tekortcijfers")).to_be_visible()
    focus_on(page, "key", "sector")  # focus stays where the user is
    page.reload()  # the link keeps the keyboard's choice
    wait_for_app(page)
    expect(page.get_by_role("radio", name="Middelbaar beroepsonderwijs (mbo)")).to_be_checked()


def test_open_a_regions_profile_from_the_list_by_keyboard(server, page):
    warmed(server)
    page.goto(f"{server}/regionale-tekorten?sector=vo")
    wait_for_app(page)
    tab_until(page, lambda f: f["key"] == "regio" and f["role"] == "combobox")
    page.keyboard.type("Achterhoek")
    page.keyboard.press("Enter")
    wait_for_app(page)
    assert query(page)["regio"] == ["AM09"]
    expect(page.get_by_role("heading", name="Achterhoek", exact=True)).to_be_visible()
    shared = page.url
    page.goto(shared)  # the deep link opens the same profile
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Achterhoek", exact=True)).to_be_visible()


def test_switch_a_tab_by_keyboard(server, page):
    warmed(server)
    page.goto(f"{server}/opleiden?sector=vo")
    wait_for_app(page)
    first = tab_until(page, lambda f: f["role"] == "tab")
    assert first["name"] == "Instroom"
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    focus_on(page, "name", "Pabo-eerstejaars")
    expect(page.get_by_role("heading", name="Pabo: eerstejaars volgens andere tellingen", exact=False)).to_be_visible()
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    focus_on(page, "name", "Diploma's per vak")
    assert query(page)["onderdeel"] == ["Diploma's per vak"]
    expect(page.get_by_role("heading", name="Diploma's hbo tweedegraads per tekortvak", exact=False)).to_be_visible()
    # onward from the tab into its content: the first control of the open tab is next
    nxt = tab_until(page, lambda f: f["key"] == "vakken" and f["role"] == "combobox", limit=10)
    assert nxt["key"] == "vakken"
    page.goto(page.url)  # the link opens the tab the keyboard chose
    wait_for_app(page)
    expect(page.get_by_role("tab", name="Diploma's per vak")).to_have_attribute("aria-selected", "true")


def test_the_focus_comes_back_when_a_rerun_takes_it_away(server, page):
    """On a busy server a rerun disables the open tab for a moment (it loses its tabindex: Chrome moves the focus to
    the page's top) or replaces it; static/nl.js puts the focus back on it, or on its successor. Focus that a script
    takes away on purpose (blur) stays away."""
    warmed(server)
    page.goto(f"{server}/opleiden?sector=vo")
    wait_for_app(page)
    assert tab_until(page, lambda f: f["role"] == "tab")["name"] == "Instroom"
    page.evaluate("() => document.activeElement.removeAttribute('tabindex')")  # what the rerun does
    assert focused(page)["tag"] == "BODY"
    page.evaluate("() => document.querySelector('[role=tab][aria-selected=true]').setAttribute('tabindex', '0')")
    focus_on(page, "name", "Instroom")
    # a key press just before it, on a page too busy to run its timers in between (a timer-cleared marker failed)
    page.evaluate("""() => { document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Tab', bubbles: true}));
        document.activeElement.removeAttribute('tabindex'); }""")
    assert focused(page)["tag"] == "BODY"
    page.evaluate("() => document.querySelector('[role=tab][aria-selected=true]').setAttribute('tabindex', '0')")
    focus_on(page, "name", "Instroom")
    page.evaluate("""() => { const tab = document.activeElement, copy = tab.cloneNode(true);
        tab.replaceWith(copy); window.__copy = copy; }""")  # replaced by a new node
    focus_on(page, "name", "Instroom")
    assert page.evaluate("() => document.activeElement === window.__copy")
    page.evaluate("() => document.activeElement.blur()")
    page.evaluate("() => window.__copy.setAttribute('tabindex', '0')")  # a later change does not pull it back
    page.wait_for_timeout(500)
    assert focused(page)["tag"] == "BODY"


def test_download_the_csv_by_keyboard(server, page):
    warmed(server)
    page.goto(f"{server}/regionale-tekorten?sector=vo")
    wait_for_app(page)
    link = tab_until(page, lambda f: f["key"] == "dl_kaart" and f["tag"] == "A")
    assert "Download CSV" in link["name"]
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(open(info.value.path(), encoding="utf-8-sig"), delimiter=";"))
    assert len(rows) > 30 and info.value.suggested_filename == "tekort_vo_per_regio.csv"
    # the expander with the same table opens by keyboard too
    page.keyboard.press("Shift+Tab")
    focus_on(page, "key", "open_dl_kaart")
    page.keyboard.press("Enter")
    wait_for_app(page)
    expect(page.locator(".st-key-open_dl_kaart [data-testid='stTable']")).to_be_visible()


def test_make_an_own_region_by_keyboard(server, page):
    warmed(server)
    page.goto(f"{server}/onderwijsregios?sector=vo")
    wait_for_app(page)
    tab_until(page, lambda f: f["role"] == "tab" and f["name"] == "Vergelijken", limit=120)
    page.keyboard.press("ArrowRight")  # -> Eigen regio
    wait_for_app(page)
    assert query(page)["onderdeel"] == ["Eigen regio"]
    tab_until(page, lambda f: f["key"] == "eigen_naam" and f["tag"] == "INPUT", limit=20)
    page.keyboard.type("Amstel")
    tab_until(page, lambda f: f["key"] == "eigen" and f["role"] == "combobox", limit=5)  # Tab commits the name
    wait_for_app(page)
    for gemeente in ("Amstelveen", "Ouder-Amstel"):
        page.keyboard.type(gemeente)
        page.keyboard.press("Enter")
        wait_for_app(page)
    page.keyboard.press("Escape")  # close the list; focus stays in the field
    wait_for_app(page)
    params = query(page)
    assert params["eigen_naam"] == ["Amstel"]
    assert sorted(params["eigen"][0].split(",")) == ["GM0362", "GM0437"]
    expect(page.get_by_role("heading", name="Amstel", exact=True)).to_be_visible()
    # the profile's downloads are reachable onward by Tab, and the shared link rebuilds the region
    tab_until(page, lambda f: f["key"] == "dl_eigen_def" and f["tag"] == "A", limit=60)
    page.goto(page.url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Amstel", exact=True)).to_be_visible()
