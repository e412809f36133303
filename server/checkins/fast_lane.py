"""The check-in POST's fast lane: the common case of `POST /api/checkins` answered without
Flask's request machinery, byte for byte as the route answers it.

A check-in POST is the hottest write, and most of its time went to machinery around the
work (bench/README.md, "API: check-in POST vs a bare endpoint"): Flask's request context and
dispatch, webargs, SQLAlchemy's statement execution. This WSGI middleware, installed in
create_app inside any ProxyFix, takes a POST to exactly /api/checkins with a JSON body and
does what the route does, with the same pieces:

* the JSON limits of every body (server/common/json_body.py),
* the bearer token, read by the same query and judged by the same rule (accounts/auth.py),
* the body parsed as webargs parses it and loaded by the same schema (CheckInCreateSchema),
* the write of a new record as the one write path makes it — the person's lock and next
  sequence number, then the insert unless the id exists (sync/service.py), run on the
  driver's cursor (server/common/raw_sql.py): on SQLite the same statements, after the
  SQLite writers' queue lock (server/database.py); on PostgreSQL token, lock, number and
  insert as one statement in autocommit (sync/service.py's reserving_insert_if_new, one
  round trip instead of BEGIN, token, insert and COMMIT), which takes the number only when
  the row goes in,
* the answer built by the route's own `answer`, encoded by the app's JSON provider into the
  app's response class, with the security headers of the app's own setter (server/security.py).

Anything else steps aside to the Flask route, which then answers as it always did: another
path, method or content type, a query string, no or an oversized Content-Length, any body
the limits, the parser or the schema refuse, a missing or dead token, an id already stored
(a replay, a tombstone, someone else's id) and any database error (rolled back first).
Nothing the lane does before stepping aside is kept. tests/api/test_fast_lane.py holds the
two to the same status, headers, body and stored rows.
"""
import io
import json

import marshmallow as ma
from werkzeug.datastructures import Headers

from server.accounts.auth import (LIVE_TOKEN_USER_ID, USER_FOR_TOKEN, hash_token, live_account,
                                  token_from_header)
from server.checkins.routes import answer
from server.checkins.schemas import CheckInCreateSchema
from server.checkins.service import DEVICE, created_view
from server.common.json_body import problem
from server.common.raw_sql import RawStatement
from server.common.schema import FastLoader
from server.common.time import utcnow
from server.database import hold_sqlite_writers_lock
from server.security import set_security_headers
from server.sync.registry import RECORD_TYPES
from server.sync.service import (RESERVE, Change, insert_if_absent, new_record_values, reserving_insert,
                                 reserving_insert_if_new)

PATH = "/api/checkins"
# The content types taken here (webargs reads any JSON type the same way; the rest step aside).
CONTENT_TYPES = frozenset({"application/json", "application/json; charset=utf-8"})

_TOKEN = RawStatement(USER_FOR_TOKEN)
_RESERVE = RawStatement(RESERVE)


