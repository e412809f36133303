"""Routes for accounts: /api/auth/* and /api/account."""
from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.accounts import service
from server.accounts.auth import auth_required, bearer_token, current_user
from server.accounts.schemas import (
    AccountUpdateSchema, CredentialsSchema, RegisterSchema, SessionSchema, UserSchema,
)
from server.common.time import utcnow

blp = Blueprint("accounts", __name__, url_prefix="/api", description="Accounts and sign-in")
PUBLIC = [{}]  # OpenAPI: no authentication needed


def _session(token, user):
    from flask import current_app
    return {"token": token, "user": user, "expires_in_days": current_app.config["TOKEN_TTL_DAYS"]}


@blp.route("/auth/register")
class Registration(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.arguments(RegisterSchema())
    @blp.response(201, SessionSchema())
    def post(self, body):
        """Create an account and sign in."""
        now = utcnow()
        user = service.register(body["email"], body["password"], body["timezone"], now)
        return _session(service.start_session(user, now), user)


@blp.route("/auth/login")
class Login(MethodView):
    @blp.doc(security=PUBLIC)
    @blp.arguments(CredentialsSchema())
    @blp.response(200, SessionSchema())
    def post(self, body):
        """Sign in; returns a bearer token."""
        token, user = service.login(body["email"], body["password"], _address(), utcnow())
        return _session(token, user)


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
