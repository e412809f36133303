"""Routes for /api/insights: the daily load, personal patterns and the flare forecast.

Each serves the stored analysis (insights.service.served_analysis): a screen load is a read.
"""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.insights import service
from server.insights.this_week import overview_for
from server.insights.schemas import (
    ForecastSchema, LoadDaySchema, LoadQuerySchema, OverviewSchema, PatternsSchema,
)

blp = Blueprint("insights", __name__, url_prefix="/api/insights", description="Insights")

UPDATING = "X-Analysis-Updating"
HEADERS = {UPDATING: {
    "description": "`true` when newer check-ins (or a new day) are not in this answer yet: the "
                   "stored analysis is sent and a new one is being computed; ask again in a "
                   "minute or two. `false` when the answer covers everything stored.",
    "schema": {"type": "string", "enum": ["true", "false"]}}}


def _served(body, updating: bool):
    return body, 200, {UPDATING: "true" if updating else "false"}


@blp.route("/load")
class Load(MethodView):
    @auth_required
    @blp.arguments(LoadQuerySchema(), location="query")
    @blp.response(200, LoadDaySchema(many=True), headers=HEADERS)
    def get(self, query):
        """Daily inflammation load with its contributors, between two local dates (inclusive)."""
        payload, updating = service.served_analysis(current_user(), utcnow())
        return _served(service.load_days(payload, query["from_"], query["to"]), updating)


@blp.route("/patterns")
class Patterns(MethodView):
    @auth_required
    @blp.response(200, PatternsSchema(), headers=HEADERS)
    def get(self):
        """Personal patterns that held up against chance, or why none are shown yet."""
        payload, updating = service.served_analysis(current_user(), utcnow())
        return _served(payload["patterns"], updating)


@blp.route("/forecast")
class FlareForecast(MethodView):
    @auth_required
    @blp.response(200, ForecastSchema(), headers=HEADERS)
    def get(self):
        """Chance of a flare in the next 48 hours, its drivers and the model's measured quality."""
        payload, updating = service.served_analysis(current_user(), utcnow())
        return _served(payload["forecast"], updating)


@blp.route("/overview")
class Overview(MethodView):
    @auth_required
    @blp.response(200, OverviewSchema(), headers=HEADERS)
    def get(self):
        """The first screen: one takeaway for the week and the patterns grouped by topic."""
        return _served(*overview_for(current_user(), utcnow()))
