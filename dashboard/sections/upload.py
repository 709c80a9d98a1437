"""Own figures in this browser session: upload, check, keep for the session, remove."""

from __future__ import annotations

import streamlit as st

from dashboard import cache
from dashboard.data.intake.ingest import MAX_UPLOAD_BYTES, IngestError
from dashboard.data.store.load import SessionData
from dashboard.format import fmt_number, md_text
from dashboard.ui.session import drop_upload, keep_upload, session_data
from dashboard.web.upload import UPLOAD_MB, checked_upload, dutch_refusals


def render() -> None:
    upload = st.file_uploader(
        f"CSV- of Excel-bestand (.csv, .xlsx) met eigen cijfers, maximaal {MAX_UPLOAD_BYTES // 1_000_000} MB",
        type=["csv", "xlsx"],
        key="eigen_upload",
        max_upload_size=UPLOAD_MB,
    )
    dutch_refusals("eigen_upload")
    if upload is not None and st.session_state.get("_upload_done") != upload.file_id:
        try:
            rows, sources = checked_upload(
                upload.getvalue(), upload.name, cache.table("sources"), cache.table("regions")
            )
        except IngestError as error:
            st.error(f"Bestand geweigerd: {error}", icon=":material/error:")
        else:
            keep_upload(SessionData(rows, sources, upload.name), upload.file_id)
            st.session_state["_upload_done"] = upload.file_id
            st.session_state["_upload_msg"] = f"{fmt_number(len(rows))} rijen uit {md_text(upload.name)} geladen."
            st.rerun()  # so every figure on the page includes the new rows
    if message := st.session_state.pop("_upload_msg", None):
        st.success(message, icon=":material/check_circle:")
    if (own := session_data()) is not None:
        st.markdown(
            f"In deze sessie staan **{fmt_number(len(own.indicators))} eigen cijfers** uit {md_text(own.filename)}; "
            "ze staan op de pagina's waar ze bij passen, gemarkeerd als eigen data."
        )
        if st.button("Eigen cijfers uit deze sessie verwijderen", key="eigen_verwijderen"):
            drop_upload()
            st.rerun()
