"""weekly PEG-3 records (reports)

Revision ID: reports_peg3
Revises: reminders_alerts
"""

import sqlalchemy as sa
from alembic import op

revision = "reports_peg3"
down_revision = "reminders_alerts"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "peg3",
        sa.Column("data", sa.JSON(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_peg3_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peg3")),
    )
    with op.batch_alter_table("peg3", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peg3_seq"), ["seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_peg3_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_peg3_user_id_seq", ["user_id", "seq"], unique=False)


def downgrade():
    with op.batch_alter_table("peg3", schema=None) as batch_op:
        batch_op.drop_index("ix_peg3_user_id_seq")
        batch_op.drop_index(batch_op.f("ix_peg3_user_id"))
        batch_op.drop_index(batch_op.f("ix_peg3_seq"))
    op.drop_table("peg3")
