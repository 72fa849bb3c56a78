"""The static search index of the archive site: one document per story of every archived
briefing (its title, key points, actors and quotes), under the terms of
`briefing.text.search`. `search.html` loads it and looks terms up in the browser."""

from __future__ import annotations

from briefing.text.search import index_terms

SNIPPET = 220


def _story_text(story: dict) -> str:
    parts = [story.get("title") or ""]
    parts += [p.get("text") or "" for p in story.get("key_points") or [] if isinstance(p, dict)]
    parts += [f"{a.get('name') or ''} {a.get('role') or ''}" for a in story.get("actors") or []]
    parts += [f"{q.get('speaker') or ''} {q.get('text') or ''}" for q in story.get("quotes") or []]
    return "\n".join(parts)


def search_index(days: list) -> dict:
    """{docs: [[href, date, job, title, snippet, language], ...], terms: {term: [doc, ...]}}.

    Newest days come first, so results list the latest briefing first."""
    docs: list[list] = []
    terms: dict[str, list[int]] = {}
    for day in sorted(days, key=lambda d: (d.date, d.job), reverse=True):
        for story in day.stories:
            points = [p.get("text") or "" for p in story.get("key_points") or [] if isinstance(p, dict)]
            snippet = " ".join(points)[:SNIPPET]
            doc = len(docs)
            docs.append(
                [
                    f"{day.href('html')}#story-{story['id']}",
                    day.date,
                    day.job,
                    story.get("title") or "",
                    snippet,
                    story.get("language") or day.data.get("language") or "en",
                ]
            )
            for term in index_terms(_story_text(story)):
                terms.setdefault(term, []).append(doc)
    return {"version": 1, "docs": docs, "terms": dict(sorted(terms.items()))}
