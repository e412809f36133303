"""Reports, exports and CSV import for one person: gathers their records and calls the pure modules.

Every function is scoped to its owner. The CSV import writes through sync's one write path
(docs/sync.md), in one commit per request.
"""

from __future__ import annotations

from datetime import date, datetime

import marshmallow as ma
from flask_smorest import abort
from sqlalchemy import func, select

from server.accounts.models import User
from server.checkins.models import CheckIn
from server.checkins.schemas import CheckInDataSchema
from server.checkins.service import checkin_records
from server.common.api import flatten_errors
from server.common.chunking import chunked
from server.common.time import today_in
from server.extensions import db
from server.protocol.fhir import medication_statements
from server.protocol.safety import CONDITION_LABELS
from server.instruments.service import peg3_entries
from server.protocol.service import conditions_of, findings_for
from server.reports import csv_io
from server.reports.fhir import fhir_bundle, patient_reference
from server.reports.pdf import clinician_pdf
from server.reports.summary import clinician_summary
from server.sync.registry import RECORD_TYPES
from server.sync.service import Change, SyncResult, apply_changes
from server.vocabulary import vocabulary

TABLE = CheckIn.__table__


def synced_data(type_name: str, user_id: int) -> list[dict]:
    """Live records of another feature's synced type (e.g. lab_result) as data dicts with their id.

    Found through the sync registry so reports need not import each feature; [] when the
    type is not registered (the feature is not installed).
    """
    record_type = RECORD_TYPES.get(type_name)
    if record_type is None:
        return []
    model = record_type.model
    rows = db.session.execute(
        select(model).where(model.user_id == user_id, model.deleted.is_(False))
    ).scalars()
    return [{"id": r.id, **record_type.data_from_row(r)} for r in rows]


def insight_results(user: User, now: datetime) -> tuple[list[dict], list[dict]]:
    """(load days, reported patterns) from the insights engine, or ([], []) when it is not installed."""
    try:
        from server.insights.service import current_analysis
    except ImportError:
        return [], []
    analysis = current_analysis(user, now)
    return analysis["load"], analysis["patterns"]["patterns"]


def red_flag_labels() -> dict[str, str]:
    return vocabulary_labels()["red_flags"]


def vocabulary_labels() -> dict[str, dict[str, str]]:
    """Each vocabulary's keys in words: {"body_regions": {"lower_back": "Lower back"}, ...}."""
    return {kind: {item["key"]: item["label"] for item in items}
            for kind, items in vocabulary().items() if isinstance(items, list)}


def report_pdf(user: User, start: date, end: date, now: datetime) -> bytes:
    """The clinician PDF for the person's local dates start..end (inclusive)."""
    load_days, patterns = insight_results(user, now)
    account = db.session.get(User, user.id)  # the request's user row carries only id and zone
    summary = clinician_summary(
        checkins=checkin_records(user.id, start, end),
        start=start,
        end=end,
        zone=user.timezone,
        load_days=load_days,
        patterns=patterns,
        peg3=peg3_entries(user.id),
        labs=synced_data("lab_result", user.id),
        protocol=synced_data("protocol_item", user.id),
        red_flag_labels=red_flag_labels(),
        labels=vocabulary_labels(),
        person={"name": account.name, "birth_date": account.birth_date},
        first_checkin=first_checkin_day(user.id),
        **safety_notes(user, now),
    )
    return clinician_pdf(summary, generated_at=now)


def first_checkin_day(user_id: int) -> date | None:
    """The local date of the person's first live check-in, or None without any."""
    return db.session.execute(
        select(func.min(CheckIn.local_date)).where(CheckIn.user_id == user_id, CheckIn.deleted.is_(False))
    ).scalar()


def safety_notes(user: User, now: datetime) -> dict:
    """The interaction checker's findings today and the conditions noted, for the report."""
    return {"safety": findings_for(user.id, today_in(user.timezone, now)),
            "conditions": [CONDITION_LABELS[c] for c in conditions_of(user.id)]}


def export_csv(user: User) -> str:
    """All the person's live check-ins as CSV text (columns in docs/export.md)."""
    return csv_io.export_csv(checkin_records(user.id))


def export_fhir(user: User, now: datetime) -> dict:
    """All pain ratings, PEG-3 weeks, labs and medicines as a FHIR R4 collection Bundle."""
    checkins = checkin_records(user.id)
    items = [(r.pop("id"), r) for r in synced_data("protocol_item", user.id)]
    taken = [{"date": c["local_date"], "medications": c.get("medications") or []} for c in checkins]
    return fhir_bundle(
        user_id=user.id,
        checkins=checkins,
        peg3=peg3_entries(user.id),
        labs=synced_data("lab_result", user.id),
        others=medication_statements(items, taken, patient_reference(user.id), today_in(user.timezone, now)),
        generated_at=now,
    )


