"""The onderwijsregio definition keeps every region whose gemeenten are known, in every sector it names."""

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.data import build
from dashboard.data.members import definition_rows, expand_members, parse_sectors, sector_codes
from dashboard.data.paths import DATA_DIR, RAW_DIR


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
    """(region, sector) pairs straight from data/raw: regions with a geographic member, sectors by word."""
    regions = pd.read_csv(RAW_DIR / "onderwijsregio_regions.csv", dtype=str, keep_default_na=False)
    members = pd.read_csv(RAW_DIR / "onderwijsregio_members.csv", dtype=str, keep_default_na=False)
    geographic = members[members["member_type"].isin(["gemeente", "provincie", "arbeidsmarktregio"])]
    with_members = set(geographic["onderwijsregio"])
    expected = set()
    for name, raw in zip(regions["onderwijsregio"], regions["sectors"]):
        if name not in with_members:
            continue
        words = set(re.findall(r"\b(po|vo|mbo|vso)\b", raw.lower()))
        sectors = {"so" if w == "vso" else w for w in words} or {"onbekend"}
        expected |= {(name, s) for s in sectors}
    return expected


def test_no_region_or_sector_is_lost_in_the_build():
    definition = pd.read_parquet(DATA_DIR / "onderwijsregio_gemeenten.parquet")
    built = set(zip(definition["onderwijsregio"], definition["sector"]))
    assert built == _raw_expected()
    for name in ("VOTA (Twente Achterhoek Oost-Salland)", "Oost-Nederland", "Bommel tot Dommel", "Zuidwest Samen"):
        assert name in set(definition["onderwijsregio"]), name


def test_every_listed_gemeente_is_in_every_sector_of_its_region():
    definition = pd.read_parquet(DATA_DIR / "onderwijsregio_gemeenten.parquet")
    built = set(zip(definition["onderwijsregio"], definition["sector"], definition["gemeentecode"]))
    members = pd.read_csv(RAW_DIR / "onderwijsregio_members.csv", dtype=str, keep_default_na=False)
    direct = members[members["member_type"] == "gemeente"]
    expected_sectors: dict[str, set[str]] = {}
    for name, sector in _raw_expected():
        expected_sectors.setdefault(name, set()).add(sector)
    missing = [
        (row.onderwijsregio, s, row.member_code)
        for row in direct.itertuples()
        for s in expected_sectors[row.onderwijsregio]
        if (row.onderwijsregio, s, row.member_code) not in built
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
