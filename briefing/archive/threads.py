"""Stories that continue across days: each story gets a thread and a link to its day before.

A story's thread is named after the day and id where it first appeared. A story of
today that continues one of the previous briefing's stories (the same test compose
uses to call it "continuing") inherits that story's thread, so threads are decided from
the past alone and a day's page can link to its thread when it is written.
"""

from __future__ import annotations

from briefing.compose import continued_story


def thread_slug(day: str, story_id: str) -> str:
    return f"{day}-{story_id}"


def link_threads(data: dict, previous: dict | None) -> None:
    """Set `thread` and, for a continuing story, `previous` on each story of `data`."""
    before = [story for section in (previous or {}).get("sections") or [] for story in section.get("stories") or []]
    keys = [story.get("key") or "" for story in before]
    for section in data.get("sections") or []:
        for story in section.get("stories") or []:
            match = continued_story(story.get("key") or "", keys) if before else None
            if match is None:
                story["thread"] = thread_slug(data["date"], story["id"])
                story["previous"] = None
                continue
            old = before[match]
            story["thread"] = old.get("thread") or thread_slug(previous["date"], old["id"])
            story["previous"] = {
                "date": previous["date"],
                "job": previous["job"],
                "id": old["id"],
                "title": old.get("title"),
            }
