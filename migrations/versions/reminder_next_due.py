"""reminder rules store their next due instant, indexed for the scheduler tick

Revision ID: reminder_next_due
Revises: push_delivery_state
Create Date: 2026-12-02 09:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "reminder_next_due"
down_revision = "push_delivery_state"
branch_labels = None
depends_on = None


def upgrade():
    # NULL means "not computed yet": the first tick computes every existing rule once.
    with op.batch_alter_table("reminder_rules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_reminder_rules_deleted_next_due_at", ["deleted", "next_due_at"], unique=False)


def downgrade():
    with op.batch_alter_table("reminder_rules", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_rules_deleted_next_due_at")
        batch_op.drop_column("next_due_at")
