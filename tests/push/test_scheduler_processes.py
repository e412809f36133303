"""Real `flask scheduler run` processes on PostgreSQL against the decrypting push-service
stand-in: one is killed with kill -9 in the middle of sending, two others take over; beside
that, a flaky device, a 429 with Retry-After, an always-failing device and a 410.

Nothing is lost, a second copy carries the same Topic and tag, each fault costs only its
own device, and an always-failing device costs a bounded number of requests.
"""
import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

from server.accounts.models import User
from server.common.time import utcnow
from server.extensions import db
from server.push.models import PushSubscription
from server.push.vapid import private_pem
from server.reminders.delivery import MAX_ATTEMPTS
from server.reminders.models import Delivery, ReminderOccurrence
from tests.push_service import PushService

ROOT = Path(__file__).resolve().parents[2]
SETTLED = ("sent", "failed", "expired")
# Every wait below is for a condition (requests seen, rows settled) and ends as soon as it
# holds; this bound only decides when a stuck run counts as failed. It used to be 60 s for
# doomed's first sends and 150 s for settling: on the 2-core team machine at a load average
# of 14 a scheduler process took 36 s to start sending and the run 127 s to settle, and
# both grow with the load, which a CI box cannot promise.
DEADLINE = 600
# The schedulers' lease (PUSH_LEASE_SECONDS), shorter than the app's 30 s but longer than one
# slice of the slow service's sends (20 devices, 3 s each, 8 at a time), so a live sender's
# rows are not taken from it mid-send.
LEASE_SECONDS = 20
# The scheduler runs a delivery pass every 10 s (server/scheduler.py, JOBS: tick and deliver).
PASS_EVERY = 10
# Once a survivor is sending, what the dead process leased must be taken over within its lease
# and two passes, with room for a slow pass: unlike start-up, none of this grows without
# bound with the load, so a scheduler that never reclaims fails here, not at DEADLINE.
TAKEOVER = LEASE_SECONDS + 2 * PASS_EVERY + 30


def scheduler_process(app, name: str, logs: Path, key: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "VAPID_PRIVATE_KEY": key,
           "VAPID_SUBJECT": "mailto:ops@emberwise.test", "PUSH_ALLOW_LOOPBACK": "1",
           "PUSH_RETRY_BASE_SECONDS": "1", "PUSH_LEASE_SECONDS": str(LEASE_SECONDS), "SECRET_KEY": "test-only"}
    # The child keeps its own copy of the descriptor; ours is closed at once (no ResourceWarning).
    with open(logs / f"{name}.log", "w") as out:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "server:create_app", "scheduler", "run"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def person_with(app, *subs) -> list[str]:
    """A person whose devices are ``subs``, with one check-in reminder due now; returns sub ids."""
    with app.app_context():
        user = User(email=f"{uuid.uuid4().hex[:10]}@example.org", timezone="UTC", password_hash="x")
        db.session.add(user)
        db.session.flush()
        rows = [PushSubscription(user_id=user.id, endpoint=s.endpoint, p256dh=s.p256dh, auth=s.auth) for s in subs]
        db.session.add_all(rows)
        now = utcnow()
        db.session.add(ReminderOccurrence(user_id=user.id, rule_id=str(uuid.uuid4()), kind="checkin",
                                          occurrence_key=now.strftime("%Y-%m-%dT%H:%M"), local_date=now.date(),
                                          due_at=now, expires_at=now + timedelta(hours=4), status="pending",
                                          attempts=0))
        db.session.commit()
        return [str(r.id) for r in rows]


