"""hunches: the factors or pairs a person names to be tested alone

Revision ID: hunches
Revises: reminder_next_due
Create Date: 2026-12-03 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'hunches'
down_revision = 'reminder_next_due'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hunches',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('factors', sa.JSON(), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('named_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_hunches_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hunches'))
    )
    op.create_index(op.f('ix_hunches_user_id'), 'hunches', ['user_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_hunches_user_id'), table_name='hunches')
    op.drop_table('hunches')
