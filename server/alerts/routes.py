"""Routes for /api/alerts: recent alert events with explanations, and the person's settings."""
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.alerts import settings as alert_settings
from server.alerts.schemas import AlertListSchema, AlertSettingsSchema, WarningKindSchema, WarningMuteSchema, WarningSignsSchema
from server.alerts.service import events_view, signs_for
from server.alerts.warnings import KIND_ABOUT, KINDS
from server.alerts.personal import set_kind_muted, set_sign_muted
from server.common.time import utcnow

blp = Blueprint("alerts", __name__, url_prefix="/api/alerts", description="Early-warning alerts")


@blp.route("")
class Alerts(MethodView):
    @auth_required
    @blp.response(200, AlertListSchema())
    def get(self):
        """Recent alert events, newest first, each with its explanation."""
        return {"events": events_view(current_user(), utcnow())}


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


@blp.route("/signs")
class Signs(MethodView):
    @auth_required
    @blp.response(200, WarningSignsSchema())
    def get(self):
        """My warning signs: each with its evidence, mute state and track record; the fixed rules' records."""
        return signs_for(current_user(), utcnow())


@blp.route("/signs/<string:key>")
class SignByKey(MethodView):
    @auth_required
    @blp.arguments(WarningMuteSchema())
    @blp.response(200, WarningSignsSchema())
    def put(self, body, key):
        """Mute or unmute one warning sign."""
        if not set_sign_muted(current_user().id, key, body["muted"]):
            abort(404, message="No such warning sign.")
        return signs_for(current_user(), utcnow())


@blp.route("/kinds/<string:kind>")
class KindByName(MethodView):
    @auth_required
    @blp.arguments(WarningMuteSchema())
    @blp.response(200, WarningKindSchema())
    def put(self, body, kind):
        """Mute or unmute a kind of warning sign (threshold, lagged, combination, precursor)."""
        if kind not in KINDS:
            abort(404, message="No such kind of warning sign.")
        set_kind_muted(current_user().id, kind, body["muted"])
        return {"kind": kind, "label": KINDS[kind], "about": KIND_ABOUT[kind], "muted": body["muted"]}
