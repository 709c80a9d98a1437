"""Pure figure builders for bars and lines: DataFrame -> plotly Figure, Dutch notation, no Streamlit."""

from __future__ import annotations

import math
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard import cached
from dashboard.format import fmt_number, fmt_peildatum, fmt_value, reliability_label

# Okabe-Ito: a qualitative palette safe for colour-blind readers.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# A marker shape per line, so lines differ in more than colour (WCAG 1.4.1); a raming gets the open variant.
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "pentagon", "hexagon", "star", "hourglass"]
# A fill pattern per group of bars (the first plain), so groups differ in more than colour (WCAG 1.4.1).
PATTERNS = ["", "/", ".", "x", "-", "|", "+", "\\"]
LABEL_MARGIN = 64  # pixels right of a horizontal bar chart, for the value label of the longest bar
BASE_LAYOUT = {
    "separators": ",.",
    "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
    "font": {"size": 14},
    "plot_bgcolor": "white",
    "legend": {"orientation": "h", "y": -0.2},
}


# d3 format "," (no type): thousands grouped, insignificant zeros trimmed, never an SI suffix ("10k"); with
# `separators` ",." plotly writes 10.000 and 2,5.
VALUE_FORMAT = ","
HEADROOM = 1.18  # value axis beyond the longest bar: room for its label outside the bar ("41.000")


WRAP = 20  # characters per line of a bar's name on the category axis


def wrapped(name: object, width: int = WRAP) -> str:
    """A long bar name over more lines ('EU-gemiddelde ·<br>bovenbouw vo (2015)'): on a 320-pixel screen plotly
    would otherwise cut it off at the figure's left edge (WCAG 1.4.10)."""
    return "<br>".join(textwrap.wrap(str(name), width)) or str(name)


def _category_labels(fig: go.Figure, names: pd.Series) -> int:
    """Show the wrapped names on the y axis (the bars keep their full names for hover and selection); the number
    of extra lines, for the height."""
    shown = [wrapped(n) for n in names]
    fig.update_yaxes(tickmode="array", tickvals=list(names), ticktext=shown)
    return sum(label.count("<br>") for label in shown)


def _cross(shape: str) -> str:
    """The mark of a loose point (a bericht): the series' shape with a cross in it, where plotly has one."""
    return f"{shape}-cross" if shape in ("circle", "square", "diamond") else "x-thin-open"


def _with_decimals(value: float, unit: str, decimals: int) -> str:
    text = fmt_number(value, decimals)
    return f"{text}%" if unit.startswith("%") and text != "–" else text


def _axis_suffix(unit: str) -> str:
    return "%" if unit.startswith("%") else ""


# Plotly measures axis labels only after drawing them; a margin too small for them ("automargin") makes it draw the
# whole chart a second time. Written wide enough in the layout, the chart draws once (bench/README.md, "Twee keer
# tekenen": a third to half of a line chart's drawing time in Chromium). automargin still widens a margin that is
# too small, e.g. for long labels on a narrow screen.
CHAR_PX, LABEL_PAD_PX = 8, 18  # width of a digit at the charts' 14 px font, and the room between label and edge
TEXT_CHAR_PX = 6.5  # the average width of a letter in a category name, at the same font
ROOM_BELOW = 40  # the year or category labels under a chart's x axis


def value_room(unit: str, top: float | None) -> int:
    """Left margin in pixels that holds the widest label of a value axis running from 0 to about `top`."""
    if top is None or pd.isna(top):
        return BASE_LAYOUT["margin"]["l"]
    widest = max(len(fmt_number(abs(float(top)) * HEADROOM, 0)), 1) + len(_axis_suffix(unit))
    return widest * CHAR_PX + LABEL_PAD_PX


def category_room(labels: list[str]) -> int:
    """Left margin in pixels that holds the longest line of the category names (already wrapped with <br>)."""
    longest = max((len(line) for name in labels for line in str(name).split("<br>")), default=0)
    return max(math.ceil(longest * TEXT_CHAR_PX) + LABEL_PAD_PX, BASE_LAYOUT["margin"]["l"])


