"""Onderwijsregio membership at gemeente level: the sector field parser and member expansion.

Lives in the data layer because the build derives the shipped definition from it; dashboard.metrics re-exports it.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard import cached
from dashboard.data.model.sectors import SCHOOL_SECTORS

RELIABILITY_RANK = {"solid": 0, "solid-but-parsed": 1, "derived": 2, "secondary": 3, "uncertain": 4}

# Sector as stored in the definition, for a region whose record names no sector.
UNKNOWN_SECTOR = "onbekend"

# Words in the sector fields of the sources -> contract sector; vso (voortgezet speciaal onderwijs) counts as so.
_SECTOR_WORDS = {"po": "po", "vo": "vo", "mbo": "mbo", "so": "so", "vso": "so"}


def parse_sectors(raw: str) -> tuple[str, ...]:
    """The sectors a record names, in contract order; () when none is stated.

    'po (loket tags)' -> ('po',); 'mbo | po | vo' -> ('po', 'vo', 'mbo'); 'vo;vso' -> ('vo', 'so');
    '(not stated)' -> (). Remarks in brackets are dropped, except the '(v)' of '(v)so'.
    """
    text = raw.lower().replace("(v)so", "vso")
    text = re.sub(r"\([^)]*\)", " ", text)
    words = {_SECTOR_WORDS[w] for w in re.split(r"[^a-z]+", text) if w in _SECTOR_WORDS}
    return tuple(s for s in SCHOOL_SECTORS if s in words)


def sector_codes(raw: str) -> str:
    """The parsed sectors as 'po;vo', or 'onbekend' (the sector_codes column of onderwijsregios)."""
    return ";".join(parse_sectors(raw)) or UNKNOWN_SECTOR


@cached.metric
def expand_members(leden: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Member rows at gemeente level: provincie and arbeidsmarktregio rows expanded to their gemeenten,
    keeping the member row's reliability."""
    gemeenten = regions[regions["geo_level"] == "gemeente"][["region_code", "provincie_code", "arbeidsmarktregio_code"]]
    direct = leden[leden["member_type"] == "gemeente"].assign(gemeente_code=lambda d: d["member_code"])
    parts = [direct]
    for member_type, column in (("provincie", "provincie_code"), ("arbeidsmarktregio", "arbeidsmarktregio_code")):
        area = leden[leden["member_type"] == member_type]
        expanded = area.merge(gemeenten, left_on="member_code", right_on=column)
        parts.append(expanded.assign(gemeente_code=expanded["region_code"])[list(direct.columns)])
    out = pd.concat(parts, ignore_index=True)
    return out[out["gemeente_code"] != ""]


def definition_rows(onderwijsregios: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """(onderwijsregio, sector, gemeentecode, reliability): every expanded member in every sector its region's
    record names ('onbekend' when it names none), the most reliable membership per gemeente.

    `onderwijsregios` needs onderwijsregio_code, onderwijsregio and sector_codes; `members` = expand_members(...).
    """
    regions = onderwijsregios[["onderwijsregio_code", "onderwijsregio", "sector_codes"]]
    rows = members.merge(regions, on="onderwijsregio_code")
    rows = rows.assign(sector=rows["sector_codes"].str.split(";")).explode("sector")
    rows = rows.assign(_rank=rows["reliability"].map(RELIABILITY_RANK).fillna(9))
    rows = rows.sort_values(["onderwijsregio", "sector", "gemeente_code", "_rank"], kind="stable")
    best = rows.drop_duplicates(["onderwijsregio", "sector", "gemeente_code"])
    return pd.DataFrame(
        {
            "onderwijsregio": best["onderwijsregio"],
            "sector": best["sector"],
            "gemeentecode": best["gemeente_code"],
            "reliability": best["reliability"],
        }
    ).reset_index(drop=True)
