"""Routes for /api/reminders: read-only views of rules (they are written through sync)."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.reminders import service
from server.reminders.schemas import ReminderRuleSchema

blp = Blueprint("reminders", __name__, url_prefix="/api/reminders", description="Reminder rules")


@blp.route("/rules")
class ReminderRules(MethodView):
    @auth_required
    @blp.response(200, ReminderRuleSchema(many=True))
    def get(self):
        """The person's live reminder rules (create and edit them through /api/sync)."""
        return service.rules_of(current_user().id)
