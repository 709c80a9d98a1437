"""Pure figure builders for bars and lines: DataFrame -> plotly Figure, Dutch notation, no Streamlit."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

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


def _axis_suffix(unit: str) -> str:
    return "%" if unit.startswith("%") else ""


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
) -> go.Figure:
    """Horizontal bars sorted as given (top = first row), optional vertical reference line.
    Bars whose label contains `highlight` (e.g. 'Nederland') get the accent colour."""
    data = frame.iloc[::-1]
    base = color or PALETTE[0]
    colors = [PALETTE[1] if highlight and highlight in str(v) else base for v in data[label]]
    fig = go.Figure(
        go.Bar(
            x=data[value],
            y=data[label],
            orientation="h",
            marker_color=colors,
            text=[fmt_value(v, unit) for v in data[value]],
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
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "r": LABEL_MARGIN})
    fig.update_xaxes(ticksuffix=_axis_suffix(unit), gridcolor="#eee", rangemode="tozero")
    return fig


def grouped_bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    unit: str,
    reference: float | None = None,
    reference_label: str = "Landelijk",
    barmode: str = "group",
) -> go.Figure:
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(group, sort=False)):
        fig.add_trace(
            go.Bar(
                x=part[x],
                y=part[y],
                name=str(name),
                marker={
                    "color": PALETTE[i % len(PALETTE)],
                    "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "fillmode": "overlay", "fgopacity": 0.35,
                                "fgcolor": "#ffffff", "size": 7},
                },
                text=[fmt_value(v, unit) for v in part[y]],
                textposition="auto",
                hovertemplate=f"{name}: " + "%{x}: %{text}<extra></extra>",
            )
        )
    if reference is not None:
        fig.add_hline(
            y=reference,
            line_dash="dash",
            line_color="#333",
            annotation_text=f"{reference_label}: {fmt_value(reference, unit)}",
        )
    fig.update_layout(**BASE_LAYOUT, barmode=barmode, height=420)
    fig.update_yaxes(
        ticksuffix=_axis_suffix(unit),
        gridcolor="#eee",
        rangemode="tozero",
        tickformat=None if unit.startswith("%") else ",d",
    )
    fig.update_xaxes(type="category")
    return fig


def lines(
    frame: pd.DataFrame,
    x: str,
    y: str,
    group: str,
    unit: str,
    dashed_groups: tuple[str, ...] = (),
    height: int = 420,
    colors: dict[str, str] | None = None,
) -> go.Figure:
    """One line per group; groups in `dashed_groups` (e.g. ramingen) are dashed with open markers so they never
    read as measured. `colors` maps a group to a colour (e.g. a sector's measurement and forecast in the same
    colour); each colour has its own marker shape, so no line is told apart by colour alone."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(group, sort=False)):
        part = part.sort_values(x)
        color = (colors or {}).get(str(name), PALETTE[i % len(PALETTE)])
        shape = SYMBOLS[(PALETTE.index(color) if color in PALETTE else i) % len(SYMBOLS)]
        fig.add_trace(
            go.Scatter(
                x=part[x],
                y=part[y],
                name=str(name),
                mode="lines+markers",
                marker={"size": 9, "symbol": f"{shape}-open" if name in dashed_groups else shape},
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
    fig.update_yaxes(
        ticksuffix=_axis_suffix(unit),
        gridcolor="#eee",
        rangemode="tozero",
        tickformat=",d" if not unit.startswith("%") else None,
    )
    fig.update_xaxes(gridcolor="#eee", tickformat="d", dtick=1 if frame[x].nunique() <= 15 else None)
    return fig


def stacked_share(
    frame: pd.DataFrame, label: str, parts: list[tuple[str, str]], height: int | None = None
) -> go.Figure:
    """100% stacked horizontal bars, e.g. bevoegd / benoembaar / onbevoegd per vak. parts = [(column, legend)]."""
    colors = ["#009E73", "#E69F00", "#D55E00"]
    data = frame.iloc[::-1]
    fig = go.Figure()
    for i, (column, legend) in enumerate(parts):
        fig.add_trace(
            go.Bar(
                y=data[label],
                x=data[column],
                name=legend,
                orientation="h",
                marker_color=colors[i % len(colors)],
                text=[fmt_number(v, 1) + "%" if pd.notna(v) else "" for v in data[column]],
                textposition="inside",
                hovertemplate=f"{legend}: " + "%{text}<extra>%{y}</extra>",
            )
        )
    extra_lines = _category_labels(fig, data[label])
    fig.update_layout(
        **BASE_LAYOUT, barmode="stack", height=height or max(300, (36 if extra_lines else 30) * len(frame) + 100)
    )
    fig.update_layout(legend_traceorder="normal")  # bevoegd first, as the bars read left to right
    fig.update_xaxes(ticksuffix="%", range=[0, 100], gridcolor="#eee")
    return fig


RELIABILITY_MARKERS = {
    "solid": ("#0072B2", "circle"),
    "solid-but-parsed": ("#0072B2", "circle"),
    "derived": ("#56B4E9", "diamond"),
    "secondary": ("#E69F00", "square"),
    "uncertain": ("#999999", "circle-open"),
}


def measurements(frame: pd.DataFrame, unit: str, height: int = 320) -> go.Figure:
    """Measurements from mixed sources over time: a thin grey guide line, markers styled by reliability
    (one legend entry per reliability), so a reader sees which points are official."""
    labels = [fmt_peildatum(p) for p in frame["peildatum"]]
    fig = go.Figure(
        go.Scatter(
            x=labels,
            y=frame["value"],
            mode="lines",
            line={"color": "#bbbbbb", "width": 1, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for reliability, part in frame.assign(label=labels).groupby("reliability", sort=False):
        color, symbol = RELIABILITY_MARKERS.get(reliability, ("#000000", "circle"))
        fig.add_trace(
            go.Scatter(
                x=part["label"],
                y=part["value"],
                mode="markers+text",
                name=reliability_label(reliability),
                marker={"color": color, "symbol": symbol, "size": 12, "line": {"width": 2, "color": color}},
                text=[fmt_value(v, unit) for v in part["value"]],
                textposition="top center",
                hovertemplate="%{x}: %{text}<extra>" + reliability_label(reliability) + "</extra>",
            )
        )
    fig.update_layout(**BASE_LAYOUT, height=height)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
    top = float(frame["value"].max()) * 1.25 if len(frame) else 1
    fig.update_yaxes(ticksuffix=_axis_suffix(unit), gridcolor="#eee", range=[0, top])  # room for the labels
    return fig
