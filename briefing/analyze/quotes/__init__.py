"""Quotes: who said what, in Arabic and English."""

from briefing.analyze.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
