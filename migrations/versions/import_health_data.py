"""health imports: uploads in chunks, what each import gave a day, and the synced health days

Revision ID: import_health_data
Revises: ux_account_profile
"""
from alembic import op
import sqlalchemy as sa


revision = 'import_health_data'
down_revision = 'ux_account_profile'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('health_days',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_health_days_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_days'))
    )
    with op.batch_alter_table('health_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_days_seq'), ['seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_health_days_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_health_days_user_id_seq', ['user_id', 'seq'], unique=False)

    op.create_table('health_imports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received', sa.BigInteger(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=True),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_health_imports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_health_imports'))
    )
    with op.batch_alter_table('health_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_health_imports_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_health_imports_user_id_sha256', ['user_id', 'sha256'], unique=False)

    op.create_table('health_import_chunks',
    sa.Column('import_id', sa.String(length=36), nullable=False),
    sa.Column('start', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['health_imports.id'], name=op.f('fk_health_import_chunks_import_id_health_imports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('import_id', 'start', name=op.f('pk_health_import_chunks'))
    )
    op.create_table('health_import_days',
    sa.Column('import_id', sa.String(length=36), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['import_id'], ['health_imports.id'], name=op.f('fk_health_import_days_import_id_health_imports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_health_import_days_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('import_id', 'local_date', name=op.f('pk_health_import_days'))
    )
    with op.batch_alter_table('health_import_days', schema=None) as batch_op:
        batch_op.create_index('ix_health_import_days_user_id_local_date', ['user_id', 'local_date'], unique=False)



def downgrade():
    with op.batch_alter_table('health_import_days', schema=None) as batch_op:
        batch_op.drop_index('ix_health_import_days_user_id_local_date')

    op.drop_table('health_import_days')
    op.drop_table('health_import_chunks')
    with op.batch_alter_table('health_imports', schema=None) as batch_op:
        batch_op.drop_index('ix_health_imports_user_id_sha256')
        batch_op.drop_index(batch_op.f('ix_health_imports_user_id'))

    op.drop_table('health_imports')
    with op.batch_alter_table('health_days', schema=None) as batch_op:
        batch_op.drop_index('ix_health_days_user_id_seq')
        batch_op.drop_index(batch_op.f('ix_health_days_user_id'))
        batch_op.drop_index(batch_op.f('ix_health_days_seq'))

    op.drop_table('health_days')