def wait_until(check, seconds: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()


def logs(tmp_path: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(tmp_path.glob("*.log")))


def leased_by(app, pid: int) -> dict[int, str]:
    """Delivery rows last claimed by the process ``pid``: id -> status."""
    with app.app_context():
        rows = dict(db.session.execute(select(Delivery.id, Delivery.status)
                                       .where(Delivery.worker.like(f"%:{pid}"))).all())
        db.session.remove()
    return rows


def all_settled(app) -> bool:
    with app.app_context():
        open_occ = db.session.scalar(select(func.count()).select_from(ReminderOccurrence)
                                     .where(ReminderOccurrence.status.not_in(SETTLED)))
        open_del = db.session.scalar(select(func.count()).select_from(Delivery)
                                     .where(Delivery.status.in_(("pending", "sending"))))
        db.session.remove()
    return open_occ == 0 and open_del == 0


@pytest.mark.postgresql_only
def test_kill_9_mid_send_and_faulty_devices_with_three_real_schedulers(app, tmp_path):
    key = private_pem(ec.generate_private_key(ec.SECP256R1()))
    procs = []
    with PushService(delay=3.0) as slow, PushService() as fast:
        # The crowd's service answers nothing until doomed is dead, so doomed is killed in the
        # middle of sending however slow the machine is (with only the 3 s delay, a test
        # process more than 3 s late to poll would let doomed record its sends first, and
        # test no kill at all).
        slow.hold()
        crowd = [slow.subscribe(f"crowd{i}") for i in range(20)]
        for sub in crowd:
            person_with(app, sub)
        phone, tablet = fast.subscribe("phone"), fast.subscribe("tablet")
        busy, calm = fast.subscribe("busy"), fast.subscribe("calm")
        dead, gone = fast.subscribe("dead"), fast.subscribe("gone")
        fast.respond(tablet, 500, 500)
        fast.respond(busy, 429, retry_after="15")
        fast.respond(dead, *[500] * 50)
        fast.respond(gone, 410)
        try:
            doomed = scheduler_process(app, "doomed", tmp_path, key)
            procs.append(doomed)
            assert wait_until(lambda: sum(slow.requests.values()) >= 5, DEADLINE), logs(tmp_path)
            os.kill(doomed.pid, signal.SIGKILL)
            doomed.wait()
            # What doomed leased it never recorded: those sends are now unconfirmed, and only
            # the others, once the leases lapse, can finish them.
            held = leased_by(app, doomed.pid)
            assert len(held) >= 5 and set(held.values()) == {"sending"}, held
            slow.release()
            # The faults are due now, for the two survivors (kept apart from the kill's copies).
            person_with(app, phone, tablet)
            person_with(app, busy, calm)
            person_with(app, dead)
            person_with(app, gone)
            for name in ("second", "third"):
                procs.append(scheduler_process(app, name, tmp_path, key))
            # Start-up is what grows with the machine's load: wait for it with DEADLINE, then
            # give the takeover itself only TAKEOVER.
            assert wait_until(lambda: fast.received_for(phone), DEADLINE), logs(tmp_path)
            taken_over = wait_until(lambda: not leased_by(app, doomed.pid), TAKEOVER, every=1.0)
            assert taken_over, (f"{len(leased_by(app, doomed.pid))} sends the killed scheduler had leased were "
                                f"not taken over {TAKEOVER} s after the others began sending\n{logs(tmp_path)}")
            settled = wait_until(lambda: all_settled(app), DEADLINE, every=1.0)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        assert settled, logs(tmp_path)

        # kill -9 mid-send: every device of the crowd has its reminder; copies are one notification
        assert slow.rejected == [] and fast.rejected == []
        for sub in crowd:
            got = slow.received_for(sub)
            assert got, f"{sub.path} never got its reminder"
            assert len({(r.headers["topic"], r.payload["tag"], r.payload["occurrence_id"]) for r in got}) == 1
        assert len(fast.received_for(phone)) == len(fast.received_for(tablet)) == 1
        assert fast.requests[tablet.path] == 3  # two 500s, then delivered: backed off, not given up
        # 429 Retry-After: 15 on one device: it waited, its neighbour on the same host did not
        assert len(fast.received_for(busy)) == len(fast.received_for(calm)) == 1
        first, second = fast.request_times[busy.path]
        assert second - first >= 15
        assert fast.requests[calm.path] == 1
        assert fast.requests[dead.path] == MAX_ATTEMPTS  # bounded, then given up
        assert fast.requests[gone.path] == 1
        with app.app_context():
            endpoints = set(db.session.scalars(select(PushSubscription.endpoint)))
            statuses = dict(db.session.execute(
                select(PushSubscription.endpoint, Delivery.status)
                .join(PushSubscription, func.cast(PushSubscription.id, db.String) == Delivery.subscription_id)).all())
            retaken = dict(db.session.execute(select(Delivery.id, Delivery.worker).where(Delivery.id.in_(held))
                                              .where(Delivery.status == "sent", Delivery.attempts >= 2)).all())
        assert gone.endpoint not in endpoints
        assert statuses[dead.endpoint] == "failed" and statuses[phone.endpoint] == "sent"
        # every send doomed left unconfirmed was taken over by the others and confirmed
        assert retaken.keys() == held.keys(), (held, retaken)
        assert not any(worker.endswith(f":{doomed.pid}") for worker in retaken.values())
