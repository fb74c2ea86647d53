"""manifest_documents: every carrier manifest printed, kept per carrier and local day by the
SHA-256 of its bytes (`packdesk dispatch manifests --day D --out DIR` writes them back)

Revision ID: 0017
Revises: 0015
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('manifest_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carrier', sa.String(length=20), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_manifest_documents')),
    sa.UniqueConstraint('carrier', 'day', 'name', 'sha256', name='uq_manifest_documents_content')
    )
    with op.batch_alter_table('manifest_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_manifest_documents_day'), ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('manifest_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_manifest_documents_day'))
    op.drop_table('manifest_documents')