class CheckInFastLane:
    """WSGI middleware in front of `wsgi_app` (the Flask app's), for `app`'s database."""

    def __init__(self, wsgi_app, app):
        from server.extensions import db

        self.next = wsgi_app
        self.app = app
        with app.app_context():
            self.engine = db.engine
        self.dialect = self.engine.dialect
        self.load = FastLoader(CheckInCreateSchema()).load
        self._inserts: dict = {}  # filled columns -> RawStatement
        # The security headers of every answer here, set once by the app's own setter (they
        # depend on the path alone): setting them on each response cost a tenth of the lane.
        security = Headers()
        set_security_headers(security, PATH)
        self._security = security.to_wsgi_list()

    def __call__(self, environ, start_response):
        body = self._body(environ)
        response = None if body is None else self._respond(environ, body)
        if response is None:
            return self.next(environ, start_response)
        # What response(environ, start_response) sends for this plain JSON body, without its
        # general header fix-ups (none applies to a 201 with a body and no Location).
        start_response(response.status, response.headers.to_wsgi_list() + self._security)
        return [response.get_data()]

    def _body(self, environ) -> bytes | None:
        """The body of a request this lane may take, else None. The body read is put back
        for the route, which reads it again when the lane steps aside."""
        if (environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != PATH
                or environ.get("QUERY_STRING") or environ.get("CONTENT_TYPE") not in CONTENT_TYPES):
            return None
        length = environ.get("CONTENT_LENGTH", "")
        limit = self.app.config.get("MAX_CONTENT_LENGTH")
        if not length.isdigit() or not 0 < int(length) <= (limit or int(length)):
            return None
        body = environ["wsgi.input"].read(int(length))
        environ["wsgi.input"] = io.BytesIO(body)
        return body if len(body) == int(length) else None

    def _respond(self, environ, body: bytes):
        """The route's 201 response for a new check-in, or None to step aside."""
        token = token_from_header(environ.get("HTTP_AUTHORIZATION", ""))
        if token is None or problem(body):
            return None
        data = self._validated(body)
        if data is None:
            return None
        record_id = str(data.pop("id"))
        now = utcnow()
        if not self._store(token, record_id, data, now):
            return None
        response = self.app.json.response(answer(created_view(record_id, data, now)))
        response.status_code = 201
        return response

    def _validated(self, body: bytes) -> dict | None:
        """The body loaded by the route's schema, or None where the route answers an error.
        Decoded as webargs decodes it (UTF-8, then the JSON parser)."""
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError too
            return None
        if type(data) is not dict:
            return None
        try:
            return self.load(data)
        except ma.ValidationError:
            return None

    def _store(self, token: str, record_id: str, data: dict, now) -> bool:
        """Store the check-in as a new record of the token's live account and commit; False,
        with nothing kept, when the token is not live, the id exists or the database fails."""
        connection = self.engine.raw_connection()  # the pool's checks and events still run
        if self.dialect.name == "postgresql":
            return self._store_in_one_statement(connection, token, record_id, data, now)
        cursor = connection.cursor()
        try:
            account = self._account(cursor, token, now)
            if account is None:
                return self._abandon(connection)
            change = Change(RECORD_TYPES["checkin"], record_id, now, False, data, base_version=None)
            values = new_record_values(account.id, DEVICE, change, now)
            if not self._insert(connection, cursor, account.id, values):
                return self._abandon(connection)
            connection.commit()
            return True
        except self.dialect.loaded_dbapi.Error:
            return self._abandon(connection)
        finally:
            cursor.close()
            connection.close()  # back to the pool: on SQLite that lets go of the writers' lock

    def _store_in_one_statement(self, connection, token: str, record_id: str, data: dict, now) -> bool:
        """PostgreSQL: token, lock, number and row in one statement run in autocommit — one
        round trip, where BEGIN, the token read, the insert and COMMIT took four. The token's
        rule is the same (auth.LIVE_TOKEN_USER_ID), read in the same statement as the write,
        so a token revoked or an account deleted before it is refused at once."""
        change = Change(RECORD_TYPES["checkin"], record_id, now, False, data, base_version=None)
        values = new_record_values(0, DEVICE, change, now)  # user_id: the token's, in SQL
        del values["user_id"]
        params = {f"v_{name}": value for name, value in values.items()}
        params["token_hash"] = hash_token(token)
        params["now"] = now
        driver = connection.dbapi_connection
        cursor = None
        try:
            driver.autocommit = True  # no BEGIN / COMMIT: the one statement commits alone
            cursor = connection.cursor()
            return self._one_statement_run(cursor, tuple(values), params)
        except self.dialect.loaded_dbapi.Error:
            return self._abandon(connection)
        finally:
            if cursor is not None:
                cursor.close()
            try:
                driver.autocommit = False  # as the pool hands it out to everyone else
            except self.dialect.loaded_dbapi.Error:
                connection.invalidate()
            connection.close()

    def _one_statement_run(self, cursor, names: tuple, params: dict) -> bool:
        """Run the one statement; True when it inserted the row."""
        return self._one_statement(names).first(cursor, self.dialect, params) is not None

    def _one_statement(self, names: tuple) -> RawStatement:
        if names not in self._inserts:
            self._inserts[names] = RawStatement(reserving_insert_if_new(
                RECORD_TYPES["checkin"].table, names, LIVE_TOKEN_USER_ID))
        return self._inserts[names]

    def _account(self, cursor, token: str, now):
        """The live account of `token` (as auth.user_for_token reads it), or None."""
        return live_account(_TOKEN.first(cursor, self.dialect, {"token_hash": hash_token(token)}), now)

    def _insert(self, connection, cursor, user_id: int, values: dict) -> bool:
        """Reserve the person's next sequence number (their lock) and insert the row with it
        unless its id exists, as sync/service.py's _reserve_and_insert does; True when
        inserted."""
        names = tuple(values)
        if self.dialect.name == "postgresql":
            params = {f"v_{name}": value for name, value in values.items()}
            params["reserve_user_id"] = user_id
            return self._statement(names).first(cursor, self.dialect, params) is not None
        hold_sqlite_writers_lock(connection.info)
        seq = _RESERVE.first(cursor, self.dialect, {"user_id": user_id, "count": 1})[0]
        return self._statement(names).execute(cursor, self.dialect, {**values, "seq": seq}).rowcount == 1

    def _statement(self, names: tuple) -> RawStatement:
        if names not in self._inserts:
            table = RECORD_TYPES["checkin"].table
            if self.dialect.name == "postgresql":
                self._inserts[names] = RawStatement(reserving_insert(table, names))
            else:
                self._inserts[names] = RawStatement(insert_if_absent(table, self.dialect.name),
                                                    column_keys=(*names, "seq"))
        return self._inserts[names]

    @staticmethod
    def _abandon(connection) -> bool:
        try:
            connection.rollback()
        except Exception:  # a broken connection: the pool must not hand it out again
            connection.invalidate()
        return False


def install(app) -> None:
    """Put the lane in front of `app`'s WSGI callable (before any ProxyFix wraps it), unless
    the setting CHECKIN_FAST_LANE is off."""
    if app.config.get("CHECKIN_FAST_LANE", True):
        app.wsgi_app = CheckInFastLane(app.wsgi_app, app)
