"""One entry per onderwijsregio, one onderwijsregio per gemeente and sector (docs/onderwijsregios.md).

The raw region records (data/raw/onderwijsregio_regions.csv) come from several sources: the OCW list of 2023
voorlopers, regions "in oprichting", DUS-I and the regioloketten of Het Onderwijsloket. Column `opgaan_in` says what
becomes of a record: empty, it is an entry of its own; one name, it is the same region as that entry ("=" in a
source) and its name stays as an alias; two or more names ("A; B"), one loket serves several regions and the record
is split into them. `reden` says why, per record. Pure: frames in, frames out.

Per sector a gemeente goes to the entry with the best evidence for it (`assign`): the most reliable membership,
then a gemeente named in a list over one inferred from an area (a provincie or arbeidsmarktregio in the name),
then the entry's own list over a list it shares with other regions (a split loket), then a sector the
region's own record names over one only a merged voorloper gave it, then the network of 2025 over a
2023 record, then a record whose name names fewer areas, then the number of sources that place it there, and last,
for a loket's list shared by several regions, the region that fewer lokets serve. Where entries still tie, the
sources really place the gemeente in more than one region: it stays in each and is contested (`contested`), said on
the profiles and the map.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from dashboard.data.model.members import RELIABILITY_RANK, sector_codes

SEP = ";"
GEOGRAPHIC = ("gemeente", "provincie", "arbeidsmarktregio")
# The status of the records of today's network; anything else (voorloper, in oprichting) is an older record.
NETWORK_STATUS = "onderwijsregio 2025"
ALIAS_IN_SAME_AS = re.compile(r"(?:^|;\s*)=\s*[^']*'([^']+)'")


def code_of(name: str) -> str:
    """The URL code of a region name: 'OR-' and the name as a slug ('Zwolle en omgeving' -> 'OR-zwolle-en-omgeving')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "OR-" + re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _names(text: str) -> list[str]:
    return [n.strip() for n in str(text).split(SEP) if n.strip()]


def _join(values) -> str:
    return SEP.join(dict.fromkeys(v for v in values if v))


def targets(raw: pd.DataFrame) -> dict[str, list[str]]:
    """Record name -> the entry names it goes into (itself when `opgaan_in` is empty)."""
    column = raw["opgaan_in"] if "opgaan_in" in raw else pd.Series("", index=raw.index)
    return {name: _names(into) or [name] for name, into in zip(raw["onderwijsregio"], column.fillna(""))}