def _value_axis(unit: str, top: float | None = None, bottom: float = 0.0) -> dict:
    """A value axis in Dutch notation; with `top` (the longest bar or line end) a range with room for outside
    labels."""
    axis: dict = {"ticksuffix": _axis_suffix(unit), "gridcolor": "#eee", "tickformat": VALUE_FORMAT}
    if top is not None and pd.notna(top):
        axis["range"] = [min(0.0, bottom * HEADROOM), max(float(top), 0.0) * HEADROOM or 1.0]
    else:
        axis["rangemode"] = "tozero"
    return axis


def year_range(values: pd.Series) -> list[int]:
    """Every year from the first to the last in `values` (years as numbers or text): a missing year is a slot."""
    years = pd.to_numeric(pd.Series(values), errors="coerce").dropna().astype(int)
    return list(range(int(years.min()), int(years.max()) + 1)) if len(years) else []


def _with_gaps(part: pd.DataFrame, x: str) -> pd.DataFrame:
    """A series over whole years with an empty row for every missing year, so its line breaks there instead of
    joining the years on either side."""
    years = year_range(part[x])
    if not years or not pd.api.types.is_numeric_dtype(part[x]) or len(years) == part[x].nunique():
        return part
    return part.set_index(x).reindex(years).rename_axis(x).reset_index()


