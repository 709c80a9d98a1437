"""What every figure a page shows must hold, read from the figure itself (a go.Figure or the JSON a page sends):
Dutch notation on axes, labels and hovers, no SI suffixes, room for labels outside bars, and years without a figure
shown as gaps. Used by tests/app/test_figures_dutch.py (every page, sector and tab) and tests/unit/test_charts.py.
"""

from __future__ import annotations

import base64
import json
import math
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

AXIS = re.compile(r"^[xy]axis\d*$")
PLACEHOLDER = re.compile(r"%\{(\w+)(:[^}]*)?\}")
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])")  # 0.70, 8.1% (Dutch: 0,70; 9.800 is a thousand)
SI_SUFFIX = re.compile(r"\d(k|M|G)\b")
YEAR = re.compile(r"^(19|20)\d\d$")
HEADROOM = 1.1  # an outside bar label needs at least this much axis beyond the longest bar


def _decoded(value):
    """The figure JSON with plotly's typed arrays ({"dtype": "f8", "bdata": ...}) as lists of numbers."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        return _decoded(array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist())
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return None if isinstance(value, float) and math.isnan(value) else value  # an empty point is null


def figure(spec: str | go.Figure) -> go.Figure:
    """A figure from what a page sends (JSON) or a built one, with its typed arrays decoded (a check that met an
    undecoded array would see no numbers and pass anything)."""
    spec = spec.to_json() if isinstance(spec, go.Figure) else spec
    return pio.from_json(json.dumps(_decoded(json.loads(spec))), skip_invalid=True)


def _axis_name(ref: str | None, letter: str) -> str:
    """'x2' -> 'xaxis2', None -> 'xaxis'."""
    return f"{letter}axis{(ref or letter)[1:]}"


def _numbers(values) -> list[float]:
    out = []
    for v in values if values is not None else ():
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            out.append(float(v))
    return out


def _value_letter(trace) -> str | None:
    if trace.type == "bar":
        return "x" if trace.orientation == "h" else "y"
    if trace.type == "scatter":
        return "y"
    if trace.type in ("choropleth", "choroplethmap"):
        return "z"
    return None


def _texts(trace) -> list[str]:
    text = getattr(trace, "text", None)
    if text is None or isinstance(text, str):
        return [text] if text else []
    return [str(t) for t in text]


def problems(spec: str | go.Figure) -> list[str]:
    """Every way this figure breaks the rules (empty: it holds)."""
    fig = figure(spec)
    layout = fig.layout
    found = []
    if layout.separators != ",.":
        found.append(f"separators {layout.separators!r} in plaats van ',.'")
    axes = {name: layout[name] for name in layout if AXIS.match(name) and layout[name] is not None}
    values: dict[str, list] = {name: [] for name in axes}
    for trace in fig.data:
        for letter in ("x", "y"):
            if hasattr(trace, letter) and getattr(trace, letter) is not None:
                name = _axis_name(getattr(trace, f"{letter}axis", None), letter)
                values.setdefault(name, []).extend(list(getattr(trace, letter)))
    for name, axis in axes.items():
        fmt = axis.tickformat or ""
        if re.search(r"s$", fmt) or axis.exponentformat in ("SI", "B"):
            found.append(f"{name}: SI-notatie ({fmt or axis.exponentformat})")
        numbers = _numbers(values.get(name, []))
        if axis.type == "category" or not numbers:
            continue
        if max(abs(v) for v in numbers) >= 1000 and not (fmt or axis.tickvals is not None):
            found.append(f"{name}: getallen vanaf 1.000 zonder Nederlandse tickformat (plotly schrijft dan '10k')")
    for i, trace in enumerate(fig.data):
        label = f"spoor {i} ({trace.name or trace.type})"
        for text in _texts(trace):
            if DECIMAL_POINT.search(text) or SI_SUFFIX.search(text):
                found.append(f"{label}: label {text!r} niet in Nederlandse notatie")
        value = _value_letter(trace)
        template = getattr(trace, "hovertemplate", None)
        if template is None and getattr(trace, "hoverinfo", None) not in ("skip", "none"):
            found.append(f"{label}: geen hovertemplate (plotly toont dan ruwe getallen)")
        for name, fmt in PLACEHOLDER.findall(template or ""):
            if name == value and not fmt:
                found.append(f"{label}: hover toont %{{{name}}} zonder opmaak")
        if trace.type == "bar" and trace.textposition in ("outside", "auto") and _texts(trace):
            found += _clipped(fig, trace, label, value)
        found += _hidden_gaps(fig, trace, label)
    for annotation in layout.annotations or ():
        if annotation.text and (DECIMAL_POINT.search(annotation.text) or SI_SUFFIX.search(annotation.text)):
            found.append(f"annotatie {annotation.text!r} niet in Nederlandse notatie")
        axis = layout[_axis_name(annotation.xref if annotation.xref not in (None, "paper") else None, "x")]
        if axis.type == "category" and annotation.xref not in ("paper",) and YEAR.match(str(annotation.x)):
            found.append(f"annotatie bij {annotation.x!r}: een categorie-as leest een jaartal als positie")
    return found


def _clipped(fig: go.Figure, trace, label: str, value: str) -> list[str]:
    """A label outside a bar needs axis room beyond the longest bar (stacked bars: their sum)."""
    axis = fig.layout[_axis_name(getattr(trace, f"{value}axis", None), value)]
    ends = _numbers(getattr(trace, value))
    if fig.layout.barmode == "relative":
        sums: dict = {}
        other = "y" if value == "x" else "x"
        for t in fig.data:
            if t.type == "bar":
                for key, v in zip(getattr(t, other), getattr(t, value), strict=False):
                    if isinstance(v, int | float) and math.isfinite(v):
                        sums[key] = sums.get(key, 0.0) + max(float(v), 0.0)
        ends = list(sums.values()) or ends
    top = max(ends, default=0.0)
    if top <= 0:
        return []
    if axis.range is None or axis.range[1] < top * HEADROOM:
        return [f"{label}: labels buiten de staaf worden afgesneden (as tot {axis.range}, langste staaf {top:g})"]
    return []


def _hidden_gaps(fig: go.Figure, trace, label: str) -> list[str]:
    """A year without a figure must show as a gap: a year category axis lists every year, a measured line breaks."""
    x = list(trace.x) if getattr(trace, "x", None) is not None else []
    axis = fig.layout[_axis_name(getattr(trace, "xaxis", None), "x")]
    if trace.type == "bar" and x and all(YEAR.match(str(v)) for v in x):
        shown = [str(v) for v in (axis.categoryarray if axis.categoryarray is not None else x)]
        years = sorted(int(v) for v in shown)
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
        if missing:
            return [f"{label}: jaren zonder cijfer verdwijnen van de as: {missing}"]
    if trace.type == "scatter" and "lines" in (trace.mode or "") and (trace.line.dash in (None, "solid")):
        points = [(v, y) for v, y in zip(x, trace.y, strict=False)]
        if points and all(isinstance(v, int | float) and float(v).is_integer() and 1900 < v < 2100 for v, _ in points):
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                if y0 is not None and y1 is not None and not _nan(y0) and not _nan(y1) and x1 - x0 > 1:
                    return [f"{label}: de lijn loopt door van {x0:g} naar {x1:g} alsof er geen jaar ontbreekt"]
    return []


def _nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)
