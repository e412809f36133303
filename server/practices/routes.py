"""Routes for /api/practices: movement pacing figures built from the person's check-ins."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.practices import service
from server.practices.schemas import PacingSchema

blp = Blueprint("practices", __name__, url_prefix="/api/practices", description="Guided practices")


@blp.route("/pacing")
class Pacing(MethodView):
    @auth_required
    @blp.response(200, PacingSchema)
    def get(self):
        """Proposed baseline (a share of the typical day), today's budget, a boom-day check and the figures used."""
        return service.pacing_summary(current_user(), utcnow())
