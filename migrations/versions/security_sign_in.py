"""sign-in limits as atomic counters, and known devices (security)

Revision ID: security_sign_in
Revises: import_health_data
"""

import sqlalchemy as sa
from alembic import op

revision = "security_sign_in"
down_revision = "import_health_data"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_login_attempts_email_at")
        batch_op.drop_index("ix_login_attempts_address_at")
    op.drop_table("login_attempts")
    op.create_table(
        "sign_in_throttles",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttles")),
    )
    op.create_table(
        "known_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_known_devices_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_known_devices")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_known_devices_key_hash")),
    )
    with op.batch_alter_table("known_devices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_known_devices_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("known_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_devices_user_id"))
    op.drop_table("known_devices")
    op.drop_table("sign_in_throttles")
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_login_attempts_address_at", ["address", "at"], unique=False)
        batch_op.create_index("ix_login_attempts_email_at", ["email", "at"], unique=False)
