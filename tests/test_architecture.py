"""Guards on the structure: one Alembic head, models = migrations, shared vocabulary,
a complete precache list, and no scheduler inside the web app."""
import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from server import create_app
from server.extensions import db

ROOT = Path(__file__).resolve().parent.parent


def test_migrations_have_a_single_head():
    config = AlembicConfig()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads}; merge them"


def test_empty_database_upgraded_through_every_revision_matches_the_models(tmp_path):
    from flask_migrate import upgrade

    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        engine = create_engine(url)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        engine.dispose()
        db.engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_server_and_pwa_share_one_vocabulary():
    from server import vocabulary

    shared = json.loads((ROOT / "pwa/js/domain/vocabulary.json").read_text())
    assert vocabulary.vocabulary() == shared
    for kind in ("body_regions", "pain_qualities", "red_flags", "activities"):
        keys = [item["key"] for item in shared[kind]]
        assert keys and len(keys) == len(set(keys)), kind
    assert {"saddle_numbness", "bladder_bowel_change", "progressive_weakness",
            "fever_with_back_pain", "sudden_severe_pain"} <= vocabulary.RED_FLAGS


def test_only_the_scheduler_process_imports_apscheduler():
    """APScheduler inside the web app would run once per worker (STYLE pitfall 3)."""
    importers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "server").rglob("*.py")
                 if "apscheduler" in p.read_text()]
    assert importers == ["server/scheduler.py"]


def test_the_service_worker_precaches_every_shell_file(client):
    from server.web import precache_urls

    pwa = ROOT / "pwa"
    listed = set(precache_urls(pwa))
    on_disk = {"/" + p.relative_to(pwa).as_posix() for p in pwa.rglob("*")
               if p.is_file() and p.name != "sw.js"}
    assert on_disk <= listed
    if (pwa / "sw.js").exists():
        served = client.get("/sw.js")
        body = served.get_data(as_text=True)
        assert "__EMBERWISE_PRECACHE__" not in body and "__EMBERWISE_VERSION__" not in body
        assert served.headers["Cache-Control"] == "no-cache"
