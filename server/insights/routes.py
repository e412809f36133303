"""Routes for /api/insights: the daily load, personal patterns and the flare forecast."""
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


@blp.route("/load")
class Load(MethodView):
    @auth_required
    @blp.arguments(LoadQuerySchema(), location="query")
    @blp.response(200, LoadDaySchema(many=True))
    def get(self, query):
        """Daily inflammation load with its contributors, between two local dates (inclusive)."""
        payload = service.current_analysis(current_user(), utcnow())
        return service.load_days(payload, query["from_"], query["to"])


@blp.route("/patterns")
class Patterns(MethodView):
    @auth_required
    @blp.response(200, PatternsSchema())
    def get(self):
        """Personal patterns that held up against chance, or why none are shown yet."""
        return service.current_analysis(current_user(), utcnow())["patterns"]


@blp.route("/forecast")
class FlareForecast(MethodView):
    @auth_required
    @blp.response(200, ForecastSchema())
    def get(self):
        """Chance of a flare in the next 48 hours, its drivers and the model's measured quality."""
        return service.current_analysis(current_user(), utcnow())["forecast"]


@blp.route("/overview")
class Overview(MethodView):
    @auth_required
    @blp.response(200, OverviewSchema())
    def get(self):
        """The first screen: one takeaway for the week and the patterns grouped by topic."""
        return overview_for(current_user(), utcnow())
