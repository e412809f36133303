"""Routes for /api/hunches: name a hunch, see what the data say, delete it."""
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.common.time import utcnow
from server.hunches import service
from server.hunches.schemas import HunchInSchema, HunchSchema, HunchesSchema

blp = Blueprint("hunches", __name__, url_prefix="/api/hunches",
                description="Hunches the person names, each tested alone")


@blp.route("")
class Hunches(MethodView):
    @auth_required
    @blp.response(200, HunchesSchema)
    def get(self):
        """The person's hunches with what their data say, and the factors they can name."""
        return service.hunches_of(current_user(), utcnow())

    @auth_required
    @blp.arguments(HunchInSchema)
    @blp.response(201, HunchSchema)
    @blp.alt_response(409, description="Already named, or too many hunches")
    def post(self, body):
        """Name a hunch: one factor, or two that act together, and the way it moves pain."""
        try:
            return service.add_hunch(current_user(), body, utcnow())
        except service.HunchConflict as conflict:
            abort(409, message=str(conflict))


@blp.route("/<hunch_id>")
class OneHunch(MethodView):
    @auth_required
    @blp.response(204)
    @blp.alt_response(404, description="No such hunch of this person")
    def delete(self, hunch_id):
        """Delete a hunch."""
        if not service.delete_hunch(current_user(), hunch_id):
            abort(404, message="No such hunch.")
