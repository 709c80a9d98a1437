"""No English that a visitor sees or a screen reader announces (issue 30), on every page, every tab, with every
expander open, a table's toolbar shown, a picker opened, and on an unknown path.

Streamlit has no translation setting; static/nl.js (put in its index.html by dashboard/web/lang.py) replaces its
English words and hides its icon names. This test reads what a visitor gets: the page's text (innerText), its
accessibility tree (Playwright's ARIA snapshot: roles and accessible names) and the attributes a screen reader reads
(aria-label, title, placeholder). A Streamlit upgrade that brings a new English string makes it fail.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest
from conftest import screenshot, wait_for_app
from playwright.sync_api import Page

from dashboard.registry import PAGES

ENGLISH = re.compile(
    r"\b(Select all|Skip to main content|Show/hide columns|Download as|Search|Fullscreen|fullscreen|"
    r"Choose an? (option|date)|Choose options|Clear (all|value|selection|entry)|Remove\b|Page not found|"
    r"does not seem to exist|Running\.\.\.|(Collapse|Expand|Open|Close) sidebar|Increment|Decrement|No results|"
    r"Copy to clipboard|Main menu|Browse files|Drag and drop|Limit \d|Download plot|Autoscale|Reset axes|"
    r"Produced with|Help for|Link to heading|Press Enter|Sort (ascending|descending)|Pin column|Hide column|"
    r"Select\.\.\.|Selected values|App pages|Navigate to|Stop script|Connecting|Please wait|"
    r"keyboard_\w+|expand_(more|less)|chevron_\w+|arrow_(up|down|left|right|drop)\w*|upload_file|group_add|link_off|"
    r"check_circle)"
)
ATTRIBUTES = """() => [...document.querySelectorAll('[aria-label],[title],[placeholder],[aria-placeholder]')]
  .flatMap(el => ['aria-label', 'title', 'placeholder', 'aria-placeholder'].map(a => el.getAttribute(a)))
  .filter(Boolean).join('\\n')"""
STATES = [p.url_path for p in PAGES] + [
    "regionale-tekorten?sector=vo&regio=AM09&vergelijk=AM09,AM20",
    "onderwijsregios?sector=vo&oregio=OR-haaglanden&overgelijk=OR-haaglanden,OR-zwolle-en-omgeving",
    "onderwijsregios?sector=vo&eigen=GM0362,GM0437&eigen_naam=Amstel",
    "bevoegdheden?sector=vo&vakken=Wiskunde,Duits",
    "behoud?calc_regio=XXX",
]


def english(page: Page) -> list[str]:
    """The English UI words in what the page shows and announces now."""
    text = page.inner_text("body") + "\n" + page.locator("body").aria_snapshot() + "\n" + page.evaluate(ATTRIBUTES)
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


def show_what_hides(page: Page) -> None:
    """Open every expander, hover a table (its toolbar appears) and open a picker (its list appears)."""
    for _ in range(20):
        closed = page.locator("[data-testid='stExpander'] details:not([open]) > summary")
        if closed.count() == 0:
            break
        closed.first.click()
        wait_for_app(page)
    tables = page.locator("[data-testid='stDataFrame']")
    if tables.count():
        tables.first.scroll_into_view_if_needed()
        tables.first.hover()
        page.locator("[data-testid='stElementToolbar']").first.wait_for(state="attached", timeout=10_000)


def test_the_pattern_finds_what_it_should():
    assert ENGLISH.search("Select all") and ENGLISH.search("keyboard_arrow_right") and ENGLISH.search("Remove Duits")
    assert not ENGLISH.search("Zoeken, Alles kiezen, Volledig scherm, Duits verwijderen, Naar de inhoud")


@pytest.mark.parametrize("state", STATES)
def test_every_page_and_tab_is_dutch(server, page, state):
    page.goto(f"{server}/{state}")
    wait_for_app(page)
    tabs = page.get_by_role("tab").all_inner_texts()
    for tab in tabs or [None]:
        if tab is not None:
            glue = "&" if "?" in state else "?"
            page.goto(f"{server}/{state}{glue}onderdeel={quote_plus(tab)}")
            wait_for_app(page)
        show_what_hides(page)
        assert english(page) == [], (state, tab, english(page))


def test_a_picker_opened_is_dutch(server, page):
    page.goto(f"{server}/bevoegdheden?vakken=Wiskunde,Duits")
    wait_for_app(page)
    picker = page.locator("[data-testid='stMultiSelect']").first
    picker.locator("input").click()
    page.get_by_role("listbox").wait_for(timeout=10_000)
    assert english(page) == [], english(page)
    assert page.get_by_text("Alles kiezen").count() or page.get_by_role("option").count()


def test_an_unknown_path_gets_a_dutch_page_with_the_pages(server, page):
    response = page.goto(f"{server}/bestaat-niet?sector=vo")
    assert response is not None and response.status == 404
    page.get_by_role("heading", name="Pagina niet gevonden").wait_for(timeout=10_000)
    assert page.locator("html").get_attribute("lang") == "nl"
    for spec in PAGES:
        link = page.get_by_role("link", name=spec.title, exact=True)
        assert link.get_attribute("href") == f"/{spec.url_path}?sector=vo"
    assert "bestaat-niet" in page.inner_text("main")
    assert english(page) == []
    screenshot(page, "onbekende-pagina")


def test_a_page_load_asks_nothing_that_is_not_there(server, page):
    """No /<page>/_stcore/health or host-config 404 while the frontend looks for the server (static/nl.js)."""
    failed: list[tuple[int, str]] = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.goto(f"{server}/onderwijsregios")
    wait_for_app(page)
    page.get_by_role("heading", name="Onderwijsregio's", exact=True).wait_for(timeout=10_000)
    assert failed == [], failed
