"""A lab result entered offline waits in the outbox, survives a reload and arrives once."""
from server.protocol.models import LabResult
from tests.e2e.conftest import eventually, save_lab_result, sign_up, wait_until
from tests.e2e.practices.conftest import server_data


def test_lab_result_entered_offline_arrives_after_reconnect(page, context, app, shot):
    sign_up(page)
    wait_until(page, "navigator.serviceWorker.controller !== null")  # shell cached
    page.goto("/#/labs")
    page.locator("select[name=test]").wait_for()
    context.set_offline(True)
    card = save_lab_result(page, "hba1c", 40, unit="mmol/mol", date="2026-09-15")
    assert card.locator(".band-opt").get_attribute("data-position") == "above"  # 40 mmol/mol = 5.81 %
    page.reload()  # offline: the service worker serves the shell, IndexedDB the result
    card.wait_for()
    shot(page, "offline")
    assert server_data(app, LabResult) == []

    context.set_offline(False)
    eventually(page, lambda: server_data(app, LabResult))
    assert [(d["test"], d["value"], d["unit"]) for d in server_data(app, LabResult)] == [("hba1c", 40, "mmol/mol")]
