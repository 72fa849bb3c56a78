"""Compose: the day's articles become stories, ranked and placed in sections."""

from briefing.compose.stories import actor_key, actor_keys, compose_briefing, continued_story, story_key

__all__ = ["actor_key", "actor_keys", "compose_briefing", "continued_story", "story_key"]
