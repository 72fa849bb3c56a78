"""Actors: the people, organisations, groups and places an article names, with their roles."""

from briefing.analyze.actors.extract import extract_actors

__all__ = ["extract_actors"]
