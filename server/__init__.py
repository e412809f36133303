"""Emberwise server: the application factory.

Flask is imported inside create_app so that `import server.analysis` stays free of it.
"""


def create_app(config: dict | None = None):
    """Build the app; `config` overrides settings read from the environment (tests use it)."""
    from flask import Flask

    from server.config import Config

    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.config.from_object(Config(app.instance_path))
    if config:
        app.config.update(config)
        if "SQLALCHEMY_DATABASE_URI" in config and "SQLALCHEMY_ENGINE_OPTIONS" not in config:
            app.config["SQLALCHEMY_ENGINE_OPTIONS"] = Config.engine_options(
                config["SQLALCHEMY_DATABASE_URI"])
    app.json.sort_keys = False  # key order is the schema's; sorting costs time on every response
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_commands(app)
    if not app.testing:
        settle_heap()
    return app


def settle_heap() -> None:
    """Keep the objects of a started app out of the garbage collector's full passes.

    A started app holds ~200,000 objects (SQLAlchemy, marshmallow, numpy, the OpenAPI
    document) that live as long as the process; each full collection walked them all, and a
    large sync allocates enough to start one per request batch: a third of a 10,000-record
    pull's CPU time (bench/README.md, "Sync"). gc.freeze() moves them to a generation that is
    never scanned (Python's advice for servers); garbage cycles are collected first. Not in
    tests (TESTING), whose processes build many apps and drop them.
    """
    import gc

    gc.collect()
    gc.freeze()


def register_extensions(app):
    import os

    from server.database import configure_engine
    from server.extensions import api, db, migrate
    from server.record_types import register_record_types

    os.makedirs(app.instance_path, exist_ok=True)
    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
                     render_as_batch=True, compare_type=True)
    api.init_app(app, spec_kwargs={"security": [{"bearerAuth": []}]})
    register_record_types()
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})


def register_blueprints(app):
    from server import apidocs, web
    from server.extensions import api

    for blp in feature_blueprints():
        api.register_blueprint(blp)
    app.register_blueprint(apidocs.blp)
    # Last: the PWA's catch-all file route must not shadow anything else.
    app.register_blueprint(web.blp)


def feature_blueprints():
    """Every feature's flask-smorest Blueprint; a new feature adds its own line here."""
    from server.accounts.routes import blp as accounts
    from server.alerts.routes import blp as alerts
    from server.checkins.routes import blp as checkins
    from server.health_import.routes import blp as health_import
    from server.hunches.routes import blp as hunches
    from server.insights.routes import blp as insights
    from server.meta import blp as meta
    from server.practices.routes import blp as practices
    from server.protocol.routes import blp as protocol
    from server.push.routes import blp as push
    from server.reminders.routes import blp as reminders
    from server.reports.routes import blp as reports
    from server.sync.routes import blp as sync

    return [meta, accounts, checkins, sync, push, protocol, practices, insights, reminders, alerts,
            reports, health_import, hunches]


def register_hooks(app):
    from server.common.json_body import check_json_body
    from server.security import add_security_headers

    from server.checkins import fast_lane

    app.before_request(check_json_body)
    app.after_request(add_security_headers)
    # Inside ProxyFix: the lane sees the request as the app does.
    fast_lane.install(app)
    if app.config.get("PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_commands(app):
    from server.demo import demo_cli
    from server.push.commands import push_cli
    from server.scheduler import scheduler_cli

    app.cli.add_command(demo_cli)
    app.cli.add_command(push_cli)
    app.cli.add_command(scheduler_cli)
