"""Routes for /api/reminders: read-only views of rules (they are written through sync),
and the scheduler's status for operators."""
import hmac

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.reminders import service
from server.reminders.status import scheduler_status
from server.reminders.schemas import ReminderRuleSchema

blp = Blueprint("reminders", __name__, url_prefix="/api/reminders", description="Reminder rules")


@blp.route("/rules")
class ReminderRules(MethodView):
    @auth_required
    @blp.response(200, ReminderRuleSchema(many=True))
    def get(self):
        """The person's live reminder rules (create and edit them through /api/sync)."""
        return service.rules_of(current_user().id)


class SchedulerStatusSchema(Schema):
    now = fields.String()
    last_tick = fields.Dict(allow_none=True)
    workers = fields.List(fields.Dict())
    due_backlog = fields.Dict()
    oldest_due_lateness_seconds = fields.Integer()
    last_hour = fields.Dict()


@blp.route("/scheduler-status")
class SchedulerStatus(MethodView):
    @blp.doc(security=[{"bearerAuth": []}])
    @blp.response(200, SchedulerStatusSchema)
    @blp.alt_response(401, description="The bearer token is not OPS_TOKEN (or no OPS_TOKEN is configured).")
    def get(self):
        """For operators (bearer OPS_TOKEN): last tick, due backlog, oldest lateness, last hour's deliveries."""
        expected = current_app.config.get("OPS_TOKEN") or ""
        given = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            abort(401, message="Operator token required.")
        return scheduler_status(utcnow())
