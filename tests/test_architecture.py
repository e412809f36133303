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
    """APScheduler inside the web app would run once per worker (docs/architecture.md)."""
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


def server_parts_graph() -> dict[str, set[str]]:
    """Which top-level parts of server/ (feature packages and modules) import which.

    Every import counts, at module level or inside a function: an import moved into a
    function to dodge a cycle is still a cycle. `server/__init__.py` (the factory that
    wires every part together) is not a part.
    """
    root = ROOT / "server"
    parts = {p.stem for p in root.glob("*.py") if p.stem != "__init__"}
    parts |= {p.name for p in root.iterdir() if (p / "__init__.py").exists()}
    graph: dict[str, set[str]] = {part: set() for part in parts}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root).parts
        if rel == ("__init__.py",):
            continue
        source = rel[0].removesuffix(".py")
        for name in imported_names(path, rel):
            bits = name.split(".")
            if len(bits) > 1 and bits[0] == "server" and bits[1] in parts and bits[1] != source:
                graph[source].add(bits[1])
    return graph


def imported_names(path: Path, rel: tuple[str, ...]) -> list[str]:
    """Absolute dotted names imported by one file (relative imports resolved)."""
    import ast

    names = []
    package = ["server", *rel[:-1]]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names += [module] + [f"{module}.{alias.name}" for alias in node.names]
    return names


def cycles_in(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one part (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while group[-1:] != [v]:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_between_server_parts():
    """Parts import downward only (docs/architecture.md): a cycle means two parts can no
    longer be understood, tested or moved apart."""
    assert cycles_in(server_parts_graph()) == []


def test_the_cycle_check_sees_a_cycle_through_a_function_level_import():
    assert cycles_in({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles_in({"a": {"b"}, "b": set()}) == []
    graph = server_parts_graph()
    assert "analysis" in graph["insights"], "the graph must see insights importing analysis"



# Arrows that must never be (docs/architecture.md, "The arrows"), cycle or not: part -> parts
# it must not import. "*" stands for every other part.
ENTRY_POINTS = {"scheduler", "demo", "record_types"}
FORBIDDEN = {
    "analysis": {"*"}, "common": {"*"}, "rules": {"*"}, "vocabulary": {"*"},
    "sync": {"checkins", "protocol", "practices", "instruments", "health_import", "reminders", "alerts",
             "insights", "reports", "push", "jobs", "notifications"},
    "reminders": {"alerts"}, "notifications": {"alerts", "reminders"},
    "push": {"reminders", "alerts", "notifications", "jobs"},
}


def forbidden_arrows(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    found = []
    for part, targets in sorted(graph.items()):
        banned = FORBIDDEN.get(part, set())
        for target in sorted(targets):
            if "*" in banned or target in banned or (target in ENTRY_POINTS and part not in ENTRY_POINTS):
                found.append((part, target))
    return found


def test_no_part_imports_what_it_must_never_import():
    assert forbidden_arrows(server_parts_graph()) == []


def test_the_arrow_check_sees_a_forbidden_arrow():
    assert forbidden_arrows({"reminders": {"alerts", "push"}, "push": set(), "alerts": {"reminders"}}) == [
        ("reminders", "alerts")]
    assert forbidden_arrows({"analysis": {"common"}, "insights": {"scheduler"}}) == [
        ("analysis", "common"), ("insights", "scheduler")]


def test_every_load_contributor_has_its_words_in_the_shared_vocabulary():
    """The Insights chart and the clinician report name the load's parts from one table."""
    from server.analysis.load import CAPS
    from server.vocabulary import vocabulary

    assert [c["key"] for c in vocabulary()["load_contributors"]] == list(CAPS)
