"""capture_requests (the payment capture made after the hand-over commits) and
orders.archived_at (`packdesk orders archive`); order_documents unique per (order, name, sha256): a
label version reprinted unchanged is kept under its own version's name

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.roles import role_names, role_prefix

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('capture_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('invoice_number', sa.String(length=40), nullable=True),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('capturing_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('captured_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('exception_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state IN ('pending', 'capturing', 'captured')", name=op.f('ck_capture_requests_state')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_capture_requests_amount')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_capture_requests_order_id_orders')),
    sa.ForeignKeyConstraint(['exception_id'], ['pack_exceptions.id'],
                            name=op.f('fk_capture_requests_exception_id_pack_exceptions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capture_requests')),
    sa.UniqueConstraint('key', name=op.f('uq_capture_requests_key'))
    )
    with op.batch_alter_table('capture_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_capture_requests_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_capture_requests_state'), ['state'], unique=False)
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('order_documents') as batch:
        batch.drop_constraint('uq_order_documents_order_sha256', type_='unique')
        batch.create_unique_constraint('uq_order_documents_order_name_sha256', ['order_id', 'name', 'sha256'])
    if op.get_bind().dialect.name == 'postgresql':
        # the dock queues the capture at hand-over (app.store.roles.STATION_WRITES)
        station = role_names(role_prefix())['station']
        op.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = "
                   f"'{station}') THEN GRANT INSERT, UPDATE ON capture_requests TO \"{station}\"; END IF; END $$")


def downgrade() -> None:
    with op.batch_alter_table('order_documents') as batch:
        batch.drop_constraint('uq_order_documents_order_name_sha256', type_='unique')
        batch.create_unique_constraint('uq_order_documents_order_sha256', ['order_id', 'sha256'])
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('archived_at')
    with op.batch_alter_table('capture_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_capture_requests_state'))
        batch_op.drop_index(batch_op.f('ix_capture_requests_order_id'))
    op.drop_table('capture_requests')
