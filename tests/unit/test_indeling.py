"""One entry per onderwijsregio (aliases, splits, voorlopers) and one onderwijsregio per gemeente and sector."""

import pandas as pd
import pytest

from dashboard.data.model import indeling
from dashboard.data.model.paths import RAW_DIR

# Gemeenten in more than one region per sector in the definition before issue 28 (po, vo, mbo): 118, 151, 163.
BEFORE = {"po": 118, "vo": 151, "mbo": 163}


def _raw() -> pd.DataFrame:
    return pd.read_csv(RAW_DIR / "onderwijsregio_regions.csv", dtype=str, keep_default_na=False)


def test_every_record_says_why_and_goes_to_an_entry():
    raw = _raw()
    assert (raw["reden"].str.len() > 20).all(), raw.loc[raw["reden"].str.len() <= 20, "onderwijsregio"].tolist()
    table = indeling.entries(raw)
    names = set(table["onderwijsregio"])
    for into in raw["opgaan_in"]:
        assert all(t.strip() in names for t in into.split(";") if t.strip()), into


def test_same_as_pairs_are_one_entry_and_their_old_names_are_aliases(tables):
    table = tables["onderwijsregios"]
    names = set(table["onderwijsregio"])
    for alias, entry in (
        ("Twente, Achterhoek, Oost-Salland", "VOTA (Twente Achterhoek Oost-Salland)"),
        ("Noorderwijzer (Drenthe+)", "Noorderwijzer"),
        ("Landelijk Groen", "Landelijk groen onderwijs"),
    ):
        assert alias not in names and entry in names
        row = table[table["onderwijsregio"] == entry].iloc[0]
        assert alias in row["aliassen"].split(";") and indeling.code_of(alias) in row["oude_codes"].split(";")
    # every "=" in same_as names an alias or the entry itself, never a second entry
    for name, same in zip(table["onderwijsregio"], table["same_as"]):
        for other in indeling.ALIAS_IN_SAME_AS.findall(same or ""):
            assert other == name or other not in names, (name, other)


def test_probably_the_same_is_said_on_both_sides_and_kept_apart(tables):
    table = tables["onderwijsregios"].set_index("onderwijsregio")
    a, b = "VO Friesland Noordelijk Flevoland", "Friesland, Noordoostpolder en Urk"
    assert b in table.loc[a, "waarschijnlijk_gelijk"] and a in table.loc[b, "waarschijnlijk_gelijk"]


def test_names_of_two_loketten_are_split_unless_a_source_says_they_are_one(tables):
    names = set(tables["onderwijsregios"]["onderwijsregio"])
    assert not [n for n in names if " / " in n], names
    assert {"Rotterdam PO", "Rotterdam vo-mbo", "Hollands Noorden", "Zaanstreek-Waterland", "Groene Hart"} <= names
    assert "Drechtsteden/West-Brabant" in names  # its loket names one region


def test_voorlopers_are_a_property(tables):
    table = tables["onderwijsregios"]
    voorlopers = set(table.loc[table["voorloper"] == "ja", "onderwijsregio"])
    assert "VOTA (Twente Achterhoek Oost-Salland)" in voorlopers and "Noorderwijzer" in voorlopers
    assert len(voorlopers) == 5 and set(table.loc[table["voorloper"] == "ja", "voorloper_sinds"]) == {"2023"}


def test_old_codes_of_shared_links_stay_entries(tables):
    codes = set(tables["onderwijsregios"]["onderwijsregio_code"])
    assert {"OR-haaglanden", "OR-zwolle-en-omgeving"} <= codes


@pytest.mark.parametrize("sector", ["po", "vo", "mbo"])
def test_a_gemeente_sits_in_one_region_per_sector_far_more_often_than_before(tables, sector):
    definition = tables["onderwijsregio_gemeenten"]
    contested = indeling.contested(definition, sector)
    assert len(contested) <= BEFORE[sector] // 2, len(contested)


@pytest.mark.parametrize("sector", ["po", "vo", "mbo"])
def test_no_two_regions_of_a_sector_have_nearly_the_same_gemeenten(tables, sector):
    rows = tables["onderwijsregio_gemeenten"]
    groups = {n: set(g["gemeentecode"]) for n, g in rows[rows["sector"] == sector].groupby("onderwijsregio")}
    names = sorted(groups)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = len(groups[a] & groups[b]) / len(groups[a] | groups[b])
            assert shared < 0.6, (a, b, shared)


def test_assign_prefers_better_evidence_and_keeps_ties_contested():
    rows = pd.DataFrame(
        [
            # A lists G1 (secondary), B infers it from an area (uncertain): A
            ("A", "po", "G1", "secondary", "gemeente", False, False, "S1"),
            ("B", "po", "G1", "uncertain", "provincie", False, True, "S2"),
            # both list G2 at the same level: contested
            ("A", "po", "G2", "uncertain", "gemeente", False, False, "S1"),
            ("B", "po", "G2", "uncertain", "gemeente", False, False, "S2"),
            # a shared list against an own list of the same reliability: the own one
            ("A", "po", "G3", "uncertain", "gemeente", True, False, "S3"),
            ("B", "po", "G3", "uncertain", "gemeente", False, False, "S2"),
        ],
        columns=[
            "onderwijsregio",
            "sector",
            "gemeente_code",
            "reliability",
            "member_type",
            "gedeeld",
            "ouder",
            "source_id",
        ],
    )
    out = indeling.assign(rows)
    got = {g: sorted(out.loc[out["gemeente_code"] == g, "onderwijsregio"]) for g in ("G1", "G2", "G3")}
    assert got == {"G1": ["A"], "G2": ["A", "B"], "G3": ["B"]}
    definition = out.rename(columns={"gemeente_code": "gemeentecode"})
    assert indeling.contested(definition)["gemeentecode"].tolist() == ["G2"]


def test_one_count_says_why_it_differs_from_ocw(tables):
    count = indeling.count(tables["onderwijsregios"], tables["onderwijsregio_gemeenten"], (50, 2025))
    assert count.total == len(tables["onderwijsregios"])
    assert count.with_gemeenten + count.without_gemeenten == count.total
    assert count.why.startswith("50 volgens OCW (2025); ") and f"{count.total} in deze data" in count.why
    own = pd.DataFrame({"onderwijsregio": ["X", "Y"], "sector": "po", "gemeentecode": ["GM0001", "GM0002"]})
    assert indeling.count(tables["onderwijsregios"], own).total == 2
