"""The chart of a table of one's own (Tabel maken): bars per area at one peildatum, lines per area over several."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.basic import BASE_LAYOUT, PALETTE, ROOM_BELOW, SYMBOLS, _value_axis, hbar, value_room
from dashboard.format import fmt_value

MAX_LINES = 12  # more areas than this over time: the chart shows the first ones, the table all
REFERENCE_COLOUR = "#000000"


def tabel_chart(pivot: pd.DataFrame, unit: str) -> go.Figure:
    """`pivot`: metrics.tabel_pivot (column Gebied, one column per peildatum, `referentie`)."""
    dates = [c for c in pivot.columns if c not in ("Gebied", "referentie")]
    own, reference = pivot[~pivot["referentie"]], pivot[pivot["referentie"]]
    if len(dates) == 1:
        column = dates[0]
        ordered = own.dropna(subset=[column]).sort_values(column, ascending=False, kind="stable")
        national = reference[column].dropna()
        return hbar(
            ordered,
            "Gebied",
            column,
            unit,
            reference=float(national.iloc[0]) if len(national) else None,
            reference_label="Landelijk",
        )
    fig = go.Figure()
    lines = pd.concat([own.head(MAX_LINES), reference.head(1)])
    for i, (_, row) in enumerate(lines.iterrows()):
        values, name, national = [row[d] for d in dates], str(row["Gebied"]), bool(row["referentie"])
        colour = REFERENCE_COLOUR if national else PALETTE[i % (len(PALETTE) - 1)]
        fig.add_trace(
            go.Scatter(
                x=dates,
                y=values,
                name=name,
                mode="lines+markers",
                connectgaps=False,
                marker={"size": 9, "symbol": SYMBOLS[i % len(SYMBOLS)], "color": colour},
                line={"color": colour, "width": 3, "dash": "dash" if national else "solid"},
                text=[fmt_value(v, unit) if pd.notna(v) else "geen cijfer" for v in values],
                hovertemplate=f"{name}<br>" + "%{x}: %{text}<extra></extra>",
            )
        )
    fig.update_layout(**BASE_LAYOUT, height=460, hovermode="x unified")
    top = pd.to_numeric(pivot[dates].stack(), errors="coerce").abs().max()
    fig.update_layout(margin={**BASE_LAYOUT["margin"], "l": value_room(unit, top), "b": ROOM_BELOW})
    fig.update_yaxes(**_value_axis(unit))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=dates)
    return fig
