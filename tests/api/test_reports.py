"""Reports API: clinician PDF, FHIR and CSV export, CSV import (mapping, validation, idempotence), isolation."""

import io
import json

import pytest
from pypdf import PdfReader

from tests.conftest import new_id


def checkin(client, headers, at, **fields):
    response = client.post(
        "/api/checkins", json={"id": new_id(), "at": at, **fields}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def diary(client, auth_headers):
    """Ten days of varied check-ins for the signed-in person (every field used somewhere)."""
    made = []
    for day in range(1, 11):
        made.append(
            checkin(
                client,
                auth_headers,
                f"2026-03-{day:02d}T08:30:00+01:00",
                pain=day % 8,
                flare=day == 4,
                locations=["lower_back"] if day % 2 else ["lower_back", "left_hip"],
                qualities=["aching"],
                sleep_hours=6.5 + day / 10,
                sleep_quality=5,
                night_wakings=day % 3,
                stress=day % 10,
                mood=5,
                energy=4,
                activity_minutes=30,
                activity_effort=4,
                activities=["walking", "yoga"] if day % 3 == 0 else [],
                rest_breaks=2,
                nsaid_doses=day % 2,
                medications=[{"name": "PEA", "dose_mg": 600}],
                meal_regularity=6,
                late_meal=day % 2 == 0,
                alcohol_units=1.5 if day == 5 else None,
                breathing_minutes=10,
                mindfulness_minutes=0,
                red_flags=["saddle_numbness"] if day == 7 else [],
                custom={"hydration": day},
                notes=f'Day {day}, "quoted", with a comma' if day != 9 else "=SUM(A1)",
            )
        )
        if day % 3 == 0:
            made.append(checkin(client, auth_headers, f"2026-03-{day:02d}T20:00:00+01:00", pain=7))
    return made


def pdf_text(response) -> str:
    """The PDF's words with all whitespace (table cells come out one per line) as single spaces."""
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).split()
    )


def fhir_observations(client, headers) -> list:
    """The Observations in the person's FHIR export, read through an R4B Bundle (which
    validates the whole export on the way)."""
    from fhir.resources.R4B.bundle import Bundle

    bundle = Bundle.model_validate(json.loads(client.get("/api/export/fhir", headers=headers).data))
    return [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Observation"]


def test_clinician_pdf_has_the_period_and_its_figures(client, auth_headers, diary):
    response = client.get(
        "/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-10", headers=auth_headers
    )
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) <= 2
    text = pdf_text(response)
    assert "1 Mar 2026 to 10 Mar 2026" in text
    assert "Pain rated on 10 of 10 days" in text
    assert "(saddle area)" in text
    assert "NSAIDs: 5 doses" in text
    assert "PEA" in text


def test_pdf_period_is_validated(client, auth_headers):
    bad = client.get(
        "/api/reports/clinician.pdf?from=2026-03-10&to=2026-03-01", headers=auth_headers
    )
    assert bad.status_code == 422
    assert bad.get_json()["errors"] == {"from": ["`from` must not be after `to`."]}
    assert (
        client.get(
            "/api/reports/clinician.pdf?from=soon&to=2026-03-01", headers=auth_headers
        ).status_code
        == 422
    )
    assert client.get("/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-02").status_code == 401


