"""The web worker that reads a health export stays small: it never loads scipy.

The 200 MB target of a 500 MB import (bench/import_memory.py) is the worker's whole memory,
so what the app loads at start counts as much as the reader: scipy.stats alone is ~80 MB.
Run in a fresh interpreter, since other tests in this process have loaded everything.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from flask_migrate import upgrade
from server import create_app
from tests.conftest import register
from tests.health_import.exports import apple_xml
from tests.health_import.uploads import health_days, upload

heavy = lambda: sorted(m for m in ("scipy", "scipy.stats") if m in sys.modules)
folder = tempfile.mkdtemp()
app = create_app({"TESTING": True, "SCRYPT_N": 2**10, "IMPORT_WAIT_SECONDS": 60,
                  "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/app.sqlite"})
with app.app_context():
    upgrade()
client = app.test_client()
headers = register(client, "ada@example.org")
status, body = upload(client, headers, "export.xml", apple_xml())
days = len(health_days(client, headers))
after_import = heavy()
forecast = client.get("/api/insights/forecast", headers=headers)
import numpy as np
from server.analysis.flare_forecast import auc
scored = auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))  # how a forecast scores itself
print(json.dumps({"status": status, "days": days, "after_import": after_import,
                  "forecast": forecast.status_code, "after_forecast": heavy(), "auc": scored}))
"""


def test_importing_an_export_does_not_load_scipy_but_the_forecast_still_works():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["status"] == 200 and seen["days"] > 0, seen
    assert seen["after_import"] == [], "the import worker loaded scipy (~80 MB of its 200 MB budget)"
    assert seen["forecast"] == 200
    assert seen["auc"] == 0.75 and seen["after_forecast"] == [], "scoring a forecast loaded scipy"
