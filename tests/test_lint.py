"""The Python is free of what pyflakes finds: unused imports and names, undefined names,
redefinitions, imports nobody reads. A side-effect import says so in code
(`importlib.import_module`), since pyflakes reads no `noqa`."""
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
