"""dashboard.api without a server: the 500 answer, the light import, the routes serve.py mounts, the layers."""

from __future__ import annotations

import json
import subprocess
import sys

from starlette.requests import Request

from dashboard import api
from dashboard.api import tables
from dashboard.data.model.paths import REPO_DIR


def _request(path: str, query: str = "", method: str = "GET") -> Request:
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": [],
        "scheme": "http",
        "server": ("test", 80),
        "root_path": "",
    }
    return Request(scope)


def test_an_unexpected_error_is_a_dutch_500_without_traceback(monkeypatch):
    def broken(_snap, _params):
        raise RuntimeError("geheime interne details")

    monkeypatch.setitem(tables.VIEWS, "indicators", broken)
    response = api.handle(_request("/api/v1/indicators"), "indicators")
    body = json.loads(response.body)
    assert response.status_code == 500 and "Er ging iets mis" in body["fout"]
    assert "geheime" not in response.body.decode() and response.headers["X-Dataset-Version"]


def test_bad_query_is_400_and_good_query_csv():
    response = api.handle(_request("/api/v1/indicators", "sector=xx"), "indicators")
    assert response.status_code == 400 and json.loads(response.body)["parameter"] == "sector"
    response = api.handle(_request("/api/v1/indicators", "sector=po&indicator=tekort_pct"), "indicators")
    assert response.status_code == 200 and response.body.startswith("\ufeffindicator;".encode())


def test_routes_cover_the_endpoints_and_the_module_imports_light():
    paths = {route.path for route in api.ROUTES}
    assert {"/api/v1", "/api/v1/indicators", "/api/v1/sources", "/api/v1/regions", "/api/v1/onderwijsregios"} <= paths
    code = "import sys, dashboard.api; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_DIR, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # serve.py imports it before the server answers


def test_the_api_modules_only_import_the_layers_below_them():
    """The order in dashboard/api/__init__.py: each module imports only modules listed before it."""
    import ast
    from pathlib import Path

    order = ["spec", "http", "rows", "params", "openapi", "html_docs", "feed", "tables", "documents", "routes"]
    folder = Path(api.__file__).parent
    assert sorted(p.stem for p in folder.glob("*.py")) == sorted([*order, "__init__"])
    for index, name in enumerate(order):
        tree = ast.parse((folder / f"{name}.py").read_text())
        used = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        used |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        own = {m.removeprefix("dashboard.api.") for m in used if m.startswith("dashboard.api")}
        assert own <= set(order[:index]), f"{name}.py importeert {own - set(order[:index])}"
