"""Pages of the archive site (templates/site/*.j2), in the archive's main language."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import RenderError
from briefing.render.page import direction, environment

SITE_LABELS = {
    "ar": {
        "archive": "أرشيف الموجز",
        "search": "بحث",
        "actors": "الفاعلون",
        "stories": "قصص",
        "articles": "مقالات",
        "search_hint": "ابحث في كل الموجزات (بالعربية أو الإنجليزية)",
        "no_results": "لا نتائج.",
        "results": "نتيجة",
        "person": "أشخاص",
        "organization": "منظمات",
        "group": "جماعات",
        "place": "أماكن",
        "timeline": "الأيام والقصص",
        "quotes": "أقواله",
        "roles": "الصفات كما وردت",
        "companions": "يظهر معه غالباً",
        "also_named": "يُذكر أيضاً باسم",
        "days": "أيام",
        "story": "القصة",
        "earlier": "سابقاً",
        "all_days": "كل أيام هذه القصة",
        "empty": "لم يُؤرشف أي موجز بعد.",
        "moved": "انتقلت هذه الصفحة إلى",
        "needs_js": "البحث يحتاج إلى جافاسكربت.",
        "source": "المصدر",
    },
    "en": {
        "archive": "Briefing archive",
        "search": "Search",
        "actors": "Actors",
        "stories": "stories",
        "articles": "articles",
        "search_hint": "Search every briefing (Arabic or English)",
        "no_results": "No results.",
        "results": "results",
        "person": "People",
        "organization": "Organisations",
        "group": "Groups",
        "place": "Places",
        "timeline": "Days and stories",
        "quotes": "Quotes",
        "roles": "Roles as written",
        "companions": "Most often with",
        "also_named": "Also named",
        "days": "days",
        "story": "Story",
        "earlier": "Earlier",
        "all_days": "Every day of this story",
        "empty": "No briefing has been archived yet.",
        "moved": "This page moved to",
        "needs_js": "Search needs JavaScript.",
        "source": "source",
    },
}


def site_labels(language: str) -> dict[str, str]:
    return SITE_LABELS.get(language, SITE_LABELS["en"])


def site_renderer(language: str, templates_dir: Path | None = None):
    """A function (template, root, **context) -> HTML for pages of the site, with one
    template environment for all of them; `root` leads back to out/ ("", "../")."""
    import jinja2

    from briefing.fonts import font_face_css

    env = environment(templates_dir)
    common = {"language": language, "dir": direction(language), "labels": site_labels(language)}
    fonts = {root: font_face_css(f"{root}assets/fonts/") for root in ("", "../")}

    def render(template: str, *, root: str, **context) -> str:
        try:
            page = env.get_template(template)
            faces = fonts.get(root) or font_face_css(f"{root}assets/fonts/")
            return page.render(root=root, font_faces=faces, **common, **context)
        except jinja2.TemplateError as exc:
            raise RenderError(f"template error in {template}: {exc}") from None

    return render
