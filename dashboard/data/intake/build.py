"""Build the embedded dataset: transcribed source tables (data/raw/*.csv) -> Parquet (data/*.parquet).

Run `python -m dashboard.data.intake.build`. The build is deterministic, so a test can check that the committed
Parquet files equal a fresh build. No number is computed here: rows are reshaped into the long
`indicators` table of the data contract, each keeping its source and reliability.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from dashboard.data.intake.sources import build_sources, figure_kinds, split_citation  # noqa: F401 (build's API)
from dashboard.data.model import indeling
from dashboard.data.model.contract import ContractError, validate, validate_references
from dashboard.data.model.members import expand_members
from dashboard.data.model.paths import DATA_DIR, GEO_DIR, RAW_DIR, geo_file
from dashboard.data.store.atomic import write_tables

G5_CODES = {
    "Amsterdam": "GM0363",
    "'s-Gravenhage": "GM0518",
    "Rotterdam": "GM0599",
    "Utrecht": "GM0344",
    "Almere": "GM0034",
}

# Measure names in the sources -> stable indicator ids of the contract.
INDICATOR_RENAMES = {"totaal_tekort_pct": "tekort_pct", "totaal_tekort_fte": "tekort_fte"}

# Where a table holds national figures only.
NATIONAL = {"geo_level": "land", "region_code": "NL01", "region_name": "Nederland"}

GEO_LEVEL_RENAMES = {
    "arbeidsmarktregio (excl. G5-gemeente)": "arbeidsmarktregio",
    "gemeente (G5)": "gemeente",
    "stadsdeel": "stadsdeel",
    "wijk": "wijk",
}


def read_raw(name: str, raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    return pd.read_csv(raw_dir / name, dtype=str, keep_default_na=False)


def normalize_sector(raw: str) -> str:
    """'po (bao, so, vso)' -> 'po'; 'po+vo+mbo' -> 'alle'; unknown -> 'alle'."""
    text = raw.strip().lower()
    if "+" in text or "/" in text or not text:
        return "alle"
    for sector in ("mbo", "vo", "po", "so", "ho"):
        if text.startswith(sector):
            return sector
    if text.startswith("(v)so"):
        return "so"
    return "alle"


def year_of(text: str) -> int | None:
    match = re.search(r"(19|20)\d\d", text)
    return int(match.group(0)) if match else None


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _frame(rows: pd.DataFrame, **columns: object) -> pd.DataFrame:
    """Assemble contract columns; a str value names a source column, a callable maps each row."""
    out = pd.DataFrame(index=rows.index)
    for name, spec in columns.items():
        if callable(spec):
            out[name] = rows.apply(spec, axis=1)
        elif isinstance(spec, str) and spec in rows.columns:
            out[name] = rows[spec]
        else:
            out[name] = spec
    return out


def _numeric_only(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value is a number; dates and empty cells stay in the raw tables only."""
    return rows[pd.to_numeric(rows["value"], errors="coerce").notna()]


def _common(time_col: str) -> dict[str, object]:
    return {
        "peildatum": lambda r: r[time_col] or "onbekend",
        "year": lambda r: year_of(r[time_col]),
        "value": "value",
        "unit": "unit",
        "reliability": "reliability",
        "source_id": "source_id",
        "note": "note",
        "aard": lambda r: r.get("aard", ""),  # the kind of one row where the evidence says so (figure_kinds)
    }


def am_name_to_code(raw_dir: Path = RAW_DIR) -> dict[str, str]:
    codes = read_raw("arbeidsmarktregio_codes.csv", raw_dir)
    mapping = dict(zip(codes["name_in_ocw_table"], codes["am_code"]))
    mapping.update(zip(codes["name_in_source"], codes["am_code"]))
    return mapping


def staff_indicator(indicator: str, personeel: str) -> str:
    """Shortages of school leaders get their own indicator id, so they never mix with teachers."""
    return indicator.replace("tekort_", "tekort_schoolleiding_", 1) if personeel == "schoolleiding" else indicator


def sector_detail(raw: str) -> str:
    """'po (speciaal basisonderwijs)' -> 'speciaal basisonderwijs'; a plain sector -> ''."""
    match = re.search(r"\((.+)\)", raw)
    return match.group(1) if match else ""


