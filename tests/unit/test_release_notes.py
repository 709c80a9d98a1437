"""Release notes a reader understands: what changed per indicator, in words; rows that only moved or were
reformatted are no news; the history from git; the feed carries every release, each naming an indicator."""

from __future__ import annotations

import json
import subprocess

import feedparser
import pandas as pd
import pytest

from dashboard.api.feed import atom
from dashboard.data.model.contract import SCHEMAS
from dashboard.data.model.paths import REPO_DIR
from dashboard.data.publish import published, release_history, releases
from dashboard.data.publish.release_notes import notes
from dashboard.web.lang import FEED_LINK, with_feed_link


def _rows(peildatum: str, values: dict[str, float], national: float) -> pd.DataFrame:
    base = dict.fromkeys(SCHEMAS["indicators"].column_names, "")
    rows = [
        {
            **base,
            "indicator": "tekort_pct",
            "sector": "vo",
            "geo_level": "arbeidsmarktregio",
            "region_code": code,
            "region_name": f"Regio {code}",
            "peildatum": peildatum,
            "year": int(peildatum[:4]),
            "value": value,
            "unit": "% werkgelegenheid",
            "kind": "meting",
            "reliability": "solid",
            "source_id": f"CD_{peildatum[:4]}",
        }
        for code, value in values.items()
    ]
    rows.append({**rows[0], "geo_level": "land", "region_code": "NL01", "region_name": "Nederland", "value": national})
    return pd.DataFrame(rows)


OLD = _rows("2023-10-01", {"AM01": 5.0, "AM02": 7.0}, 5.8)
NEW = pd.concat([OLD, _rows("2025-10-01", {"AM01": 6.0, "AM02": 8.0, "AM03": 4.0}, 6.1)], ignore_index=True)


def _sources(ids: list[str], **extra: str) -> pd.DataFrame:
    return pd.DataFrame({"source_id": ids, "title": "T", "publisher": "P", "year": "2025", "url": "", **extra})


def test_a_new_measurement_in_words_with_the_national_figure_before_and_after():
    said = notes({"indicators": OLD}, {"indicators": NEW})
    assert said[0] == (
        "Nieuwe meting okt 2025: tekort (% werkgelegenheid) vo per arbeidsmarktregio (3 gebieden); "
        "landelijk 5,8% -> 6,1%"
    )


def test_rows_that_only_moved_or_were_reformatted_are_no_news():
    shuffled = NEW.sample(frac=1, random_state=3).assign(note=lambda d: d["note"] + "  ")
    assert (
        notes(
            {"indicators": NEW, "sources": _sources(["A", "B"])},
            {"indicators": shuffled, "sources": _sources(["B", "A"]).assign(title=" T ")},
        )
        == []
    )


def test_corrections_added_figures_and_sources_are_named():
    fixed = NEW.copy()
    fixed.loc[0, "value"] = 5.5
    extra = pd.concat([fixed, fixed.iloc[[0]].assign(region_code="AM09", region_name="Achterhoek")])
    said = notes(
        {"indicators": NEW, "sources": _sources(["CD_2023"])},
        {"indicators": extra, "sources": _sources(["CD_2023", "CD_2025", "X", "Y"], licence="CC BY 4.0")},
    )
    assert (
        "Gecorrigeerd: tekort (% werkgelegenheid) vo per arbeidsmarktregio, okt 2023: Regio AM01 5,0% -> 5,5%" in said
    )
    assert "tekort (% werkgelegenheid) vo per arbeidsmarktregio, okt 2023: 1 cijfer toegevoegd (Achterhoek)" in said
    assert "3 bronnen toegevoegd (bij tekort (% werkgelegenheid))" in said
    assert "licentie vastgelegd bij 1 bron (bij tekort (% werkgelegenheid))" in said


def test_merged_onderwijsregios_are_said_as_merged():
    def definition(groups: dict[str, list[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
        regions = pd.DataFrame({"onderwijsregio": list(groups), "onderwijsregio_code": list(groups)})
        members = pd.DataFrame(
            [
                {"onderwijsregio": r, "sector": "vo", "gemeentecode": g, "reliability": "solid"}
                for r, codes in groups.items()
                for g in codes
            ]
        )
        return regions, members

    before = definition({"A": ["GM1"], "B": ["GM2"], "C": ["GM3"], "D": ["GM4"]})
    after = definition({"C": ["GM1", "GM2", "GM3"], "D": ["GM4"]})
    said = notes(
        {"onderwijsregios": before[0], "onderwijsregio_gemeenten": before[1]},
        {"onderwijsregios": after[0], "onderwijsregio_gemeenten": after[1]},
    )
    assert said == ["indeling onderwijsregio's: 2 regio's samengevoegd (A en B in C)"]


def _git_history_available() -> bool:
    found = subprocess.run(["git", "-C", str(REPO_DIR), "rev-parse", "HEAD"], capture_output=True, check=False)
    return found.returncode == 0 and len(release_history.commits(REPO_DIR)) > 1


def test_the_shipped_history_names_indicators_newest_first_and_ends_at_the_data_as_shipped():
    shipped = json.loads((REPO_DIR / "data" / releases.RELEASES_FILE).read_text(encoding="utf-8"))
    assert len(shipped) > 1
    assert [r["tijd"] for r in shipped] == sorted((r["tijd"] for r in shipped), reverse=True)
    assert all(r["nieuws"] for r in shipped)  # a release without news is not in the history
    assert shipped[0]["versie"] == releases.published_version(), (
        "maak hem opnieuw: python -m dashboard releases --uit-git"
    )
    body = atom(shipped, "http://example.org/api/v1/releases.atom", "http://example.org/api/v1/releases")
    feed = feedparser.parse(body)
    assert not feed.bozo and len(feed.entries) == len(shipped)
    labels = ("tekort", "bron", "licentie", "meting", "instroom", "vacature", "leraren", "onderwijsregio")
    for entry in feed.entries:  # each summary names what changed, in words
        assert any(word in entry.summary for word in labels), entry.summary
        assert "rijen komen maar in één" not in entry.summary


@pytest.mark.skipif(not _git_history_available(), reason="geen git-geschiedenis van data/")
def test_the_history_made_from_git_matches_the_shipped_file():
    made = release_history.history(REPO_DIR)
    shipped = json.loads((REPO_DIR / "data" / releases.RELEASES_FILE).read_text(encoding="utf-8"))
    redo = "data/releases.json volgt de data niet: maak hem opnieuw met `python -m dashboard releases --uit-git`"
    assert [r["versie"] for r in made] == [r["versie"] for r in shipped], redo
    assert [r["nieuws"] for r in made] == [r["nieuws"] for r in shipped], redo
    assert made[0]["versie"] == published.content_version(
        [REPO_DIR / "data" / f"{name}.parquet" for name in published.TABLES]
    )


def test_every_page_head_names_the_feed():
    page = b'<!doctype html><html lang="nl"><head><title>x</title></head><body></body></html>'
    linked = with_feed_link(page)
    assert linked.count(FEED_LINK) == 1 and linked.index(FEED_LINK) < linked.index(b"</head>")
    assert with_feed_link(linked) == linked and with_feed_link(b"<p>geen kop</p>") == b"<p>geen kop</p>"
    assert b'rel="alternate" type="application/atom+xml"' in FEED_LINK
