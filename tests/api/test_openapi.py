"""The OpenAPI document states the limits the API really enforces, and describes the answers
it really gives: the pieces schemathesis cannot check by itself."""
import json
import re

import pytest

from server.checkins.schemas import CUSTOM_KEY
from server.common.time import INSTANT_PATTERN
from tests.conftest import new_id

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def spec(client):
    return client.get("/api/openapi.json").get_json()


def schema_of(spec, name):
    return spec["components"]["schemas"][name]


def test_every_route_answers_trace_with_405_and_its_methods(client, auth_headers, spec):
    for path, item in spec["paths"].items():
        url = re.sub(r"\{[^}]+\}", new_id(), path)
        response = client.open(url, method="TRACE", headers=auth_headers)
        assert response.status_code == 405, path
        allowed = set(response.headers["Allow"].lower().split(", ")) - {"head", "options"}
        assert allowed == set(item) & METHODS, path


def test_x_pagination_is_documented_as_the_json_text_it_is(client, auth_headers, spec):
    for _ in range(3):
        client.post("/api/checkins", json={"id": new_id(), "at": "2026-03-01T08:30:00Z"},
                    headers=auth_headers)
    response = client.get("/api/checkins?page_size=2&page=2", headers=auth_headers)
    header = spec["paths"]["/api/checkins"]["get"]["responses"]["200"]["headers"]["X-Pagination"]
    header = spec["components"]["headers"][header["$ref"].rsplit("/", 1)[-1]]
    documented = header["content"]["application/json"]["schema"]
    properties = schema_of(spec, documented["$ref"].rsplit("/", 1)[-1])["properties"]
    sent = json.loads(response.headers["X-Pagination"])
    assert sent == {"total": 3, "total_pages": 2, "first_page": 1, "last_page": 2, "page": 2,
                    "previous_page": 1}
    assert set(sent) <= set(properties)
    assert all(properties[key]["type"] == "integer" for key in sent)


def test_the_real_limits_are_declared(spec):
    checkin = schema_of(spec, "CheckInCreate")["properties"]
    assert checkin["at"]["pattern"] == INSTANT_PATTERN and "format" not in checkin["at"]
    assert "1970–2200" in checkin["at"]["description"]
    assert checkin["custom"]["propertyNames"]["pattern"] == CUSTOM_KEY.pattern
    assert checkin["custom"]["maxProperties"] == 30
    assert checkin["locations"]["uniqueItems"] is True
    assert "\\u0000" in checkin["notes"]["pattern"]
    zone = schema_of(spec, "Register")["properties"]["timezone"]
    assert "Europe/London" in zone["enum"] and "Mars/Base" not in zone["enum"]
    assert "localtime" not in zone["enum"]
    body = spec["paths"]["/api/import/csv"]["post"]["requestBody"]
    assert body["required"] and set(body["content"]) == {"application/json", "multipart/form-data"}
    mapping = schema_of(spec, "CsvImport")["properties"]["mapping"]
    assert mapping["required"] == ["at"] and "pain" in mapping["propertyNames"]["enum"]
    assert schema_of(spec, "CsvImport")["properties"]["csv"]["maxLength"] == 4 * 1024 * 1024
    assert "three years" in json.dumps(spec["paths"]["/api/reports/clinician.pdf"]).lower()


@pytest.mark.parametrize("text,ok", [
    ("2026-03-01T08:30:00+01:00", True), ("1970-01-01T00:00Z", True), ("2200-12-31T23:59:59Z", True),
    ("2024-02-29T08:00Z", True), ("2100-02-29T08:00Z", False), ("1969-12-31T23:59Z", False),
    ("2201-01-01T00:00Z", False), ("2026-04-31T08:00Z", False), ("2026-03-01T08:30", False),
])
def test_the_published_instant_pattern_is_the_rule(client, auth_headers, text, ok):
    assert bool(re.fullmatch(INSTANT_PATTERN, text)) is ok
    response = client.post("/api/checkins", json={"id": new_id(), "at": text}, headers=auth_headers)
    assert (response.status_code == 201) is ok, response.get_json()
