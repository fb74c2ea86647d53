"""pick lists: the orders of each printed pick list

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pick_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_lists')),
    sa.UniqueConstraint('code', name=op.f('uq_pick_lists_code'))
    )
    op.create_table('pick_list_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pick_list_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_pick_list_orders_order_id_orders')),
    sa.ForeignKeyConstraint(['pick_list_id'], ['pick_lists.id'], name=op.f('fk_pick_list_orders_pick_list_id_pick_lists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_list_orders')),
    sa.UniqueConstraint('pick_list_id', 'order_id', name='uq_pick_list_orders_list_order')
    )
    with op.batch_alter_table('pick_list_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pick_list_orders_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pick_list_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pick_list_orders_order_id'))

    op.drop_table('pick_list_orders')
    op.drop_table('pick_lists')
