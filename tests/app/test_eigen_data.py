"""Own data in the app: a session upload is shown beside the published data and marked 'eigen data';
the onderwijsregio shortage is weighted once werkgelegenheid is loaded, and says so when it is not."""

from __future__ import annotations

import json

import pandas as pd
from helpers import APP, downloads, texts
from streamlit.testing.v1 import AppTest

from dashboard.data.intake.ingest import import_files
from dashboard.data.store import load
from dashboard.data.store.load import SessionData
from dashboard.tables import safe_csv
from dashboard.ui.session import SESSION_KEY


def _own_map_rows(tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Test data: the published po map rows, re-dated to okt 2024 and given an own source."""
    ind = tables["indicators"]
    rows = ind[(ind["indicator"] == "tekort_pct") & (ind["sector"] == "po") & (ind["geo_level"] == "arbeidsmarktregio")]
    rows = rows.assign(peildatum="2024-10-01", year=2024, value=rows["value"] + 1, source_id="EIGEN-TEST")
    source = pd.DataFrame(
        [
            {
                "source_id": "EIGEN-TEST",
                "title": "Testmeting",
                "publisher": "Test",
                "year": "2024",
                "url": "",
                "kind": "eigen data",
            }
        ]
    )
    return rows.reset_index(drop=True), source


def _run(page: str, session: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()  # pages with their own url_path are found only after st.navigation ran once
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_session_upload_is_marked_everywhere_it_appears(tables):
    rows, source = _own_map_rows(tables)
    at = _run("regionale_tekorten", {SESSION_KEY: SessionData(rows, source, "mijn_meting.xlsx")})
    assert "Lerarentekort po per arbeidsmarktregio, okt 2024" in texts(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    hover = "\n".join(t for trace in spec["data"] for t in trace["text"])
    assert "<b>Groningen</b><br>Tekort: 4,5%" in hover and "Eigen data" in hover
    assert any("**Eigen data**: Test, Testmeting" in c.value for c in at.caption)
    # the file name is user text: shown literally (markdown-escaped), never interpreted
    assert any("Eigen data actief" in i.value and "mijn\\_meting\\.xlsx" in i.value for i in at.sidebar.info)
    fresh = _run("regionale_tekorten")  # another session sees only the published data
    assert "okt 2023" in texts(fresh) and not fresh.sidebar.info


def test_onderwijsregio_shortage_unweighted_then_weighted(tmp_path, monkeypatch, tables):
    at = _run("onderwijsregios")
    assert "Afgeleid tekort po per onderwijsregio, okt 2023" in texts(at)
    assert any("elke gemeente telt even zwaar" in c.value for c in at.caption)

    gemeenten = tables["regions"][tables["regions"]["geo_level"] == "gemeente"]
    werk = pd.DataFrame(
        {
            "indicator": "werkgelegenheid_fte",
            "sector": "po",
            "vak": "",
            "geo_level": "gemeente",
            "region_code": gemeenten["region_code"],
            "region_name": gemeenten["region_name"],
            "categorie": "",
            "peildatum": "2023-10-01",
            "year": 2023,
            "value": 100.0,
            "unit": "fte",
            "kind": "meting",
            "reliability": "derived",
            "source_id": "DUO_TEST",
            "note": "",
            "bron_titel": "Testbestand",
            "bron_uitgever": "DUO",
        }
    )
    path = tmp_path / "werk.csv"
    path.write_bytes(safe_csv(werk))
    import_files([path], tables["sources"], tables["regions"], tmp_path / "eigen")
    monkeypatch.setattr(load, "EIGEN_DIR", tmp_path / "eigen")
    weighted = _run("onderwijsregios")
    assert any("gewogen met de werkgelegenheid per gemeente (DUO)" in c.value for c in weighted.caption)
    assert not any("elke gemeente telt even zwaar" in c.value for c in weighted.caption)


def test_downloads_are_links_and_a_session_upload_gets_buttons_with_its_own_bytes(tables):
    """A link describes how a view was made; a session upload lives in one session, so its views are offered as
    Streamlit downloads whose bytes are made at once (never a deferred file: issue 19)."""
    published = downloads(_run("regionale_tekorten"))
    assert published and all(url.startswith("/download/") for _, url in published)
    rows, source = _own_map_rows(tables)
    at = _run("regionale_tekorten", {SESSION_KEY: SessionData(rows, source, "mijn_meting.xlsx")})
    buttons = at.get("download_button")
    assert buttons and all(b.proto.url and not b.proto.deferred_file_id for b in buttons)
