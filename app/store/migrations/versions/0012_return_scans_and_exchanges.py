"""return_lines.received_quantity (items scanned at the returns station) and
returns.exchange_order_id (the order an exchange sends out) (issue 15); on PostgreSQL the
station role's grants again (the returns station updates returns and return_lines)

Revision ID: 0012
Revises: 0010
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.roles import create_statements, role_prefix

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('return_lines') as batch:
        batch.add_column(sa.Column('received_quantity', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('returns') as batch:
        batch.add_column(sa.Column('exchange_order_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_returns_exchange_order_id_orders'), 'orders', ['exchange_order_id'], ['id'])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # safe to run again: only grants what is missing
        tables = sorted(t for t in sa.inspect(bind).get_table_names() if t != "alembic_version")
        for statement in create_statements(role_prefix(), tables):
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table('returns') as batch:
        batch.drop_constraint(op.f('fk_returns_exchange_order_id_orders'), type_='foreignkey')
        batch.drop_column('exchange_order_id')
    with op.batch_alter_table('return_lines') as batch:
        batch.drop_column('received_quantity')
