"""POST /api/sync: push a device's changes, pull what changed since its cursor."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.sync import service
from server.sync.schemas import SyncRequestSchema, SyncResponseSchema

blp = Blueprint("sync", __name__, url_prefix="/api/sync", description="Offline sync")


@blp.route("")
class Sync(MethodView):
    @auth_required
    @blp.arguments(SyncRequestSchema())
    @blp.response(200, SyncResponseSchema())
    def post(self, body):
        """Apply changes (conflicts decided by server version), then return changes after `cursor`."""
        return service.sync(current_user().id, body["device_id"], body["cursor"],
                            body["changes"], body["limit"], utcnow())
