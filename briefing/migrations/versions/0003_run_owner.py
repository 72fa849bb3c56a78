"""Who runs a ledger row: the process id and host name, so that a run whose process was
killed can be told from one still going (and marked `abandoned`).

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer))
        batch.add_column(sa.Column("host", sa.String(255)))


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("host")
        batch.drop_column("pid")
