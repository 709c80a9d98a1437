"""Uploading own figures in the browser: a hostile file gets a Dutch message, a good one is added."""

from __future__ import annotations

from conftest import wait_for_app
from playwright.sync_api import expect

from dashboard.data.contract import SCHEMAS

HEADER = ";".join(SCHEMAS["indicators"].column_names)
GOOD = "eigen_meting_test;po;;gemeente;GM0014;Groningen;;2024-10-01;2024;4,5;%;meting;secondary;CD_2023;test"


def _upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.locator(".st-key-eigen_upload input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    wait_for_app(page)


def test_hostile_upload_is_refused_and_good_upload_added(server, page, tmp_path):
    page.goto(f"{server}/data")
    wait_for_app(page)
    _upload(page, tmp_path, "kwaad.csv", f"{HEADER}\n{GOOD.replace(';test', ';=cmd|calc')}\n")
    expect(page.get_by_text("Bestand geweigerd")).to_be_visible()
    expect(page.get_by_text("formule", exact=False).first).to_be_visible()
    assert page.get_by_text("eigen cijfers op deze server").count() == 0

    _upload(page, tmp_path, "goed.csv", f"{HEADER}\n{GOOD}\n")
    expect(page.get_by_text("1 rijen toegevoegd.")).to_be_visible()
    expect(page.get_by_text("Er staan nu 1 eigen cijfers op deze server.")).to_be_visible()
    page.locator(".st-key-eigen_verwijderen button").click()
    wait_for_app(page)
    assert page.get_by_text("eigen cijfers op deze server").count() == 0
    assert page.outside_requests == []
