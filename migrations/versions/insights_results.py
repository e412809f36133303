"""insights: each person's latest analysis result

Revision ID: insights_results
Revises: protocol_practices
Create Date: 2026-11-21 21:00:00

"""
from alembic import op
import sqlalchemy as sa



revision = 'insights_results'
down_revision = 'protocol_practices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('insight_results',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('data_seq', sa.Integer(), nullable=False),
    sa.Column('local_today', sa.Date(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_insight_results_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_insight_results'))
    )


def downgrade():
    op.drop_table('insight_results')
