"""Reflow (WCAG 1.4.10) and zoom (1.4.4): every page 320 CSS pixels wide, and at 200% zoom of a 1280-pixel window
(640 CSS pixels at device scale 2), without horizontal scrolling of the page and without text cut off or pushed
out of view; at desktop width no text is cut off either (no label ending in '…'). Data tables may scroll
sideways inside themselves (the criterion's own exception). A screenshot of each goes to test-output/
(reflow-320-<page>.png, zoom-200-<page>.png, desktop-<page>.png) to look at."""

from __future__ import annotations

import pytest
from conftest import screenshot, wait_for_drawn
from playwright.sync_api import Browser, expect

from dashboard.registry import PAGES

CHART = "[data-testid='stPlotlyChart']"

# Sideways scrolling of the page: the document, Streamlit's app and its scrolling main area.
PAGE_SCROLLS = """() => [document.documentElement, document.body, ...document.querySelectorAll(
        "[data-testid='stApp'], [data-testid='stMain'], [data-testid='stAppViewContainer'], .stMain, "
        + "[data-testid='stMainBlockContainer']")]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName}.${e.className.toString().slice(0, 40)} ${e.scrollWidth} > ${e.clientWidth}`)"""

# Text that does not fit: an element with its own text whose box lies outside the window or is clipped by an
# ancestor that hides overflow; text inside a sideways-scrolling region (a data table) is reachable and allowed.
CUT_TEXT = """() => {
    const width = window.innerWidth, out = [];
    const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth + 1
            && a !== document.documentElement && a !== document.body
            && !a.matches("[data-testid='stMain'], .stMain, [data-testid='stAppViewContainer']")) return true; }
        return false; };
    const clippedBy = (e, r) => { for (let a = e.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'hidden' || s.overflowX === 'clip') {
            const b = a.getBoundingClientRect();
            if (r.right > b.right + 2 || r.left < b.left - 2) return a; } }
        return null; };
    for (const e of document.querySelectorAll("[data-testid='stApp'] *")) {
        // a text field's value is cut off when it is wider than the field (a selectbox shows its choice in one)
        if (e.tagName === 'INPUT' && e.value && e.type !== 'radio' && e.type !== 'checkbox'
            && e.scrollWidth > e.clientWidth + 1 && !e.closest("[data-testid='stSidebar']")) {
            out.push(`INPUT "${e.value.slice(0, 50)}" wider than its field`);
            continue;
        }
        const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || e.closest("[data-testid='stSidebar'], .js-plotly-plot .hoverlayer, [aria-hidden='true']")) continue;
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        // a skip link waits off-screen (1 pixel) until it gets focus
        if (r.width <= 1 || r.height <= 1 || s.visibility === 'hidden' || scrolls(e)) continue;
        const clip = clippedBy(e, r);
        // the text does not fit its own box (or that of the box around it) and that box hides the rest ('…')
        const hides = [e, e.parentElement].some(b => b && b.scrollWidth > b.clientWidth + 1
            && ['hidden', 'clip'].includes(getComputedStyle(b).overflowX));
        if (r.right > width + 1 || r.left < -1 || clip || hides)
            out.push(`${e.tagName} "${e.textContent.trim().slice(0, 50)}" ${Math.round(r.left)}-${Math.round(r.right)}`
                     + (clip ? ` clipped by ${clip.tagName}.${clip.className.toString().slice(0, 30)}` : ''));
    }
    return out; }"""

SIZES = {
    "reflow-320": {"viewport": {"width": 320, "height": 2400}, "device_scale_factor": 1},
    "zoom-200": {"viewport": {"width": 640, "height": 1600}, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1200, "height": 1600}, "device_scale_factor": 1},  # no '…' here either
}


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", [p.url_path for p in PAGES])
def test_page_reflows_without_sideways_scrolling_or_cut_text(server, browser: Browser, path, size):
    context = browser.new_context(**SIZES[size], locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{server}/{path}?sector=vo")
        wait_for_drawn(page)  # charts draw after the script has finished: waited for, each one
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        screenshot(page, f"{size}-{path or 'overzicht'}")
        assert page.evaluate(PAGE_SCROLLS) == []
        assert page.evaluate(CUT_TEXT) == []
    finally:
        context.close()
