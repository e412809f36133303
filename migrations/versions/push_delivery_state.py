"""per-device delivery state with leases and back-off, failing subscriptions disabled, scheduler beats

Revision ID: push_delivery_state
Revises: warnings_jobs
"""

import sqlalchemy as sa
from alembic import op

revision = "push_delivery_state"
down_revision = "warnings_jobs"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_reminder_deliveries_status_next_attempt_at",
                              ["status", "next_attempt_at"], unique=False)
    # Old rows: "sending" was never confirmed and "retry" waits; both are now "pending"
    # (the occurrence's expiry still bounds them).
    op.execute("UPDATE reminder_deliveries SET status = 'pending', next_attempt_at = updated_at "
               "WHERE status IN ('sending', 'retry')")
    op.execute("UPDATE reminder_occurrences SET status = 'delivering' WHERE status = 'claimed' AND id IN "
               "(SELECT occurrence_id FROM reminder_deliveries)")
    op.execute("UPDATE reminder_occurrences SET status = 'pending' WHERE status = 'claimed'")
    with op.batch_alter_table("push_subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failing_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "scheduler_beats",
        sa.Column("worker", sa.String(length=64), nullable=False),
        sa.Column("job", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("worker", "job", name=op.f("pk_scheduler_beats")),
    )


def downgrade():
    op.drop_table("scheduler_beats")
    with op.batch_alter_table("push_subscriptions", schema=None) as batch_op:
        batch_op.drop_column("disabled_at")
        batch_op.drop_column("failing_since")
    op.execute("UPDATE reminder_deliveries SET status = 'retry' WHERE status = 'pending'")
    op.execute("UPDATE reminder_occurrences SET status = 'sent' WHERE status = 'delivering'")
    with op.batch_alter_table("reminder_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_deliveries_status_next_attempt_at")
        batch_op.drop_column("lease_until")
        batch_op.drop_column("next_attempt_at")
