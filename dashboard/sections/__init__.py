"""Sections: small render() functions that show one view (dashboard/views) with Streamlit widgets."""
