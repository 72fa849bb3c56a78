"""briefing: daily news briefings in Arabic and English."""

__version__ = "0.2.0"
