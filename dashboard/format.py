"""Dutch number notation: 9,7%; 9.800 fte; € 1,5 mln. Pure functions, used by charts, tables and KPIs."""

from __future__ import annotations

import math

RELIABILITY_LABELS = {
    "solid": "betrouwbaar (officiële bron)",
    "solid-but-parsed": "betrouwbaar, tabel handmatig ontleed",
    "secondary": "secundair (overgenomen of niet-officiële bron)",
    "derived": "afgeleid uit twee bronnen",
    "uncertain": "onzeker",
}

SECTOR_LABELS = {
    "po": "Primair onderwijs (po)",
    "vo": "Voortgezet onderwijs (vo)",
    "mbo": "Middelbaar beroepsonderwijs (mbo)",
    "so": "Speciaal onderwijs (so)",
    "ho": "Hoger onderwijs (ho)",
    "alle": "Alle sectoren",
}


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (decimals=1). NaN/None -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_pct(value: float | None, decimals: int = 1) -> str:
    """9.7 -> '9,7%'."""
    text = fmt_number(value, decimals)
    return text if text == "–" else f"{text}%"


def fmt_fte(value: float | None) -> str:
    text = fmt_number(value, 0)
    return text if text == "–" else f"{text} fte"


def fmt_pp(delta: float | None) -> str:
    """Change in percentage points with sign: +0,2 procentpunt."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)):
        return "–"
    # ASCII '-': st.metric reads the direction of a text delta from a leading '-'.
    sign = "+" if delta > 0 else ("-" if delta < 0 else "±")
    return f"{sign}{fmt_number(abs(delta), 1)} procentpunt"


def fmt_euro(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if abs(value) >= 1_000_000_000:
        return f"€ {fmt_number(value / 1_000_000_000, 1)} mld"
    if abs(value) >= 1_000_000:
        return f"€ {fmt_number(value / 1_000_000, 1)} mln"
    return f"€ {fmt_number(value, 0)}"


def fmt_value(value: float | None, unit: str) -> str:
    """Format by unit as stored in the data: '%' units get a percent sign, fte units 'fte', euro '€'."""
    unit_l = (unit or "").lower()
    if unit_l.startswith("%"):
        return fmt_pct(value)
    if unit_l.startswith("fte"):
        return fmt_fte(value)
    if unit_l.startswith("euro"):
        return fmt_euro(value)
    decimals = 0 if value is None or float(value).is_integer() else 1
    return fmt_number(value, decimals)


def fmt_peildatum(text: str) -> str:
    """'2023-10-01' -> 'okt 2023'; other strings unchanged."""
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    clean = text.rstrip("?")
    if len(clean) == 10 and clean[4] == "-" and clean[7] == "-":
        label = f"{months[int(clean[5:7]) - 1]} {clean[:4]}"
        return label + (" (datum onzeker)" if text.endswith("?") else "")
    return text


def reliability_label(code: str) -> str:
    return RELIABILITY_LABELS.get(code, code)
