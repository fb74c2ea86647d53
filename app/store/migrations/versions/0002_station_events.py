"""station events: the append-only audit log of supervisor authorisations at a station

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "station_events is append-only: events cannot be changed or deleted"


def upgrade() -> None:
    op.create_table('station_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('station', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('method', sa.String(length=8), nullable=True),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_station_events_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_station_events'))
    )
    with op.batch_alter_table('station_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_station_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_station_events_station'), ['station'], unique=False)
    _make_append_only()


def _make_append_only() -> None:
    """Like order_events: the database itself refuses UPDATE and DELETE, whoever connects."""
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER station_events_no_{action.lower()} BEFORE {action} ON station_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION station_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER station_events_append_only BEFORE UPDATE OR DELETE ON station_events "
            "FOR EACH ROW EXECUTE FUNCTION station_events_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS station_events_append_only ON station_events")
        op.execute("DROP FUNCTION IF EXISTS station_events_append_only()")
    with op.batch_alter_table('station_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_station_events_station'))
        batch_op.drop_index(batch_op.f('ix_station_events_at'))
    op.drop_table('station_events')
