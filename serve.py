"""Start the dashboard with a warm-up: `python3 -m streamlit run serve.py`.

The same app as `streamlit run app.py` (app.py is the Streamlit script), served as an st.App whose startup
hook builds every page's default views in the background (dashboard/warmup.py), so the first visitor does not wait
for imports, Parquet reads and figures. GET /warmup tells whether this replica may get visitors: HTTP 200 with
`"ready": true` once it is warm and the data on disk is whole (dashboard/health.py, "controle"), 503 until then (a
balancer's readiness check), with the replica's name and pid. Also served, as under `streamlit run app.py`: the open
data API (/api/v1, dashboard/api/) and the download links (/download) and
the embed form of a chart (/embed), dashboard/web/routes.py.
"""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dashboard import health, warmup
from dashboard.web import replica
from dashboard.web.routes import MIDDLEWARE, ROUTES


@asynccontextmanager
async def lifespan(app: st.App):
    health.log_at_start()
    task = warmup.start()
    yield
    task.cancel()


async def warmup_status(_request: Request) -> JSONResponse:
    body, status = health.with_controle(warmup.STATUS.as_json())  # + "ready", "controle"
    if body["ready"]:  # the data version its links are signed with (the same on every host with the same data)
        from dashboard import cache

        body["dataversie"] = await run_in_threadpool(cache.version_tag)
    return JSONResponse(body | replica.identity(), status_code=status, headers={"Cache-Control": "no-store"})


app = st.App(
    "app.py",
    lifespan=lifespan,
    routes=[Route("/warmup", warmup_status), *ROUTES],  # ROUTES: the API and /download, as app.py
    middleware=MIDDLEWARE,
)
