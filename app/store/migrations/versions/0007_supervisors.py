"""supervisors: the chained audit log (append-only) and the decisions on the exception queue

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# every change the board shows writes to one of these (a status change, a scan, a problem: an order event)
BOARD_TABLES = ("order_events", "station_events", "exception_reviews", "stations")
APPEND_ONLY_MESSAGE = "audit_log is append-only: audit records cannot be changed or deleted"


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_log_seq'))
    )
    op.create_table('exception_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('station', sa.String(length=40), nullable=True),
    sa.Column('packer', sa.String(length=64), nullable=True),
    sa.Column('happened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_exception_reviews_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exception_reviews')),
    sa.UniqueConstraint('key', name=op.f('uq_exception_reviews_key'))
    )
    with op.batch_alter_table('exception_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exception_reviews_order_id'), ['order_id'], unique=False)
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.create_index('ix_order_events_kind_at', ['kind', 'at'], unique=False)
    with op.batch_alter_table('scans', schema=None) as batch_op:
        batch_op.create_index('ix_scans_outcome_at', ['outcome', 'at'], unique=False)
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('devices', sa.Text(), nullable=True))
    _make_append_only()
    _notify_the_board()


def _notify_the_board() -> None:
    """On PostgreSQL every write the live board shows wakes it (LISTEN packdesk_floor): one
    notification per statement, merged by the server within a transaction."""
    if op.get_bind().dialect.name == "sqlite":
        return  # SQLite's board polls PRAGMA data_version
    op.execute("CREATE FUNCTION packdesk_floor_changed() RETURNS trigger LANGUAGE plpgsql AS "
               "$$ BEGIN PERFORM pg_notify('packdesk_floor', TG_TABLE_NAME); RETURN NULL; END $$")
    for table in BOARD_TABLES:
        op.execute(f"CREATE TRIGGER {table}_floor_changed AFTER INSERT OR UPDATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION packdesk_floor_changed()")


def _make_append_only() -> None:
    """Like order_events: the database itself refuses UPDATE and DELETE, whoever connects."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        for table in BOARD_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_floor_changed ON {table}")
        op.execute("DROP FUNCTION IF EXISTS packdesk_floor_changed()")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.drop_column('devices')
    with op.batch_alter_table('scans', schema=None) as batch_op:
        batch_op.drop_index('ix_scans_outcome_at')
    with op.batch_alter_table('order_events', schema=None) as batch_op:
        batch_op.drop_index('ix_order_events_kind_at')
    with op.batch_alter_table('exception_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exception_reviews_order_id'))
    op.drop_table('exception_reviews')
    op.drop_table('audit_log')