def test_fhir_export_validates_with_loinc_pain_codes(client, auth_headers, diary):
    from fhir.resources.R4B.bundle import Bundle

    response = client.get("/api/export/fhir", headers=auth_headers)
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    bundle = Bundle.model_validate(json.loads(response.data))
    pains = [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Observation"]
    assert len(pains) == len(diary)
    assert {p.code.coding[0].code for p in pains} == {"72514-3"}
    assert {p.id for p in pains} == {c["id"] for c in diary}


def test_csv_round_trip_into_another_account(client, auth_headers, other_headers, diary):
    """An export imports back field for field. (Into the same account it would be all
    duplicates, and deleted check-ins stay deleted: see the test below.) The ids belong to
    the first account, so the second gets stand-in ids."""
    exported = client.get("/api/export/csv", headers=auth_headers)
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    before = client.get("/api/checkins?page_size=100", headers=auth_headers).get_json()

    text = exported.data.decode()
    preview = client.post(
        "/api/import/csv/preview", json={"csv": text}, headers=other_headers
    ).get_json()
    assert preview["rows"] == len(diary)
    result = client.post(
        "/api/import/csv", json={"csv": text, "mapping": preview["mapping"]}, headers=other_headers
    )
    assert result.status_code == 200, result.get_json()
    assert result.get_json() == {"imported": len(diary), "duplicates": 0, "deleted": 0, "rejected": []}

    after = client.get("/api/checkins?page_size=100", headers=other_headers).get_json()
    assert not {c["id"] for c in after} & {c["id"] for c in before}

    def content(records):
        return sorted(({k: v for k, v in c.items() if k not in ("id", "updated_at")} for c in records),
                      key=lambda c: (c["at"], json.dumps(c, sort_keys=True)))

    assert content(after) == content(before)


def test_importing_the_same_file_twice_adds_nothing(client, auth_headers):
    text = "Date,Pain,Notes\n2026-04-01,4,ok\n2026-04-02,5,\n2026-04-02,5,\n"
    mapping = {"at": "Date", "pain": "Pain", "notes": "Notes"}
    first = client.post(
        "/api/import/csv", json={"csv": text, "mapping": mapping}, headers=auth_headers
    ).get_json()
    assert first == {
        "imported": 2,
        "duplicates": 1,
        "deleted": 0,
        "rejected": [],
    }  # the repeated row is one check-in
    second = client.post(
        "/api/import/csv", json={"csv": text, "mapping": mapping}, headers=auth_headers
    ).get_json()
    assert second == {"imported": 0, "duplicates": 3, "deleted": 0, "rejected": []}
    assert len(client.get("/api/checkins", headers=auth_headers).get_json()) == 2


def test_a_csv_import_never_brings_a_deleted_check_in_back(client, auth_headers):
    """Issue 17: the import restored a check-in the person had deleted, where REST answers
    409 for the same id. A deleted id stays deleted unless the person restores it."""
    text = "Date,Pain,Notes\n2026-04-01,4,ok\n2026-04-02,6,bad day\n"
    mapping = {"at": "Date", "pain": "Pain", "notes": "Notes"}
    client.post("/api/import/csv", json={"csv": text, "mapping": mapping}, headers=auth_headers)
    [gone, kept] = sorted(client.get("/api/checkins", headers=auth_headers).get_json(),
                          key=lambda c: c["pain"])
    assert client.delete(f"/api/checkins/{gone['id']}", headers=auth_headers).status_code == 204
    again = client.post("/api/import/csv", json={"csv": text, "mapping": mapping},
                        headers=auth_headers).get_json()
    assert again == {"imported": 0, "duplicates": 1, "deleted": 1, "rejected": []}
    assert [c["id"] for c in client.get("/api/checkins", headers=auth_headers).get_json()] == [kept["id"]]
    rest = client.post("/api/checkins", headers=auth_headers,
                       json={"id": gone["id"], "at": "2026-04-01T12:00:00+01:00", "pain": 4})
    assert rest.status_code == 409  # the same rule as the REST route


def test_import_reports_rejected_rows_with_file_line_numbers(client, auth_headers):
    text = (
        "when;pain;where\n"
        "2026-04-01T08:00:00+02:00;4;lower_back\n"
        "2026-04-02;12;lower_back\n"
        "2026-04-03;3;moon\n"
    )
    response = client.post(
        "/api/import/csv",
        json={
            "csv": text,
            "mapping": {"at": "when", "pain": "pain", "locations": "where"},
            "first_line": 102,
        },
        headers=auth_headers,
    )
    body = response.get_json()
    assert body["imported"] == 1
    assert [r["row"] for r in body["rejected"]] == [103, 104]
    assert "pain" in body["rejected"][0]["errors"]
    assert any(k.startswith("locations") for k in body["rejected"][1]["errors"])


def test_multipart_upload_works_too(client, auth_headers):
    data = {
        "file": (io.BytesIO(b"Date,Pain\n2026-04-01,4\n"), "diary.csv"),
        "mapping": json.dumps({"at": "Date", "pain": "Pain"}),
    }
    response = client.post(
        "/api/import/csv", data=data, headers=auth_headers, content_type="multipart/form-data"
    )
    assert response.get_json() == {"imported": 1, "duplicates": 0, "deleted": 0, "rejected": []}


@pytest.mark.parametrize(
    "body, status, field",
    [
        ({"csv": "a,b\n1,2\n", "mapping": {"pain": "a"}}, 422, "mapping.at"),
        ({"csv": "a,b\n1,2\n", "mapping": {"at": "zzz"}}, 422, "mapping.at"),
        ({"csv": "a,b\n1,2\n", "mapping": {"at": "a", "colour": "b"}}, 422, "mapping.colour"),
        ({"csv": "", "mapping": {"at": "a"}}, 422, "csv"),
        ({"mapping": {"at": "a"}}, 422, "csv"),
        ({"csv": "a\n1\n", "mapping": {"at": "a"}, "extra": 1}, 422, "extra"),
    ],
)
def test_bad_import_requests_get_the_project_error_shape(client, auth_headers, body, status, field):
    response = client.post("/api/import/csv", json=body, headers=auth_headers)
    assert response.status_code == status
    payload = response.get_json()
    assert set(payload) == {"code", "status", "message", "errors"}
    assert field in payload["errors"]


def test_non_json_non_multipart_body_is_a_400(client, auth_headers):
    response = client.post(
        "/api/import/csv", data="hello", headers={**auth_headers, "Content-Type": "text/plain"}
    )
    assert response.status_code == 400
    assert response.get_json()["code"] == 400


def test_exports_and_imports_are_scoped_to_their_owner(client, auth_headers, other_headers, diary):
    assert (
        client.get("/api/export/csv", headers=other_headers).data.decode().count("\n") == 1
    )  # header only
    fhir = json.loads(client.get("/api/export/fhir", headers=other_headers).data)
    assert [e["resource"]["resourceType"] for e in fhir["entry"]] == ["Patient"]
    pdf = client.get(
        "/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-10", headers=other_headers
    )
    assert "Pain rated on 0 of 10 days" in pdf_text(pdf)

    # Bob imports Ada's export: he gets his own copies; Ada's check-ins are untouched.
    text = client.get("/api/export/csv", headers=auth_headers).data.decode()
    mapping = client.post(
        "/api/import/csv/preview", json={"csv": text}, headers=other_headers
    ).get_json()["mapping"]
    result = client.post(
        "/api/import/csv", json={"csv": text, "mapping": mapping}, headers=other_headers
    ).get_json()
    assert result["imported"] == len(diary)
    bobs = client.get("/api/checkins?page_size=100", headers=other_headers).get_json()
    assert not {c["id"] for c in bobs} & {c["id"] for c in diary}
    adas = client.get("/api/checkins?page_size=100", headers=auth_headers).get_json()
    assert len(adas) == len(diary)
    again = client.post(
        "/api/import/csv", json={"csv": text, "mapping": mapping}, headers=other_headers
    ).get_json()
    assert again["imported"] == 0 and again["duplicates"] == len(diary)


def sync_peg3(client, headers, week_start, pain=6, enjoyment=7, activity=5, record_id=None):
    record_id = record_id or new_id()
    response = client.post(
        "/api/sync",
        headers=headers,
        json={
            "device_id": "phone",
            "cursor": 0,
            "changes": [
                {
                    "type": "peg3",
                    "id": record_id,
                    "updated_at": "2026-03-09T09:00:00+00:00",
                    "deleted": False,
                    "data": {
                        "week_start": week_start,
                        "pain": pain,
                        "enjoyment": enjoyment,
                        "activity": activity,
                    },
                }
            ],
        },
    )
    assert response.status_code == 200, response.get_json()
    return record_id, response.get_json()


def test_peg3_syncs_and_shows_in_the_pdf_and_fhir(client, auth_headers, other_headers, diary):
    record_id, body = sync_peg3(client, auth_headers, "2026-03-02")
    assert body["applied"] == [record_id]
    laptop = client.post(
        "/api/sync", headers=auth_headers, json={"device_id": "laptop", "cursor": 0}
    ).get_json()
    pulled = [c for c in laptop["changes"] if c["type"] == "peg3"]
    assert pulled and pulled[0]["data"]["week_start"] == "2026-03-02"

    text = pdf_text(
        client.get("/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-10", headers=auth_headers)
    )
    assert "Latest (week of 2 Mar): pain 6, enjoyment 7, activity 5 - score 6.0" in text
    panels = [o for o in fhir_observations(client, auth_headers) if o.code.coding[0].code == "91148-7"]
    assert len(panels) == 1
    assert panels[0].component[-1].code.coding[0].code == "91147-9"
    assert panels[0].component[-1].valueQuantity.value == 6.0
    other = json.loads(client.get("/api/export/fhir", headers=other_headers).data)
    assert len(other["entry"]) == 1
    # The generic account export carries the PEG-3 table too (it has a user_id).
    exported = client.get("/api/account/export", headers=auth_headers).get_json()["data"]["peg3"]
    assert [row["data"]["pain"] for row in exported] == [6]
    assert client.get("/api/account/export", headers=other_headers).get_json()["data"]["peg3"] == []


@pytest.mark.parametrize(
    "data, field",
    [
        (
            {"week_start": "2026-03-03", "pain": 6, "enjoyment": 7, "activity": 5},
            "week_start",
        ),  # a Tuesday
        ({"week_start": "2026-03-02", "pain": 11, "enjoyment": 7, "activity": 5}, "pain"),
        ({"week_start": "2026-03-02", "pain": 6, "enjoyment": 7}, "activity"),
        ({"week_start": "2026-03-02", "pain": 6, "enjoyment": 7, "activity": 5, "mood": 3}, "mood"),
    ],
)
def test_invalid_peg3_is_rejected_by_sync(client, auth_headers, data, field):
    response = client.post(
        "/api/sync",
        headers=auth_headers,
        json={
            "device_id": "phone",
            "cursor": 0,
            "changes": [
                {
                    "type": "peg3",
                    "id": new_id(),
                    "updated_at": "2026-03-09T09:00:00+00:00",
                    "deleted": False,
                    "data": data,
                }
            ],
        },
    )
    rejected = response.get_json()["rejected"]
    assert len(rejected) == 1
    assert any(field in key for key in json.dumps(rejected[0]["errors"]).split('"'))


def sync_records(client, headers, *changes):
    body = {
        "device_id": "phone",
        "cursor": 0,
        "changes": [
            {
                "type": kind,
                "id": new_id(),
                "updated_at": "2026-03-09T09:00:00+00:00",
                "deleted": False,
                "data": data,
            }
            for kind, data in changes
        ],
    }
    response = client.post("/api/sync", headers=headers, json=body).get_json()
    assert response["rejected"] == [], response["rejected"]


def test_labs_and_protocol_items_reach_the_pdf_and_fhir(client, auth_headers, other_headers, diary):
    sync_records(
        client,
        auth_headers,
        ("lab_result", {"test": "hs_crp", "value": 2.4, "unit": "mg/L", "date": "2026-03-05"}),
        (
            "lab_result",
            {
                "test": "vitamin_d",
                "value": 77.5,
                "unit": "nmol/L",
                "date": "2026-03-05",
                "ref_low": 75,
                "ref_high": 250,
            },
        ),
        ("protocol_item", {"name": "PEA", "dose": 600, "unit": "mg", "start": "2026-03-03"}),
    )
    text = pdf_text(
        client.get("/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-10", headers=auth_headers)
    )
    assert "hs-CRP" in text and "2.4 mg/L" in text and "ABOVE" in text
    assert "77.5 nmol/L 75-250 nmol/L within 50-70 ng/mL BELOW" in text  # 77.5 nmol/L = 31 ng/mL
    assert "PEA 600 mg - from 3 Mar 2026" in text
    labs = [o for o in fhir_observations(client, auth_headers) if o.category[0].coding[0].code == "laboratory"]
    assert sorted(lab.code.coding[0].code for lab in labs) == ["1989-3", "30522-7"]
    vit_d = next(lab for lab in labs if lab.code.coding[0].code == "1989-3")
    assert [float(r.low.value) for r in vit_d.referenceRange] == [75.0, 50.0]
    assert "hs-CRP" not in pdf_text(
        client.get(
            "/api/reports/clinician.pdf?from=2026-03-01&to=2026-03-10", headers=other_headers
        )
    )


def test_an_import_racing_its_twin_is_counted_not_a_500(app, client, auth_headers):
    """The same file sent twice at once: one request stores the rows, the other counts them
    as duplicates (they run one after the other under the person's lock)."""
    import threading

    text = "Date,Pain\n" + "".join(f"2026-04-{d:02},{d % 11}\n" for d in range(1, 29))
    body = {"csv": text, "mapping": {"at": "Date", "pain": "Pain"}}
    barrier, answers = threading.Barrier(2), []

    def send():
        local = app.test_client()
        barrier.wait()
        response = local.post("/api/import/csv", json=body, headers=auth_headers)
        answers.append((response.status_code, response.get_json()))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in answers] == [200, 200]
    assert sorted((a["imported"], a["duplicates"]) for _, a in answers) == [(0, 28), (28, 0)]
    assert len(client.get("/api/checkins?page_size=100", headers=auth_headers).get_json()) == 28

