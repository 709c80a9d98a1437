"""The open data API over HTTP against a served app: every endpoint, every format, bad input, headers."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from email.message import Message

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.data.publish.query import latest_peildatum, select_indicators


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def read_csv(body: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(body), sep=";", decimal=",", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_index_lists_endpoints_parameters_and_version(server):
    status, headers, body = get(f"{server.url}/api/v1")
    index = json.loads(body)
    assert status == 200 and headers["X-Dataset-Version"] == index["dataset_version"]
    paths = {e["pad"]: e for e in index["endpoints"]}
    assert {"/api/v1/indicators", "/api/v1/sources", "/api/v1/regions", "/api/v1/onderwijsregios"} <= set(paths)
    params = paths["/api/v1/indicators"]["parameters"]
    assert set(params) == {
        "indicator",
        "sector",
        "vak",
        "geo_level",
        "region_code",
        "categorie",
        "peildatum",
        "kind",
        "format",
        "versie",
    }
    assert "tekort_pct" in params["indicator"]["toegestaan"] and "vo" in params["sector"]["toegestaan"]
    assert params["format"]["toegestaan"] == ["csv", "json", "parquet"]


def test_indicators_csv_is_the_page_csv_and_filters_like_the_pages(server, tables):
    status, headers, body = get(f"{server.url}/api/v1/indicators?indicator=tekort_pct&sector=po&sector=vo")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf") and b";" in body.splitlines()[0]
    frame = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
    expected = select_indicators(tables["indicators"], indicator=("tekort_pct",), sector=("po", "vo"))
    assert len(frame) == len(expected) > 0
    assert set(frame["sector"]) == {"po", "vo"}
    assert frame["value"].tolist() == pytest.approx(expected["value"].tolist())


def test_map_view_through_the_api(server, tables):
    latest = latest_peildatum(
        tables["indicators"], indicator=("tekort_pct",), sector=("vo",), geo_level=("arbeidsmarktregio",)
    )
    url = (
        f"{server.url}/api/v1/indicators?indicator=tekort_pct&sector=vo&geo_level=arbeidsmarktregio&peildatum={latest}"
    )
    status, _, body = get(url)
    frame = read_csv(body)
    assert status == 200 and len(frame) == 35 and set(frame["region_code"].str[:2]) == {"AM"}


def test_indicators_json_and_parquet_hold_the_same_rows(server):
    query = "indicator=tekort_pct&sector=vo&geo_level=land"
    _, _, csv_body = get(f"{server.url}/api/v1/indicators?{query}")
    status, headers, json_body = get(f"{server.url}/api/v1/indicators?{query}&format=json")
    data = json.loads(json_body)
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert data["dataset_version"] == headers["X-Dataset-Version"]
    assert data["aantal"] == len(data["rijen"]) == len(read_csv(csv_body)) > 0
    assert {s["source_id"] for s in data["bronnen"]} == {r["source_id"] for r in data["rijen"]}
    status, headers, parquet_body = get(f"{server.url}/api/v1/indicators?{query}&format=parquet")
    table = pq.read_table(io.BytesIO(parquet_body)).to_pandas()
    assert status == 200 and len(table) == data["aantal"]
    assert table["value"].tolist() == [r["value"] for r in data["rijen"]]


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
@pytest.mark.parametrize(("endpoint", "key"), [("sources", "bronnen"), ("regions", "regios")])
def test_sources_and_regions_in_every_format(server, tables, endpoint, key, fmt):
    status, headers, body = get(f"{server.url}/api/v1/{endpoint}?format={fmt}")
    assert status == 200 and headers["X-Dataset-Version"]
    if fmt == "csv":
        frame = read_csv(body)
    elif fmt == "json":
        frame = pd.DataFrame(json.loads(body)[key])
    else:
        frame = pq.read_table(io.BytesIO(body)).to_pandas()
    assert len(frame) == len(tables[endpoint])


def test_regions_filter(server):
    _, _, body = get(f"{server.url}/api/v1/regions?geo_level=arbeidsmarktregio&format=json")
    regios = json.loads(body)["regios"]
    assert len(regios) == 35 and {r["geo_level"] for r in regios} == {"arbeidsmarktregio"}


def test_onderwijsregios_with_gemeenten_per_sector(server, tables):
    status, _, body = get(f"{server.url}/api/v1/onderwijsregios")
    data = json.loads(body)
    definition = tables["onderwijsregio_gemeenten"]
    assert status == 200 and data["aantal"] == definition["onderwijsregio"].nunique()
    almere = next(r for r in data["onderwijsregios"] if r["onderwijsregio"] == "Almere Lelystad")
    assert {g["gemeentenaam"] for g in almere["gemeenten"]["po"]} == {"Almere", "Lelystad"}
    _, _, csv_body = get(f"{server.url}/api/v1/onderwijsregios?format=csv&sector=po")
    flat = read_csv(csv_body)
    assert len(flat) == (definition["sector"] == "po").sum() and set(flat["sector"]) == {"po"}
    _, _, parquet_body = get(f"{server.url}/api/v1/onderwijsregios?format=parquet")
    assert len(pq.read_table(io.BytesIO(parquet_body))) == len(definition)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("sectr=po", "sectr"),
        ("sector=hbo", "sector"),
        ("region_code=AM9", "region_code"),
        ("region_code=GM9999", "region_code"),
        ("peildatum=1-10-2023", "peildatum"),
        ("format=xlsx", "format"),
        ("sector=" + "&sector=".join(["po"] * 51), "sector"),
        ("vak=" + "x" * 500, "vak"),
    ],
)
def test_bad_input_gets_400_with_dutch_json(server, query, param):
    status, headers, body = get(f"{server.url}/api/v1/indicators?{query}")
    data = json.loads(body)
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    assert data["parameter"] == param and data["fout"] and "toegestaan" in data
    assert "Traceback" not in body.decode()
    assert headers["Cache-Control"] == "no-store"


def test_unknown_value_lists_the_allowed_values(server):
    _, _, body = get(f"{server.url}/api/v1/indicators?sector=hbo")
    data = json.loads(body)
    assert "Onbekende waarde 'hbo'" in data["fout"] and {"po", "vo", "mbo"} <= set(data["toegestaan"])
    _, _, body = get(f"{server.url}/api/v1/sources?format=json&source_id=NIET_BESTAAND")
    assert json.loads(body)["parameter"] == "source_id"


def test_unknown_path_and_method_answer_in_dutch_json(server):
    status, _, body = get(f"{server.url}/api/v1/bestaat-niet")
    assert status == 404 and "Onbekend pad" in json.loads(body)["fout"]
    request = urllib.request.Request(f"{server.url}/api/v1/indicators", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 405 and "GET" in json.loads(info.value.read())["fout"]
    status, _, body = get(f"{server.url}/api/v1?x=1")
    assert status == 400 and json.loads(body)["parameter"] == "x"


def test_cache_headers_and_etag(server):
    status, headers, _ = get(f"{server.url}/api/v1/sources")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=300"
    etag = headers["ETag"]
    assert headers["X-Dataset-Version"] in etag
    status, again, body = get(f"{server.url}/api/v1/sources", {"If-None-Match": etag})
    assert status == 304 and body == b"" and again["ETag"] == etag
    _, other, _ = get(f"{server.url}/api/v1/sources?format=json")
    assert other["ETag"] != etag


def test_an_import_on_the_server_changes_version_and_rows(server, tables):
    """Own data imported on this server (data/eigen/) is served without a restart, under a new version."""
    _, before, _ = get(f"{server.url}/api/v1")
    own = tables["indicators"].head(1).assign(source_id="EIGEN-API-TEST", value=1.5)
    sources = tables["sources"].head(1).assign(source_id="EIGEN-API-TEST", kind="eigen data")
    try:
        sources.to_parquet(server.eigen_dir / "sources.parquet", index=False)
        own.to_parquet(server.eigen_dir / "indicators.parquet", index=False)
        status, after, body = get(f"{server.url}/api/v1/indicators?format=json&indicator={own['indicator'].iloc[0]}")
        data = json.loads(body)
        assert status == 200 and after["X-Dataset-Version"] != before["X-Dataset-Version"]
        assert "EIGEN-API-TEST" in {r["source_id"] for r in data["rijen"]}
    finally:
        for name in ("indicators", "sources"):
            (server.eigen_dir / f"{name}.parquet").unlink(missing_ok=True)
