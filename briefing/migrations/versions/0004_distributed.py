"""Scale-out bookkeeping: one claim per (kind, job, date), analysis attempts and
failures (poison articles), and per-host fetch slots shared by every worker.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed", TZ, nullable=False),
        sa.Column("finished", TZ),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("kind", "job", "date", name="uq_claim_kind_job_date"),
    )
    op.create_table(
        "analysis_attempts",
        sa.Column("content_hash", sa.String(64), primary_key=True),
        sa.Column("version", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("updated", TZ, nullable=False),
    )
    op.create_table(
        "host_slots",
        sa.Column("host", sa.String(255), primary_key=True),
        sa.Column("slot", sa.Integer, primary_key=True),
        sa.Column("holder", sa.String(64)),
        sa.Column("expires", TZ),
    )


def downgrade() -> None:
    op.drop_table("host_slots")
    op.drop_table("analysis_attempts")
    op.drop_table("claims")
