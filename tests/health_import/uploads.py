"""Uploading an export through the API as the PWA does: create, send chunks, finish."""


def start(client, headers, name: str, data: bytes):
    response = client.post("/api/imports", headers=headers, json={"filename": name, "size": len(data)})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def send(client, headers, record: dict, data: bytes, chunk: int | None = None) -> dict:
    chunk = chunk or record["chunk_size"]
    for offset in range(record["received"], len(data), chunk):
        response = client.put(f"/api/imports/{record['id']}/content?offset={offset}", headers=headers,
                              data=data[offset:offset + chunk], content_type="application/octet-stream")
        assert response.status_code == 200, response.get_json()
        record = response.get_json()
    return record


def upload(client, headers, name: str, data: bytes, chunk: int | None = None):
    """The finish response of a whole upload (status code, body)."""
    record = send(client, headers, start(client, headers, name, data), data, chunk)
    response = client.post(f"/api/imports/{record['id']}/finish", headers=headers)
    return response.status_code, response.get_json()


def health_days(client, headers, cursor: int = 0) -> dict:
    """{date: data} of the person's live health_day records, as a device pulls them."""
    body = client.post("/api/sync", headers=headers,
                       json={"device_id": "test-device", "cursor": cursor, "changes": []}).get_json()
    return {c["data"]["date"]: c["data"] for c in body["changes"]
            if c["type"] == "health_day" and not c["deleted"]}
