"""Full-text search over archived briefings (key points, actors, story titles).

The table comes from migration 0002: FTS5 on SQLite, a tsvector GIN index on
PostgreSQL. Both index the same `terms` column: the folded words of the text and
their Snowball stems, so "إيران" finds "ايران" and "وإيران", and "sanction" finds
"sanctions". Queries match every query word (as a word or as a stem).
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from briefing.text.script import has_arabic

_WORD = re.compile(r"[^\W_]+")


def _alternatives(text: str) -> list[list[str]]:
    """For each word of `text`: the folded word and its stem (language chosen by script)."""
    try:
        from briefing.text.tokens import stem, words
    except ImportError:
        return [[w.lower()] for w in _WORD.findall(text)]
    out = []
    for word in words(text, "und"):
        lang = "ar" if has_arabic(word) else "en"
        alts = ["".join(_WORD.findall(t)) for t in dict.fromkeys((word, stem(word, lang)))]
        alts = [a for a in alts if a]
        if alts:
            out.append(alts)
    return out


def _terms(text: str) -> list[str]:
    """Folded words plus their stems, deduplicated, in order."""
    return list(dict.fromkeys(t for alts in _alternatives(text) for t in alts))


def _rows(job: str, day: date, data: dict) -> list[dict]:
    rows = []
    for section in data.get("sections", []):
        for story in section.get("stories", []):
            base = {"job": job, "date": day.isoformat(), "story_id": story["id"], "story_title": story["title"]}
            rows.append({**base, "kind": "title", "text": story["title"]})
            for point in story.get("key_points", []):
                rows.append({**base, "kind": "point", "text": point["text"]})
            for actor in story.get("actors", []):
                rows.append({**base, "kind": "actor", "text": actor["name"]})
            for row in rows[-(1 + len(story.get("key_points", [])) + len(story.get("actors", []))) :]:
                row["terms"] = " ".join(_terms(row["text"]))
    return rows


def delete_index(store, job: str, day: date) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("DELETE FROM briefing_search WHERE job = :job AND date = :date"),
            {"job": job, "date": day.isoformat() if conn.dialect.name == "sqlite" else day},
        )


def index_briefing(store, job: str, day: date, briefing: dict) -> int:
    """(Re)index one archived briefing (its JSON form). Returns the number of rows."""
    rows = _rows(job, day, briefing)
    with store.engine.begin() as conn:
        sqlite = conn.dialect.name == "sqlite"
        params = {"job": job, "date": day.isoformat() if sqlite else day}
        conn.execute(sa.text("DELETE FROM briefing_search WHERE job = :job AND date = :date"), params)
        if rows:
            if not sqlite:
                rows = [{**r, "date": day} for r in rows]
            conn.execute(
                sa.text(
                    "INSERT INTO briefing_search (job, date, story_id, kind, story_title, text, terms) "
                    "VALUES (:job, :date, :story_id, :kind, :story_title, :text, :terms)"
                ),
                rows,
            )
    return len(rows)


def search(store, text: str, *, job: str | None = None, limit: int = 20) -> list[dict]:
    """Archived key points, actors and titles matching every word of `text`, newest first."""
    words_only = _alternatives(text)
    if not words_only:
        return []
    with store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            match = " AND ".join("(" + " OR ".join(f'"{t}"' for t in alts) + ")" for alts in words_only)
            where, params = "briefing_search MATCH :q", {"q": f"terms : ({match})"}
        else:
            query = " & ".join("(" + " | ".join(f"'{t}'" for t in alts) + ")" for alts in words_only)
            where, params = "to_tsvector('simple', terms) @@ to_tsquery('simple', :q)", {"q": query}
        if job is not None:
            where += " AND job = :job"
            params["job"] = job
        sql = (
            f"SELECT job, date, story_id, kind, story_title, text FROM briefing_search WHERE {where} "
            f"ORDER BY date DESC, job, story_id, kind LIMIT :limit"
        )
        params["limit"] = int(limit)
        result = conn.execute(sa.text(sql), params)
        return [
            {
                "job": r.job,
                "date": str(r.date),
                "story_id": r.story_id,
                "kind": r.kind,
                "story_title": r.story_title,
                "text": r.text,
            }
            for r in result
        ]
