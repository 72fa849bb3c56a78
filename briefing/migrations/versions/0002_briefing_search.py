"""Full-text search over archived briefings: one row per story title, key point and actor.

SQLite: an FTS5 virtual table. PostgreSQL: a plain table with a `to_tsvector('simple', ...)`
expression GIN index ('simple': no language stemming; our own folding and Snowball stems
are written into `terms`, the same for Arabic and English).

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE briefing_search USING fts5("
            "job UNINDEXED, date UNINDEXED, story_id UNINDEXED, kind UNINDEXED, "
            "story_title UNINDEXED, text UNINDEXED, terms, tokenize = 'unicode61 remove_diacritics 2')"
        )
        return
    op.create_table(
        "briefing_search",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("job", sa.String(64), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("story_id", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("story_title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
    )
    op.create_index("ix_briefing_search_job_date", "briefing_search", ["job", "date"])
    op.execute("CREATE INDEX ix_briefing_search_terms ON briefing_search "
               "USING GIN (to_tsvector('simple', terms))")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS briefing_search")
