"""Every record type that sync carries, registered in this one place when the app starts.

A type names its model, the schema that validates its `data`, and converters where its
columns are not one JSON `data` column (docs/sync.md). Adding a synced type is one line here.
"""


def register_record_types() -> None:
    """Fill the sync registry (idempotent: registering a name again replaces it)."""
    from server.checkins import service as checkins
    from server.checkins.models import CheckIn
    from server.checkins.schemas import CheckInDataSchema
    from server.health_import.models import HealthDay
    from server.health_import.schemas import HealthDayDataSchema
    from server.health_import.service import health_day_columns
    from server.instruments.models import Peg3
    from server.instruments.schemas import Peg3DataSchema
    from server.instruments.service import peg3_columns
    from server.practices import models as practices, schemas as practice_schemas
    from server.protocol import schemas as protocol_schemas
    from server.protocol.models import HealthConditions, LabResult, ProtocolItem
    from server.reminders import next_due
    from server.reminders.models import ReminderAction, ReminderRule
    from server.reminders.schemas import ReminderActionDataSchema, ReminderRuleDataSchema
    from server.reminders.service import reminder_action_columns
    from server.sync.registry import register_record_type as register

    register("checkin", CheckIn, CheckInDataSchema, columns_from_data=checkins.record_columns,
             insert_columns=checkins.columns_from_data,
             data_from_row=checkins.data_from_row, data_from_columns=checkins.data_from_columns,
             read_columns=checkins.READ_COLUMNS, tombstone_columns=checkins.tombstone_columns)
    register("reminder_rule", ReminderRule, ReminderRuleDataSchema,
             columns_from_data=next_due.reminder_rule_columns)
    next_due.register()
    register("reminder_action", ReminderAction, ReminderActionDataSchema,
             columns_from_data=reminder_action_columns)
    register("lab_result", LabResult, protocol_schemas.LabResultData)
    register("protocol_item", ProtocolItem, protocol_schemas.ProtocolItemData)
    register("health_conditions", HealthConditions, protocol_schemas.HealthConditionsData)
    register("bedtime_routine", practices.BedtimeRoutine, practice_schemas.BedtimeRoutineData)
    register("bedtime_log", practices.BedtimeLog, practice_schemas.BedtimeLogData)
    register("pacing_plan", practices.PacingPlan, practice_schemas.PacingPlanData)
    register("laterality_session", practices.LateralitySession, practice_schemas.LateralitySessionData)
    register("lesson_progress", practices.LessonProgress, practice_schemas.LessonProgressData)
    register("practice_session", practices.PracticeSession, practice_schemas.PracticeSessionData)
    register("screening", practices.Screening, practice_schemas.ScreeningData)
    register("peg3", Peg3, Peg3DataSchema, columns_from_data=peg3_columns)
    register("health_day", HealthDay, HealthDayDataSchema, columns_from_data=health_day_columns)
