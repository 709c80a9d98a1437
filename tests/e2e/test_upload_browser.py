"""Uploading own figures in the browser: hostile files get a Dutch message, a good one is shown in that
session only, marked as eigen data."""

from __future__ import annotations

from conftest import wait_for_app
from openpyxl import Workbook
from playwright.sync_api import expect

from dashboard.data.contract import SCHEMAS

COLUMNS = SCHEMAS["indicators"].column_names
HEADER = ";".join(COLUMNS)
GOOD = "eigen_meting_test;po;;gemeente;GM0014;Groningen;;2024-10-01;2024;4,5;%;meting;secondary;CD_2023;test"


def _upload(page, path) -> None:
    page.locator(".st-key-eigen_upload input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
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
    assert other.get_by_text("Eigen data actief").count() == 0
    other.context.close()

    page.locator(".st-key-eigen_verwijderen button").click()
    wait_for_app(page)
    assert page.get_by_text("Eigen data actief").count() == 0
    assert page.outside_requests == []
