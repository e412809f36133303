"""The PWA's copies of the lab catalogue and templates match the server's tables."""
from server.protocol import pwa_data


def test_pwa_json_copies_are_current():
    for name, text in pwa_data.rendered().items():
        on_disk = (pwa_data.DOMAIN / name).read_text(encoding="utf-8")
        assert on_disk == text, f"{name} is stale: run python -m server.protocol.pwa_data"