def test_a_new_accounts_report_counts_its_days_from_the_first_check_in(client, auth_headers):
    """Three days in, a three-month report said "Pain rated on 3 of 90 days" and "NSAIDs on 3
    of 90 days": to a doctor, someone who rarely logs and rarely takes NSAIDs, when they had
    logged and taken them every day since they began."""
    for day in (1, 2, 3):
        checkin(client, auth_headers, f"2026-12-0{day}T09:00:00+00:00", pain=6, nsaid_doses=2)
    text = pdf_text(client.get("/api/reports/clinician.pdf?from=2026-09-05&to=2026-12-03", headers=auth_headers))
    assert "5 Sep 2026 to 3 Dec 2026 (90 days; first check-in 1 Dec 2026)" in text
    assert "Pain rated on 3 of the 3 days since the first check-in" in text
    assert "NSAIDs: 6 doses on 3 of the 3 days since the first check-in" in text
    assert "of 90 days" not in text

    # Check-ins before the period: the period's own days are the ones counted, as before.
    checkin(client, auth_headers, "2026-08-01T09:00:00+00:00", pain=3)
    text = pdf_text(client.get("/api/reports/clinician.pdf?from=2026-09-05&to=2026-12-03", headers=auth_headers))
    assert "Pain rated on 3 of 90 days" in text and "first check-in" not in text
