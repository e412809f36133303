"""Practice-screen browser tests reuse the shell's fixtures (tests/e2e/conftest.py: live server,
Debian's Chromium at 390x844, `shot` screenshots under test-artifacts/); this adds a check
that no page error went by unnoticed and a reader for the practice records on the server."""
import pytest


@pytest.fixture(autouse=True)
def no_page_errors(page):
    """An uncaught error on a practice screen is a bug a person would hit: fail the test."""
    yield
    assert page.errors == [], page.errors


def server_data(app, model):
    """Every live row of a JSON-record model, as its data dict."""
    from server.extensions import db

    with app.app_context():
        rows = db.session.query(model).filter(model.deleted.is_(False)).all()
        data = [r.data for r in rows]
        db.session.remove()
    return data
