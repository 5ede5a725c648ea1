"""The OpenAPI document is true to the app: every status and media type the app answers
(good and bad requests on every documented route) is declared there."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.openapi_check import mismatches, requests_of


def test_every_answer_is_declared(client: TestClient) -> None:
    found, n = mismatches(client)
    assert n > 300  # every operation, each query parameter with four bad values
    assert found == []


def test_the_walk_covers_every_operation_and_parameter(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    ops = [(path, op) for path, item in doc["paths"].items() for op in item.values()]
    assert len(ops) >= 20
    for path, op in ops:
        urls = requests_of(path, op)
        for p in op.get("parameters", []):
            if p["in"] == "query":
                assert any(f"{p['name']}=" in u for u in urls), (path, p["name"])


def test_errors_are_the_envelope_and_no_422(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert set(schemas["ErrorEnvelope"]["required"]) == {"ok", "error", "errors", "status"}
    assert "HTTPValidationError" not in schemas
    for path, item in doc["paths"].items():
        for op in item.values():
            responses = op["responses"]
            assert "422" not in responses, path
            assert {"400", "414"} <= set(responses), path
            if path.startswith("/api/"):
                ref = responses["400"]["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/ErrorEnvelope"
    run = doc["paths"]["/api/v1/scenarios/run"]["get"]["responses"]
    assert "Retry-After" in run["503"]["headers"]
    csv = doc["paths"]["/compare.csv"]["get"]["responses"]["200"]["content"]
    assert list(csv) == ["text/csv"]
    yaml = doc["paths"]["/scenarios/yaml"]["get"]["responses"]
    assert list(yaml["200"]["content"]) == ["application/yaml"]
    assert list(yaml["400"]["content"]) == ["text/html"]


def test_an_undeclared_status_is_found(client: TestClient) -> None:
    """The checker itself: a document that declares nothing but 200 disagrees."""

    class Narrow:
        def get(self, url: str) -> object:
            r = client.get(url)
            if url == "/api/openapi.json":
                doc = r.json()
                for item in doc["paths"].values():
                    for op in item.values():
                        op["responses"] = {"200": op["responses"]["200"]}
                return type("R", (), {"json": lambda self: doc})()
            return r

        def request(self, method: str, url: str) -> object:
            return client.request(method, url)

    found, _ = mismatches(Narrow())
    assert any("GET /api/v1/regions/{code}: status 404 not declared" in f for f in found)
