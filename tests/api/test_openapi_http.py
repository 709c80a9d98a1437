"""The OpenAPI description against the served app: valid OpenAPI 3.1, and requests generated from it (schemathesis,
property-based) get no 500 and answers that conform to it; wrong input gets the Dutch 400 JSON."""

from __future__ import annotations

import json
import urllib.parse

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.test_api_http import get

CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 30  # per operation and mode: the suite stays fast, and repeated runs explore further


@pytest.fixture(scope="session")
def document(server) -> dict:
    status, _, body = get(f"{server.url}/api/v1/openapi.json")
    assert status == 200
    return json.loads(body)


def _schema(document: dict, mode: GenerationMode):
    loaded = schemathesis.openapi.from_dict(document)
    loaded.config.generation.update(modes=[mode])
    return loaded


@pytest.fixture(scope="session")
def api_schema(document):
    return _schema(document, GenerationMode.POSITIVE)


@pytest.fixture(scope="session")
def api_schema_wrong(document):
    return _schema(document, GenerationMode.NEGATIVE)


schema = schemathesis.pytest.from_fixture("api_schema")
schema_wrong = schemathesis.pytest.from_fixture("api_schema_wrong")


@schemathesis.check
def dutch_error_body(ctx, response, case) -> None:
    """Every refusal (4xx) is JSON with a Dutch message, never an HTML page or a traceback."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body.get("fout"), str) and body["fout"], "4xx zonder 'fout'"
        assert "Traceback" not in response.text


def test_the_document_is_valid_openapi_3_1(document, server):
    validate(document)
    assert document["openapi"].startswith("3.1")
    _, headers, _ = get(f"{server.url}/api/v1")
    assert document["info"]["version"] == headers["X-Dataset-Version"]


def test_every_parameter_with_its_allowed_values_is_described(document, server):
    """The description lists what the index lists: same parameters, same allowed values (one source)."""
    _, _, body = get(f"{server.url}/api/v1")
    index = {e["pad"]: e["parameters"] for e in json.loads(body)["endpoints"]}
    for path in ("/api/v1/indicators", "/api/v1/sources", "/api/v1/regions", "/api/v1/onderwijsregios"):
        described = {p["name"]: p["schema"] for p in document["paths"][path]["get"]["parameters"] if p["in"] == "query"}
        assert set(described) == set(index[path])
        for name, schema in described.items():
            values = schema.get("items", schema)["enum"]
            if isinstance(index[path][name]["toegestaan"], list):
                assert values == index[path][name]["toegestaan"]


def test_every_allowed_value_is_accepted_and_one_outside_refused(document, server):
    """Sampled over every parameter: what the description allows gets 200, a value outside it the Dutch 400."""
    for path in ("/api/v1/indicators", "/api/v1/sources", "/api/v1/regions", "/api/v1/onderwijsregios"):
        for param in document["paths"][path]["get"]["parameters"]:
            if param["in"] != "query":
                continue
            values = param["schema"].get("items", param["schema"])["enum"]
            for value in (values[0], values[-1]):
                status, _, body = get(f"{server.url}{path}?{urllib.parse.urlencode({param['name']: value})}")
                assert status == 200, (path, param["name"], value, body[:200])
            status, headers, body = get(f"{server.url}{path}?{param['name']}=niet-toegestaan-xyz")
            error = json.loads(body)
            assert status == 400 and headers["Content-Type"].startswith("application/json")
            assert error["parameter"] == param["name"] and error["fout"].startswith(("Onbekend", "Ongeldige", "Versie"))


def test_documentation_page_is_readable_html_without_other_servers(server):
    status, headers, body = get(f"{server.url}/api/v1/docs")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert '<html lang="nl">' in page and "/api/v1/indicators" in page and "Toegestane waarden" in page
    assert "<script" not in page and "http://" not in page.replace("http://localhost:8501", "")
    assert "https://" not in page


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_requests_conform(case, server):
    case.call_and_validate(base_url=server.url, checks=[*CONFORMANCE, dutch_error_body])


# Only operations with parameters that can be wrong (a free text header can not).
@schema_wrong.include(path_regex=r"^/api/v1/(indicators|sources|regions|onderwijsregios|data/)").parametrize()
@settings(max_examples=MAX_EXAMPLES // 2, deadline=None, suppress_health_check=list(HealthCheck))
def test_generated_wrong_input_gets_a_dutch_refusal(case, server):
    case.call_and_validate(base_url=server.url, checks=[not_a_server_error, status_code_conformance, dutch_error_body])
