"""Charts and maps as images that carry their source: PNG and SVG with the title, the source line, the peildatum
and the dashboard's name in the image, made on the server with no call outside it.

Made by kaleido (plotly's own exporter) in the server's Chromium (Debian's /usr/bin/chromium), from plotly.js as
the plotly package ships it (never a CDN), with MathJax off and the maps' (empty) topology read from the app's
static/topojson/. A download link (dashboard/links.py) names the view the image is of, so any replica makes the
same image: `image(view, "svg")` is registered with the links like a view function, never cached (an image is
made when it is fetched; the proxy caches it like any download).
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

import plotly.graph_objects as go

from dashboard import links

NAME = "Lerarentekort in beeld"
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
WIDTH = 1000  # pixels: a column of a report or an article
SCALE = 2  # PNG pixels per CSS pixel (sharp when printed)
CHROMIUM = "/usr/bin/chromium"
TOPOJSON = Path(__file__).resolve().parents[1] / "static" / "topojson"
FOOTER_LINE = 17  # pixels per line of the source text under the figure
WRAP = 140  # characters per line of the source text
_lock = threading.Lock()  # one Chromium at a time per replica: an image costs ~1 s of CPU
MAX_KEPT = 32  # images kept per replica (a PNG is ~0,3 MB)
_kept: dict[tuple[str, str, str], bytes] = {}


def plain(markdown: str) -> str:
    """A source line without markdown: '[Title](url)' -> 'Title', escapes and line breaks gone."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\\(.)", r"\1", text)
    return re.sub(r"\s*\n\s*", " · ", text.replace("  \n", "\n")).replace(": · ", ": ").strip(" ·")


def _wrapped(text: str, width: int = WRAP) -> list[str]:
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def captioned(figure: go.Figure, title: str, sources: str, peildatum: str, link: str = "") -> go.Figure:
    """A copy of `figure` with its title on top and under it the source line, the peildatum and the dashboard's
    name (and where the view is): what an image carries when it is pasted elsewhere."""
    fig = go.Figure(figure.to_dict())
    lines = _wrapped(plain(sources)) if sources else []
    lines.append(" · ".join(p for p in (f"Peildatum: {peildatum}" if peildatum else "", NAME, link) if p))
    height = int(fig.layout.height or 450)
    footer = FOOTER_LINE * len(lines) + 30
    margin = fig.layout.margin
    bottom = margin.b or 10
    fig.update_layout(
        title={"text": "<br>".join(_wrapped(title, 90)), "x": 0.01, "xanchor": "left", "font": {"size": 18}},
        margin={"t": 100 + 22 * (len(title) // 90), "b": bottom + footer, "l": margin.l, "r": margin.r},
        height=height + footer + 50,
        width=WIDTH,
        paper_bgcolor="white",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left"},
    )
    fig.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom + 10),
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 11, "color": "#333"},
    )
    return fig


def render(fig: go.Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, made by kaleido in this server's Chromium."""
    import kaleido

    if fmt not in FORMATS:
        raise ValueError(f"onbekend formaat {fmt!r}")
    if os.path.exists(CHROMIUM):
        os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    opts = {"format": fmt, "width": fig.layout.width or WIDTH, "height": fig.layout.height, "scale": SCALE}
    return kaleido.calc_fig_sync(fig, opts=opts, topojson=TOPOJSON.as_uri() + "/", kopts={"mathjax": False})


def _peildatum(view: object) -> str:
    from dashboard.format import fmt_peildatum

    frame = getattr(view, "frame", None)
    if frame is None or "peildatum" not in frame or frame.empty:
        return ""
    dates = sorted(d for d in frame["peildatum"].unique() if d)
    if not dates:
        return ""
    return fmt_peildatum(dates[0]) if len(dates) == 1 else f"{fmt_peildatum(dates[0])} t/m {fmt_peildatum(dates[-1])}"


def image(view: object, fmt: str) -> bytes:
    """The image of a chart or map view (dashboard/views/base.py: ChartView, MapView), in `fmt` (png or svg);
    kept per view, format and data version (MAX_KEPT), so visitors fetching the same image wait for one Chromium."""
    import json

    from dashboard import cache

    recipe = links.recipe_of(view)
    key = None if recipe is None else (json.dumps(recipe, sort_keys=True), fmt, cache.version_tag())
    with _lock:
        if key is not None and key in _kept:
            return _kept[key]
        made = _image(view, fmt)
        if key is not None:
            if len(_kept) >= MAX_KEPT:
                _kept.pop(next(iter(_kept)))
            _kept[key] = made
        return made


def _image(view: object, fmt: str) -> bytes:
    figure = getattr(view, "figure", None)
    if not isinstance(figure, go.Figure):
        raise links.BadLink("deze weergave heeft geen grafiek")
    if fmt not in FORMATS:
        raise links.BadLink("onbekend afbeeldingsformaat")
    title = getattr(view, "title", None) or ""
    sources = getattr(view, "sources", "") or ""
    if any(trace.type in ("choropleth", "choroplethmap") for trace in figure.data):
        from dashboard.data.model.geo import ATTRIBUTION

        sources = f"{sources}  \n{ATTRIBUTION}" if sources else ATTRIBUTION
    return render(captioned(figure, title, sources, _peildatum(view)), fmt)


image.view_name = f"{__name__}.image"  # type: ignore[attr-defined]
links.register(image.view_name, image)  # type: ignore[attr-defined]
