"""psychologist: requests, thread, shares, offers, access log, settings

Revision ID: 0602
Revises: 0501
Create Date: 2026-12-02 03:15:44.792797

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0602'
down_revision: Union[str, Sequence[str], None] = '0501'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('psychologistsettings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('answer_days', sa.Integer(), nullable=False),
    sa.Column('notice', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('school_id')
    )
    op.create_table('psychologistrequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('text_html', sqlmodel.sql.sqltypes.AutoString(length=16000), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('psychologistrequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychologistrequest_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_psyrequest_school_status', ['school_id', 'status'], unique=False)

    op.create_table('psychologistaccess',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['psychologistrequest.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('psychologistaccess', schema=None) as batch_op:
        batch_op.create_index('ix_psyaccess_request_at', ['request_id', 'at'], unique=False)

    op.create_table('psychologistoffer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['psychologistrequest.id'], ),
    sa.ForeignKeyConstraint(['slot_id'], ['meetingslot.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slot_id')
    )
    with op.batch_alter_table('psychologistoffer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychologistoffer_request_id'), ['request_id'], unique=False)

    op.create_table('psychologistreply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('body_html', sqlmodel.sql.sqltypes.AutoString(length=16000), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['psychologistrequest.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('psychologistreply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychologistreply_request_id'), ['request_id'], unique=False)

    op.create_table('psychologistshare',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('shared_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['user.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['psychologistrequest.id'], ),
    sa.ForeignKeyConstraint(['shared_by'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id', 'person_id')
    )
    with op.batch_alter_table('psychologistshare', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_psychologistshare_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_psychologistshare_request_id'), ['request_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('psychologistshare', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psychologistshare_request_id'))
        batch_op.drop_index(batch_op.f('ix_psychologistshare_person_id'))

    op.drop_table('psychologistshare')
    with op.batch_alter_table('psychologistreply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psychologistreply_request_id'))

    op.drop_table('psychologistreply')
    with op.batch_alter_table('psychologistoffer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_psychologistoffer_request_id'))

    op.drop_table('psychologistoffer')
    with op.batch_alter_table('psychologistaccess', schema=None) as batch_op:
        batch_op.drop_index('ix_psyaccess_request_at')

    op.drop_table('psychologistaccess')
    with op.batch_alter_table('psychologistrequest', schema=None) as batch_op:
        batch_op.drop_index('ix_psyrequest_school_status')
        batch_op.drop_index(batch_op.f('ix_psychologistrequest_parent_id'))

    op.drop_table('psychologistrequest')
    op.drop_table('psychologistsettings')