def national_shortages(raw_dir: Path) -> pd.DataFrame:
    rows = pd.concat([read_raw("national_shortage_po.csv", raw_dir), read_raw("national_shortage_vo_mbo.csv", raw_dir)])
    rows = _numeric_only(rows)

    return _frame(
        rows,
        indicator=lambda r: staff_indicator(INDICATOR_RENAMES.get(r["measure"], r["measure"]), r["personeel"]),
        sector=lambda r: normalize_sector(r["sector"]),
        vak="",
        **NATIONAL,
        categorie="scope",
        kind="meting",
        **_common("peildatum"),
    )


def regional_shortages(raw_dir: Path) -> pd.DataFrame:
    rows = pd.concat([read_raw("regional_shortage_po.csv", raw_dir), read_raw("regional_shortage_vo.csv", raw_dir)])
    rows = _numeric_only(rows)
    am_codes = am_name_to_code(raw_dir)

    def code(r: pd.Series) -> str:
        level = GEO_LEVEL_RENAMES[r["geo_level"]]
        if level == "arbeidsmarktregio":
            return am_codes[r["region_name"]]
        if level == "gemeente":
            return G5_CODES[r["region_name"]]
        return ""

    def name(r: pd.Series) -> str:
        """Stadsdelen and wijken carry their gemeente, which has no code of their own to join on."""
        level = GEO_LEVEL_RENAMES[r["geo_level"]]
        return f"{r['region_name']} ({r['parent_region']})" if level in ("stadsdeel", "wijk") else r["region_name"]

    return _frame(
        rows,
        indicator=lambda r: staff_indicator(INDICATOR_RENAMES.get(r["measure"], r["measure"]), r["personeel"]),
        sector=lambda r: normalize_sector(r["sector"]),
        vak="",
        geo_level=lambda r: GEO_LEVEL_RENAMES[r["geo_level"]],
        region_code=code,
        region_name=name,
        categorie=lambda r: sector_detail(r["sector"]),
        kind="meting",
        **_common("peildatum"),
    )


def vo_vakken(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("vo_vakken.csv", raw_dir))
    return _frame(
        rows,
        indicator="measure",
        sector="vo",
        vak="vak",
        **NATIONAL,
        categorie="",
        kind="meting",
        **_common("peildatum"),
    )


def forecasts(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("forecasts.csv", raw_dir))
    return _frame(
        rows,
        indicator="measure",
        sector=lambda r: normalize_sector(r["sector"]),
        vak="",
        **NATIONAL,
        categorie=lambda r: f"{r['scope']} (raming van {r['raming_vintage']})",
        kind="raming",
        **_common("target_year"),
    )


def opleiding_instroom(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("opleiding_instroom.csv", raw_dir))
    primary = ("pabo", "pwpo", "primair")
    return _frame(
        rows,
        indicator=lambda r: "instroom_opleiding" if r["measure"] == "instroom" else f"opleiding_{r['measure']}",
        sector=lambda r: "po" if any(p in r["opleiding"].lower() for p in primary) else "vo",
        vak="",
        **NATIONAL,
        categorie="opleiding",
        kind="meting",
        **{**_common("jaar"), "note": lambda r: "; ".join(x for x in (r["definition"], r["note"]) if x)},
    )


def diplomas(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("lerarenopleiding_diplomas_vo.csv", raw_dir))
    return _frame(
        rows,
        indicator="measure",
        sector="vo",
        vak="vak",
        **NATIONAL,
        categorie="",
        kind="meting",
        **_common("jaar"),
    )


def generic_national(name: str, raw_dir: Path, time_col: str = "year", categorie: str = "sector") -> pd.DataFrame:
    """Tables shaped (time, sector, measure, value, unit, reliability, note, source_id)."""
    rows = _numeric_only(read_raw(name, raw_dir))
    return _frame(
        rows,
        indicator="measure",
        sector=lambda r: normalize_sector(r.get("sector", "")),
        vak="",
        **NATIONAL,
        categorie=categorie,
        kind="meting",
        **_common(time_col),
    )


def onderwijstijd(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("onderwijstijd.csv", raw_dir))
    area_codes = {
        "Netherlands": ("land", "NL01", "Nederland"),
        "OECD average": ("internationaal", "OESO", "OESO-gemiddelde"),
        "EU average": ("internationaal", "EU", "EU-gemiddelde"),
    }

    def sector(r: pd.Series) -> str:
        level = r["level"].lower()
        if "+" in level:
            return "alle"
        if level.startswith(("po", "primary")):
            return "po"
        if level.startswith(("vo", "lower secondary", "upper secondary")):
            return "vo"
        return "alle"

    return _frame(
        rows,
        indicator="measure",
        sector=sector,
        vak="",
        geo_level=lambda r: area_codes[r["country_or_area"]][0],
        region_code=lambda r: area_codes[r["country_or_area"]][1],
        region_name=lambda r: area_codes[r["country_or_area"]][2],
        categorie="level",
        kind="meting",
        **_common("year"),
    )


