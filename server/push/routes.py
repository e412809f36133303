"""Routes for Web Push: the public VAPID key and this browser's subscription."""
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from server.accounts.auth import auth_required, current_user
from server.push import service
from server.push.schemas import EndpointSchema, PublicKeySchema, SubscriptionOutSchema, SubscriptionSchema

blp = Blueprint("push", __name__, url_prefix="/api/push", description="Web Push notifications")


@blp.route("/key")
class PublicKey(MethodView):
    @blp.doc(security=[{}])
    @blp.response(200, PublicKeySchema)
    def get(self):
        """The VAPID public key, for pushManager.subscribe({applicationServerKey})."""
        return {"public_key": service.vapid_keys(current_app).public_key}


@blp.route("/subscriptions")
class Subscriptions(MethodView):
    @auth_required
    @blp.response(200, SubscriptionOutSchema(many=True))
    def get(self):
        """The person's browsers that get notifications, and any that stopped (``disabled``)."""
        return service.subscriptions_of(current_user().id)

    @auth_required
    @blp.arguments(SubscriptionSchema)
    @blp.response(201, SubscriptionOutSchema)
    @blp.alt_response(200, schema=SubscriptionOutSchema, description="Already subscribed; keys updated")
    @blp.alt_response(409, description="This endpoint belongs to another account and the keys do not match it.")
    def post(self, body):
        """Save this browser's push subscription (idempotent by endpoint)."""
        try:
            row, created = service.subscribe(current_user().id, body["endpoint"], **body["keys"])
        except service.SubscriptionTaken:
            abort(409, message="This push subscription belongs to another account.")
        return row, 201 if created else 200

    @auth_required
    @blp.arguments(EndpointSchema)
    @blp.response(204)
    def delete(self, body):
        """Stop notifications to this browser (by endpoint)."""
        service.unsubscribe(current_user().id, body["endpoint"])
