"""school life: news pictures, edits and withdrawals, feeds per child

Revision ID: 0403
Revises: 0402
Create Date: 2026-12-01 23:12:24.584538

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0403'
down_revision: Union[str, Sequence[str], None] = '0402'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('newspicture',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('storage_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['newspost.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('storage_name')
    )
    with op.batch_alter_table('newspicture', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_newspicture_post_id'), ['post_id'], unique=False)

    with op.batch_alter_table('calendarfeed', schema=None) as batch_op:
        batch_op.add_column(sa.Column('student_ids', sa.JSON(), nullable=True))

    with op.batch_alter_table('newspost', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('newspost', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('updated_at')

    with op.batch_alter_table('calendarfeed', schema=None) as batch_op:
        batch_op.drop_column('student_ids')

    with op.batch_alter_table('newspicture', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_newspicture_post_id'))

    op.drop_table('newspicture')
