"""Routes for accounts: /api/auth/* and /api/account."""
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts import service
from server.accounts.auth import auth_required, bearer_token, current_user
from server.accounts.schemas import (
    AccountUpdateSchema, LoginSchema, RegisteredSchema, RegisterSchema, SessionSchema, UserSchema,
)
from server.common.time import utcnow

blp = Blueprint("accounts", __name__, url_prefix="/api", description="Accounts and sign-in")
PUBLIC = [{}]  # OpenAPI: no authentication needed


def _session(token, user, device_key):
    return {"token": token, "user": user, "device_key": device_key,
            "expires_in_days": current_app.config["TOKEN_TTL_DAYS"]}


@blp.route("/auth/register")
class Registration(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.arguments(RegisterSchema())
    @blp.response(202, RegisteredSchema())
    def post(self, body):
        """Create an account, then sign in with POST /api/auth/login.

        The answer is the same whether or not the email already had an account.
        """
        service.register(body["email"], body["password"], body["timezone"], utcnow())
        return {"message": service.REGISTERED}


@blp.route("/auth/login")
class Login(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.arguments(LoginSchema())
    @blp.response(200, SessionSchema())
    @blp.alt_response(401, description="Email or password is not right.")
    @blp.alt_response(429, description="Too many failed sign-ins; see Retry-After.")
    def post(self, body):
        """Sign in; returns a bearer token and this device's key."""
        token, user, key = service.login(body["email"], body["password"], _address(),
                                         body["device_key"], utcnow())
        return _session(token, user, key)


@blp.route("/auth/logout")
class Logout(MethodView):
    @auth_required
    @blp.response(204)
    def post(self):
        """Revoke the token used for this request."""
        service.logout(bearer_token(), utcnow())


@blp.route("/account")
class Account(MethodView):
    @auth_required
    @blp.response(200, UserSchema())
    def get(self):
        """The signed-in account."""
        return service.account(current_user().id)

    @auth_required
    @blp.arguments(AccountUpdateSchema())
    @blp.response(200, UserSchema())
    def patch(self, body):
        """Change account settings: time zone, name and date of birth, check-in sections."""
        return service.update_account(current_user().id, body)

    @auth_required
    @blp.response(204)
    def delete(self):
        """Erase the account and everything that belongs to it."""
        service.delete_account(current_user())


@blp.route("/account/export")
class AccountExport(MethodView):
    @auth_required
    @blp.response(200)
    def get(self):
        """Everything stored for this account, as JSON."""
        return service.export_account(current_user(), utcnow())


def _address() -> str:
    return (request.remote_addr or "unknown")[:64]
