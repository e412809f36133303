from datetime import timedelta
from server.protocol.models import HealthConditions, ProtocolItem
from tests.api.test_protocol_practices import add_record, checkin, today

def test_a(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "LDN", "dose": 1.5, "unit": "mg"})
    add_record(app, HealthConditions, "ada@example.org", {"conditions": ["on_opioids"]})
    print(client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"])

def test_b(app, client, auth_headers):
    checkin(client, auth_headers, today() - timedelta(days=3), medications=[{"name": "Low dose naltrexone 1.5mg"}, {"name": "Tramadol 50mg"}])
    print(client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"])

def test_c(app, client, auth_headers):
    add_record(app, ProtocolItem, "ada@example.org", {"name": "Naltrexone", "dose": 1.5, "unit": "mg"})
    checkin(client, auth_headers, today(), medications=[{"name": "Co-codamol 30/500"}])
    print(client.get("/api/protocol/safety", headers=auth_headers).get_json()["findings"])
