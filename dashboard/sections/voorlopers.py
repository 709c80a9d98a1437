"""Above the comparison of onderwijsregio's: the voorlopers added to the coordinator's choice in one click.

Adds, never replaces: what is chosen (and the region whose profile is open) stays. With one voorloper with a figure
the section offers to compare it with the coordinator's own region instead of a choice of one."""

from __future__ import annotations

import streamlit as st

from dashboard.format import fmt_number
from dashboard.sections.compare import MAX_REGIONS


def _said(official: int | None, named: int, voorlopers: tuple[str, ...], labels: dict[str, str], sector: str) -> str:
    n = len(voorlopers)
    head = f"{fmt_number(official)} voorlopers; " if official else ""
    listed = ", ".join(labels[c] for c in voorlopers)
    has = "heeft" if n == 1 else "hebben"
    return f"{head}{fmt_number(named)} staan met naam in deze data; {n} {has} een cijfer voor het {sector}" + (
        f": {listed}." if n else "."
    )


def render(
    key: str,
    voorlopers: tuple[str, ...],
    own: str,
    labels: dict[str, str],
    sector: str,
    official: int | None,
    named: int,
) -> None:
    """`key`: the comparison's multiselect (not yet drawn); `voorlopers`: codes with a figure in this sector; `own`:
    the region whose profile is open ('' if none); `labels`: code -> name shown."""
    st.caption(_said(official, named, voorlopers, labels, sector))
    if not voorlopers:
        return
    chosen = list(st.session_state.get(key, []))
    base = [c for c in [*chosen, own] if c]
    if len(voorlopers) >= 2 or [c for c in base if c not in voorlopers]:
        label = f"Vergelijk de voorlopers ({len(voorlopers)} met een cijfer voor het {sector})"
        if st.button(label + (" naast uw keuze" if base else ""), key=f"_{key}_snel"):
            wanted = list(dict.fromkeys([*base, *voorlopers]))
            st.session_state[key] = wanted[:MAX_REGIONS]
            if len(wanted) > MAX_REGIONS:
                st.caption(f"Ten hoogste {MAX_REGIONS} tegelijk: de eerste {MAX_REGIONS} staan in de vergelijking.")
        return
    only = voorlopers[0]
    st.markdown(
        f"Er is maar één voorloper met een cijfer voor het {sector}: **{labels[only]}**. Vergelijk die met uw eigen "
        "onderwijsregio:"
    )
    others = tuple(c for c in labels if c != only)
    pick = st.selectbox(
        "Uw onderwijsregio",
        ("",) + others,
        key=f"_{key}_eigen",
        format_func=lambda c: "Kies uw onderwijsregio" if c == "" else labels[c],
    )
    if st.button(f"Vergelijk met {labels[only]}", key=f"_{key}_snel", disabled=not pick):
        st.session_state[key] = [pick, only]
