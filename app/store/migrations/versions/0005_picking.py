"""picking: how a wave's pick list was made (strategy, zone, wave, status) and its lines; an
index on orders.email

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('pick_lists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('strategy', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('zone', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('wave', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default='open', nullable=False))

    with op.batch_alter_table('orders', schema=None) as batch_op:  # the first-order review rule counts by it
        batch_op.create_index(batch_op.f('ix_orders_email'), ['email'], unique=False)

    op.create_table('pick_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pick_list_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('stock_hold_id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('picked_quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('picked_by', sa.String(length=64), nullable=True),
    sa.Column('picked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('quantity >= 1 AND picked_quantity >= 0 AND picked_quantity <= quantity',
                       name=op.f('ck_pick_lines_quantity')),
    sa.CheckConstraint("status IN ('open', 'picked', 'short', 'cancelled')", name=op.f('ck_pick_lines_status')),
    sa.ForeignKeyConstraint(['pick_list_id'], ['pick_lists.id'], name=op.f('fk_pick_lines_pick_list_id_pick_lists'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_pick_lines_order_id_orders')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'],
                            name=op.f('fk_pick_lines_order_line_id_order_lines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stock_hold_id'], ['stock_holds.id'],
                            name=op.f('fk_pick_lines_stock_hold_id_stock_holds')),
    sa.ForeignKeyConstraint(['stock_id'], ['stock.id'], name=op.f('fk_pick_lines_stock_id_stock')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_lines'))
    )
    with op.batch_alter_table('pick_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pick_lines_pick_list_id'), ['pick_list_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pick_lines_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pick_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pick_lines_order_id'))
        batch_op.drop_index(batch_op.f('ix_pick_lines_pick_list_id'))
    op.drop_table('pick_lines')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orders_email'))
    with op.batch_alter_table('pick_lists', schema=None) as batch_op:
        batch_op.drop_column('status')
        batch_op.drop_column('wave')
        batch_op.drop_column('zone')
        batch_op.drop_column('strategy')