def werkgelegenheid(raw_dir: Path) -> pd.DataFrame:
    rows = _numeric_only(read_raw("werkgelegenheid.csv", raw_dir))
    return _frame(
        rows,
        indicator="measure",
        sector=lambda r: normalize_sector(r["sector"]),
        vak="",
        geo_level=lambda r: "land" if r["area"] == "Nederland" else "overig",
        region_code=lambda r: "NL01" if r["area"] == "Nederland" else "",
        region_name=lambda r: r["area"],
        categorie="sector",
        kind="meting",
        **_common("year"),
    )


def onderwijsregio_facts(raw_dir: Path) -> pd.DataFrame:
    facts = _numeric_only(read_raw("onderwijsregio_facts.csv", raw_dir))
    extra = read_raw("onderwijsregio_extra.csv", raw_dir).rename(columns={"name_or_measure": "measure"})
    extra = _numeric_only(extra)
    rows = pd.concat([facts, extra])

    def sector(r: pd.Series) -> str:
        for s in ("po", "vo", "mbo"):
            if r["measure"].endswith(f"_{s}"):
                return s
        return "alle"

    return _frame(
        rows,
        indicator="measure",
        sector=sector,
        vak="",
        **NATIONAL,
        categorie="topic",
        kind="meting",
        **_common("year"),
    )


