"""packdesk_audit_chain_end(lock, chain): on PostgreSQL, the audit append's chain lock and the
read of the chain's last record in ONE round trip (docs/scaling.md, "The confirm")

The function takes the chain's transaction-scoped advisory lock, then reads the last record.
It is VOLATILE PL/pgSQL, so its SELECT runs with a snapshot taken after the lock was granted
(READ COMMITTED): a record appended and committed by the appender that held the lock before is
seen, as it was with the two statements. SQLite needs nothing (BEGIN IMMEDIATE).

Revision ID: 0018
Revises: 0017
"""
from __future__ import annotations

from alembic import op

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute(
        "CREATE FUNCTION packdesk_audit_chain_end(lock_key integer, chain_name text, "
        "OUT seq bigint, OUT hash varchar) LANGUAGE plpgsql VOLATILE AS $$ "
        "BEGIN "
        "PERFORM pg_advisory_xact_lock(lock_key, hashtext(chain_name)); "
        "SELECT a.seq, a.hash INTO seq, hash FROM audit_log AS a WHERE a.chain = chain_name "
        "ORDER BY a.seq DESC LIMIT 1; "
        "END $$")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP FUNCTION IF EXISTS packdesk_audit_chain_end(integer, text)")
