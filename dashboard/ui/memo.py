"""Cached versions of the pure metrics and chart functions, keyed cheaply (measured in bench/; README
"Performance").

A rerun after a filter change recomputes only what the new filter touches: every metrics function and every
figure is cached per argument values, with frames keyed by token (dashboard.data.tokens).

Figures are cached as one shared object (not a pickled copy per call, because rebuilding a plotly figure
re-validates every trace); callers must not mutate a returned figure. Maps take the boundary level
instead of the GeoJSON, so the (large) geometry is never hashed.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard import metrics as _metrics
from dashboard.charts import basic as _basic
from dashboard.charts import maps as _maps
from dashboard.data import geo as _geo
from dashboard.data.geo import boundaries, onderwijsregio_boundaries, subset
from dashboard.data.tokens import F, cached_data, cached_figure


class _Namespace:
    """`memo.metrics.national_series(...)`: the same names as dashboard.metrics, cached."""

    def __init__(self, module, wrap: Callable[[F], F]) -> None:
        self._module, self._wrap, self._cache = module, wrap, {}

    def __getattr__(self, name: str):
        attr = getattr(self._module, name)
        if not callable(attr) or isinstance(attr, type):
            return attr
        if name not in self._cache:
            self._cache[name] = self._wrap(attr)
        return self._cache[name]


metrics = _Namespace(_metrics, cached_data)
PALETTE = _basic.PALETTE
hbar = cached_figure(_basic.hbar)
grouped_bar = cached_figure(_basic.grouped_bar)
lines = cached_figure(_basic.lines)
stacked_share = cached_figure(_basic.stacked_share)
measurements = cached_figure(_basic.measurements)
location_from_points = _maps.location_from_points
definition_groups = cached_data(_geo.definition_groups)


@cached_figure
def shortage_map(
    regional: pd.DataFrame, selected: str | None = None, height: int = 560, zoom: float = 6.0
) -> go.Figure:
    """The shortage map with the arbeidsmarktregio boundaries and the G5 gemeenten that have a figure."""
    gemeenten = set(regional.loc[regional["geo_level"] == "gemeente", "region_code"])
    return _maps.shortage_map(
        regional, boundaries("arbeidsmarktregio"), subset(boundaries("gemeente"), gemeenten), selected, height, zoom
    )


@cached_figure
def membership_map(members: pd.DataFrame) -> go.Figure:
    return _maps.membership_map(members, boundaries("gemeente"))


@cached_figure
def onderwijsregio_map(frame: pd.DataFrame, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> go.Figure:
    return _maps.onderwijsregio_map(frame, onderwijsregio_boundaries(groups))
