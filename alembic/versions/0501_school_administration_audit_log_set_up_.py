"""school administration: audit log, set-up invites, school rules, student history

Revision ID: 0501
Revises: 0403
Create Date: 2026-12-01 23:30:43.208896

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0501'
down_revision: Union[str, Sequence[str], None] = '0403'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('before', sa.JSON(), nullable=False),
    sa.Column('after', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_school_at', ['school_id', 'at'], unique=False)

    op.create_table('staffinvite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('surname', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('first_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('patronymic', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staffinvite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffinvite_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffinvite_token_hash'), ['token_hash'], unique=True)

    op.create_table('studentmove',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('from_class_id', sa.Integer(), nullable=True),
    sa.Column('to_class_id', sa.Integer(), nullable=True),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('by', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by'], ['user.id'], ),
    sa.ForeignKeyConstraint(['from_class_id'], ['schoolclass.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], ),
    sa.ForeignKeyConstraint(['to_class_id'], ['schoolclass.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('studentmove', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_studentmove_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_studentmove_student_id'), ['student_id'], unique=False)

    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_rule', sqlmodel.sql.sqltypes.AutoString(length=12), server_default='thresholds', nullable=False))
        batch_op.add_column(sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(length=60), server_default='Europe/Moscow', nullable=False))
        batch_op.add_column(sa.Column('bells', sa.JSON(), server_default='{}', nullable=False))

    with op.batch_alter_table('teachingassignment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('end_date', sa.Date(), nullable=True))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('teachingassignment', schema=None) as batch_op:
        batch_op.drop_column('end_date')
        batch_op.drop_column('start_date')

    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_column('bells')
        batch_op.drop_column('timezone')
        batch_op.drop_column('year_rule')

    with op.batch_alter_table('studentmove', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_studentmove_student_id'))
        batch_op.drop_index(batch_op.f('ix_studentmove_school_id'))

    op.drop_table('studentmove')
    with op.batch_alter_table('staffinvite', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffinvite_token_hash'))
        batch_op.drop_index(batch_op.f('ix_staffinvite_school_id'))

    op.drop_table('staffinvite')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_school_at')

    op.drop_table('auditentry')
