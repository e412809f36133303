"""Schemas for the reminder record types carried by sync (``reminder_rule``, ``reminder_action``).

A rule's limits (kinds, times a day, minutes before bedtime, snooze, label length) are the
shared table pwa/js/domain/rules/reminders.json, which the PWA's form check reads too."""

import marshmallow as ma
from marshmallow import fields, validate

from server.common.schema import HHMM_PATTERN, Instant, StrictSchema, Text, bounded_int
from server.rules import rule_table

LIMITS = rule_table("reminders")


def hhmm(**kwargs):
    return fields.String(validate=validate.Regexp(HHMM_PATTERN, error="Must be a local time like 08:30."),
                         **kwargs)


def _bounded(name: str, **kwargs):
    return bounded_int(LIMITS[name]["min"], LIMITS[name]["max"], **kwargs)


class ReminderRuleDataSchema(StrictSchema):
    """A reminder rule (the ``data`` of a ``reminder_rule`` record).

    Times are local wall-clock times in the person's own zone (``User.timezone``);
    weekdays are ISO numbers, 1 = Monday ... 7 = Sunday, empty = every day.
    """

    kind = fields.String(required=True, validate=validate.OneOf(LIMITS["kinds"]))
    label = Text(validate=validate.Length(max=LIMITS["label_max"]), allow_none=True)
    times = fields.List(hhmm(), validate=validate.Length(max=LIMITS["max_times"]), load_default=list)
    weekdays = fields.List(bounded_int(1, 7), validate=validate.Length(max=7), load_default=list)
    bedtime = hhmm(allow_none=True)
    minutes_before = _bounded("minutes_before", allow_none=True)
    protocol_item_id = fields.String(validate=validate.Length(max=36), allow_none=True)
    enabled = fields.Boolean(load_default=True)
    snooze_minutes = _bounded("snooze_minutes", allow_none=True)
    quiet = fields.String(validate=validate.OneOf(LIMITS["quiet_policies"]), allow_none=True)

    @ma.validates_schema
    def has_a_time(self, data, **kwargs):
        if data["kind"] == "bedtime" and not data.get("bedtime"):
            raise ma.ValidationError("A bedtime reminder needs a bedtime.", "bedtime")
        if data["kind"] != "bedtime" and not data.get("times"):
            raise ma.ValidationError("Add at least one time.", "times")

    @ma.post_load
    def tidy(self, data, **kwargs):
        data["times"] = sorted(set(data.get("times") or []))
        data["weekdays"] = sorted(set(data.get("weekdays") or []))
        return data


class ReminderActionDataSchema(StrictSchema):
    """"Done" or "snooze" on a notification (written by the service worker's outbox)."""

    occurrence_id = fields.String(required=True, validate=validate.Length(max=36))
    action = fields.String(required=True, validate=validate.OneOf(("done", "snooze")))
    at = Instant(required=True)


class ReminderRuleSchema(ma.Schema):
    """A stored rule as the REST API returns it."""

    id = fields.String()
    updated_at = fields.DateTime()
    data = fields.Dict()
