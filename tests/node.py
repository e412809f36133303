"""node for the pytest tests that run the PWA's JavaScript: a skip on a developer's machine
without it, a failure in CI (CI must not pass with a language's half of a parity check missing)."""
import os
import shutil

import pytest

NODE = shutil.which("node")


def require_node() -> str:
    """The path of node; skips the calling test without it, or fails it when CI is set."""
    if NODE:
        return NODE
    if os.environ.get("CI"):
        pytest.fail("CI is set but node is not on PATH: the PWA's half of this check cannot run.",
                    pytrace=False)
    pytest.skip("node is needed to run the PWA's JavaScript")
