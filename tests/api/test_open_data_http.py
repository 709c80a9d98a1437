"""The data package, licences and releases over HTTP against the served app."""

from __future__ import annotations

import io
import json
import zipfile

import feedparser
import frictionless

from tests.api.test_api_http import get, read_csv


def test_served_data_package_is_valid_with_its_served_files(server):
    """datapackage.json names its files relative to itself, so a tool reads them from /api/v1/data/."""
    status, headers, body = get(f"{server.url}/api/v1/datapackage.json")
    package = json.loads(body)
    assert status == 200 and package["version"] == headers["X-Dataset-Version"]
    report = frictionless.validate(f"{server.url}/api/v1/datapackage.json")
    assert report.valid, [e.message[:200] for task in report.tasks for e in task.errors][:5]


def test_zip_holds_the_same_package_and_files(server):
    status, headers, body = get(f"{server.url}/api/v1/dataset.zip")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    _, _, served = get(f"{server.url}/api/v1/datapackage.json")
    assert json.loads(archive.read("datapackage.json")) == json.loads(served)
    for resource in json.loads(served)["resources"]:
        _, _, csv = get(f"{server.url}/api/v1/{resource['path']}")
        assert archive.read(resource["path"]) == csv


def test_unknown_data_file_is_a_dutch_404(server):
    status, _, body = get(f"{server.url}/api/v1/data/geheim.csv")
    error = json.loads(body)
    assert status == 404 and "indicatoren.csv" in error["toegestaan"] and error["fout"].startswith("Onbekend")


def test_sources_say_licence_and_whether_rows_may_be_redistributed(server):
    _, _, body = get(f"{server.url}/api/v1/sources?format=json&source_id=NRC_2021&source_id=OCW_PO_REG_2023")
    sources = {s["source_id"]: s for s in json.loads(body)["bronnen"]}
    # a news figure with its link is a fact, re-usable; the article's text is not taken over
    news = sources["NRC_2021"]
    assert news["herverdeelbaar"] == "ja" and news["licence"] == "feit overgenomen; tekst (c) uitgever"
    assert news["licence_url"].startswith("https://")
    assert sources["OCW_PO_REG_2023"]["herverdeelbaar"] == "ja"
    _, _, csv = get(f"{server.url}/api/v1/sources")
    assert {"licence", "herverdeelbaar"} <= set(read_csv(csv).columns)
    _, _, body = get(f"{server.url}/api/v1/indicators?format=json&indicator=tekort_pct&geo_level=land")
    assert all("herverdeelbaar" in s for s in json.loads(body)["bronnen"])


def test_releases_as_json_newest_first_and_as_atom(server):
    status, headers, body = get(f"{server.url}/api/v1/releases")
    data = json.loads(body)
    times = [r["tijd"] for r in data["releases"]]
    assert status == 200 and data["aantal"] == len(times) >= 1 and times == sorted(times, reverse=True)
    status, headers, body = get(f"{server.url}/api/v1/releases.atom")
    feed = feedparser.parse(body)
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    assert not feed.bozo and len(feed.entries) == data["aantal"]
    assert feed.feed.links[0].href == f"{server.url}/api/v1/releases.atom"
