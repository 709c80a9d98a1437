"""Start the dashboard with a warm-up: `python3 -m streamlit run serve.py`.

The same app as `streamlit run app.py` (app.py is the Streamlit script), served as an st.App whose startup
hook builds every page's default views in the background (dashboard/warmup.py), so the first visitor does not wait
for imports, Parquet reads and figures. GET /warmup tells whether that is done, and whether the data on disk is
whole (dashboard/health.py: "ready", "controle"; 503 when the built dataset cannot be read).
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dashboard import api, health, warmup
from dashboard.web.headers import MIDDLEWARE


@asynccontextmanager
async def lifespan(app: st.App):
    health.log_at_start()
    task = warmup.start()
    yield
    task.cancel()


async def warmup_status(_request: Request) -> JSONResponse:
    body, status = health.with_controle(warmup.STATUS.as_json())  # + "ready", "controle"; 503 if data unreadable
    return JSONResponse(body, status_code=status)


app = st.App(
    "app.py", lifespan=lifespan, routes=[Route("/warmup", warmup_status), *api.ROUTES], middleware=MIDDLEWARE
)
