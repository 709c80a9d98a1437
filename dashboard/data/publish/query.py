"""One filter over the indicators table, shared by the page CSVs and the open data API (dashboard/api/).

`select_indicators` is the filter; `validate_query` turns raw query parameters (each possibly repeated) into a
`Query` or raises `QueryError` naming the parameter, a Dutch message and the allowed values. The API validates
with the same parts (FILTERS, allowed_values, check_params, check_values, check_format) through its parameter
definitions, from which its OpenAPI description is made. Pure: no Streamlit, no files, so the same view gives the
same rows on a page and through the API.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from urllib.parse import urlencode

import pandas as pd

from dashboard.data.model.contract import GEO_LEVELS, KINDS
from dashboard.data.model.sectors import SECTORS

FILTERS = ("indicator", "sector", "vak", "geo_level", "region_code", "categorie", "peildatum", "kind")
FORMATS = ("csv", "json", "parquet")
# Bounded work per request: the dataset is small, but a request may not make it large.
MAX_REPEATS = 50
MAX_VALUE_LENGTH = 100
REGION_CODE = re.compile(r"NL\d{2}|PV\d{2}|AM\d{2}|GM\d{4}|OESO|EU")
REGION_CODE_HELP = "NL01, PV27, AM09, GM0363 (CBS-codes; OESO en EU voor internationale gemiddelden)"
# Peildata are ISO dates; some sources give a month, quarter, year or span of years ("2024-07", "2022-Q2",
# "2021", "2023/2024"); a "?" marks an inferred date.
PEILDATUM = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?\??|\d{4}[-/]\d{4}|IPTO\d{4}|onbekend")
PEILDATUM_HELP = "JJJJ-MM-DD, bijv. 2023-10-01 (oudere bronnen: alleen een jaar, bijv. 2021)"


@dataclass(frozen=True)
class Query:
    """Allowed values per column (empty: no filter) and the output format."""

    indicator: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    vak: tuple[str, ...] = ()
    geo_level: tuple[str, ...] = ()
    region_code: tuple[str, ...] = ()
    categorie: tuple[str, ...] = ()
    peildatum: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    format: str = "csv"

    def filters(self) -> dict[str, tuple[str, ...]]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in FILTERS}

    def query_string(self) -> str:
        """The API query string of this view (repeated parameters, format only when not the default)."""
        pairs = [(name, value) for name, values in self.filters().items() for value in values]
        if self.format != "csv":
            pairs.append(("format", self.format))
        return urlencode(pairs)


class QueryError(ValueError):
    """A refused query parameter; `message` is Dutch, `allowed` what would have been accepted."""

    def __init__(self, param: str, message: str, allowed: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.param = param
        self.message = message
        self.allowed = list(allowed)

    def as_json(self) -> dict[str, object]:
        return {"fout": self.message, "parameter": self.param, "toegestaan": self.allowed}


def select_indicators(
    indicators: pd.DataFrame,
    *,
    indicator: tuple[str, ...] = (),
    sector: tuple[str, ...] = (),
    vak: tuple[str, ...] = (),
    geo_level: tuple[str, ...] = (),
    region_code: tuple[str, ...] = (),
    categorie: tuple[str, ...] = (),
    peildatum: tuple[str, ...] = (),
    kind: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The rows whose every filtered column holds one of its allowed values, in data order."""
    wanted = {
        "indicator": indicator,
        "sector": sector,
        "vak": vak,
        "geo_level": geo_level,
        "region_code": region_code,
        "categorie": categorie,
        "peildatum": peildatum,
        "kind": kind,
    }
    keep = pd.Series(True, index=indicators.index)
    for column, values in wanted.items():
        if values:
            keep &= indicators[column].isin(values)
    return indicators[keep].reset_index(drop=True)


