"""Entry point: page config, shared sidebar filters (kept in the URL), navigation over app_pages/.

The pages live in app_pages/, not pages/: a folder named pages/ switches Streamlit into its legacy
router on a fresh server and breaks shared deep links (PITFALLS.md).
"""

import streamlit as st

from dashboard.data.load import session_own
from dashboard.format import SECTOR_LABELS, md_text
from dashboard.ui.filters import SECTOR
from dashboard.ui.state import bind, publish

st.set_page_config(page_title="Lerarentekort in beeld", page_icon="static/favicon.png", layout="wide")

PAGES = [
    st.Page("app_pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
    st.Page(
        "app_pages/onderwijsregios.py", title="Onderwijsregio's", icon=":material/map:", url_path="onderwijsregios"
    ),
    st.Page("app_pages/opleiden.py", title="Opleiden", icon=":material/school:", url_path="opleiden"),
    st.Page("app_pages/bevoegdheden.py", title="Bevoegdheden", icon=":material/verified:", url_path="bevoegdheden"),
    st.Page("app_pages/onderwijstijd.py", title="Onderwijstijd", icon=":material/schedule:", url_path="onderwijstijd"),
    st.Page("app_pages/behoud.py", title="Behoud & werving", icon=":material/group_add:", url_path="behoud"),
    st.Page("app_pages/data.py", title="Data & verantwoording", icon=":material/description:", url_path="data"),
]

page = st.navigation(PAGES)

# Streamlit's captions are light grey (contrast below WCAG AA on white): darken captions and their links.
st.html(
    "<style>[data-testid='stCaptionContainer'] {color: #555 !important; opacity: 1 !important;}"
    "[data-testid='stCaptionContainer'] a {color: #0b4f8a !important;}"
    # The uploader's own hint shows Streamlit's hard ceiling (25 MB); the app's limit, in the label, is lower.
    "[data-testid='stFileUploaderDropzoneInstructions'] {display: none;}</style>"
)

bind(SECTOR)
with st.sidebar:
    st.radio(
        "Sector",
        SECTOR.choices,
        key=SECTOR.key,
        format_func=SECTOR_LABELS.get,
        help="Geldt voor alle pagina's. Regionale tekortcijfers bestaan alleen voor po en vo.",
    )
    st.caption("De link in de adresbalk bewaart uw keuzes: kopieer hem om deze weergave te delen.")
    if (own := session_own()) is not None:
        st.info(
            f"**Eigen data actief**: {len(own[0])} cijfers uit {md_text(own[2])}, alleen in deze sessie. "
            "In bronregels, tabellen (bron-id EIGEN-…) en kaarten staat 'eigen data'.",
            icon=":material/upload_file:",
        )
publish(SECTOR)

page.run()
