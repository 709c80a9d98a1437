"""The browser upload's limits, told in Dutch.

Streamlit's uploader refuses a file above its `max_upload_size` in the browser, before sending it, with an
English text ("File must be 5.0MB or smaller.") that the server never sees and cannot translate. The widget's
limit is set to the app's own (so the browser refuses what the app would refuse, and no server memory is spent
on it), and CSS replaces that English text in the refused file's chip with a Dutch one. Refusals the server
makes (content, formulas, limits while reading) come from the readers, in Dutch, as before.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from dashboard.data.intake.ingest import MAX_UPLOAD_BYTES, IngestError, check_upload
from dashboard.data.intake.parse_slot import BUSY_MESSAGE, ParseBusy, parse_slot

UPLOAD_MB = MAX_UPLOAD_BYTES // 1_000_000  # the uploader's max_upload_size (Streamlit counts MiB: a bit more)
TOO_LARGE = (
    f"Dit bestand is groter dan {UPLOAD_MB} MB en is daarom niet verstuurd. Neem alleen de nodige rijen en kolommen "
    "op of sla het op als CSV; grotere bestanden voegt een beheerder toe met python -m dashboard ingest BESTAND."
)
WRONG_TYPE = "Dit bestandstype wordt niet gelezen en is niet verstuurd. Gebruik CSV (.csv) of Excel (.xlsx)."
ACCEPTED = (".csv", ".xlsx")


def css_text(text: str) -> str:
    """A CSS string literal (JSON escaping is valid CSS for these texts: no backslashes or newlines)."""
    return json.dumps(text, ensure_ascii=False)


def refusal_css(key: str, limit_text: str = TOO_LARGE, type_text: str = WRONG_TYPE) -> str:
    """CSS for the uploader with `key`: the hidden English alert of a refused file's chip becomes a visible Dutch
    line. A refused file with an accepted extension can only be too large (one file, types allowed)."""
    chip = f".st-key-{key} [data-testid='stFileChip'][aria-invalid='true']"
    accepted = ", ".join(f"[data-testid='stFileChipName'][title$='{ext}' i]" for ext in ACCEPTED)
    return (
        "<style>"
        f"{chip} {{flex-wrap: wrap;}}"
        f"{chip} span[role='alert'] {{position: static; clip: auto; clip-path: none; width: 100%; height: auto; "
        "overflow: visible; white-space: normal; margin: 0.25rem 0 0; font-size: 0; visibility: hidden;}"
        f"{chip} span[role='alert']::after {{visibility: visible; font-size: 0.875rem; line-height: 1.4; "
        f"color: #a4161a; content: {css_text(type_text)};}}"
        f"{chip}:has({accepted}) span[role='alert']::after {{content: {css_text(limit_text)};}}"
        # The same English text as a hover tooltip (in a portal outside the widget, so not scoped to `key`; in
        # this app only uploaders have error tooltips): not shown, the Dutch line says it.
        "[role='tooltip']:has([data-testid='stTooltipErrorContent']) {display: none;}"
        "</style>"
    )


def dutch_refusals(key: str) -> None:
    """Call once on the page with the uploader `key`: the browser's own refusals in Dutch."""
    st.html(refusal_css(key))


def checked_upload(
    raw: bytes, filename: str, known_sources: pd.DataFrame, regions: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`check_upload`, one at a time per server process: a visitor whose upload waits sees a spinner."""
    try:
        with parse_slot(waiting=lambda: st.spinner(BUSY_MESSAGE)):
            return check_upload(raw, filename, known_sources, regions)
    except ParseBusy as busy:
        raise IngestError(str(busy)) from busy