@cached.figure
def hbar(
    frame: pd.DataFrame,
    label: str,
    value: str,
    unit: str,
    reference: float | None = None,
    reference_label: str = "Landelijk",
    color: str | None = None,
    height: int | None = None,
    highlight: str | None = None,
    color_by: tuple[str, dict[str, str]] | None = None,
    decimals: int | None = None,
) -> go.Figure:
    """Horizontal bars sorted as given (top = first row), optional vertical reference line; `decimals`: as many as
    the source gives (e.g. 0 for whole percentages), else the unit's default.
    Bars whose label contains `highlight` (e.g. 'Nederland') get the accent colour; `color_by` = (column, {value:
    colour}) colours each bar by a column instead (e.g. one colour per country, the same in every chart)."""
    data = frame.iloc[::-1]
    base = color or PALETTE[0]
    colors = [PALETTE[1] if highlight and highlight in str(v) else base for v in data[label]]
    if color_by is not None:
        column, palette = color_by
        colors = [palette.get(str(v), base) for v in data[column]]
    fig = go.Figure(
        go.Bar(
            x=data[value],
            y=data[label],
            orientation="h",
            marker_color=colors,
            text=[fmt_value(v, unit) if decimals is None else _with_decimals(v, unit, decimals) for v in data[value]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    if reference is not None:
        fig.add_vline(
            x=reference,
            line_dash="dash",
            line_color="#333",
            annotation_text=f"{reference_label}: {fmt_value(reference, unit)}",
            annotation_position="top",
        )
    extra_lines = _category_labels(fig, data[label])
    per_bar = 36 if extra_lines else 28  # room for a name over two lines
    fig.update_layout(**BASE_LAYOUT, height=height or max(260, per_bar * len(frame) + 80))
    # The value labels stand right of the bars, outside the plot area: a fixed margin in pixels keeps the longest
    # ('10,3%', '1.000') inside the figure on a 320-pixel screen too (WCAG 1.4.10) instead of cut off at the edge.
    shown = [wrapped(n) for n in data[label]]
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "l": category_room(shown), "r": LABEL_MARGIN, "b": ROOM_BELOW})
    top = max([float(frame[value].max()), reference if reference is not None else 0.0])
    fig.update_xaxes(**_value_axis(unit, top, float(frame[value].min())))
    return fig


def _labels(frame: pd.DataFrame, value: str, unit: str, qualifier: str | None) -> list[str]:
    """The bar labels in Dutch notation, an approximation word first ('ruim 41.000') when `qualifier` names it."""
    words = frame[qualifier] if qualifier else [""] * len(frame)
    return [f"{w} {fmt_value(v, unit)}".strip() for w, v in zip(words, frame[value], strict=True)]


@cached.figure
def hbar_panels(
    frame: pd.DataFrame, panel: str, label: str, value: str, unit: str, qualifier: str | None = None
) -> go.Figure:
    """Horizontal bars in separate panels, one per `panel` value, each with its own value axis: for counts that
    must not be read against each other (different definitions), so no bar of one panel lines up with another's.
    `qualifier`: a column with 'ruim', 'circa' ... shown before the number."""
    from plotly.subplots import make_subplots

    names = list(dict.fromkeys(frame[panel]))
    sizes = [int((frame[panel] == name).sum()) for name in names]
    fig = make_subplots(
        rows=len(names), cols=1, subplot_titles=names, row_heights=sizes, vertical_spacing=0.32 / len(names)
    )
    for row, name in enumerate(names, start=1):
        part = frame[frame[panel] == name].iloc[::-1]
        fig.add_trace(
            go.Bar(
                x=part[value],
                y=part[label],
                orientation="h",
                marker_color=PALETTE[(row - 1) % len(PALETTE)],
                text=_labels(part, value, unit, qualifier),
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{text}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        fig.update_xaxes(**_value_axis(unit, float(part[value].max())), row=row, col=1)
    fig.update_layout(**BASE_LAYOUT)
    fig.update_layout(height=sum(sizes) * 40 + len(names) * 90, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    fig.update_annotations(xanchor="left", x=0, font={"size": 14})  # panel titles left, above their bars
    return fig


@cached.figure
def grouped_bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    unit: str,
    reference: float | None = None,
    reference_label: str = "Landelijk",
    barmode: str = "group",
    years: bool = False,
    qualifier: str | None = None,
) -> go.Figure:
    """Bars per `x`, one colour per `group`. `years`: `x` holds years, and every year from the first to the last
    gets its slot, so a year without a figure shows as a gap (marked "geen cijfer") instead of disappearing."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(group, sort=False)):
        fig.add_trace(
            go.Bar(
                x=part[x],
                y=part[y],
                name=str(name),
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "pattern": {
                        "shape": PATTERNS[i % len(PATTERNS)],
                        "fillmode": "overlay",
                        "fgopacity": 0.35,
                        "fgcolor": "#ffffff",
                        "size": 7,
                    },
                },
                text=_labels(part, y, unit, qualifier),
                textposition="auto",
                cliponaxis=False,
                hovertemplate=f"{name}: " + "%{x}: %{text}<extra></extra>",
            )
        )
    ends = frame.groupby(x)[y].sum() if barmode == "relative" else frame[y]
    top = max([float(ends.max()), reference if reference is not None else 0.0])
    if years:
        slots = [str(year) for year in year_range(frame[x])]
        present = set(frame[x].astype(str))
        fig.update_xaxes(categoryorder="array", categoryarray=slots)
        for index in (i for i, slot in enumerate(slots) if slot not in present):
            # by position: a category axis reads a year-like "2021" as the 2021st category
            fig.add_annotation(
                x=index,
                y=0,
                yanchor="bottom",
                text="geen cijfer",
                showarrow=False,
                textangle=-90,
                font={"size": 12, "color": "#666"},
            )
    if reference is not None:
        fig.add_hline(
            y=reference,
            line_dash="dash",
            line_color="#333",
            annotation_text=f"{reference_label}: {fmt_value(reference, unit)}",
        )
    fig.update_layout(**BASE_LAYOUT, barmode=barmode, height=420)
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "l": value_room(unit, top), "b": ROOM_BELOW})
    fig.update_yaxes(**_value_axis(unit, top))
    fig.update_xaxes(type="category")
    return fig


@cached.figure
def lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    unit: str,
    dashed_groups: tuple[str, ...] = (),
    height: int = 420,
    colors: dict[str, str] | None = None,
    point_groups: tuple[str, ...] = (),
) -> go.Figure:
    """One line per group; groups in `dashed_groups` (e.g. ramingen) are dashed with open markers so they never
    read as measured; groups in `point_groups` (e.g. berichten: figures only reported in the news) are loose
    marks with a cross in the line's shape, without a line, so they never join a measured line.
    `colors` maps a group to a colour (e.g. a sector's measurement and forecast in the same
    colour); each colour has its own marker shape, so no line is told apart by colour alone. A measured series
    breaks at a year without a figure (a raming joins the years it names)."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(group, sort=False)):
        part = part.sort_values(x)
        if name not in dashed_groups:
            part = _with_gaps(part, x)
        color = (colors or {}).get(str(name), PALETTE[i % len(PALETTE)])
        shape = SYMBOLS[(PALETTE.index(color) if color in PALETTE else i) % len(SYMBOLS)]
        points = name in point_groups
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                name=str(name),
                mode="markers" if points else "lines+markers",
                marker={
                    "size": 13 if points else 9,
                    "symbol": _cross(shape) if points else f"{shape}-open" if name in dashed_groups else shape,
                    "line": {"width": 2, "color": color} if points else {},
                    "color": "#ffffff" if points else color,
                },
                line={
                    "color": color,
                    "dash": "dash" if name in dashed_groups else "solid",
                    "width": 3,
                },
                text=[fmt_value(v, unit) for v in part[y]],
                hovertemplate=f"{name}<br>" + "%{x}: %{text}<extra></extra>",
            )
        )
    fig.update_layout(**BASE_LAYOUT, height=height, hovermode="x unified")
    values = pd.to_numeric(frame[y], errors="coerce").dropna()
    if len(values):  # the axis covers the highest (and a negative lowest) point, with a tick beyond it
        fig.update_yaxes(**_value_axis(unit, float(values.max()), min(float(values.min()), 0.0)))
        fig.update_layout(margin={**BASE_LAYOUT["margin"], "l": value_room(unit, float(values.abs().max()))})
    else:
        fig.update_yaxes(**_value_axis(unit))
    fig.update_layout(margin={"b": ROOM_BELOW})
    fig.update_xaxes(gridcolor="#eee", tickformat="d", dtick=1 if frame[x].nunique() <= 15 else None)
    return fig


MISSING_PART = "geen cijfer"
SMALLEST_LABEL = 5.0  # a segment narrower than this many percent has no label in it (hover has it)


@cached.figure
def stacked_share(
    frame: pd.DataFrame, label: str, parts: list[tuple[str, str]], height: int | None = None
) -> go.Figure:
    """100% stacked horizontal bars, e.g. bevoegd / benoembaar / onbevoegd per vak. parts = [(column, legend)].
    A part the source does not give is drawn in its place as a grey hatched 'geen cijfer' segment (what the other
    parts leave of 100%), never as a short bar; segments too narrow for a label carry none; the axis runs to 100%."""
    colors = ["#009E73", "#E69F00", "#D55E00"]
    data = frame.iloc[::-1]
    values = data[[column for column, _ in parts]].astype(float)
    rest = (100.0 - values.sum(axis=1, skipna=True)).clip(lower=0.0)
    fig = go.Figure()
    shown_missing = False
    for i, (column, legend) in enumerate(parts):
        fig.add_trace(
            go.Bar(
                y=data[label],
                x=data[column],
                name=legend,
                orientation="h",
                marker_color=colors[i % len(colors)],
                text=[fmt_number(v, 1) + "%" if pd.notna(v) and v >= SMALLEST_LABEL else "" for v in data[column]],
                customdata=[fmt_number(v, 1) + "%" if pd.notna(v) else MISSING_PART for v in data[column]],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"{legend}: " + "%{customdata}<extra>%{y}</extra>",
            )
        )
        gap = rest.where(data[column].isna() & values.notna().any(axis=1) & (rest > 0), 0.0)
        if (gap > 0).any():
            fig.add_trace(
                go.Bar(
                    y=data[label],
                    x=gap,
                    name=MISSING_PART,
                    legendgroup=MISSING_PART,
                    showlegend=not shown_missing,
                    orientation="h",
                    marker={"color": "#f2f2f2", "line": {"color": "#767676", "width": 1}, "pattern": {"shape": "/"}},
                    text=[f"{legend.lower()}: {MISSING_PART}" if g > 0 else "" for g in gap],
                    textposition="inside",
                    insidetextanchor="middle",
                    textfont={"color": "#333"},
                    hovertemplate=f"{legend}: {MISSING_PART} in de bron<extra>%{{y}}</extra>",
                )
            )
            shown_missing = True
    _category_labels(fig, data[label])
    lines = max((wrapped(n).count("<br>") + 1 for n in data[label]), default=1)
    per_bar = max(30, 15 * lines + 10)  # every slot fits the longest wrapped name, so no two names overlap
    fig.update_layout(
        **BASE_LAYOUT,
        barmode="stack",
        height=height or max(300, per_bar * len(frame) + 100),
        uniformtext={"minsize": 10, "mode": "hide"},  # a label that does not fit is left out, never shrunk
    )
    fig.update_layout(legend_traceorder="normal")  # bevoegd first, as the bars read left to right
    ticks = list(range(0, 101, 20))
    fig.update_xaxes(range=[0, 100], tickvals=ticks, ticktext=[f"{t}%" for t in ticks], gridcolor="#eee")
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "r": max(BASE_LAYOUT["margin"].get("r", 0), 24)})
    return fig


