"""database roles: a station, an admin and a reporting role with least privilege (PostgreSQL);
journal_receipts: the offline journal's applied idempotency keys

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.roles import create_statements, revoke_statements, role_prefix

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('journal_receipts',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('order_number', sa.String(length=40), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_journal_receipts'))
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite has no users: the file's permissions are its access control
    tables = sorted(t for t in sa.inspect(bind).get_table_names() if t != "alembic_version")
    for statement in create_statements(role_prefix(), tables):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in revoke_statements(role_prefix()):
            op.execute(statement)
    op.drop_table('journal_receipts')
