"""Charts and maps in words: one or two Dutch sentences per figure, made from the same frame the figure draws.

A screen reader cannot read a plotly figure, and a map cannot be used by keyboard; the views put these sentences
next to every chart and map (ChartView.description, MapView.description), in Dutch notation (dashboard/format.py).
Pure functions: a frame and column names in, a sentence out; an empty frame gives "".
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

Formatter = Callable[[float], str]


def _sentence(parts: list[str]) -> str:
    text = "; ".join(p for p in parts if p)
    return f"{text[0].upper()}{text[1:]}." if text else ""


def _valued(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    return frame[frame[value].notna()] if len(frame) else frame


def ranking(
    frame: pd.DataFrame,
    name: str,
    value: str,
    fmt: Formatter,
    what: str = "",
    reference: float | None = None,
    reference_label: str = "landelijk",
) -> str:
    """'Hoogste tekort: Almere 23,8%; laagste: Achterhoek 1,8%; landelijk 9,7%.' (one row: 'Tekort: Almere 23,8%.')"""
    rows = _valued(frame, value)
    if rows.empty:
        return ""
    ordered = rows.sort_values(value, ascending=False, kind="stable")
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    label = f" {what}" if what else ""
    if len(ordered) == 1:
        parts = [f"{what or 'waarde'}: {top[name]} {fmt(top[value])}"]
    else:
        parts = [f"hoogste{label}: {top[name]} {fmt(top[value])}", f"laagste: {bottom[name]} {fmt(bottom[value])}"]
    if reference is not None and reference == reference:
        parts.append(f"{reference_label} {fmt(reference)}")
    return _sentence(parts)


def trend(
    frame: pd.DataFrame,
    x: str,
    value: str,
    fmt: Formatter,
    group: str | None = None,
    x_text: Callable[[object], str] = str,
) -> str:
    """Per line: 'po meting: van 9.800 fte in 2021 naar 9.700 fte in 2023, het hoogst in 2022 (10.100 fte).'"""
    rows = _valued(frame, value)
    if rows.empty:
        return ""
    groups = rows.groupby(group, sort=False) if group else [(None, rows)]
    parts = []
    for label, part in groups:
        part = part.sort_values(x, kind="stable")
        first, last = part.iloc[0], part.iloc[-1]
        prefix = f"{label}: " if label is not None else ""
        if len(part) == 1:
            parts.append(f"{prefix}{fmt(first[value])} in {x_text(first[x])}")
            continue
        text = f"{prefix}van {fmt(first[value])} in {x_text(first[x])} naar {fmt(last[value])} in {x_text(last[x])}"
        peak = part.loc[part[value].idxmax()]
        if peak[value] > max(first[value], last[value]):
            text += f", het hoogst in {x_text(peak[x])} ({fmt(peak[value])})"
        parts.append(text)
    return _sentence(parts)


def per_group(frame: pd.DataFrame, category: str, value: str, group: str, fmt: Formatter) -> str:
    """Grouped bars, every bar named: 'Nederland: primair 940, voortgezet 1.000; OESO: primair 805, ...'."""
    rows = _valued(frame, value)
    if rows.empty:
        return ""
    parts = [
        f"{label}: " + ", ".join(f"{r[category]} {fmt(r[value])}" for _, r in part.iterrows())
        for label, part in rows.groupby(group, sort=False)
    ]
    return _sentence(parts)


def shares(frame: pd.DataFrame, label: str, parts: list[tuple[str, str]], fmt: Formatter) -> str:
    """Stacked shares per row: 'Bevoegd: het meest bij Duits (95,0%), het minst bij Wiskunde (70,1%); ...'."""
    out = []
    for column, legend in parts:
        rows = _valued(frame, column)
        if rows.empty:
            continue
        ordered = rows.sort_values(column, ascending=False, kind="stable")
        top, bottom = ordered.iloc[0], ordered.iloc[-1]
        if len(ordered) == 1:
            out.append(f"{legend}: {top[label]} {fmt(top[column])}")
        else:
            out.append(
                f"{legend}: het meest bij {top[label]} ({fmt(top[column])}), het minst bij {bottom[label]} "
                f"({fmt(bottom[column])})"
            )
    return _sentence(out)


def change(frame: pd.DataFrame, name: str, value: str, fmt: Formatter, noun: str = "regio's") -> str:
    """A difference map: 'Grootste stijging: Almere +2,1 procentpunt; grootste daling: ...; 20 van 35 regio's
    hoger, 10 lager, 5 gelijk.' The signs come from `fmt` (never from colour alone)."""
    rows = _valued(frame, value)
    if rows.empty:
        return ""
    ordered = rows.sort_values(value, ascending=False, kind="stable")
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    parts = []
    if top[value] > 0:
        parts.append(f"grootste stijging: {top[name]} {fmt(top[value])}")
    if bottom[value] < 0:
        parts.append(f"grootste daling: {bottom[name]} {fmt(bottom[value])}")
    up, down = int((rows[value] > 0).sum()), int((rows[value] < 0).sum())
    same = len(rows) - up - down
    counts = f"{up} van {len(rows)} {noun} hoger, {down} lager"
    parts.append(counts + (f", {same} gelijk" if same else ""))
    return _sentence(parts)
