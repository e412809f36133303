"""Write the lab catalogue and protocol templates as JSON for the PWA (offline use).

The server's Python tables are the one source; the PWA reads a copy so that labs and
templates work offline from the first visit. `tests/unit/protocol/test_pwa_data.py`
fails when the copy is stale: run `python -m server.protocol.pwa_data` to refresh.
"""
from __future__ import annotations

import json
from pathlib import Path

from server.protocol.labs import catalogue_json
from server.protocol.templates import templates_json

DOMAIN = Path(__file__).resolve().parents[2] / "pwa" / "js" / "domain"
FILES = {"labs-catalogue.json": catalogue_json, "protocol-templates.json": templates_json}


def rendered() -> dict[str, str]:
    """File name -> the exact text that file should hold."""
    return {name: json.dumps(fn(), indent=1, ensure_ascii=False) + "\n" for name, fn in FILES.items()}


def write(directory: Path = DOMAIN) -> None:
    """Write every file into `directory`."""
    for name, text in rendered().items():
        (directory / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
