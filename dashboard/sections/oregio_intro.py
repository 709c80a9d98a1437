"""The top of the Onderwijsregio's page: what an onderwijsregio is, why there are as many as there are, links to
old codes that were followed, and which sector the figures are of."""

from __future__ import annotations

import streamlit as st

from dashboard.data.model.sectors import REGIONAL_SECTORS, sector_name
from dashboard.ui.widgets import missing
from dashboard.views.oregio_parts import OregioData


def render(data: OregioData, moved: list[str], sector: str) -> None:
    """`moved`: a line per old code in the link that now points elsewhere; `sector`: the chosen sector."""
    st.title("Onderwijsregio's", anchor=False)
    st.markdown(
        "Onderwijsregio's zijn samenwerkingen van schoolbesturen, lerarenopleidingen en de beroepsgroep die samen een "
        "regionaal plan maken. Hoe groot is het tekort in uw onderwijsregio, hoe verhoudt die zich tot andere en tot "
        "het landelijk beeld? Klik op de kaart of kies een onderwijsregio voor het profiel."
    )
    st.caption(
        f"**Onderwijsregio's:** {data.count.why} Per sector hoort een gemeente bij één onderwijsregio; waar de "
        "bronnen er twee noemen, staat dat bij de regio (betwist)."
    )
    for line in moved:
        st.info(line)
    if sector not in REGIONAL_SECTORS:
        missing(
            f"Voor {sector_name(sector)} zijn geen regionale tekortcijfers gepubliceerd. De pagina toont "
            f"daarom het {data.sector}."
        )
