"""Schemathesis over the whole OpenAPI document, as its command line runs it: every phase
(examples, coverage — which also tries methods a route lacks, such as TRACE — fuzzing and
stateful sequences) and every check, signed in. The per-operation phases run in SHARDS
tests (each operation in exactly one, chosen by its place in the sorted list), the stateful
sequences over the whole document in one more, so pytest-xdist can spread the ~80 s a
backend costs over its workers. Every operation's cases are the same as in one run: the
coverage phase is deterministic and the fuzzing phase seeds each operation's test with SEED. Zero failures means the document tells
the truth: what it calls valid is accepted, what it calls invalid is refused with a 4xx,
every answer has the documented status, headers and shape, and nothing is a 5xx.

A few rules of the API cannot be written in JSON Schema; hooks teach them to the generator
(each is also stated in the document's descriptions): a period's `from` is not after its
`to`, a report spans at most three years, a new password is hard to guess, a push
subscription names a known push service with a real P-256 key, an import's mapping names
columns the file has, a date of birth lies between 1900 and today, a health export is no
larger than the server is set to take, and a protocol item's dates and titration plan agree
with each other.
"""
import base64
import threading
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import schemathesis
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER
from sqlalchemy import func, select
from werkzeug.serving import WSGIRequestHandler, make_server

from server.accounts.models import User
from server.extensions import db
from tests.conftest import PASSWORD, register

# Small enough for `make test`, large enough to reach every branch the document describes.
MAX_EXAMPLES = 12
SEED = 15
# Signing out or deleting the account would turn every later case into a plain 401, so
# these two run in a second pass where each case signs in as a fresh person.
SESSION_ENDERS = [("POST", "/api/auth/logout"), ("DELETE", "/api/account")]


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):
        pass


@contextmanager
def served(app):
    """The app on 127.0.0.1:<free port>: schemathesis' engine speaks HTTP, like its CLI."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def run(app, headers=None, *, include=None, exclude=(), auth=None, phases=None,
        only=None) -> dict:
    """Run schemathesis' engine against the served app; returns the failures, errors and
    the operations that were tested. `only`, if given, picks operations by label
    ("POST /api/checkins") from those left after `include` and `exclude`."""
    with served(app) as url:
        return _run(url, headers, include, exclude, auth, phases, only)


def _run(url, headers, include, exclude, auth, phases, only=None) -> dict:
    config = SchemathesisConfig.from_dict({
        "seed": SEED, "workers": 1, "headers": headers or {}, "cache": {"enabled": False},
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
        "checks": {"enabled": True},
        "phases": phases or {},
    })
    schema = schemathesis.openapi.from_url(f"{url}/api/openapi.json", config=config)
    for method, path in exclude:
        schema = schema.exclude(method=method, path=path)
    if include:
        schema = schema.include(path=[p for _m, p in include], method=[m for m, _p in include])
    if only is not None:
        schema = schema.include(lambda ctx: ctx.operation.label in only)
    if auth:
        schema.auth(refresh_interval=None)(auth)
    outcome = {"failures": set(), "errors": [], "tested": set()}
    GLOBAL_HOOK_DISPATCHER.register_hook_with_name(before_call, "before_call")
    try:
        _collect(schema, outcome)
    finally:
        GLOBAL_HOOK_DISPATCHER.unregister(before_call)
    return outcome


def _collect(schema, outcome) -> None:
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            outcome["tested"].add(event.recorder.label)
            outcome["failures"] |= failures(event.recorder)
        if isinstance(event, events.NonFatalError):
            outcome["errors"].append(f"{event.label}: {event.info.message}")
        if isinstance(event, events.FatalError):
            outcome["errors"].append(repr(event.exception))


def failures(recorder) -> set[str]:
    """Every failed check of a scenario, with the request that shows it."""
    found = set()
    for case_id, checks in recorder.checks.items():
        for check in checks:
            if check.status == Status.FAILURE:
                failure = check.failure_info.failure
                interaction = recorder.interactions.get(case_id)
                answer = interaction.response if interaction else None
                said = f"{answer.status_code} {answer.content[:200]!r}" if answer else "no answer"
                found.add(f"{recorder.label}: {check.name}: {failure.title}: "
                          f"{str(failure.message)[:300]} | {check.failure_info.code_sample[:300]}"
                          f" -> {said}")
    return found


def before_call(ctx, case, kwargs):
    """Every phase's requests (the coverage phase skips generation hooks) pass through here."""
    case.query = map_query(case.operation, case.query)
    case.body = map_body(case.operation, case.body)


def map_query(operation, query):
    """A period's `from` is not after its `to`, and a report spans at most three years."""
    if not isinstance(query, dict):
        return query
    start, end = _date(query.get("from")), _date(query.get("to"))
    if start and end:
        start, end = min(start, end), max(start, end)
        if "/reports/" in operation.path and end - start > timedelta(days=3 * 366):
            start = end - timedelta(days=3 * 366)
        query["from"], query["to"] = start.isoformat(), end.isoformat()
    return query


