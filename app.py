"""Entry point: page config, shared sidebar filters (kept in the URL), navigation over the page registry.

The pages live in app_pages/, not pages/: a folder named pages/ switches Streamlit into its legacy
router on a fresh server and breaks shared deep links (PITFALLS.md).

`streamlit run app.py` finds `app` below in this file's source and serves it as serve.py serves its own: the same
routes (the API, /download) and headers, without the warm-up. Streamlit imports this file for it (as module `app`)
and then runs it as the page script (as `__main__`) for every visitor: only that run draws.
"""

import streamlit as st

from dashboard import cache, health, warmup
from dashboard.data.model.sectors import SECTOR_LABELS
from dashboard.format import md_text
from dashboard.registry import PAGES
from dashboard.registry import page as page_by_path
from dashboard.ui.filters import SECTOR
from dashboard.ui.session import session_data
from dashboard.ui.state import begin_run, bind, publish, show_notices

# Streamlit's captions are light grey (contrast below WCAG AA on white): darken captions and their links.
STYLE = (
    "<style>[data-testid='stCaptionContainer'] {color: #555 !important; opacity: 1 !important;}"
    "[data-testid='stCaptionContainer'] a {color: #0b4f8a !important;}"
    # The uploader's own hint shows Streamlit's hard ceiling (25 MB); the app's limit, in the label, is lower.
    "[data-testid='stFileUploaderDropzoneInstructions'] {display: none;}"
    # Downloads are links (dashboard/links.py) that look like Streamlit's secondary buttons.
    "a.download-link {display: inline-flex; gap: .4rem; align-items: center; padding: .35rem .8rem; "
    "border: 1px solid rgba(49, 51, 63, .3); border-radius: .5rem; color: #31333f; background: #fff; "
    "text-decoration: none; font-size: .95rem; line-height: 1.6;}"
    "a.download-link:hover {border-color: #0072B2; color: #0072B2;}"
    "a.download-link:focus-visible {outline: 3px solid #0072B2; outline-offset: 2px;}"
    # Focus visible on everything reached by keyboard (WCAG 2.4.7): some of Streamlit's links show none.
    ":focus-visible {outline: 3px solid #0072B2 !important; outline-offset: 2px;}"
    # Inside a data grid the outline goes inwards: the grid clips what is drawn outside its cells.
    "[data-testid='stDataFrame'] :focus-visible {outline-offset: -3px !important;}"
    # Reflow (WCAG 1.4.10): on a narrow screen or at 200% zoom long Dutch headings stay readable, smaller.
    "@media (max-width: 700px) {h1 {font-size: 1.75rem !important;} h2 {font-size: 1.35rem !important;} "
    "h3 {font-size: 1.15rem !important;}}"
    # Streamlit cuts a long metric label, value or change off with '…': wrap it instead, so no text is lost.
    "[data-testid='stMetricLabel'], [data-testid='stMetricLabel'] *, [data-testid='stMetricValue'], "
    "[data-testid='stMetricValue'] *, [data-testid='stMetricDelta'], [data-testid='stMetricDelta'] * "
    "{white-space: normal !important; overflow: visible !important; "
    "text-overflow: clip !important; overflow-wrap: anywhere;}</style>"
)

if __name__ != "__main__":  # `streamlit run app.py`: Streamlit imports this file for `app` and serves it
    from dashboard.web.routes import MIDDLEWARE, ROUTES

    app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE)


def sidebar() -> None:
    """The shared sector filter (kept in the URL), own data if any, the accessibility statement."""
    bind(SECTOR)
    with st.sidebar:
        st.radio(
            "Sector",
            SECTOR.choices,
            key=SECTOR.key,
            format_func=SECTOR_LABELS.get,
        )
        # Visible text, not a help icon: Streamlit names that icon in English ("Help for Sector").
        st.caption(
            "De sector geldt voor alle pagina's; regionale tekortcijfers bestaan alleen voor po en vo. "
            "De link in de adresbalk bewaart uw keuzes: kopieer hem om deze weergave te delen."
        )
        if (own := session_data()) is not None:
            st.info(
                f"**Eigen data actief**: {len(own.indicators)} cijfers uit {md_text(own.filename)}, "
                "alleen in deze sessie. "
                "In bronregels, tabellen (bron-id EIGEN-…) en kaarten staat 'eigen data'.",
                icon=":material/upload_file:",
            )
        st.page_link(
            page_by_path("data").script,
            label="Toegankelijkheidsverklaring",
            icon=":material/accessibility:",
            query_params={"sector": st.session_state[SECTOR.key]},
        )
    publish(SECTOR)


def main() -> None:
    """One run of the page script: config, navigation, the shared sidebar, the chosen page."""
    warmup.note_visitor()  # the warm-up gives way while visitors are here
    st.set_page_config(page_title="Lerarentekort in beeld", page_icon="static/favicon.png", layout="wide")
    page = st.navigation(
        [
            st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path or None, default=not p.url_path)
            for p in PAGES
        ]
    )

    st.html(STYLE)
    begin_run()
    cache.begin_run()  # one look at the data files per run
    notices = st.container()  # a wrong link's notices, at the top of the page (dashboard/ui/state.py)
    sidebar()

    if not health.servable():  # the built dataset or the boundaries cannot be read: no page can run (log: the files)
        st.error(health.BROKEN_PAGE, icon=":material/error:")
        st.stop()
    if (notice := health.own_data_notice()) is not None:  # a broken import generation is passed by: say so
        st.info(md_text(notice), icon=":material/info:")

    page.run()
    show_notices(notices, page.url_path)


if __name__ == "__main__":  # the page script, run by Streamlit for every visitor (and by AppTest)
    main()
