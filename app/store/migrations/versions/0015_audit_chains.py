"""audit_log.chain: one hash chain per station beside the office's, so stations append their
audit records without queueing on one lock (docs/supervisors.md, "The audit log")

Existing records stay in the office's chain "" and keep their hashes (a record of chain ""
hashes as before). The (chain, seq) pair replaces seq as the unique key. SQLite rebuilds the
table for that, which drops its triggers: they are made again here, as in 0007.

Revision ID: 0015
Revises: 0014
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "audit_log is append-only: audit records cannot be changed or deleted"


def _sqlite_triggers() -> None:
    for action in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log "
                   f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{action}")
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('chain', sa.String(length=40), server_default='', nullable=False))
        batch.drop_constraint('uq_audit_log_seq', type_='unique')
        batch.create_unique_constraint('uq_audit_log_chain_seq', ['chain', 'seq'])
    if sqlite:
        _sqlite_triggers()


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_log_no_{action}")
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_constraint('uq_audit_log_chain_seq', type_='unique')
        batch.create_unique_constraint('uq_audit_log_seq', ['seq'])
        batch.drop_column('chain')
    if sqlite:
        _sqlite_triggers()
