"""The view types the sections render."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import cache


@dataclass(frozen=True)
class ChartView:
    """A chart with its table and CSV of exactly the rows it draws (`frame`) and the line naming their sources."""

    key: str  # widget key and CSV file name
    title: str | None
    frame: pd.DataFrame
    figure: go.Figure | None
    columns: dict[str, str]  # frame column -> Dutch label, for the table and the CSV
    formats: dict[str, Callable] = field(default_factory=dict)
    sources: str = ""  # the source line (markdown)
    note: str | None = None
    missing: str | None = None  # shown instead of the chart when there is nothing to draw
    caption: str = "Tabel bij de grafiek"
    description: str = ""  # the chart in words (dashboard/describe.py), from `frame`


def chart(
    key: str,
    title: str | None,
    frame: pd.DataFrame,
    figure: Callable[[], go.Figure],
    columns: dict[str, str],
    formats: dict[str, Callable],
    sources: pd.DataFrame,
    note: str | None = None,
    missing: str = "Voor deze keuze zijn geen cijfers gepubliceerd.",
    source_rows: pd.DataFrame | None = None,
    describe: Callable[[pd.DataFrame], str] | None = None,
) -> ChartView:
    """A ChartView; the figure is only built when there is something to draw. `describe` says in words what the
    figure shows, from the same `frame` (dashboard/describe.py)."""
    empty = frame.empty
    return ChartView(
        key=key,
        title=title,
        frame=frame,
        figure=None if empty else figure(),
        columns=columns,
        formats=formats,
        sources=cache.source_text(frame if source_rows is None else source_rows, sources),
        note=note,
        missing=missing if empty else None,
        description="" if empty or describe is None else describe(frame),
    )


@dataclass(frozen=True)
class MapView:
    """A clickable region map with its table and CSV (dashboard/sections/region_map.py)."""

    title: str
    caption: str
    frame: pd.DataFrame
    figure: object
    sources: str
    filename: str
    columns: dict[str, str]  # frame column -> Dutch label, for the table and the CSV
    formats: dict[str, Callable]
    api: str = ""  # the open data API query of this measurement (arbeidsmarktregio maps)
    description: str = ""  # the map in words (dashboard/describe.py), from `frame`


@dataclass(frozen=True)
class FiguresView:
    """Loose published figures of a section (by indicator) and the source line under them."""

    figures: dict[str, pd.Series]
    sources: str


def figures_view(rows: pd.DataFrame, categorie: str, sourced: pd.DataFrame, sources: pd.DataFrame) -> FiguresView:
    """The first figure per indicator of `categorie`; `sourced`: the rows whose sources the line names."""
    line = cache.source_text(sourced, sources) if len(sourced) else ""
    return FiguresView(cache.figures_by_indicator(rows, categorie), line)
