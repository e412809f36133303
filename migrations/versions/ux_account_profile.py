"""account profile for the clinician report (optional name and date of birth) and the
person's check-in layout (which sections, in which order)

Revision ID: ux_account_profile
Revises: clinical_safety
"""

import sqlalchemy as sa
from alembic import op

revision = "ux_account_profile"
down_revision = "clinical_safety"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("checkin_sections", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("checkin_sections")
        batch_op.drop_column("birth_date")
        batch_op.drop_column("name")
