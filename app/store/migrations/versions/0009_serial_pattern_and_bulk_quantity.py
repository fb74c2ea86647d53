"""serial pattern and bulk quantity per product (issue 13): a serial-tracked product may name the
pattern of its serial numbers; a bulk product is scanned once and its quantity entered, up to
a maximum

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('serial_pattern', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('bulk_max_quantity', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('bulk_max_quantity')
        batch_op.drop_column('serial_pattern')
