"""Routes for protocol templates, the lab catalogue, today's doses and safety findings."""

from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.common.time import today_in, utcnow
from server.protocol import service
from server.protocol.labs import catalogue_json
from server.protocol.safety import TABLE
from server.protocol.schemas import (
    CheckSchema,
    DayQuerySchema,
    LabTestSchema,
    SafetySchema,
    TemplateSchema,
    TodaySchema,
)
from server.protocol.templates import templates_json

blp = Blueprint("protocol", __name__, url_prefix="/api", description="Protocol and labs")
CANDIDATE_ID = "candidate"


def _today():
    return today_in(current_user().timezone, utcnow())


def _safety(today, findings) -> dict:
    return {
        "date": today,
        "conditions": service.conditions_of(current_user().id),
        "limits": TABLE["limits"],
        "findings": findings,
    }


@blp.route("/protocol/templates")
class ProtocolTemplates(MethodView):
    @auth_required
    @blp.response(200, TemplateSchema(many=True))
    def get(self):
        """Protocol templates: the source's doses (never applied by the app), evidence grades."""
        return templates_json()


@blp.route("/labs/catalogue")
class LabCatalogue(MethodView):
    @auth_required
    @blp.response(200, LabTestSchema(many=True))
    def get(self):
        """Lab tests with units, conversion factors, optimal bands and their sources."""
        return catalogue_json()


@blp.route("/protocol/today")
class ProtocolToday(MethodView):
    @auth_required
    @blp.arguments(DayQuerySchema, location="query")
    @blp.response(200, TodaySchema)
    def get(self, query):
        """Doses due on a day (default: today in the person's zone), titration applied."""
        on = query.get("date") or _today()
        return {"date": on, "doses": service.doses_on(current_user().id, on)}


@blp.route("/protocol/safety")
class ProtocolSafety(MethodView):
    @auth_required
    @blp.response(200, SafetySchema)
    def get(self):
        """Interaction and safety findings over the protocol, recent check-ins and conditions."""
        today = _today()
        return _safety(today, service.findings_for(current_user().id, today))


@blp.route("/protocol/safety/check")
class ProtocolSafetyCheck(MethodView):
    @auth_required
    @blp.arguments(CheckSchema)
    @blp.response(200, SafetySchema)
    def post(self, body):
        """The findings an item would bring if added (or changed, with its id); nothing is saved."""
        today = _today()
        item_id = body.get("id") or CANDIDATE_ID
        return _safety(
            today, service.findings_if_added(current_user().id, today, item_id, body["item"])
        )
