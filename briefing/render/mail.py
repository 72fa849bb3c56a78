"""The briefing as mail: HTML (CSS inlined by css-inline) and plain text, both rendered
from the archived briefing JSON with `templates/mail.html.j2` and `mail.txt.j2`.

Mail clients drop <style> blocks and web fonts, and Gmail clips an HTML body over about
102 KB, so the HTML part has every style inline, no external resource, and stays under
`HTML_LIMIT` by rendering fewer stories (the full briefing is the attached PDF)."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import RenderError
from briefing.render.page import LABELS, direction, environment

HTML_LIMIT = 100_000
TRIM_NOTES = {
    "ar": "هذه نسخة مختصرة من الموجز ({shown} من {total} قصة)؛ الموجز الكامل في ملف PDF المرفق.",
    "en": "This email shows {shown} of {total} stories: the full briefing is in the attached PDF.",
}


def _stories(data: dict) -> list[tuple[str, dict]]:
    return [
        (section.get("title") or "", story)
        for section in data.get("sections") or []
        for story in section.get("stories") or []
    ]


def _sections(stories: list[tuple[str, dict]]) -> list[tuple[str, list[dict]]]:
    out: list[tuple[str, list[dict]]] = []
    for title, story in stories:
        if not out or out[-1][0] != title:
            out.append((title, []))
        out[-1][1].append(story)
    return out


def render_mail(data: dict, *, templates_dir: Path | None = None, limit: int = HTML_LIMIT) -> tuple[str, str]:
    """(html, text) of the mail for the archived briefing `data`."""
    import css_inline
    import jinja2

    language = data.get("language") or "en"
    env = environment(templates_dir)
    stories = _stories(data)
    context = {
        "b": data,
        "labels": LABELS.get(language, LABELS["en"]),
        "dir": direction(language),
        "sources": {a["id"]: a for _, st in stories for a in st.get("articles") or []},
    }
    note = TRIM_NOTES.get(language, TRIM_NOTES["en"])
    try:
        text = env.get_template("mail.txt.j2").render(sections=_sections(stories), note="", **context)
        shown = len(stories)
        while True:
            trimmed = note.format(shown=shown, total=len(stories)) if shown < len(stories) else ""
            page = env.get_template("mail.html.j2").render(sections=_sections(stories[:shown]), note=trimmed, **context)
            html = css_inline.inline(page)
            size = len(html.encode("utf-8"))
            if size <= limit or shown == 0:
                return html, text
            # fewer stories in proportion to the excess, at least one fewer each round
            shown = min(shown - 1, int(shown * limit / size * 0.95))
    except jinja2.TemplateError as exc:
        raise RenderError(f"template error in the mail templates: {exc}") from None
