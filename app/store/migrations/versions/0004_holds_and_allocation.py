"""holds and allocation: typed hold reasons, the stock hold ledger, lots at bins, pack_from,
restock dates

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('released_by', sa.String(length=64), nullable=True),
    sa.Column('release_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_holds_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_holds'))
    )
    with op.batch_alter_table('order_holds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_holds_order_id'), ['order_id'], unique=False)

    op.create_table('stock_holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_stock_holds_quantity')),
    sa.CheckConstraint("status IN ('held', 'picked', 'shipped', 'released')", name=op.f('ck_stock_holds_status')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_stock_holds_order_id_orders')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'],
                            name=op.f('fk_stock_holds_order_line_id_order_lines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stock_id'], ['stock.id'], name=op.f('fk_stock_holds_stock_id_stock')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_holds'))
    )
    with op.batch_alter_table('stock_holds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_holds_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_holds_order_line_id'), ['order_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_holds_stock_id'), ['stock_id'], unique=False)

    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lot', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('expiry', sa.Date(), nullable=True))

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('restock_date', sa.Date(), nullable=True))

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pack_from', sa.String(length=10), server_default='picked', nullable=False))
        batch_op.add_column(sa.Column('billing_postcode', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('billing_country', sa.String(length=2), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('billing_country')
        batch_op.drop_column('billing_postcode')
        batch_op.drop_column('pack_from')

    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_column('restock_date')

    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.drop_column('expiry')
        batch_op.drop_column('lot')

    with op.batch_alter_table('stock_holds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_holds_stock_id'))
        batch_op.drop_index(batch_op.f('ix_stock_holds_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_stock_holds_order_id'))
    op.drop_table('stock_holds')

    with op.batch_alter_table('order_holds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_holds_order_id'))
    op.drop_table('order_holds')
