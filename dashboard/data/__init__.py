"""The data layer, in four rooms that import only downwards (tests/unit/test_data_rooms.py): model (what the
data is and where it lives), store (what is on disk), publish (what goes out) and intake (what comes in). It
knows no Streamlit, plotly, metrics or charts: pure functions over files and frames."""
