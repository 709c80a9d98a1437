"""Under each chart and map: the chart as an image (PNG, SVG: with title, source line, peildatum and the
dashboard's name in it) and "Insluiten", the <iframe> code of its embed form (dashboard/web/embed.py).

Both are links any replica answers (dashboard/links.py). A view made from a session upload cannot be named by a
link (the upload lives in one session): then neither is offered, and the page says why.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard import cache, images, links
from dashboard.web import embed
from dashboard.web.replica import link_key


def render(view: object, stem: str, key: str) -> None:
    """The image links and the embed code of `view` (a ChartView or MapView), files named `stem`.png/.svg."""
    urls = {fmt: _image_url(view, stem, fmt) for fmt in images.FORMATS}
    if not all(urls.values()):
        st.caption("Afbeelding en insluiten zijn er niet voor een weergave met eigen data (alleen in deze sessie).")
        return
    with st.container(key=f"img_{key}"):
        st.html(
            " ".join(
                f'<a class="download-link" href="{html.escape(url)}" download="{html.escape(f"{stem}.{fmt}")}">'
                f'<span aria-hidden="true">&#x2193;</span> Afbeelding ({fmt.upper()})</a>'
                for fmt, url in urls.items()
            )
        )
    back = _here()
    path = embed.embed_url(stem, view, back, link_key())
    if path is None:
        return
    section = st.expander("Insluiten", key=f"open_embed_{key}", on_change="rerun")
    if section.open:
        with section:
            st.caption(
                "Plak deze code in uw eigen pagina: de grafiek met titel, bronregel en een link terug, altijd met "
                "de nieuwste cijfers van deze keuze."
            )
            st.code(  # no highlighting (contrast) and wrapped (no scrolling region): axe
                embed.iframe_code(_root() + path, getattr(view, "title", "") or stem), language=None, wrap_lines=True
            )
            st.markdown(f"[Voorbeeld van de ingesloten grafiek]({path})")


def tabel_link(indicator: str, sector: str, gebied: str, regions: list[str] | tuple[str, ...] = ()) -> str:
    """The Tabel maken link of a choice (dashboard/views/tabel.py reads the same parameters)."""
    from dashboard.views.tabel import permalink

    return permalink(indicator, sector, gebied, tuple(regions), ())


def _image_url(view: object, stem: str, fmt: str) -> str | None:
    spec = links.file_spec(images.image, (view, fmt))
    return links.url(f"{stem}.{fmt}", spec, cache.version_tag(), link_key()) if spec else None


def address() -> str:
    """The whole address of the view the visitor is on (what a PDF links back to)."""
    return _root() + _here()


def _root() -> str:
    """This server's address as the visitor reached it ('https://host')."""
    url = st.context.url or ""
    parts = url.split("/", 3)
    return "/".join(parts[:3]) if len(parts) >= 3 else ""


def _here() -> str:
    """The path and query of the page the visitor is on: where an embed links back to."""
    url = st.context.url or "/"
    parts = url.split("/", 3)
    path = "/" + (parts[3] if len(parts) > 3 else "")
    query = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items())
    return path.split("?", 1)[0] + (f"?{query}" if query else "")
