"""Store a person's hunches and test them on their data (server/analysis does the testing).

Results are computed when asked for, not stored: one test per hunch takes milliseconds
(bench/README.md), and a stored result would go stale with every check-in."""
from datetime import datetime

import numpy as np
from sqlalchemy import select

from server.analysis import daily_rows, hunch_results
from server.analysis.patterns import NOT_FACTORS
from server.analysis.patterns.hunches import choice_label, nameable
from server.checkins.service import checkin_records
from server.common.time import local_date
from server.extensions import db
from server.health_import.service import imported_days
from server.hunches.models import Hunch

MAX_HUNCHES = 5    # our choice: a few named beforehand, not a search by another name


class HunchConflict(Exception):
    """The hunch cannot be added (too many, or already named); the message says why."""


def hunches_of(user, now: datetime) -> dict:
    """The person's hunches, each with its result, and the factors they can pick from."""
    rows = list(db.session.execute(select(Hunch).where(Hunch.user_id == user.id)
                                   .order_by(Hunch.id)).scalars())
    checkins, imported = checkin_records(user.id), imported_days(user.id)
    today = local_date(now, user.timezone)
    results = hunch_results(checkins, user.timezone, today,
                            [{"factors": h.factors, "direction": h.direction,
                              "named_on": h.named_on} for h in rows], imported=imported)
    return {"hunches": [_shown(h, r.to_dict()) for h, r in zip(rows, results)],
            "choices": _choices(checkins, user.timezone, today, imported),
            "max_hunches": MAX_HUNCHES}


def add_hunch(user, body: dict, now: datetime) -> dict:
    """Store a new hunch and return it with its result. Raises HunchConflict."""
    factors = sorted(body["factors"])
    existing = list(db.session.execute(select(Hunch).where(Hunch.user_id == user.id)).scalars())
    if len(existing) >= MAX_HUNCHES:
        raise HunchConflict(f"You can test up to {MAX_HUNCHES} hunches; delete one first.")
    if any(sorted(h.factors) == factors for h in existing):
        raise HunchConflict("You already named this hunch.")
    hunch = Hunch(user_id=user.id, factors=factors, direction=body["direction"],
                  named_on=local_date(now, user.timezone), created_at=now)
    db.session.add(hunch)
    db.session.flush()
    hunch_id = hunch.id
    db.session.commit()
    shown = hunches_of(user, now)["hunches"]
    return next(h for h in shown if h["id"] == hunch_id)


def delete_hunch(user, hunch_id: str) -> bool:
    """Delete one of the person's hunches; False when they have none with that id."""
    hunch = db.session.get(Hunch, hunch_id)
    if hunch is None or hunch.user_id != user.id:
        return False
    db.session.delete(hunch)
    db.session.commit()
    return True


def _shown(hunch: Hunch, result: dict) -> dict:
    return {"id": hunch.id, "factors": list(hunch.factors), "direction": hunch.direction,
            "labels": [choice_label(name) for name in hunch.factors],
            "named_on": hunch.named_on.isoformat(), "result": result}


def _choices(checkins, zone, today, imported) -> list[dict]:
    """Factors the person has recorded at least once, in the order of their labels."""
    rows = daily_rows(checkins, zone, today, imported)
    logged = [name for name, values in rows.columns.items()
              if name not in NOT_FACTORS and nameable(name) and np.isfinite(values).any()]
    return sorted(({"factor": name, "label": choice_label(name)} for name in logged),
                  key=lambda c: c["label"].lower())