def latest_peildatum(indicators: pd.DataFrame, **filters: tuple[str, ...]) -> str | None:
    """The newest ISO peildatum among the selected rows (a page's "latest measurement"), or None."""
    dates = select_indicators(indicators, **filters)["peildatum"]
    dated = dates[dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    return None if dated.empty else str(dated.max())


def allowed_values(indicators: pd.DataFrame, regions: pd.DataFrame) -> dict[str, list[str]]:
    """Per filter the values a query may ask for: the contract's closed lists, the data's open ones."""

    def present(column: str) -> list[str]:
        return sorted(v for v in indicators[column].unique() if v)

    return {
        "indicator": present("indicator"),
        "sector": sorted(set(SECTORS) | set(present("sector"))),
        "vak": present("vak"),
        "geo_level": sorted(set(GEO_LEVELS) | set(present("geo_level"))),
        "region_code": sorted(set(regions["region_code"]) | set(present("region_code"))),
        "categorie": present("categorie"),
        "peildatum": present("peildatum"),
        "kind": sorted(set(KINDS) | set(present("kind"))),
    }


def check_params(params: Mapping[str, list[str]], known: Iterable[str]) -> None:
    """Refuse unknown parameters, too many repeats, empty or too long values."""
    known = list(known)
    for name, values in params.items():
        if name not in known:
            raise QueryError(name, f"Onbekende parameter '{name[:MAX_VALUE_LENGTH]}'.", known)
        if len(values) > MAX_REPEATS:
            raise QueryError(name, f"Parameter '{name}' komt {len(values)} keer voor; maximaal {MAX_REPEATS}.")
        for value in values:
            if not value.strip():
                raise QueryError(name, f"Parameter '{name}' heeft een lege waarde.")
            if len(value) > MAX_VALUE_LENGTH:
                raise QueryError(name, f"Een waarde van '{name}' is langer dan {MAX_VALUE_LENGTH} tekens.")


def check_format(params: Mapping[str, list[str]], default: str = "csv") -> str:
    values = params.get("format", [])
    if len(values) > 1:
        raise QueryError("format", "Geef 'format' hooguit één keer.", FORMATS)
    chosen = values[0].strip().lower() if values else default
    if chosen not in FORMATS:
        raise QueryError("format", f"Onbekend formaat '{values[0]}'.", FORMATS)
    return chosen


def _valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _check_form(name: str, value: str) -> None:
    """Malformed codes and dates get their own message: the user mistyped, rather than asked for missing data."""
    if name == "region_code" and not REGION_CODE.fullmatch(value):
        raise QueryError(name, f"Ongeldige regiocode '{value}': verwacht bijv. {REGION_CODE_HELP}.")
    if name == "peildatum":
        iso_like = re.fullmatch(r"\d{4}-\d{2}-\d{2}\??", value)
        if not PEILDATUM.fullmatch(value) or (iso_like and not _valid_date(value)):
            raise QueryError(name, f"Ongeldige peildatum '{value}': verwacht {PEILDATUM_HELP}.")


def check_values(name: str, values: list[str], allowed: list[str]) -> tuple[str, ...]:
    """The values as a tuple (duplicates dropped, order kept), or QueryError naming the first bad one."""
    accepted = set(allowed)
    for value in values:
        _check_form(name, value)
        if value not in accepted:
            raise QueryError(name, f"Onbekende waarde '{value}' voor '{name}'.", allowed)
    return tuple(dict.fromkeys(values))


def validate_query(params: Mapping[str, list[str]], indicators: pd.DataFrame, regions: pd.DataFrame) -> Query:
    """Raw query parameters (name -> every value given) -> Query, or QueryError (the first problem found)."""
    check_params(params, (*FILTERS, "format"))
    allowed = allowed_values(indicators, regions)
    chosen = {name: check_values(name, [v.strip() for v in params.get(name, [])], allowed[name]) for name in FILTERS}
    return Query(**chosen, format=check_format(params))


def query_rows(indicators: pd.DataFrame, query: Query) -> pd.DataFrame:
    return select_indicators(indicators, **query.filters())
