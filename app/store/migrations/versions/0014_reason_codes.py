"""reason_codes: the reason codes an administrator added or retired (issue 16, admin screens)

Revision ID: 0014
Revises: 0013
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.roles import role_names, role_prefix

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reason_codes',
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('changed_by', sa.String(length=64), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_reason_codes')),
    )
    if op.get_bind().dialect.name == "postgresql":
        # a station reads the codes for every decision on its review screen; only the admin role
        # (the CLI, or a station connecting as an admin) changes them: admin and reporting get
        # their rights from 0008's default privileges
        op.execute(f'GRANT SELECT ON reason_codes TO "{role_names(role_prefix())["station"]}"')


def downgrade() -> None:
    op.drop_table('reason_codes')
