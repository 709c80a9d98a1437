"""The onderwijsregio definition keeps every region whose gemeenten are known, in every sector it names."""

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data.intake import build
from dashboard.data.model.members import definition_rows, expand_members, parse_sectors, sector_codes
from dashboard.data.model.paths import DATA_DIR, RAW_DIR


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("po", ("po",)),
        ("po (loket tags)", ("po",)),
        ("po;vo;mbo", ("po", "vo", "mbo")),
        ("po;vo;mbo (loket tags)", ("po", "vo", "mbo")),
        ("mbo | po | vo", ("po", "vo", "mbo")),
        ("po | vo;mbo", ("po", "vo", "mbo")),
        ("vo;mbo (loket tags) | po;vo;mbo (loket tags)", ("po", "vo", "mbo")),
        ("vo;vso", ("vo", "so")),
        ("(v)so", ("so",)),
        ("po/vo/mbo", ("po", "vo", "mbo")),
        ("PO, VO", ("po", "vo")),
        ("(not stated)", ()),
        ("", ()),
        ("hbo", ()),
    ],
)
def test_parse_sectors(raw, expected):
    assert parse_sectors(raw) == expected


def test_sector_codes_says_onbekend_when_none_is_named():
    assert sector_codes("(not stated)") == "onbekend"
    assert sector_codes("mbo | po") == "po;mbo"


def test_region_without_sector_is_kept_as_onbekend():
    oregios = pd.DataFrame(
        {"onderwijsregio_code": ["A", "B"], "onderwijsregio": ["Alfa", "Beta"], "sector_codes": ["po;vo", "onbekend"]}
    )
    members = pd.DataFrame(
        {
            "onderwijsregio_code": ["A", "A", "B"],
            "gemeente_code": ["GM0001", "GM0001", "GM0002"],
            "reliability": ["uncertain", "secondary", "secondary"],
        }
    )
    out = definition_rows(oregios, members)
    assert set(zip(out["onderwijsregio"], out["sector"])) == {("Alfa", "po"), ("Alfa", "vo"), ("Beta", "onbekend")}
    assert (out.loc[out["onderwijsregio"] == "Alfa", "reliability"] == "secondary").all()  # the most reliable


def _raw_expected() -> set[tuple[str, str]]:
    """(region, sector) pairs straight from data/raw: each record with a geographic member counts for the regions its
    `opgaan_in` names (itself when empty), in the sectors of those regions, by word."""
    regions = pd.read_csv(RAW_DIR / "onderwijsregio_regions.csv", dtype=str, keep_default_na=False)
    members = pd.read_csv(RAW_DIR / "onderwijsregio_members.csv", dtype=str, keep_default_na=False)
    geographic = members[members["member_type"].isin(["gemeente", "provincie", "arbeidsmarktregio"])]
    with_members = set(geographic["onderwijsregio"])
    into = {
        n: [t.strip() for t in o.split(";") if t.strip()] or [n]
        for n, o in zip(regions["onderwijsregio"], regions["opgaan_in"])
    }
    sectors_of: dict[str, set[str]] = {}
    for name, raw in zip(regions["onderwijsregio"], regions["sectors"]):
        words = set(re.findall(r"\b(po|vo|mbo|vso)\b", raw.lower()))
        for target in into[name] if len(into[name]) == 1 else [name]:
            sectors_of.setdefault(target, set()).update({"so" if w == "vso" else w for w in words})
    return {
        (target, s) for name in with_members for target in into[name] for s in sectors_of.get(target) or {"onbekend"}
    }


def test_no_region_or_sector_is_lost_in_the_build():
    """Every pair of the definition comes from the raw records; a pair of the raw records is missing only where every
    one of its gemeenten went to a region with better evidence (the same gemeente in the same sector)."""
    definition = pd.read_parquet(DATA_DIR / "onderwijsregio_gemeenten.parquet")
    built = set(zip(definition["onderwijsregio"], definition["sector"]))
    expected = _raw_expected()
    assert built <= expected, built - expected
    # e.g. 'Groningen (vo/vso)' in vo: all to 'Groningen-VO'; 'PO Noord-Limburg': both to 'Limburg' (a better list)
    assert len(expected - built) <= 3, expected - built
    for name in ("VOTA (Twente Achterhoek Oost-Salland)", "Oost-Nederland", "Bommel tot Dommel", "Zuidwest Samen"):
        assert name in set(definition["onderwijsregio"]), name


def test_every_listed_gemeente_is_in_every_sector_of_its_region():
    """A gemeente that a loket lists is never dropped from a sector: it stays in its region or goes to the region
    with better evidence for it."""
    definition = pd.read_parquet(DATA_DIR / "onderwijsregio_gemeenten.parquet")
    built = set(zip(definition["sector"], definition["gemeentecode"]))
    members = pd.read_csv(RAW_DIR / "onderwijsregio_members.csv", dtype=str, keep_default_na=False)
    regions = pd.read_csv(RAW_DIR / "onderwijsregio_regions.csv", dtype=str, keep_default_na=False)
    into = {
        n: [t.strip() for t in o.split(";") if t.strip()] or [n]
        for n, o in zip(regions["onderwijsregio"], regions["opgaan_in"])
    }
    direct = members[members["member_type"] == "gemeente"]
    expected_sectors: dict[str, set[str]] = {}
    for name, sector in _raw_expected():
        expected_sectors.setdefault(name, set()).add(sector)
    missing = [
        (row.onderwijsregio, s, row.member_code)
        for row in direct.itertuples()
        for target in into[row.onderwijsregio]
        for s in expected_sectors.get(target, ())
        if (s, row.member_code) not in built
    ]
    assert len(direct) > 500 and not missing, missing[:5]


def test_onderwijsregios_flag_unknown_sectors():
    table = pd.read_parquet(DATA_DIR / "onderwijsregios.parquet")
    assert set(table.loc[table["sectors"] == "(not stated)", "sector_codes"]) == {"onbekend"}
    assert (table["sector_codes"] != "").all()


def test_expand_members_lives_in_the_data_layer():
    from dashboard import metrics

    assert metrics.expand_members is expand_members
    source = Path(build.__file__).read_text()
    assert "dashboard.metrics" not in source
