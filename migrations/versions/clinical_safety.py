"""clinical safety (issue 11): health conditions for the interaction checker, guided practice
sessions and screening questionnaires, each a synced JSON-record table

Revision ID: clinical_safety
Revises: reports_peg3
Create Date: 2026-12-02 04:02:49.433882

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'clinical_safety'
down_revision = 'reports_peg3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('health_conditions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_health_conditions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_conditions'))
    )
    with op.batch_alter_table('health_conditions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_conditions_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_health_conditions_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_health_conditions_user_id_seq', ['user_id', 'seq'], unique=False)

    op.create_table('practice_sessions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_practice_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_sessions'))
    )
    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_sessions_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_sessions_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_practice_sessions_user_id_seq', ['user_id', 'seq'], unique=False)

    op.create_table('screenings',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_screenings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_screenings'))
    )
    with op.batch_alter_table('screenings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_screenings_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_screenings_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_screenings_user_id_seq', ['user_id', 'seq'], unique=False)



def downgrade():
    with op.batch_alter_table('screenings', schema=None) as batch_op:
        batch_op.drop_index('ix_screenings_user_id_seq')
        batch_op.drop_index(batch_op.f('ix_screenings_user_id'))
        batch_op.drop_index(batch_op.f('ix_screenings_seq'))

    op.drop_table('screenings')
    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_practice_sessions_user_id_seq')
        batch_op.drop_index(batch_op.f('ix_practice_sessions_user_id'))
        batch_op.drop_index(batch_op.f('ix_practice_sessions_seq'))

    op.drop_table('practice_sessions')
    with op.batch_alter_table('health_conditions', schema=None) as batch_op:
        batch_op.drop_index('ix_health_conditions_user_id_seq')
        batch_op.drop_index(batch_op.f('ix_health_conditions_user_id'))
        batch_op.drop_index(batch_op.f('ix_health_conditions_seq'))

    op.drop_table('health_conditions')
