"""Render: the briefing as JSON, HTML pages, the archival PDF, the archive site and mail."""

from briefing.render.mail import render_mail
from briefing.render.page import (
    LABELS,
    TEMPLATES,
    briefing_dict,
    chart_svg,
    dates,
    direction,
    environment,
    isolate,
    render_html,
    render_pdf,
)
from briefing.render.site import site_renderer

__all__ = [
    "LABELS",
    "TEMPLATES",
    "briefing_dict",
    "chart_svg",
    "dates",
    "direction",
    "environment",
    "isolate",
    "render_html",
    "render_mail",
    "render_pdf",
    "site_renderer",
]
