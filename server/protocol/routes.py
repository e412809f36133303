"""Routes for protocol templates, the lab catalogue, today's doses and safety findings."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.practices.service import today_for
from server.protocol import service
from server.protocol.labs import catalogue_json
from server.protocol.schemas import (
    DayQuerySchema, LabTestSchema, SafetySchema, TemplateSchema, TodaySchema,
)
from server.protocol.templates import templates_json

blp = Blueprint("protocol", __name__, url_prefix="/api", description="Protocol and labs")


@blp.route("/protocol/templates")
class ProtocolTemplates(MethodView):
    @auth_required
    @blp.response(200, TemplateSchema(many=True))
    def get(self):
        """Protocol templates with the source's doses (never applied by the app)."""
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
        on = query.get("date") or today_for(current_user(), utcnow())
        return {"date": on, "doses": service.doses_on(current_user().id, on)}


@blp.route("/protocol/safety")
class ProtocolSafety(MethodView):
    @auth_required
    @blp.response(200, SafetySchema)
    def get(self):
        """Safety notes: B6 above 100 mg/day, NSAIDs on most days, prescriptions without prescriber."""
        today = today_for(current_user(), utcnow())
        return {"date": today, "findings": service.findings_for(current_user().id, today)}
