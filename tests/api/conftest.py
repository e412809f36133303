"""What the API tests share: the one error shape every 4xx answers in."""

SHAPE = {"code", "status", "message", "errors"}


def assert_error(response, status, field=None):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == SHAPE
    assert body["code"] == status and isinstance(body["message"], str)
    for key, messages in body["errors"].items():
        assert isinstance(key, str) and all(isinstance(m, str) for m in messages)
    if field:
        assert field in body["errors"], body["errors"]

