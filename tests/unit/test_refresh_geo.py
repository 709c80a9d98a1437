"""The boundary refresh, tested against a local HTTP server on 127.0.0.1 that answers like PDOK's WFS."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import shape

import dashboard.__main__ as cli
from dashboard.data.intake.refresh_geo import RefreshError, refresh
from dashboard.data.model.geo import read_boundaries
from dashboard.data.model.paths import RAW_DIR

# A consistent little country: the gemeenten of arbeidsmarktregio Groningen (which reaches into Drenthe),
# that region and the two provincies.
KEEP = {"arbeidsmarktregio": {"AM01"}, "provincie": {"PV20", "PV22"}}


def _codes(level: str) -> set[str]:
    if level in KEEP:
        return KEEP[level]
    table = pd.read_csv(RAW_DIR / "gemeente_regions.csv", dtype=str)
    return set(table.loc[table["arbeidsmarktregiocode"] == "AM01", "gemeentecode"])


def _fixture(level: str) -> bytes:
    """A WFS-like answer (statcode/statnaam properties, no id) built from the shipped boundaries."""
    features = [f for f in read_boundaries(level)["features"] if f["id"] in _codes(level)]
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"statcode": f["id"], "statnaam": f["properties"]["statnaam"]},
                    "geometry": f["geometry"],
                }
                for f in features
            ],
        }
    ).encode()


@pytest.fixture
def pdok():
    """Serves /<jaar>/wfs/v1_0?typeNames=<level>_gegeneraliseerd; answers[level] overrides the body,
    truncated[level] announces more bytes than it sends and then closes the connection."""
    answers: dict[str, bytes] = {}
    truncated: set[str] = set()
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            level = self.path.split("typeNames=")[1].split("_gegeneraliseerd")[0]
            body = answers.get(level, _fixture(level))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] if level in truncated else body)
            self.close_connection = True

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", answers, truncated, requests
    server.shutdown()


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path, Path]:
    geo, raw, data = tmp_path / "geo", tmp_path / "raw", tmp_path / "data"
    for folder in (geo, raw, data):
        folder.mkdir()
    (raw / "gemeente_regions.csv").write_bytes((RAW_DIR / "gemeente_regions.csv").read_bytes())
    return geo, raw, data


def test_refresh_writes_boundaries_gemeente_table_and_regions(pdok, dirs):
    url, _, _, requests = pdok
    geo, raw, data = dirs
    written = refresh(2026, url, geo, raw, data)
    gemeenten = _codes("gemeente")
    assert written == {"gemeente": len(gemeenten), "provincie": 2, "arbeidsmarktregio": 1}
    assert all("/2026/wfs/v1_0?" in r and "srsName=EPSG%3A4326" in r for r in requests)
    feature = json.loads((geo / "arbeidsmarktregio_2026_web.geojson").read_text())["features"][0]
    assert feature["id"] == feature["properties"]["statcode"] == "AM01"
    outline = shape(feature["geometry"])
    polygon = outline.geoms[0] if outline.geom_type == "MultiPolygon" else outline
    assert not polygon.exterior.is_ccw  # clockwise, as plotly's maps need
    table = pd.read_csv(raw / "gemeente_regions.csv", dtype=str, keep_default_na=False)
    assert set(table["gemeentecode"]) == gemeenten
    assert set(table["arbeidsmarktregiocode"]) == {"AM01"}
    assert table.set_index("gemeentenaam").loc[["Assen", "Groningen"], "provinciecode"].tolist() == ["PV22", "PV20"]
    assert (table["coropcode"] != "").all()  # kept from the previous table for existing gemeenten
    assert (raw / "gemeente_regions.vorige.csv").exists()
    regions = pd.read_parquet(data / "regions.parquet")
    assert set(regions.loc[regions["geo_level"] == "gemeente", "region_code"]) == gemeenten


def test_coverage_simplification_keeps_neighbours_touching(pdok, dirs):
    url, _, _, _ = pdok
    geo, raw, data = dirs
    refresh(2026, url, geo, raw, data)
    shapes = [shape(f["geometry"]) for f in json.loads((geo / "gemeente_2026_web.geojson").read_text())["features"]]
    union_area = shapes[0].union(shapes[1]).area
    assert union_area == pytest.approx(shapes[0].area + shapes[1].area, rel=1e-3)  # no overlap created
    touching = sum(a.touches(b) or a.intersection(b).length > 0 for a in shapes for b in shapes if a is not b)
    assert touching > 0


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("html", "provincie: het antwoord is geen geldige GeoJSON"),
        ("truncated", "provincie: de download is afgebroken"),
        ("half-json", "provincie: het antwoord is geen geldige GeoJSON"),
    ],
)
def test_bad_answer_writes_nothing_and_keeps_old_files(pdok, dirs, broken, message):
    url, answers, truncated, _ = pdok
    geo, raw, data = dirs
    old = geo / "gemeente_2026_web.geojson"
    old.write_text('{"old": true}')
    before = (raw / "gemeente_regions.csv").read_bytes()
    if broken == "html":
        answers["provincie"] = b"<html>Service Unavailable</html>"
    elif broken == "truncated":
        truncated.add("provincie")
    else:
        answers["provincie"] = _fixture("provincie")[:200]
    with pytest.raises(RefreshError, match=message):
        refresh(2026, url, geo, raw, data)
    assert old.read_text() == '{"old": true}'
    assert sorted(p.name for p in geo.iterdir()) == ["gemeente_2026_web.geojson"]
    assert (raw / "gemeente_regions.csv").read_bytes() == before and not list(data.iterdir())


def test_missing_statcode_is_named(pdok, dirs):
    url, answers, _, _ = pdok
    answers["gemeente"] = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"naam": "x"}, "geometry": {"type": "Point", "coordinates": [5, 52]}}
            ],
        }
    ).encode()
    with pytest.raises(RefreshError, match="gemeente: kenmerk\\(en\\) ontbreken: statcode, statnaam"):
        refresh(2026, url, *dirs)


def test_command_line_reports_a_truncated_download_and_changes_nothing(pdok, capsys):
    url, _, truncated, _ = pdok
    truncated.add("gemeente")
    assert cli.main(["refresh-boundaries", "--year", "2031", "--base-url", url]) == 1
    err = capsys.readouterr().err
    assert "gemeente: de download is afgebroken" in err and "Er is niets gewijzigd." in err
    assert not list((RAW_DIR.parent / "geo").glob("*_2031_web.geojson"))
