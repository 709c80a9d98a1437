"""The API documentation page (GET /api/v1/docs): plain Dutch HTML generated from the OpenAPI document.

No scripts and nothing from another server, so it works offline and under the app's Content-Security-Policy.
Pure: the document in, a page out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

MAX_VALUES_SHOWN = 40  # longer lists (region codes, peildata) are cut, with a link to where all values are
STYLE = """
body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
h1{font-size:1.7rem}h2{margin-top:2.5rem;border-bottom:1px solid #ccc}h3{margin-top:2rem;font-size:1.15rem}
code,pre{font-family:ui-monospace,monospace;background:#f3f3f3;border-radius:3px}code{padding:0 .2rem}
pre{padding:.6rem;overflow-x:auto;white-space:pre-wrap}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.methode{font-weight:bold;color:#0b5394}nav li{margin:.1rem 0}
"""


def _values(schema: Mapping) -> str:
    items = schema.get("items", schema)
    values = list(items.get("enum", []))
    if not values:
        return ""
    shown = ", ".join(f"<code>{escape(str(v))}</code>" for v in values[:MAX_VALUES_SHOWN])
    more = len(values) - MAX_VALUES_SHOWN
    return shown + (f" … en nog {more} (alle waarden: zie <a href='/api/v1'>/api/v1</a>)" if more > 0 else "")


def _parameters(parameters: list[Mapping]) -> str:
    rows = []
    for param in parameters:
        schema = param.get("schema", {})
        repeat = "ja" if schema.get("type") == "array" else "nee"
        default = f"<code>{escape(str(schema['default']))}</code>" if "default" in schema else ""
        rows.append(
            f"<tr><td><code>{escape(param['name'])}</code> ({escape(param['in'])})</td>"
            f"<td>{escape(param.get('description', ''))}</td><td>{_values(schema)}</td>"
            f"<td>{repeat}</td><td>{default}</td></tr>"
        )
    return (
        "<table><tr><th>Parameter</th><th>Betekenis</th><th>Toegestane waarden</th><th>Herhaalbaar</th>"
        "<th>Standaard</th></tr>" + "".join(rows) + "</table>"
    )


def _example_url(path: str, parameters: list[Mapping]) -> str:
    query = []
    for param in parameters:
        if param["in"] == "path":
            path = path.replace("{" + param["name"] + "}", str(param.get("example", "")))
        elif param["in"] == "query" and "example" in param:
            example = param["example"]
            query += [f"{param['name']}={v}" for v in (example if isinstance(example, list) else [example])]
    return path + ("?" + "&".join(query) if query else "")


def _responses(responses: Mapping) -> str:
    rows = []
    for status, response in responses.items():
        types = ", ".join(f"<code>{escape(t)}</code>" for t in response.get("content", {}))
        rows.append(f"<tr><td>{escape(status)}</td><td>{escape(response['description'])}</td><td>{types}</td></tr>")
    return "<table><tr><th>Status</th><th>Betekenis</th><th>Inhoud</th></tr>" + "".join(rows) + "</table>"


def _operation(path: str, operation: Mapping) -> str:
    anchor = escape(operation["operationId"])
    parameters = [p for p in operation.get("parameters", []) if p["in"] != "header"]
    example = _example_url(path, parameters)
    parts = [
        f"<h3 id='{anchor}'><span class='methode'>GET</span> <code>{escape(path)}</code>: "
        f"{escape(operation['summary'])}</h3>",
        f"<p>{escape(operation.get('description', ''))}</p>",
    ]
    if parameters:
        parts.append(_parameters(parameters))
    parts.append(f'<p>Voorbeeld:</p><pre>curl -s "http://localhost:8501{escape(example)}"</pre>')
    parts.append(_responses(operation["responses"]))
    return "\n".join(parts)


def html(document: Mapping) -> str:
    """The whole page: introduction, contents, per group its endpoints, the error body and the headers."""
    info = document["info"]
    by_tag: dict[str, list[tuple[str, Mapping]]] = {tag["name"]: [] for tag in document.get("tags", [])}
    for path, item in document["paths"].items():
        operation = item["get"]
        by_tag.setdefault(operation["tags"][0], []).append((path, operation))
    contents = "".join(
        f"<li>{escape(tag)}: "
        + ", ".join(
            f"<a href='#{escape(op['operationId'])}'><code>{escape(path)}</code></a>" for path, op in operations
        )
        + "</li>"
        for tag, operations in by_tag.items()
    )
    sections = "".join(
        f"<h2>{escape(tag)}</h2>" + "".join(_operation(path, op) for path, op in operations)
        for tag, operations in by_tag.items()
    )
    error = json.dumps(
        document["paths"]["/api/v1/indicators"]["get"]["responses"]["400"]["content"]["application/json"]["example"],
        ensure_ascii=False,
        indent=1,
    )
    headers = document["paths"]["/api/v1/indicators"]["get"]["responses"]["200"]["headers"]
    header_rows = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td>{escape(h['description'])}</td></tr>"
        for name, h in headers.items()
    )
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(info["title"])}: documentatie</title><style>{STYLE}</style></head>
<body><main>
<h1>{escape(info["title"])}</h1>
<p>{escape(info["summary"])}. Datasetversie <code>{escape(info["version"])}</code>.</p>
<p>{escape(info["description"])}</p>
<p>Machineleesbaar: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI {escape(document["openapi"])}),
<a href="/api/v1/datapackage.json">/api/v1/datapackage.json</a> (Frictionless datapakket),
<a href="/api/v1/releases.atom">/api/v1/releases.atom</a> (Atom-feed van de releases).</p>
<nav><h2>Inhoud</h2><ul>{contents}<li><a href="#fouten">Fouten en headers</a></li></ul></nav>
{sections}
<h2 id="fouten">Fouten en headers</h2>
<p>Een fout in de vraag geeft status 400 met JSON in het Nederlands: wat er mis is, welke parameter, en wat wel mag.
Een onbekend pad geeft 404, een andere methode dan GET 405, een fout van de server 500: altijd JSON.</p>
<pre>{escape(error)}</pre>
<table><tr><th>Header</th><th>Betekenis</th></tr>{header_rows}</table>
</main></body></html>
"""
