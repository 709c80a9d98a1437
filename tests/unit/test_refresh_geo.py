"""The boundary refresh, tested against a local HTTP server standing in for PDOK."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from shapely.geometry import shape

from dashboard.data.geo import read_boundaries
from dashboard.data.refresh_geo import RefreshError, refresh


def _fixture(level: str) -> bytes:
    """A small WFS-like answer built from the shipped boundaries (first three features)."""
    features = read_boundaries(level)["features"][:3]
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
    """Serves /<jaar>/wfs/v1_0?typeNames=<level>_gegeneraliseerd; answers[level] overrides the body."""
    answers: dict[str, bytes] = {}
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            level = self.path.split("typeNames=")[1].split("_gegeneraliseerd")[0]
            body = answers.get(level, _fixture(level))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", answers, requests
    server.shutdown()


def test_refresh_writes_checked_clockwise_files(pdok, tmp_path: Path):
    url, _, requests = pdok
    written = refresh(2025, url, tmp_path)
    assert written == {"gemeente": 3, "provincie": 3, "arbeidsmarktregio": 3}
    assert all("/2025/wfs/v1_0?" in r and "srsName=EPSG%3A4326" in r for r in requests)
    data = json.loads((tmp_path / "arbeidsmarktregio_2025_web.geojson").read_text())
    feature = data["features"][0]
    assert feature["id"] == feature["properties"]["statcode"] == "AM01"
    exterior = shape(feature["geometry"])
    polygon = exterior.geoms[0] if exterior.geom_type == "MultiPolygon" else exterior
    assert not polygon.exterior.is_ccw  # clockwise, as plotly's geo maps need


def test_bad_answer_writes_nothing_and_keeps_old_files(pdok, tmp_path: Path):
    url, answers, _ = pdok
    old = tmp_path / "gemeente_2025_web.geojson"
    old.write_text('{"old": true}')
    answers["provincie"] = b"<html>Service Unavailable</html>"
    with pytest.raises(RefreshError, match="provincie: het antwoord is geen geldige GeoJSON"):
        refresh(2025, url, tmp_path)
    assert old.read_text() == '{"old": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gemeente_2025_web.geojson"]


def test_missing_statcode_is_named(pdok, tmp_path: Path):
    url, answers, _ = pdok
    answers["gemeente"] = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {"naam": "x"}, "geometry": {"type": "Point", "coordinates": [5, 52]}}
            ],
        }
    ).encode()
    with pytest.raises(RefreshError, match="gemeente: kenmerk\\(en\\) ontbreken: statcode, statnaam"):
        refresh(2025, url, tmp_path, levels=("gemeente",))
