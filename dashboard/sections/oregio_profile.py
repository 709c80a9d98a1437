"""An onderwijsregio's (or own region's) profile: the derived shortage with its spread against national, its
gemeenten on a map and in a list, the arbeidsmarktregio's it spans, its development, the regioprofiel as PDF."""

from __future__ import annotations

import streamlit as st

from dashboard.charts.maps import MAP_CONFIG
from dashboard.data.model.geo import ATTRIBUTION
from dashboard.format import fmt_count, fmt_fte, fmt_number, fmt_pct, fmt_peildatum, fmt_pp
from dashboard.report.cite import file_stem
from dashboard.sections import chart
from dashboard.ui import share
from dashboard.ui.widgets import download, file_download, in_words, metric, missing, table, table_in_expander
from dashboard.views.onderwijsregios import Profile, regioprofiel_pdf

GEMEENTEN = ("gemeente", "gemeenten")  # singular, plural (format.fmt_count)
ARBEIDSMARKTREGIOS = ("arbeidsmarktregio", "arbeidsmarktregio's")
# The membership map's shades (charts.maps.membership_map), in the words of the table's column Lidmaatschap.
MEMBERSHIP_COLOURS = (
    "Donkerblauw: lidmaatschap betrouwbaar (officiële bron); middenblauw: secundair of afgeleid; lichtblauw: onzeker; "
    "grijs: hoort er niet bij."
)
GEMEENTE_COLUMNS = {
    "gemeente": "Gemeente",
    "gemeentecode": "Gemeentecode",
    "value": "Tekort (%, van het gemeten gebied)",
    "herkomst": "Cijfer uit",
    "cijfer_van": "Gemeten gebied",
    "lidmaatschap": "Lidmaatschap",
    "ligging": "Ligging",
    "betwist": "Ook in (betwist)",
}
AM_COLUMNS = {
    "arbeidsmarktregio": "Arbeidsmarktregio",
    "value": "Tekort (%, gemeten)",
    "gemeenten": "Gemeenten van deze regio",
    "gemeenten_eigen_meting": "waarvan met eigen meting (G5)",
}