RELIABILITY_MARKERS = {
    "solid": ("#0072B2", "circle"),
    "solid-but-parsed": ("#0072B2", "circle"),
    "derived": ("#56B4E9", "diamond"),
    "secondary": ("#E69F00", "square"),
    "uncertain": ("#999999", "circle-open"),
}


def _moment(peildatum: str) -> float | None:
    """'2023-10-01' -> 2023.75 (the year plus the month as a fraction): a position on a time axis; None if no date."""
    found = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])(-\d{2})?\??", str(peildatum))
    return int(found[1]) + (int(found[2]) - 1) / 12 if found else None


@cached.figure
def measurements(frame: pd.DataFrame, unit: str, height: int = 320) -> go.Figure:
    """Measurements from mixed sources over time: a thin grey guide line, markers styled by reliability
    (one legend entry per reliability), so a reader sees which points are official. With dated peildata the axis
    is time, so a year without a measurement is a wider gap; otherwise the peildata are categories in order."""
    labels = [fmt_peildatum(p) for p in frame["peildatum"]]
    moments = [_moment(p) for p in frame["peildatum"]]
    timed = bool(moments) and all(m is not None for m in moments)
    x = moments if timed else labels
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=frame["value"],
            mode="lines",
            line={"color": "#bbbbbb", "width": 1, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for reliability, part in frame.assign(x=x, label=labels).groupby("reliability", sort=False):
        color, symbol = RELIABILITY_MARKERS.get(reliability, ("#000000", "circle"))
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["value"],
                mode="markers+text",
                name=reliability_label(reliability),
                marker={"color": color, "symbol": symbol, "size": 12, "line": {"width": 2, "color": color}},
                text=[fmt_value(v, unit) for v in part["value"]],
                customdata=part["label"],
                textposition="top center",
                hovertemplate="%{customdata}: %{text}<extra>" + reliability_label(reliability) + "</extra>",
            )
        )
    fig.update_layout(**BASE_LAYOUT, height=height)
    if timed:  # ticks at the measurements, named as peildata ('okt 2023'); room for the labels at both ends
        fig.update_xaxes(
            tickvals=moments, ticktext=labels, range=[min(moments) - 0.4, max(moments) + 0.4], gridcolor="#eee"
        )
    else:
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    top = float(frame["value"].max()) * 1.25 if len(frame) else 1
    fig.update_yaxes(**_value_axis(unit), range=[0, top])  # room for the labels above the points
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "l": value_room(unit, top), "b": ROOM_BELOW})
    return fig
