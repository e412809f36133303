"""Routes for /api/alerts: recent alert events with explanations, and the person's settings."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.alerts import settings as alert_settings
from server.alerts.schemas import AlertListSchema, AlertSettingsSchema
from server.alerts.service import recent_events

blp = Blueprint("alerts", __name__, url_prefix="/api/alerts", description="Early-warning alerts")


@blp.route("")
class Alerts(MethodView):
    @auth_required
    @blp.response(200, AlertListSchema())
    def get(self):
        """Recent alert events, newest first, each with its explanation."""
        return {"events": recent_events(current_user().id)}


@blp.route("/settings")
class AlertSettingsResource(MethodView):
    @auth_required
    @blp.response(200, AlertSettingsSchema())
    def get(self):
        """Alert settings: rules on/off, thresholds, quiet hours, daily cap."""
        return alert_settings.view(current_user().id)

    @auth_required
    @blp.arguments(AlertSettingsSchema())
    @blp.response(200, AlertSettingsSchema())
    def put(self, changes):
        """Save alert settings; fields left out keep their value."""
        return alert_settings.save(current_user().id, changes)