def _read(text: str) -> tuple[list[str], list[list[str]]]:
    try:
        return csv_io.read_csv(text)
    except csv_io.CsvError as exc:
        abort(422, message=str(exc), errors={"csv": [str(exc)]})


def preview_csv(text: str) -> dict:
    """Headers, a mapping guess, the importable fields and up to five sample rows."""
    headers, rows = _read(text)
    return {
        "headers": headers,
        "fields_": csv_io.IMPORTABLE,
        "mapping": csv_io.suggest_mapping(headers),
        "sample": rows[:5],
        "rows": len(rows),
    }


DEVICE = "csv-import"  # the writer named on imported check-ins


def import_csv(
    user: User, text: str, mapping: dict[str, str], first_line: int, now: datetime
) -> dict:
    """Import check-ins from CSV; returns {imported, duplicates, deleted, rejected: [{row, errors}]}.

    Rows are validated like any check-in. Ids are deterministic (csv_io.row_id), so a
    row already stored counts as a duplicate; a row of a check-in the person deleted stays
    deleted. Raises 422 for an unreadable file or an unusable mapping.
    """
    headers, rows = _read(text)
    problems = csv_io.mapping_errors(mapping, headers)
    if problems:
        abort(
            422,
            message="The column mapping does not fit this file.",
            errors={f"mapping.{k}": v for k, v in problems.items()},
        )
    plan = csv_io.plan_import(headers, rows, mapping, user.timezone)
    rejected = [{**r, "row": r["row"] - 2 + first_line} for r in plan.rejected]
    valid = []
    for line, parsed in plan.good:
        data, errors = _validated(parsed)
        if errors:
            rejected.append({"row": line - 2 + first_line, "errors": errors})
        else:
            valid.append((csv_io.row_id(parsed, user.id), data))
    counts = _store(user.id, _owned_ids(valid, user.id), now)
    db.session.commit()
    return {**counts, "rejected": sorted(rejected, key=lambda r: r["row"])}


def _validated(parsed: dict) -> tuple[dict, dict]:
    """The check-in schema's verdict on a parsed row: (data, {}) or ({}, {field: [msg]})."""
    body = {k: v for k, v in parsed.items() if k != "id"}
    body["at"] = body["at"].isoformat()
    try:
        return CheckInDataSchema().load(body), {}
    except ma.ValidationError as exc:
        return {}, flatten_errors(exc.messages)


def _owners(ids: list[str]) -> dict[str, int]:
    """{check-in id: owner} for those of `ids` already stored (in chunks, for big imports)."""
    owners = {}
    for chunk in chunked(ids):
        query = select(TABLE.c.id, TABLE.c.user_id).where(TABLE.c.id.in_(chunk))
        owners.update({r.id: r.user_id for r in db.session.execute(query)})
    return owners


def _owned_ids(rows: list[tuple[str, dict]], user_id: int) -> list[tuple[str, dict]]:
    """Rows whose id belongs to someone else get a stand-in id (deterministic, so still idempotent)."""
    owners = _owners([rid for rid, _ in rows])
    return [
        (csv_io.foreign_id(rid, user_id) if owners.get(rid, user_id) != user_id else rid, data)
        for rid, data in rows
    ]


def _store(user_id: int, rows: list[tuple[str, dict]], now: datetime) -> dict:
    """Write the rows through sync's one write path as new check-ins; returns the counts.

    A row already stored as it is counts in `duplicates`; a row of a check-in the person
    deleted stays deleted and counts in `deleted` (docs/sync.md: only the person restores).
    """
    record_type = RECORD_TYPES["checkin"]
    changes = [Change(record_type, rid, now, False, data, base_version=None) for rid, data in rows]
    result = SyncResult(cursor=0)
    written = apply_changes(user_id, DEVICE, changes, now, result)
    deleted = sum(1 for c in result.conflicts if c["fields"] == ["deleted"])
    imported = sum(1 for version in result.versions.values() if version in written)
    return {"imported": imported, "duplicates": len(rows) - imported - deleted, "deleted": deleted}


def local_today(user: User, now: datetime) -> date:
    """The person's current local date (the default end of a report)."""
    return today_in(user.timezone, now)
