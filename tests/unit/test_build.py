"""The committed Parquet files equal a fresh build from the committed source tables."""

import pandas as pd
import pytest

from dashboard.data.intake import build
from dashboard.data.model.paths import DATA_DIR, REPO_DIR


@pytest.fixture(scope="module")
def fresh() -> dict[str, pd.DataFrame]:
    return build.build_all()


@pytest.mark.parametrize(
    "name", ["indicators", "sources", "regions", "onderwijsregios", "onderwijsregio_leden", "onderwijsregio_gemeenten"]
)
def test_committed_parquet_equals_fresh_build(fresh, name):
    committed = pd.read_parquet(DATA_DIR / f"{name}.parquet")
    pd.testing.assert_frame_equal(committed, fresh[name])


def test_build_reads_only_the_tables_it_is_given(fresh, tmp_path):
    """Built from a copy of data/raw and data/geo elsewhere, the result is the same: the build reads nothing else
    (no ../shared, no path of its own); and no module of the dashboard names the shared project folder."""
    import shutil

    raw, geo = tmp_path / "raw", tmp_path / "geo"
    shutil.copytree(build.RAW_DIR, raw)
    shutil.copytree(REPO_DIR / "data" / "geo", geo)
    elsewhere = build.build_all(raw, geo)
    for name, frame in fresh.items():
        pd.testing.assert_frame_equal(elsewhere[name], frame)
    (raw / "sources.csv").unlink()  # and it really reads from there
    with pytest.raises(FileNotFoundError):
        build.build_all(raw, geo)
    for module in (REPO_DIR / "dashboard").rglob("*.py"):
        assert "../shared" not in module.read_text(), module


def test_map_layer_is_complete(fresh):
    ind = fresh["indicators"]
    for sector in ("po", "vo"):
        rows = ind[
            (ind["indicator"] == "tekort_pct")
            & (ind["sector"] == sector)
            & (ind["geo_level"] == "arbeidsmarktregio")
            & (ind["peildatum"] == "2023-10-01")
        ]
        assert rows["region_code"].nunique() == 35
        assert rows["region_code"].str.match(r"^AM\d\d$").all()


def test_known_figures_survive_the_build(fresh):
    ind = fresh["indicators"]
    almere = ind[(ind["region_code"] == "GM0034") & (ind["sector"] == "po") & (ind["source_id"] == "OCW_PO_REG_2023")]
    assert almere["value"].iloc[0] == pytest.approx(23.8)
    zij = ind[(ind["indicator"] == "zij_instromers_met_subsidie_toegekend") & (ind["year"] == 2017)]
    assert zij["value"].iloc[0] == 495


def test_forecasts_are_marked_as_raming(fresh):
    ind = fresh["indicators"]
    assert (ind.loc[ind["indicator"].str.startswith("geraamd_"), "kind"] == "raming").all()
    official = ind[(ind["indicator"] == "tekort_pct") & ind["source_id"].isin(["CD_2023", "OCW_PO_REG_2023"])]
    assert (official["kind"] == "meting").all()


def _one(ind: pd.DataFrame, **equals: object) -> pd.Series:
    rows = ind
    for column, value in equals.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, equals
    return rows.iloc[0]


def test_every_figure_says_what_it_is(fresh):
    """A news figure is a bericht, an estimate a raming, a computed one afgeleid: never a meting."""
    ind = fresh["indicators"]
    assert set(ind["kind"]) == {"meting", "bericht", "raming", "afgeleid"}
    land = {"geo_level": "land", "indicator": "tekort_fte"}
    assert _one(ind, **land, sector="po", peildatum="2024-10-01")["kind"] == "bericht"  # 7.700 fte (RD)
    assert _one(ind, **land, sector="mbo", peildatum="2024-10-01")["kind"] == "bericht"  # 1.650 fte (RD)
    assert _one(ind, **land, sector="vo", peildatum="2021/2022")["kind"] == "raming"  # 'naar schatting'
    assert _one(ind, **land, sector="po", peildatum="2023-10-01", source_id="CD_2023")["kind"] == "meting"
    news = ind["source_id"].map(dict(zip(fresh["sources"]["source_id"], fresh["sources"]["kind"]))) == "nieuws"
    assert not (news & (ind["kind"] == "meting")).any()
    assert (ind.loc[ind["reliability"] == "derived", "kind"] == "afgeleid").all()


def test_normalize_sector():
    assert build.normalize_sector("po (bao, so, vso)") == "po"
    assert build.normalize_sector("po+vo+mbo") == "alle"
    assert build.normalize_sector("mbo beta en techniek") == "mbo"
    assert build.normalize_sector("vo (incl. TIO)") == "vo"


def test_citation_in_title_is_split():
    row = pd.Series(
        {
            "source_id": "X",
            "title": "Het Onderwijsloket (onderwijsloket.com) (2025), 'Regioloket A' "
            "navigator record, https://www.onderwijsloket.com/a (built)",
            "publisher": "",
            "year": "",
            "url": "",
            "kind": "",
        }
    )
    out = build.split_citation(row)
    assert out["publisher"] == "Het Onderwijsloket (onderwijsloket.com)"
    assert out["year"] == "2025"
    assert out["url"] == "https://www.onderwijsloket.com/a"


def test_every_mapped_region_has_a_boundary(fresh):
    from dashboard.data.model.geo import read_boundaries

    ind = fresh["indicators"]
    for level in ("arbeidsmarktregio", "gemeente"):
        ids = {f["id"] for f in read_boundaries(level)["features"]}
        codes = set(ind.loc[(ind["geo_level"] == level) & (ind["region_code"] != ""), "region_code"])
        assert codes and codes <= ids, codes - ids


GLOSSES = ("reporting", "summarising", "summary of", "quoting", "citing", "github", "third-party", "via repo")


def test_every_source_names_its_publisher_and_year_in_their_own_columns(fresh):
    """No register row holds its whole citation in `title` (the OL_* rows did): publisher and year are filled."""
    raw = build.read_raw("sources.csv")
    assert (raw["publisher"].str.strip() != "").all(), raw.loc[raw["publisher"] == "", "source_id"].tolist()
    assert (raw["year"].str.fullmatch(r"(19|20)\d\d|z\.j\.")).all(), raw.loc[raw["year"] == "", "source_id"].tolist()
    assert not raw["title"].str.contains(r"\(\d{4}\), '").any()  # 'Publisher (2025), 'Title' ...'


def test_source_lines_are_dutch_and_cite_the_publisher_not_a_copy(fresh):
    sources = fresh["sources"]
    visible = sources["title"] + " " + sources["publisher"] + " " + sources["url"]
    for gloss in GLOSSES:
        assert not visible.str.lower().str.contains(gloss, regex=False).any(), gloss
    oecd = sources.set_index("source_id").loc["OECD_STAT_VIA_REPO"]
    assert oecd["title"].startswith("Education at a Glance 2020, tabel D4.1") and oecd["publisher"] == "OESO (OECD)"
    assert "github.com" in oecd["copy_url"]  # where the copy was read: for maintainers only


def test_notes_of_the_figures_are_dutch(fresh):
    english = r"\b(?:the|and|from|not|with|value|which|shown|stated|quoted|reported|approximate|table|than)\b"
    notes = fresh["indicators"]["note"]
    assert not notes.str.contains(english, case=False).any(), notes[notes.str.contains(english, case=False)].tolist()
