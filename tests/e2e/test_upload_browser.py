"""Uploading own figures in the browser: hostile files get a Dutch message, a good one is shown in that
session only, marked as eigen data."""

from __future__ import annotations

from conftest import wait_for_app
from openpyxl import Workbook
from playwright.sync_api import expect

from dashboard.data.model.contract import SCHEMAS

COLUMNS = SCHEMAS["indicators"].column_names
HEADER = ";".join(COLUMNS)
GOOD = "eigen_meting_test;po;;gemeente;GM0014;Groningen;;2024-10-01;2024;4,5;%;meting;secondary;CD_2023;test"


def _upload(page, path) -> None:
    page.locator(".st-key-eigen_upload input[type='file']").set_input_files(str(path))
    expect(page.locator(".st-key-eigen_upload")).to_contain_text(path.name)  # the chip: the upload is taken in
    wait_for_app(page)


def test_hostile_uploads_are_refused_and_good_upload_stays_in_the_session(server, page, browser, tmp_path):
    page.goto(f"{server}/data")
    wait_for_app(page)
    kwaad = tmp_path / "kwaad.csv"
    kwaad.write_text(f"{HEADER}\n{GOOD.replace(';test', ';=cmd|calc')}\n", encoding="utf-8")
    _upload(page, kwaad)
    expect(page.get_by_text("Bestand geweigerd")).to_be_visible()
    expect(page.get_by_text("formule", exact=False).first).to_be_visible()

    book = Workbook()
    book.active.append(COLUMNS)
    book.active.append([*GOOD.split(";")[:-1], "=1+1"])
    formula = tmp_path / "formule.xlsx"
    book.save(formula)
    _upload(page, formula)
    expect(page.get_by_text("cel O2 (kolom 'note'): de cel bevat een formule")).to_be_visible()

    goed = tmp_path / "goed.csv"
    goed.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    _upload(page, goed)
    expect(page.get_by_text("1 rijen uit goed.csv geladen.")).to_be_visible()
    expect(page.get_by_text("Eigen data actief")).to_be_visible()

    other = browser.new_context().new_page()  # another user of the same server does not see it
    other.goto(f"{server}/data")
    wait_for_app(other)
    expect(other.get_by_role("heading", name="Data & verantwoording").first).to_be_visible()
    expect(other.get_by_text("Eigen data actief")).to_have_count(0)
    other.context.close()

    page.locator(".st-key-eigen_verwijderen button").click()
    wait_for_app(page)
    expect(page.get_by_text("Eigen data actief")).to_have_count(0)
    assert page.outside_requests == []


def test_file_above_the_limit_is_refused_in_the_browser_in_dutch(server, page, tmp_path):
    """Streamlit refuses it before sending (English text, in a tooltip and a hidden alert): the chip shows the
    Dutch explanation instead, no English is visible, and the file can be removed."""
    page.goto(f"{server}/data")
    wait_for_app(page)
    groot = tmp_path / "groot.csv"
    groot.write_bytes(f"{HEADER}\n".encode() + f"{GOOD}\n".encode() * (6_000_000 // len(GOOD)))
    page.locator(".st-key-eigen_upload input[type='file']").set_input_files(str(groot))
    chip = page.locator(".st-key-eigen_upload [data-testid='stFileChip'][aria-invalid='true']")
    expect(chip).to_have_count(1)
    shown = chip.locator("span[role='alert']").evaluate(  # CSS text: not in the DOM, read the computed style
        "e => [getComputedStyle(e, '::after').content, getComputedStyle(e, '::after').visibility,"
        " getComputedStyle(e).visibility, e.getBoundingClientRect().height]"
    )
    assert shown[0].startswith('"Dit bestand is groter dan 5 MB en is daarom niet verstuurd')
    assert shown[1:3] == ["visible", "hidden"] and shown[3] > 10  # Dutch line shown, English text hidden
    chip.hover(force=True)
    page.get_by_role("button", name="groot.csv verwijderen").hover()
    # Streamlit opens its English error tooltip after a delay: wait until it is in the page, then it must be hidden
    tooltip = page.locator("[data-testid='stTooltipErrorContent']")
    tooltip.wait_for(state="attached", timeout=15_000)
    expect(tooltip).to_be_hidden()
    assert not any(english.is_visible() for english in page.get_by_text("or smaller").all())
    assert page.get_by_text("Bestand geweigerd").count() == 0  # never reached the server
    page.get_by_role("button", name="groot.csv verwijderen").click()
    expect(chip).to_have_count(0)
    assert page.outside_requests == []
