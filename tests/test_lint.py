"""The Python is free of what pyflakes finds: unused imports and names, undefined names,
redefinitions, imports nobody reads. A side-effect import says so in code
(`importlib.import_module`), since pyflakes reads no `noqa`."""
import ast
import io
from pathlib import Path

from pyflakes.api import checkRecursive
from pyflakes.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("server", "tests", "bench", "scripts", "migrations")


def test_pyflakes_finds_nothing():
    out = io.StringIO()
    checkRecursive([str(ROOT / part) for part in CHECKED], Reporter(out, out))
    assert out.getvalue() == ""


def test_no_test_module_imports_another():
    """What tests share lives in a conftest.py or a helper module (docs/architecture.md, "Tests
    and checks"): importing a test module runs its module-level set-up again and ties two test
    files together, so moving a helper breaks the other file at collection."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.relative_to(ROOT)}: {name}" for name in names
                      if name.split(".")[-1].startswith("test_")]
    assert found == []
