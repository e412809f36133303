"""`flask demo seed`: a demo account with 180 days of believable check-ins.

The story: a person with long-standing low-back pain. Short nights and boom days (a
long gardening or walking day) push pain up one to two days later; breathing practice
helps a little; flares follow runs of poor sleep plus a boom day. Some days are missed.

So that every screen has something to show, the account also gets a weekly PEG-3 for
its last twelve weeks, a small protocol (omega-3 and magnesium from the templates, low-dose
naltrexone on prescription, titrating) with the ibuprofen its evenings log, four lab results
with the lab's ranges, and the alerts it would have had over its last REPLAY_DAYS days:
the evaluation is replayed evening by evening with the warning signs its analysis had
found *before* that stretch, so the signs' track records are honest (out of sample).
"""
import random
import uuid
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import click
from flask.cli import AppGroup
from sqlalchemy import insert, select

from server.accounts.models import User
from server.accounts.passwords import hash_password
from server.checkins.models import CheckIn
from server.checkins.schemas import DATA_FIELDS
from server.common.time import utcnow
from server.extensions import db

demo_cli = AppGroup("demo", help="Demo data.")

DEMO_EMAIL = "demo@emberwise.local"
DEMO_PASSWORD = "demo-password-123"
DEMO_ZONE = "Europe/London"


@demo_cli.command("seed")
@click.option("--days", default=180, show_default=True)
@click.option("--seed", default=5, show_default=True, help="Random seed, for repeatable data.")
def seed_command(days, seed):
    """Create (or recreate) the demo account and print its credentials."""
    from flask import current_app

    email, password = seed_demo(utcnow(), days=days, seed=seed,
                                scrypt_n=current_app.config["SCRYPT_N"])
    click.echo(f"Demo account ready: {email} / {password} ({days} days of check-ins)")


