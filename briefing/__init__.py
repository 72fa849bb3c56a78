"""briefing: daily news briefings in Arabic and English."""

__version__ = "0.1.0"
