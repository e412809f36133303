"""Reports, exports and CSV import for one person: gathers their records and calls the pure modules.

Every function is scoped to its owner. Import writes with SQLAlchemy Core in one commit
per request, like the check-in write path.
"""

from __future__ import annotations

from datetime import date, datetime

import marshmallow as ma
from flask_smorest import abort
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from server.accounts.models import User
from server.checkins.models import CheckIn
from server.checkins.schemas import DATA_FIELDS, CheckInDataSchema
from server.checkins.service import checkin_records, columns_from_data
from server.common.api import flatten_errors
from server.common.time import local_date
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
from server.vocabulary import vocabulary

TABLE = CheckIn.__table__
EMPTY = dict.fromkeys(DATA_FIELDS)  # executemany needs the same keys in every row


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
        **safety_notes(user, now),
    )
    return clinician_pdf(summary, generated_at=now)


def safety_notes(user: User, now: datetime) -> dict:
    """The interaction checker's findings today and the conditions noted, for the report."""
    return {"safety": findings_for(user.id, local_date(now, user.timezone)),
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
        others=medication_statements(items, taken, patient_reference(user.id), local_date(now, user.timezone)),
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


def import_csv(
    user: User, text: str, mapping: dict[str, str], first_line: int, now: datetime
) -> dict:
    """Import check-ins from CSV; returns {imported, duplicates, rejected: [{row, errors}]}.

    Rows are validated like any check-in. Ids are deterministic (csv_io.row_id), so a
    row already stored counts as a duplicate; a row the person deleted is restored.
    Raises 422 for an unreadable file or an unusable mapping.
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
    rows = _owned_ids(valid, user.id)
    try:
        imported, duplicates = _store(user.id, rows, now)
        db.session.commit()
    except IntegrityError:
        # The same file imported twice at once: the other request stored some rows first.
        # Counting again sees them as duplicates, which is what they are.
        db.session.rollback()
        imported, duplicates = _store(user.id, rows, now)
        db.session.commit()
    return {
        "imported": imported,
        "duplicates": duplicates,
        "rejected": sorted(rejected, key=lambda r: r["row"]),
    }


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
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
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


def _store(user_id: int, rows: list[tuple[str, dict]], now: datetime) -> tuple[int, int]:
    """Insert new check-ins, restore deleted ones, skip live ones; returns (imported, duplicates)."""
    ids = [i for i, _ in rows]
    existing = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(TABLE.c.id, TABLE.c.deleted).where(
            TABLE.c.id.in_(chunk), TABLE.c.user_id == user_id
        )
        existing.update({r.id: r.deleted for r in db.session.execute(query)})
    fresh, restore, seen = [], [], set()
    for record_id, data in rows:
        if record_id in seen or existing.get(record_id) is False:
            continue
        seen.add(record_id)
        (restore if record_id in existing else fresh).append((record_id, data))
    duplicates = len(rows) - len(fresh) - len(restore)
    seqs = iter(_reserve_seqs(user_id, len(fresh) + len(restore)))
    if fresh:
        db.session.execute(
            insert(TABLE),
            [
                {
                    **EMPTY,
                    **columns_from_data(data),
                    "id": rid,
                    "user_id": user_id,
                    "updated_at": now,
                    "created_at": now,
                    "device_id": "import",
                    "deleted": False,
                    "seq": next(seqs),
                }
                for rid, data in fresh
            ],
        )
    for rid, data in restore:
        db.session.execute(
            update(TABLE)
            .where(TABLE.c.id == rid, TABLE.c.user_id == user_id)
            .values(
                **{**EMPTY, **columns_from_data(data)},
                updated_at=now,
                device_id="import",
                deleted=False,
                seq=next(seqs),
            )
        )
    return len(fresh) + len(restore), duplicates


def _reserve_seqs(user_id: int, count: int) -> range:
    """Take `count` consecutive sync sequence numbers for the user in one UPDATE (see next_seq)."""
    if count == 0:
        return range(0)
    last = db.session.execute(
        update(User)
        .where(User.id == user_id)
        .values(sync_seq=User.sync_seq + count)
        .returning(User.sync_seq)
    ).scalar_one()
    return range(last - count + 1, last + 1)


def local_today(user: User, now: datetime) -> date:
    """The person's current local date (the default end of a report)."""
    return local_date(now, user.timezone)
