"""What the server answers besides the pages, the same under both entry points (`streamlit run serve.py` and
`streamlit run app.py`): the open data API (/api/v1, dashboard/api/), the download links (/download, download.py),
the embed form of a chart (/embed, embed.py) and the security headers on every answer (headers.py). Light to
import, as those modules are: serve.py and app.py import it before the server answers."""

from __future__ import annotations

from dashboard import api
from dashboard.web import download, embed
from dashboard.web.headers import MIDDLEWARE

ROUTES = [*api.ROUTES, *download.ROUTES, *embed.ROUTES]

__all__ = ["MIDDLEWARE", "ROUTES"]
