"""Actors: the people, organisations, groups and places an article names, with their roles."""

from briefing.analyze.actors.extract import actor_views, extract_actors

__all__ = ["actor_views", "extract_actors"]
