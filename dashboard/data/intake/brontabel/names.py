"""Region names in a brontabel to codes: the names the project already knows (`name_in_ocw_table` and
`name_in_source` in data/raw/arbeidsmarktregio_codes.csv, the boundary names, the G5 names), forgiving case,
accents, hyphens, spaces, punctuation and a leading "Regio". A name is never guessed: a key that would point at two
regions is left out, and `nearest` is only a hint in a refusal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.data.intake.build import G5_CODES, read_raw
from dashboard.data.model.paths import RAW_DIR

# Other spellings of a G5 gemeente than its official name (the same gemeente, never a neighbour).
G5_ALIASES = {"Den Haag": "GM0518"}


@dataclass(frozen=True)
class Region:
    code: str
    name: str  # as OCW writes it (the name the shipped rows carry)
    geo_level: str  # arbeidsmarktregio or gemeente (G5)
    parent: str = ""  # a G5 gemeente: the OCW name of its arbeidsmarktregio


def name_key(name: str) -> str:
    """'Regio Zwolle', 'zwolle', 'Gooi- en Vechtstreek', "'s-Gravenhage", 'Food Valley' -> one key each:
    letters and digits only, lower case, no accents, without a leading word 'regio'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    if len(words) > 1 and words[0] == "regio":
        words = words[1:]
    return "".join(words)


def known_regions(codes: pd.DataFrame, regions: pd.DataFrame) -> dict[str, Region]:
    """Name key -> region, for every arbeidsmarktregio and G5 gemeente on the current map. A key that would
    point at two regions is left out (such a name is then refused, never guessed)."""
    on_map = set(zip(regions["geo_level"], regions["region_code"]))
    am_names = {code: name for code, name in zip(codes["am_code"], codes["name_in_ocw_table"])}
    spellings: list[tuple[str, Region]] = []
    for _, row in codes.iterrows():
        if ("arbeidsmarktregio", row["am_code"]) not in on_map:
            continue
        region = Region(row["am_code"], row["name_in_ocw_table"], "arbeidsmarktregio")
        spellings += [(row["name_in_ocw_table"], region), (row["name_in_source"], region)]
    boundary = regions[regions["geo_level"] == "arbeidsmarktregio"]
    for code, name in zip(boundary["region_code"], boundary["region_name"]):
        if code in am_names:
            spellings.append((name, Region(code, am_names[code], "arbeidsmarktregio")))
    gemeenten = regions[regions["geo_level"] == "gemeente"].set_index("region_code")
    g5 = {}
    for name, code in G5_CODES.items():
        if code in gemeenten.index:
            parent = am_names.get(gemeenten.loc[code, "arbeidsmarktregio_code"], "")
            g5[code] = Region(code, name, "gemeente", parent)
            spellings.append((name, g5[code]))
    spellings += [(alias, g5[code]) for alias, code in G5_ALIASES.items() if code in g5]
    found: dict[str, set[Region]] = {}
    for name, region in spellings:
        found.setdefault(name_key(name), set()).add(region)
    return {key: next(iter(rs)) for key, rs in found.items() if key and len(rs) == 1}


def expected(known: Mapping[str, Region]) -> list[Region]:
    """The regions a complete brontabel has a line for (every known region once)."""
    return sorted(set(known.values()), key=lambda r: (r.geo_level, r.code))


def nearest(name: str, known: Mapping[str, Region]) -> str:
    """The known name closest to `name`: a hint in a message, never used to import."""
    names = sorted({r.name for r in known.values()})
    key = name_key(name)
    return max(names, key=lambda n: difflib.SequenceMatcher(None, key, name_key(n)).ratio())


def regions_for(regions: pd.DataFrame, raw_dir: Path = RAW_DIR) -> dict[str, Region]:
    return known_regions(read_raw("arbeidsmarktregio_codes.csv", raw_dir), regions)