def _date(value):
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def map_body(operation, body):
    """Make three rules real that JSON Schema cannot state, where the generated body is
    otherwise valid: a new password is hard to guess, a push key is a point on the curve,
    and an import's mapping names columns the file has."""
    if not isinstance(body, dict):
        return body
    path = operation.path
    if path == "/api/auth/register" and _text(body.get("password"), 10, 1024):
        body["password"] = "kettle river pencil moon"
    elif path == "/api/push/subscriptions":
        _known_push_service(body)
    elif path.startswith("/api/import/csv"):
        _give_the_file_its_columns(body)
    elif path == "/api/imports" and _number(body.get("size")) and body["size"] >= 1:
        body["size"] = min(body["size"], 2 * 1024**3)  # the server's configured largest import
    elif path == "/api/account" and _date(body.get("birth_date")):
        born = min(max(_date(body["birth_date"]), date(1900, 1, 1)), date.today())
        body["birth_date"] = born.isoformat()  # between 1900 and today
    elif path == "/api/protocol/safety/check" and isinstance(body.get("item"), dict):
        _a_consistent_plan(body["item"])
    return body


def _text(value, shortest, longest) -> bool:
    return isinstance(value, str) and shortest <= len(value) <= longest and "\x00" not in value


def _known_push_service(body) -> None:
    """Swap in a real endpoint and keys for the parts that are valid by the document."""
    if _text(body.get("endpoint"), 0, 2048):
        body["endpoint"] = PUSH_SUBSCRIPTION["endpoint"]
    keys = body.get("keys")
    if isinstance(keys, dict):
        for name, longest in (("p256dh", 128), ("auth", 64)):
            if _text(keys.get(name), 0, longest):
                keys[name] = PUSH_SUBSCRIPTION["keys"][name]


def _give_the_file_its_columns(body) -> None:
    """A file whose first line names the columns, and a mapping that names those columns."""
    key = "csv" if "csv" in body else "file"
    if not _text(body.get(key), 0, 4 * 1024 * 1024):
        return
    mapping = body.get("mapping")
    columns = ["at"]
    if isinstance(mapping, dict) and all(_text(v, 1, 10_000) for v in mapping.values()):
        columns = [f"column {i}" for i in range(len(mapping))] or columns
        body["mapping"] = dict(zip(mapping, columns))
    body[key] = ",".join(columns) + "\n" + body[key]


def _a_consistent_plan(item) -> None:
    """A titration plan that has a start date and steps from its start dose towards its
    maximum, and a protocol item's dates in order."""
    plan = item.get("titration")
    if isinstance(plan, dict) and all(_number(plan.get(k)) for k in ("start", "step", "max")):
        if not _date(item.get("start")):
            item["start"] = "2026-01-05"
        step = abs(plan["step"]) or 1.0
        plan["step"] = step if plan["max"] >= plan["start"] else -step
    dates = [d for d in (item.get("start"), item.get("stop")) if _date(d)]
    if len(dates) == 2:
        item["start"], item["stop"] = sorted(dates)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _p256dh() -> str:
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        Encoding.X962, PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


PUSH_SUBSCRIPTION = {"endpoint": "https://fcm.googleapis.com/fcm/send/schemathesis",
                     "keys": {"p256dh": _p256dh(), "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}


SHARDS = 6
PER_OPERATION = {"examples": {"enabled": True}, "coverage": {"enabled": True},
                 "fuzzing": {"enabled": True}, "stateful": {"enabled": False}}
SEQUENCES = {"examples": {"enabled": False}, "coverage": {"enabled": False},
             "fuzzing": {"enabled": False}, "stateful": {"enabled": True}}


def operations(app) -> list[str]:
    """Every operation of the document but the session enders, by label, sorted."""
    document = app.test_client().get("/api/openapi.json").get_json()
    enders = {f"{method} {path}" for method, path in SESSION_ENDERS}
    labels = sorted(f"{method.upper()} {path}" for path, item in document["paths"].items()
                    for method in item if method in {"get", "put", "post", "patch", "delete"})
    return [label for label in labels if label not in enders]


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_operation_matches_the_document_under_every_check(app, client, shard):
    """Examples, coverage and fuzzing for every SHARDS-th operation, signed in."""
    every = operations(app)
    assert len(every) >= 30, every  # the document was read whole
    mine = set(every[shard::SHARDS])
    headers = register(client, "fuzz@example.org")
    outcome = run(app, headers, exclude=SESSION_ENDERS, phases=PER_OPERATION, only=mine)
    assert outcome["errors"] == []
    assert sorted(outcome["failures"]) == []
    assert outcome["tested"] == mine  # each of them ran, and nothing else


def test_stateful_sequences_over_the_whole_document_match_it_under_every_check(app, client):
    """The stateful phase: sequences that follow the document's links between operations
    (create a check-in, then read, change and delete it), over every operation at once."""
    headers = register(client, "fuzz@example.org")
    outcome = run(app, headers, exclude=SESSION_ENDERS, phases=SEQUENCES)
    assert outcome["errors"] == []
    assert sorted(outcome["failures"]) == []
    assert outcome["tested"] == {"Stateful tests"}, outcome["tested"]


def fresh_person(app, made: list):
    """Auth for the session-ending operations: every case signs in as a new person."""
    client = app.test_client()

    class FreshPerson:
        def get(self, case, ctx):
            made.append(f"fresh{len(made)}@example.org")
            return register(client, made[-1], PASSWORD)["Authorization"]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": data}

    return FreshPerson


@pytest.mark.parametrize("operation", SESSION_ENDERS)
def test_signing_out_and_deleting_the_account_match_the_document(app, operation):
    made = []
    outcome = run(app, include=[operation], auth=fresh_person(app, made),
                  phases={"stateful": {"enabled": False}})
    assert outcome["errors"] == []
    assert sorted(outcome["failures"]) == []
    with app.app_context():
        left = db.session.execute(select(func.count()).select_from(User)).scalar_one()
    assert len(made) >= 5
    if operation == ("DELETE", "/api/account"):
        assert left < len(made)  # the run really deleted accounts, each its own
