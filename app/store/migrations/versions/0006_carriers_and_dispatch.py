"""carriers, services, zones and rate tables; the service chosen for a parcel and its hand-over

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('carriers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('dim_divisor', sa.Integer(), nullable=False),
    sa.Column('adapter', sa.String(length=40), nullable=False),
    sa.Column('s10_service_indicator', sa.String(length=2), nullable=False),
    sa.Column('s10_country', sa.String(length=2), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('dim_divisor > 0', name=op.f('ck_carriers_dim_divisor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carriers')),
    sa.UniqueConstraint('code', name=op.f('uq_carriers_code'))
    )
    op.create_table('carrier_services',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carrier_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('transit_days', sa.Integer(), nullable=False),
    sa.Column('cutoff', sa.String(length=5), nullable=False),
    sa.CheckConstraint('transit_days >= 0', name=op.f('ck_carrier_services_transit_days')),
    sa.ForeignKeyConstraint(['carrier_id'], ['carriers.id'], name=op.f('fk_carrier_services_carrier_id_carriers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier_services')),
    sa.UniqueConstraint('carrier_id', 'code', name='uq_carrier_services_carrier_code')
    )
    with op.batch_alter_table('carrier_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carrier_services_carrier_id'), ['carrier_id'], unique=False)
    op.create_table('carrier_zones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carrier_id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('postcode_prefix', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['carrier_id'], ['carriers.id'], name=op.f('fk_carrier_zones_carrier_id_carriers'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier_zones')),
    sa.UniqueConstraint('carrier_id', 'country', 'postcode_prefix', name='uq_carrier_zones_carrier_country_prefix')
    )
    with op.batch_alter_table('carrier_zones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carrier_zones_carrier_id'), ['carrier_id'], unique=False)
    op.create_table('carrier_rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=20), nullable=False),
    sa.Column('max_weight_g', sa.Integer(), nullable=False),
    sa.Column('price', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.CheckConstraint('max_weight_g > 0 AND price >= 0', name=op.f('ck_carrier_rates_bracket')),
    sa.ForeignKeyConstraint(['service_id'], ['carrier_services.id'],
                            name=op.f('fk_carrier_rates_service_id_carrier_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier_rates')),
    sa.UniqueConstraint('service_id', 'zone', 'max_weight_g', name='uq_carrier_rates_service_zone_weight')
    )
    with op.batch_alter_table('carrier_rates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_carrier_rates_service_id'), ['service_id'], unique=False)

    with op.batch_alter_table('parcels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carrier', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('service', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('shipping_cost', sa.Numeric(precision=14, scale=4), nullable=True))
        batch_op.add_column(sa.Column('chargeable_weight_g', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('expected_delivery', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('service_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('handed_over_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('handed_over_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('tracking_status', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_parcels_carrier'), ['carrier'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcels_handed_over_at'), ['handed_over_at'], unique=False)

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sla_breached_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('tracking_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parcel_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parcel_id'], ['parcels.id'], name=op.f('fk_tracking_events_parcel_id_parcels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracking_events')),
    sa.UniqueConstraint('parcel_id', 'status', 'at', name='uq_tracking_events_parcel_status_at')
    )
    with op.batch_alter_table('tracking_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_events_parcel_id'), ['parcel_id'], unique=False)

    op.create_table('outbox_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sending_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.CheckConstraint("state IN ('queued', 'sending', 'sent', 'failed', 'unknown')",
                       name=op.f('ck_outbox_messages_state')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_outbox_messages_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages')),
    sa.UniqueConstraint('key', name=op.f('uq_outbox_messages_key')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbox_messages_message_id'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_messages_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_messages_state'), ['state'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=15), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('gateway', sa.String(length=40), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('invoice_number', sa.String(length=40), nullable=True),
    sa.CheckConstraint("kind IN ('authorisation', 'capture', 'refund')", name=op.f('ck_payments_kind')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_payments_amount')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_payments_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('key', name=op.f('uq_payments_key'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payments_order_id'), ['order_id'], unique=False)

    op.create_table('returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rma', sa.String(length=20), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('tracking_number', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('inspected_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('refund_amount', sa.Numeric(precision=14, scale=4), nullable=True),
    sa.CheckConstraint("status IN ('open', 'received', 'inspected', 'refunded')", name=op.f('ck_returns_status')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_returns_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_returns')),
    sa.UniqueConstraint('rma', name=op.f('uq_returns_rma'))
    )
    with op.batch_alter_table('returns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_returns_order_id'), ['order_id'], unique=False)
    op.create_table('return_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=True),
    sa.Column('location', sa.String(length=32), nullable=True),
    sa.Column('photo', sa.String(length=500), nullable=True),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_return_lines_quantity')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_return_lines_order_line_id_order_lines')),
    sa.ForeignKeyConstraint(['return_id'], ['returns.id'], name=op.f('fk_return_lines_return_id_returns'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_lines'))
    )
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_lines_return_id'), ['return_id'], unique=False)

    op.create_table('order_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_documents_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_documents')),
    sa.UniqueConstraint('order_id', 'sha256', name='uq_order_documents_order_sha256')
    )
    with op.batch_alter_table('order_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_documents_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('order_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_documents_order_id'))
    op.drop_table('order_documents')
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_lines_return_id'))
    op.drop_table('return_lines')
    with op.batch_alter_table('returns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_returns_order_id'))
    op.drop_table('returns')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_order_id'))
    op.drop_table('payments')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_state'))
        batch_op.drop_index(batch_op.f('ix_outbox_messages_order_id'))
    op.drop_table('outbox_messages')
    with op.batch_alter_table('tracking_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_events_parcel_id'))
    op.drop_table('tracking_events')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('sla_breached_at')
    with op.batch_alter_table('parcels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcels_handed_over_at'))
        batch_op.drop_index(batch_op.f('ix_parcels_carrier'))
        for column in ('delivered_at', 'tracking_status', 'handed_over_by', 'handed_over_at', 'service_reason', 'expected_delivery',
                       'chargeable_weight_g', 'shipping_cost', 'service', 'carrier'):
            batch_op.drop_column(column)
    for table in ('carrier_rates', 'carrier_zones', 'carrier_services'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_' + ('service_id' if table == 'carrier_rates' else 'carrier_id')))
        op.drop_table(table)
    op.drop_table('carriers')