def seed_demo(now: datetime, days: int = 180, seed: int = 5, scrypt_n: int = 2**14,
              email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> tuple[str, str]:
    """Replace any previous demo account with a fresh one; returns (email, password)."""
    from server.accounts.service import delete_account

    existing = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    if existing is not None:
        delete_account(existing)
    user = User(email=email, password_hash=hash_password(password, scrypt_n), timezone=DEMO_ZONE,
                created_at=now - timedelta(days=days))
    db.session.add(user)
    db.session.flush()
    rows = demo_checkins(user.id, now, days, random.Random(seed))
    for seq, row in enumerate(rows, start=1):
        row["seq"] = seq
    user.sync_seq = len(rows)
    if rows:
        db.session.execute(insert(CheckIn.__table__), rows)
    db.session.commit()
    seed_peg3(user.id, now, random.Random(seed + 1))
    seed_protocol_and_labs(user.id, now)
    replay_alerts(user.id, now, min(REPLAY_DAYS, max(days - 120, 0)))
    return email, password


#: The stretch the alerts are replayed over; the patterns come from the days before it.
REPLAY_DAYS = 45
PEG3_WEEKS = 12


def seed_peg3(user_id: int, now: datetime, rng: random.Random) -> None:
    """A weekly PEG-3 for the last PEG3_WEEKS finished weeks, through the sync write path."""
    from server.sync.service import sync

    today = now.astimezone(ZoneInfo(DEMO_ZONE)).date()
    monday = today - timedelta(days=today.weekday())
    changes = []
    for k in range(PEG3_WEEKS, 0, -1):
        week = monday - timedelta(weeks=k)
        base = 4 + (k % 4 == 1) * 2  # a bad week now and then
        answers = {name: max(0, min(10, base + rng.choice([-1, 0, 0, 1]))) for name in ("pain", "enjoyment", "activity")}
        at = datetime.combine(week + timedelta(days=6), time(19, 0), tzinfo=ZoneInfo(DEMO_ZONE))
        changes.append({"type": "peg3", "id": str(uuid.uuid4()), "updated_at": at.isoformat(),
                        "deleted": False, "data": {"week_start": week.isoformat(), **answers}})
    result = sync(user_id, "demo", 0, changes, 0, now)
    if result.rejected:
        raise RuntimeError(f"demo PEG-3 rejected: {result.rejected}")


def seed_protocol_and_labs(user_id: int, now: datetime) -> None:
    """What the demo person takes and two pairs of lab results, through the sync write path.

    Omega-3 at 3 g a day beside the ibuprofen the evenings log brings the checker's bleeding
    caution, so the protocol screen and the clinician report show a safety note; doses are
    the person's own choices within the templates' ranges, never set by the app.
    """
    from server.sync.service import sync

    today = now.astimezone(ZoneInfo(DEMO_ZONE)).date()
    ago = lambda days: (today - timedelta(days=days)).isoformat()  # noqa: E731
    items = [
        {"name": "Omega-3, EPA-dominant", "template": "omega3", "dose": 1.5, "unit": "g",
         "times": ["08:00", "20:00"], "start": ago(70), "timing": "any"},
        {"name": "Magnesium glycinate", "template": "mg_glycinate", "dose": 200, "unit": "mg",
         "basis": "elemental", "times": ["21:30"], "start": ago(56), "timing": "bedtime"},
        {"name": "Low-dose naltrexone", "template": "ldn", "dose": None, "unit": "mg", "times": ["22:00"],
         "start": ago(42), "prescription": True, "prescriber": "Dr A. Okafor", "timing": "bedtime",
         "titration": {"start": 1.5, "step": 0.5, "every_days": 7, "max": 4.5}},
    ]
    labs = [
        {"test": "hs_crp", "value": 3.4, "unit": "mg/L", "date": ago(100), "ref_low": 0, "ref_high": 5},
        {"test": "hs_crp", "value": 2.1, "unit": "mg/L", "date": ago(20), "ref_low": 0, "ref_high": 5},
        {"test": "vitamin_d", "value": 22, "unit": "ng/mL", "date": ago(100), "ref_low": 30, "ref_high": 100},
        {"test": "vitamin_d", "value": 41, "unit": "ng/mL", "date": ago(20), "ref_low": 30, "ref_high": 100},
    ]
    at = now.isoformat()
    changes = [{"type": kind, "id": str(uuid.uuid4()), "updated_at": at, "deleted": False, "data": data}
               for kind, rows in (("protocol_item", items), ("lab_result", labs)) for data in rows]
    result = sync(user_id, "demo", 0, changes, 0, now)
    if result.rejected:
        raise RuntimeError(f"demo protocol or labs rejected: {result.rejected}")


def replay_alerts(user_id: int, now: datetime, days: int) -> int:
    """Evaluate the demo's alerts each evening of its last ``days`` days, as the refresh job
    would have after that evening's sync; returns the alerts recorded. Nothing is pushed:
    these evenings are past."""
    from server.alerts.models import AlertEvent
    from server.alerts.series import series_from_payload
    from server.alerts.service import ensure_settings, evaluate_user
    from server.analysis import analyse
    from server.checkins.service import checkin_records
    from server.reminders.models import ReminderOccurrence

    if days <= 0:
        return 0
    zone = ZoneInfo(DEMO_ZONE)
    today = now.astimezone(zone).date()
    start = today - timedelta(days=days)
    found = analyse(checkin_records(user_id, None, start - timedelta(days=1)), DEMO_ZONE, start).to_dict()
    signals = analyse(checkin_records(user_id), DEMO_ZONE, today).to_dict()
    ensure_settings([user_id])
    for offset in range(days):
        day = start + timedelta(days=offset)
        evening = datetime.combine(day, time(21, 55), tzinfo=zone).astimezone(timezone.utc)
        evaluate_user(user_id, DEMO_ZONE, day, series_from_payload(signals, through=day), evening,
                      patterns=found["patterns"]["patterns"])
    db.session.execute(ReminderOccurrence.__table__.delete().where(ReminderOccurrence.user_id == user_id))
    db.session.execute(AlertEvent.__table__.update().where(AlertEvent.user_id == user_id).values(pushed=False))
    db.session.commit()
    return db.session.scalar(select(db.func.count()).select_from(AlertEvent).where(AlertEvent.user_id == user_id))


def demo_checkins(user_id: int, now: datetime, days: int, rng: random.Random) -> list[dict]:
    """Morning and evening check-ins for `days` days up to yesterday, with gaps."""
    zone = ZoneInfo(DEMO_ZONE)
    today = now.astimezone(zone).date()
    rows, history = [], []
    pain_level = 4.0
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        state = _day_state(rng, day, history)
        pain_level = 0.3 * pain_level + 0.7 * _pain_target(state, history)
        state["pain"] = max(0, min(10, round(pain_level + rng.gauss(0, 0.8))))
        history.append(state)
        if rng.random() < 0.12:  # a missed day: nothing recorded
            continue
        rows.append(_row(user_id, day, zone, time(8, rng.randint(0, 40)), _morning(state), now))
        if rng.random() < 0.8:
            rows.append(_row(user_id, day, zone, time(21, rng.randint(0, 50)), _evening(state, rng), now))
    return rows


def _day_state(rng, day, history) -> dict:
    boom = rng.random() < 0.12
    short_night = rng.random() < 0.22
    return {
        "sleep_hours": round(rng.uniform(4.0, 5.5) if short_night else rng.uniform(6.5, 8.5), 1),
        "sleep_quality": rng.randint(2, 4) if short_night else rng.randint(5, 8),
        "night_wakings": rng.randint(2, 5) if short_night else rng.randint(0, 2),
        "stress": min(10, max(0, round(rng.gauss(4.5 if day.weekday() < 5 else 3, 1.8)))),
        "activity_minutes": rng.randint(140, 240) if boom else rng.randint(20, 70),
        "breathing_minutes": rng.choice([0, 0, 5, 10]),
        "nsaid_doses": 0,
        "late_meal": rng.random() < 0.25,
        "boom": boom,
        # Saturdays go without planned rest breaks (no draw from rng, so the story stays as it
        # was): otherwise the rest-break days were exactly the walking days and "What helps"
        # showed two identical rows, which reads as a bug.
        "rest_day": day.weekday() == 5,
    }


def _rest_breaks(state, rng) -> int:
    """None on boom days; on Saturdays none either, but the draw still happens, so every later
    draw (and the demo's story) stays as it was."""
    breaks = 0 if state["boom"] else rng.randint(1, 3)
    return 0 if state["rest_day"] else breaks


def _pain_target(state, history) -> float:
    target = 3.5
    boom_before = len(history) >= 2 and history[-2]["boom"]  # a boom day two days ago
    short_night = state["sleep_hours"] < 6  # last night (the morning check-in's sleep)
    if boom_before:
        target += 2.5
    if short_night:
        target += 1.2
    if boom_before and short_night:  # together worse than apart: these become flares
        target += 2.0
    if state["breathing_minutes"] >= 10:
        target -= 0.6
    return target


def _morning(state) -> dict:
    return {k: state[k] for k in ("sleep_hours", "sleep_quality", "night_wakings")} | {
        "pain": state["pain"], "flare": state["pain"] >= 7,
        "locations": ["lower_back"] + (["left_buttock", "left_hamstring"] if state["pain"] >= 6 else []),
        "qualities": ["aching"] + (["shooting"] if state["pain"] >= 7 else []),
    }


def _evening(state, rng) -> dict:
    pain = max(0, min(10, state["pain"] + rng.choice([-1, 0, 0, 1])))
    nsaids = 1 if pain >= 6 and rng.random() < 0.7 else 0
    return {
        "pain": pain, "flare": pain >= 7, "stress": state["stress"],
        # Mood and energy wander on their own; deriving them from pain would plant a
        # same-day echo of pain that the engine would rightly report.
        "mood": rng.randint(4, 8), "energy": rng.randint(3, 8),
        "activity_minutes": state["activity_minutes"], "activity_effort": 7 if state["boom"] else 3,
        "activities": ["gardening"] if state["boom"] else ["walking"],
        "rest_breaks": _rest_breaks(state, rng), "nsaid_doses": nsaids,
        # The NSAID by name too (no draw from rng: the rest of the story stays as it was).
        "medications": [{"name": "Ibuprofen", "dose_mg": 400}] if nsaids else None,
        "meal_regularity": rng.randint(4, 9), "late_meal": state["late_meal"],
        "alcohol_units": rng.choice([0, 0, 0, 1, 2]),
        "breathing_minutes": state["breathing_minutes"], "mindfulness_minutes": rng.choice([0, 0, 10]),
        "custom": {"hydration_glasses": rng.randint(3, 9)},
    }


def _row(user_id, day, zone, clock, fields, now) -> dict:
    at = datetime.combine(day, clock, tzinfo=zone)
    row = {name: None for name in DATA_FIELDS}
    row.update(fields)
    row.update(
        id=str(uuid.uuid4()), user_id=user_id, at=at.astimezone(timezone.utc),
        at_offset=int(at.utcoffset().total_seconds() // 60), local_date=day,
        created_at=now, updated_at=at.astimezone(timezone.utc), device_id="demo", deleted=False,
    )
    return row