def entries(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per onderwijsregio: the records that are no alias or split, with the aliases, old codes, sectors,
    sources and voorloper year of the records that go into them. Raises ValueError for a target that is no entry."""
    raw = raw.fillna("")
    into = targets(raw)
    own = raw[[into[n] == [n] for n in raw["onderwijsregio"]]]
    known = set(own["onderwijsregio"])
    rows = []
    for rec in own.itertuples():
        merged = raw[[rec.onderwijsregio in into[n] and n != rec.onderwijsregio for n in raw["onderwijsregio"]]]
        aliases = [n for n in merged["onderwijsregio"] if len(into[n]) == 1]
        aliases += [a for a in ALIAS_IN_SAME_AS.findall(rec.same_as) if a != rec.onderwijsregio]
        split_from = [n for n in merged["onderwijsregio"] if len(into[n]) > 1]
        sectors = " | ".join(
            dict.fromkeys([rec.sectors, *merged.loc[merged["onderwijsregio"].isin(aliases), "sectors"]])
        )
        years = [y for y in [rec.voorloper_sinds, *merged["voorloper_sinds"]] if y]
        rows.append(
            {
                "onderwijsregio_code": code_of(rec.onderwijsregio),
                "onderwijsregio": rec.onderwijsregio,
                "status": rec.status,
                "sectors": sectors,
                "sector_codes": sector_codes(sectors),
                "alias_sectoren": ";".join(
                    s for s in sector_codes(sectors).split(SEP) if s not in sector_codes(rec.sectors).split(SEP)
                ),
                "same_as": rec.same_as,
                "source_ids": _join(s for ids in [rec.source_ids, *merged["source_ids"]] for s in ids.split(SEP)),
                "voorloper": "ja" if years else "nee",
                "voorloper_sinds": min(years) if years else "",
                "aliassen": _join(dict.fromkeys(aliases)),
                "oude_codes": _join(code_of(n) for n in [*aliases, *split_from] if n in set(raw["onderwijsregio"])),
                "waarschijnlijk_gelijk": rec.waarschijnlijk_gelijk,
                "reden": rec.reden,
            }
        )
    table = pd.DataFrame(rows)
    missing = sorted({t for ts in into.values() for t in ts} - known)
    if missing:
        raise ValueError(f"onderwijsregio_regions.csv: 'opgaan_in' noemt {', '.join(missing)}, geen eigen regio.")
    return _symmetric_probably(table)


def _symmetric_probably(table: pd.DataFrame) -> pd.DataFrame:
    """'waarschijnlijk dezelfde regio als ...' on both profiles: each pair named once is named on both sides."""
    pairs = {(a, b) for a, names in zip(table["onderwijsregio"], table["waarschijnlijk_gelijk"]) for b in _names(names)}
    both = pairs | {(b, a) for a, b in pairs}
    return table.assign(
        waarschijnlijk_gelijk=[_join(sorted(b for a, b in both if a == n)) for n in table["onderwijsregio"]]
    )


def member_evidence(raw: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """The raw member rows under the entry they count for, with `gedeeld` (a split loket's list, shared by its
    parts) and `ouder` (from a 2023 or in-oprichting record). An alias's area is left out where the entry has
    geographic members of its own (its 2025 list is the better one); a shared list goes only to the parts without a
    gemeente list of their own."""
    raw = raw.fillna("")
    into = targets(raw)
    status = dict(zip(raw["onderwijsregio"], raw["status"]))
    members = members.fillna("")
    geographic = members["member_type"].isin(GEOGRAPHIC)
    has_list = set(members.loc[members["member_type"] == "gemeente", "onderwijsregio"])
    has_geo = set(members.loc[geographic, "onderwijsregio"])
    parts = []
    for record, rows in members.groupby("onderwijsregio", sort=False):
        names = into.get(record, [record])
        for name in names:
            shared = len(names) > 1
            if shared and name in has_list:
                continue
            if not shared and name != record and name in has_geo:
                rows = rows[~rows["member_type"].isin(GEOGRAPHIC)]
            parts.append(
                rows.assign(
                    onderwijsregio_code=code_of(name),
                    herkomst=record,
                    gedeeld=shared,
                    ouder=status.get(record, "") != NETWORK_STATUS,
                )
            )
    return pd.concat(parts, ignore_index=True) if parts else members.iloc[:0]


def assign(candidates: pd.DataFrame) -> pd.DataFrame:
    """Per (sector, gemeente) the entries with the best evidence (module docstring). `candidates` has onderwijsregio,
    sector, gemeente_code, reliability, member_type, gedeeld, ouder and source_id, one row per piece of evidence;
    returns (onderwijsregio, sector, gemeente_code, reliability) with the entry's most reliable membership.

    The last step is for a loket's list shared by several regions: a region that other lokets serve too keeps from it
    only what another of its lists also names (it has more sources there), the rest goes to the region this list is
    the only one of."""
    frame = candidates.assign(
        _rel=candidates["reliability"].map(RELIABILITY_RANK).fillna(9).astype(int),
        _area=(candidates["member_type"] != "gemeente").astype(int),
        _shared=candidates["gedeeld"].astype(int),
        _alias=candidates.get("alias_sector", pd.Series(False, index=candidates.index)).astype(int),
        _old=candidates["ouder"].astype(int),
        _spread=_areas_named(candidates),
    )
    shared = frame[frame["gedeeld"]].groupby(["onderwijsregio", "sector"])["source_id"].nunique()
    order = ["_rel", "_area", "_shared", "_alias", "_old", "_spread"]
    frame = frame.sort_values(order, kind="stable")
    keys = ["onderwijsregio", "sector", "gemeente_code"]
    best = frame.groupby(keys, sort=False).agg(
        reliability=("reliability", "first"),
        _rel=("_rel", "first"),
        _area=("_area", "first"),
        _shared=("_shared", "first"),
        _alias=("_alias", "first"),
        _old=("_old", "first"),
        _spread=("_spread", "first"),
        _sources=("source_id", "nunique"),
    )
    best = best.reset_index()
    lists = pd.Series(list(zip(best["onderwijsregio"], best["sector"]))).map(shared).fillna(0).astype(int)
    steps = [best[c] for c in order]
    steps += [-best["_sources"], lists * best["_shared"]]
    best = best.assign(_rank=list(zip(*steps)))
    keep = best["_rank"] == best.groupby(["sector", "gemeente_code"])["_rank"].transform("min")
    return best.loc[keep, [*keys, "reliability"]].reset_index(drop=True)


def _areas_named(candidates: pd.DataFrame) -> pd.Series:
    """For evidence from an area (a provincie or arbeidsmarktregio read from a record's name): how many areas that
    record names. A title that names one area places a gemeente more surely than one that names three."""
    if "herkomst" not in candidates:
        return pd.Series(0, index=candidates.index)
    area = candidates["member_type"] != "gemeente"
    named = candidates[area].groupby("herkomst")["member_code"].nunique()
    return candidates["herkomst"].map(named).fillna(0).astype(int).where(area, 0)


def contested(definition: pd.DataFrame, sector: str | None = None) -> pd.DataFrame:
    """(sector, gemeentecode, onderwijsregio's) of the gemeenten that stand in more than one region of a sector."""
    rows = definition if sector is None else definition[definition["sector"] == sector]
    per = rows.groupby(["sector", "gemeentecode"])["onderwijsregio"].agg(lambda s: tuple(sorted(set(s))))
    per = per[per.map(len) > 1]
    return per.rename("onderwijsregios").reset_index()


@dataclass(frozen=True)
class Count:
    """How many onderwijsregio's this data holds (one function for every page, the API and the data package)."""

    total: int  # entries (one per onderwijsregio)
    with_gemeenten: int  # of them with gemeenten in the definition
    without_gemeenten: int  # landelijke and loketregio's without a gemeente list
    probably_same: int  # 2023 or in-oprichting records that are probably a region of 2025 (kept apart)
    official: int | None  # the count of OCW (latest), if in the data
    official_year: int | None

    @property
    def why(self) -> str:
        """'50 volgens OCW (2025); 57 in deze data: ...' (the page says why the numbers differ)."""
        ours = (
            f"{self.total} in deze data: {self.with_gemeenten} met gemeenten in deze benadering, "
            f"{self.without_gemeenten} zonder gemeentelijst (landelijk of zonder lijst)"
        )
        if self.probably_same:
            ours += (
                f"; {self.probably_same} daarvan zijn voorlopers of regio's in oprichting die waarschijnlijk "
                "dezelfde zijn als een regio van 2025 maar door geen bron gelijk worden genoemd"
            )
        if self.official is None:
            return ours + "."
        if self.official == self.total:
            return f"{self.total} onderwijsregio's, zoveel als OCW telt ({self.official_year})."
        return f"{self.official} volgens OCW ({self.official_year}); {ours}."


def count(register: pd.DataFrame, definition: pd.DataFrame, official: tuple[int, int] | None = None) -> Count:
    """The count of `register` (one row per onderwijsregio) against `definition`. With an imported definition whose
    names are not in the register, the entries are the definition's regions. `official`: (value, year) of OCW."""
    names = set(definition["onderwijsregio"])
    own = not names <= set(register["onderwijsregio"])
    if own:
        total, with_gem, without, probably = len(names), len(names), 0, 0
    else:
        total = len(register)
        with_gem = int(register["onderwijsregio"].isin(names).sum())
        without = total - with_gem
        old = register["status"] != NETWORK_STATUS
        probably_col = register.get("waarschijnlijk_gelijk", pd.Series("", index=register.index)).fillna("")
        probably = int((old & (probably_col != "")).sum())
    value, year = official if official else (None, None)
    return Count(total, with_gem, without, probably, value, year)
