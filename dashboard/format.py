"""Dutch number notation: 9,7%; 9.800 fte; € 1,5 mln. Pure functions, used by charts, tables and KPIs."""

from __future__ import annotations

import math
import re

from dashboard.texts import INDICATOR_LABELS, RELIABILITY_LABELS


def fmt_number(value: float | None, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' (decimals=1). NaN/None -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def fmt_count(count: int, singular: str, plural: str) -> str:
    """1, 'gemeente', 'gemeenten' -> '1 gemeente'; 12 -> '12 gemeenten' (Dutch notation: 1.234 gemeenten)."""
    return f"{fmt_number(count)} {singular if count == 1 else plural}"


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
    """'2023-10-01' and '2023-10' -> 'okt 2023', '2022-Q2' -> '2e kwartaal 2022'; other strings unchanged."""
    months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    clean = text.rstrip("?")
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])(-\d{2})?", clean):
        label = f"{months[int(clean[5:7]) - 1]} {clean[:4]}"
        return label + (" (datum onzeker)" if text.endswith("?") else "")
    if re.fullmatch(r"\d{4}-Q[1-4]", clean):
        return f"{clean[-1]}e kwartaal {clean[:4]}"
    return text


def reliability_label(code: str) -> str:
    return RELIABILITY_LABELS.get(code, code)


def indicator_label(indicator: str) -> str:
    """A readable Dutch name for an indicator id; unknown ids lose their underscores."""
    return INDICATOR_LABELS.get(indicator, indicator.replace("_", " "))


def fmt_sectors(raw: str) -> str:
    """'po;vo;mbo (loket tags) | po' -> 'po, vo, mbo (volgens regioloket)'; '(not stated)' -> 'onbekend'."""
    tokens = [
        t
        for t in ("po", "vo", "vso", "mbo")
        if any(t == part.strip() for part in raw.replace("(loket tags)", "").replace("|", ";").split(";"))
    ]
    if not tokens:
        return "onbekend"
    return ", ".join(tokens) + (" (volgens regioloket)" if "loket tags" in raw else "")


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_text(text: object) -> str:
    """Text for st.markdown/st.caption that renders as itself: markdown syntax (links, images that would load
    from elsewhere, emphasis) in data from users is shown literally, never interpreted."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