def render(view: Profile, comparison: list[str] | None = None) -> None:
    s = view.summary
    st.subheader(view.name, anchor=False)
    st.caption(
        f"{view.status.capitalize()} · sectoren: {view.sectors} · {fmt_count(s['gemeenten'], *GEMEENTEN)} · "
        f"peildatum {fmt_peildatum(view.peildatum)}"
    )
    for line in view.about:
        st.markdown(line)
    for note in view.notes:
        st.caption(note)
    if s["value"] is None:
        missing(view.empty_reason or "Voor geen van deze gemeenten is een regionaal tekortcijfer bekend.")
        return
    c1, c2, c3 = st.columns(3)
    with c1:
        metric(
            f"Tekort {view.sector} (afgeleid)",
            fmt_pct(s["value"]),
            note=f"Landelijk {fmt_pct(view.national)} (gemeten). Afgeleid: {s['weging']}."
            + (f" Rust op {fmt_number(view.contested)} betwiste gemeenten." if view.contested else ""),
            delta=None if s["verschil"] is None else f"{fmt_pp(s['verschil'])} t.o.v. landelijk",
            delta_color="inverse",
        )
    with c2:
        metric(
            "Laagste en hoogste cijfer in de regio",
            f"{fmt_pct(s['laagste'])} – {fmt_pct(s['hoogste'])}",
            note=f"Laagste: {s['laagste_bij']}. Hoogste: {s['hoogste_bij']}. Elke gemeente heeft het cijfer van haar "
            "arbeidsmarktregio (of haar eigen G5-meting).",
        )
    if s["tekort_fte"] is not None:
        with c3:
            metric(
                "Tekort in fte (afgeleid)",
                fmt_fte(s["tekort_fte"]),
                note=f"Bij een werkgelegenheid van {fmt_fte(s['werkgelegenheid_fte'])} (DUO).",
            )
    else:
        c3.metric(
            "Gemeenten met een cijfer", f"{fmt_number(s['gemeenten_met_cijfer'])} van {fmt_number(s['gemeenten'])}"
        )
    st.markdown(
        "**Hoe dit cijfer is gemaakt.** Tekorten worden niet per onderwijsregio gemeten. Elke gemeente krijgt het "
        "tekort van haar arbeidsmarktregio (of haar eigen G5-meting), en die worden "
        + (
            "gewogen met de werkgelegenheid per gemeente (DUO) gemiddeld."
            if s["tekort_fte"] is not None
            else "**ongewogen** gemiddeld: op deze server is geen werkgelegenheid per gemeente geladen (de beheerder "
            "kan die laden), dus elke gemeente telt even zwaar en een tekort in fte is niet te berekenen."
        )
        + f" Het cijfer rust op {fmt_count(s['arbeidsmarktregios'], *ARBEIDSMARKTREGIOS)}; "
        f"{fmt_number(s['gemeenten_onzeker'])} van de {fmt_count(s['gemeenten'], *GEMEENTEN)} "
        + ("hoort" if s["gemeenten_onzeker"] == 1 else "horen")
        + " er volgens een secundaire of onzekere bron bij"
        + (
            f", {fmt_number(s['gemeenten_zonder_cijfer'])} "
            + ("heeft" if s["gemeenten_zonder_cijfer"] == 1 else "hebben")
            + " geen cijfer."
            if s["gemeenten_zonder_cijfer"]
            else "."
        )
        + (
            f" Het cijfer rust op {fmt_count(view.contested, 'betwiste gemeente', 'betwiste gemeenten')} "
            "(ook in een andere onderwijsregio)."
            if view.contested
            else ""
        )
    )
    if view.sources:
        st.caption(view.sources)
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(
            view.members_map,
            width="stretch",
            key=f"leden_kaart_{view.kind}",
            config={"displayModeBar": False, **MAP_CONFIG},
        )
        in_words(view.members_description)
        st.caption(ATTRIBUTION + ". " + MEMBERSHIP_COLOURS)
        if view.apart:
            st.caption(
                f"**Ligt los van de rest:** {', '.join(view.apart)}: grenst niet, via andere gemeenten van deze regio, "
                "aan het grootste aaneengesloten deel (berekend uit de CBS-grenzen; een eiland ligt ook los)."
            )
    with right:
        st.markdown("**Arbeidsmarktregio's met hun gemeten cijfer**")
        table(view.profile.arbeidsmarktregios, AM_COLUMNS, {"value": fmt_pct})
    table_in_expander(
        f"De {fmt_count(s['gemeenten'], *GEMEENTEN)} met hun cijfer"
        if s["gemeenten"] != 1
        else "De gemeente met haar cijfer",
        f"open_gemeenten_{view.kind}",
        view.gemeenten_shown,
        GEMEENTE_COLUMNS,
        {"value": fmt_pct},
    )
    download(
        view.gemeenten_shown,  # the table above, as shown (with the regions a contested gemeente is also in)
        f"gemeenten_{view.code}_{view.sector}.csv",
        key=f"dl_gemeenten_{view.kind}",
        label="Download CSV van deze gemeenten",
        columns=GEMEENTE_COLUMNS,
        formats={"value": fmt_pct},
    )
    if view.history is not None:
        chart.render(view.history, heading="bold")
    else:  # the development needs two regional measurements; the data has one for this sector
        st.markdown(
            f"**Ontwikkeling:** nog geen lijn, want voor het {view.sector} staat één regionale meting in de data. "
            "Met een volgende meting (zie 'Nieuwer gepubliceerd' boven de kaart) verschijnt hier het afgeleide "
            "tekort per meting."
        )
    file_download(
        "Download regioprofiel (PDF)",
        regioprofiel_pdf,
        (view, comparison or [], share.address()),  # the PDF links to this exact view
        f"regioprofiel_{file_stem(view.name) if view.kind == 'eigen regio' else view.code}_{view.sector}.pdf",
        "application/pdf",
        key=f"pdf_{view.kind}",
    )
