"""What the app adds to Streamlit's web layer: HTTP security headers, and the upload widget's limits in Dutch."""
