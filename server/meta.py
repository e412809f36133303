"""Service routes: health check and the shared vocabularies."""
from flask.views import MethodView
from flask_smorest import Blueprint

from server.vocabulary import vocabulary

blp = Blueprint("meta", __name__, url_prefix="/api", description="Service information")


@blp.route("/health")
class Health(MethodView):
    @blp.doc(security=[{}])
    @blp.response(200)
    def get(self):
        """Liveness check; touches no database."""
        return {"status": "ok"}


@blp.route("/vocabulary")
class Vocabulary(MethodView):
    @blp.doc(security=[{}])
    @blp.response(200)
    def get(self):
        """Body regions, pain qualities, red flags and activities (the PWA's own list)."""
        return vocabulary()
