"""The scheduler's log says what a tick did, not that it ran: an operator reading it
should find the minute a reminder went out without scrolling past idle ticks."""
import logging

from server import scheduler


def _job(result):
    def job(app, now):
        return result
    job.__name__ = "deliver"
    return job


def test_an_idle_tick_is_not_logged_at_info(app, caplog):
    idle = {"expired": 0, "fanned_out": 0, "sent": {}}
    with caplog.at_level(logging.INFO, logger="emberwise.scheduler"):
        scheduler._run_job(app, _job(idle))
    assert [r for r in caplog.records if r.levelno >= logging.INFO] == []


def test_a_tick_that_sent_something_is_logged(app, caplog):
    busy = {"expired": 0, "fanned_out": 2, "sent": {"sent": 2}}
    with caplog.at_level(logging.INFO, logger="emberwise.scheduler"):
        scheduler._run_job(app, _job(busy))
    assert [r.getMessage() for r in caplog.records] == [f"deliver: {busy}"]


def test_a_failed_job_is_logged_with_its_error(app, caplog):
    def broken(app, now):
        raise RuntimeError("database went away")
    with caplog.at_level(logging.INFO, logger="emberwise.scheduler"):
        scheduler._run_job(app, broken)
    assert caplog.records[0].levelno == logging.ERROR
    assert "database went away" in caplog.text
