"""Open data API, served by the dashboard's own process (serve.py adds `ROUTES` to the st.App).

    GET /api/v1                   the endpoints, their parameters and allowed values, the dataset version
    GET /api/v1/indicators        the figures, filtered as the pages filter them (dashboard.data.publish.query)
    GET /api/v1/sources           the source register
    GET /api/v1/regions           regions with their codes
    GET /api/v1/onderwijsregios   onderwijsregio's with their gemeenten per sector
    GET /api/v1/openapi.json      OpenAPI 3.1, generated from the parameter definitions (openapi.py)
    GET /api/v1/docs              the same as a readable Dutch page (plain HTML, works offline)
    GET /api/v1/datapackage.json  Frictionless data package (dashboard.data.publish.datapackage) of the files under
                                  data/
    GET /api/v1/data/BESTAND      one CSV file of the data package; GET /api/v1/dataset.zip: all of it in one zip
    GET /api/v1/releases          what every build and import changed, newest first; releases.atom as a feed

Tables come as CSV (the same bytes as the page downloads: `;`, decimal comma, UTF-8 with BOM, formula cells
neutralised), JSON or Parquet. Every answer carries the dataset version (X-Dataset-Version, ETag) and may be
cached for 5 minutes. Bad input gets HTTP 400 with a Dutch JSON body naming the parameter and the allowed
values; an unexpected error a Dutch 500 body, never a traceback.

The modules, each importing only modules listed before it:
    spec.py       what the API offers: prefix, limits, `Param`, endpoint names and their Dutch descriptions
    http.py       the envelope of every answer: query string, headers, weak ETag, error and table answers
    rows.py       the rows the tables serve, made from a snapshot of the published tables
    params.py     the parameters per endpoint with their allowed values, ?versie=, checking a request
    openapi.py    the OpenAPI 3.1 document, generated from spec.py and the data contract
    html_docs.py  that document as a plain Dutch HTML page (no scripts, works offline)
    feed.py       the releases as an Atom feed
    tables.py     the table endpoints: (snapshot, parameters) -> (frame, format, JSON body)
    documents.py  the index and the documents: OpenAPI, HTML docs, data package, releases
    routes.py     `handle` (one request to one answer) and the Starlette `ROUTES`

The package stays light to import (serve.py imports it before the server answers): pandas and the data layer are
imported on the first request.
"""

from dashboard.api.routes import ROUTES, handle

__all__ = ["ROUTES", "handle"]
