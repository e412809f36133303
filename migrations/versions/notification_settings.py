"""quiet hours and daily cap move to notification_settings (one home for reminders and alerts)

Revision ID: notification_settings
Revises: security_sign_in
"""

import sqlalchemy as sa
from alembic import op

revision = "notification_settings"
down_revision = "security_sign_in"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "notification_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiet_start", sa.String(length=5), nullable=False),
        sa.Column("quiet_end", sa.String(length=5), nullable=False),
        sa.Column("daily_cap", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_notification_settings_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notification_settings")),
    )
    # Keep every saved choice: copy the rows before the old columns go.
    op.execute("INSERT INTO notification_settings (user_id, quiet_start, quiet_end, daily_cap) "
               "SELECT user_id, quiet_start, quiet_end, daily_cap FROM alert_settings")
    with op.batch_alter_table("alert_settings", schema=None) as batch_op:
        batch_op.drop_column("quiet_start")
        batch_op.drop_column("quiet_end")
        batch_op.drop_column("daily_cap")


def downgrade():
    with op.batch_alter_table("alert_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quiet_start", sa.String(length=5), nullable=False, server_default="22:00"))
        batch_op.add_column(sa.Column("quiet_end", sa.String(length=5), nullable=False, server_default="07:00"))
        batch_op.add_column(sa.Column("daily_cap", sa.Integer(), nullable=False, server_default="2"))
    op.execute("UPDATE alert_settings SET "
               "quiet_start = (SELECT n.quiet_start FROM notification_settings n WHERE n.user_id = alert_settings.user_id), "
               "quiet_end = (SELECT n.quiet_end FROM notification_settings n WHERE n.user_id = alert_settings.user_id), "
               "daily_cap = (SELECT n.daily_cap FROM notification_settings n WHERE n.user_id = alert_settings.user_id) "
               "WHERE user_id IN (SELECT user_id FROM notification_settings)")
    with op.batch_alter_table("alert_settings", schema=None) as batch_op:
        batch_op.alter_column("quiet_start", server_default=None)
        batch_op.alter_column("quiet_end", server_default=None)
        batch_op.alter_column("daily_cap", server_default=None)
    op.drop_table("notification_settings")