def build_indicators(raw_dir: Path = RAW_DIR) -> pd.DataFrame:
    parts = [
        national_shortages(raw_dir),
        regional_shortages(raw_dir),
        vo_vakken(raw_dir),
        forecasts(raw_dir),
        opleiding_instroom(raw_dir),
        diplomas(raw_dir),
        generic_national("zij_instroom.csv", raw_dir, time_col="jaar"),
        generic_national("zij_instroom_series.csv", raw_dir),
        generic_national("zij_instroom_budget.csv", raw_dir),
        generic_national("behoud.csv", raw_dir),
        generic_national("vacatures.csv", raw_dir, time_col="peildatum"),
        generic_national("seed_figures.csv", raw_dir, categorie="Kamerbrief/VO-raad"),
        onderwijstijd(raw_dir),
        werkgelegenheid(raw_dir),
        onderwijsregio_facts(raw_dir),
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame["kind"] = figure_kinds(frame, read_raw("sources.csv", raw_dir))
    return validate(frame, "indicators")


# Publishers (sources.kind) whose figures are reports, not their own measurement.
def build_regions(raw_dir: Path = RAW_DIR, geo_dir: Path = GEO_DIR) -> pd.DataFrame:
    with open(geo_file("arbeidsmarktregio", geo_dir), encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return regions_from(read_raw("gemeente_regions.csv", raw_dir), features)


def regions_from(gem: pd.DataFrame, features: list[dict]) -> pd.DataFrame:
    """The regions table from the gemeente table (strings, as in data/raw/gemeente_regions.csv) and the
    arbeidsmarktregio boundary features (refresh-boundaries builds it before any file is written)."""
    gemeenten = pd.DataFrame(
        {
            "region_code": gem["gemeentecode"],
            "region_name": gem["gemeentenaam"],
            "geo_level": "gemeente",
            "provincie_code": gem["provinciecode"],
            "arbeidsmarktregio_code": gem["arbeidsmarktregiocode"],
            "corop_code": gem["coropcode"],
            "rmc_code": gem["rmccode"],
            "is_g5": gem["gemeentecode"].isin(G5_CODES.values()).map({True: "ja", False: "nee"}),
        }
    )
    provincies = gem.drop_duplicates("provinciecode")[["provinciecode", "provincienaam"]]
    provincies = pd.DataFrame(
        {
            "region_code": provincies["provinciecode"],
            "region_name": provincies["provincienaam"],
            "geo_level": "provincie",
        }
    )
    am = pd.DataFrame(
        {
            "region_code": [f["properties"]["statcode"] for f in features],
            "region_name": [f["properties"]["statnaam"] for f in features],
            "geo_level": "arbeidsmarktregio",
        }
    )
    am = am.assign(arbeidsmarktregio_code=am["region_code"])
    land = pd.DataFrame({"region_code": ["NL01"], "region_name": ["Nederland"], "geo_level": ["land"]})
    frame = pd.concat([land, provincies, am, gemeenten], ignore_index=True).fillna("")
    frame["is_g5"] = frame["is_g5"].replace("", "nee")
    return validate(frame.sort_values(["geo_level", "region_code"]), "regions")


def build_onderwijsregios(raw_dir: Path = RAW_DIR) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per onderwijsregio (dashboard.data.model.indeling: aliases and splits resolved, the reason per region)
    and the member rows under the region they count for (`herkomst`: the record they come from)."""
    regions = read_raw("onderwijsregio_regions.csv", raw_dir)
    try:
        table = indeling.entries(regions)
    except ValueError as err:
        raise ContractError(str(err)) from err
    members = indeling.member_evidence(regions, read_raw("onderwijsregio_members.csv", raw_dir))
    leden = pd.DataFrame(
        {
            "onderwijsregio_code": members["onderwijsregio_code"],
            "member_type": members["member_type"],
            "member_name": members["member_name"],
            "member_code": members["member_code"],
            "reliability": members["reliability"],
            "note": members["note"],
            "source_id": members["source_id"],
            "herkomst": members["herkomst"],
            "gedeeld": members["gedeeld"].map({True: "ja", False: "nee"}),
            "ouder": members["ouder"].map({True: "ja", False: "nee"}),
        }
    )
    return validate(table, "onderwijsregios"), validate(leden, "onderwijsregio_leden")


def build_definition(onderwijsregios: pd.DataFrame, leden: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The shipped onderwijsregio definition (onderwijsregio, sector, gemeentecode): the approximate membership
    expanded to gemeenten, one row per sector the region's record names (however spelled; 'onbekend' when it names
    none); per sector each gemeente in the region with the best evidence (indeling.assign), in more than one only
    where the sources tie. Regions without any gemeente (landelijk) have no rows."""
    meta = onderwijsregios[["onderwijsregio_code", "onderwijsregio", "sector_codes"]]
    rows = expand_members(leden, regions).merge(meta, on="onderwijsregio_code")
    rows = rows.assign(sector=rows["sector_codes"].str.split(";")).explode("sector")
    alias_sectors = dict(zip(onderwijsregios["onderwijsregio_code"], onderwijsregios["alias_sectoren"].fillna("")))
    rows = rows.assign(
        gedeeld=rows["gedeeld"] == "ja",
        ouder=rows["ouder"] == "ja",
        alias_sector=[
            s in alias_sectors.get(c, "").split(";") for c, s in zip(rows["onderwijsregio_code"], rows["sector"])
        ],
    )
    best = indeling.assign(rows)
    table = pd.DataFrame(
        {
            "onderwijsregio": best["onderwijsregio"],
            "sector": best["sector"],
            "gemeentecode": best["gemeente_code"],
            "reliability": best["reliability"],
        }
    )
    table = table.sort_values(["onderwijsregio", "sector", "gemeentecode"], kind="stable")
    return validate(table, "onderwijsregio_gemeenten")


def build_all(raw_dir: Path = RAW_DIR, geo_dir: Path = GEO_DIR) -> dict[str, pd.DataFrame]:
    indicators = build_indicators(raw_dir)
    sources = build_sources(raw_dir)
    validate_references(indicators, sources)
    onderwijsregios, leden = build_onderwijsregios(raw_dir)
    regions = build_regions(raw_dir, geo_dir)
    return {
        "indicators": indicators,
        "sources": sources,
        "regions": regions,
        "onderwijsregios": onderwijsregios,
        "onderwijsregio_leden": leden,
        "onderwijsregio_gemeenten": build_definition(onderwijsregios, leden, regions),
    }


def write_all(
    tables: dict[str, pd.DataFrame], out_dir: Path = DATA_DIR, also: Mapping[Path, Callable[[Path], None]] | None = None
) -> None:
    """Every table and data/manifest.json (size and sha256 per file), and `also` (the build's release): each file
    old or new, never half; a failed write (WriteError) changes none of them. Mode from the umask (0644). Run under
    the write lock (the CLI does)."""
    write_tables(tables, out_dir, also)
