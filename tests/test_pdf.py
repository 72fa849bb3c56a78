"""The archival PDF read back: text (Arabic included), pages, fonts, attachment, PDF/A XMP."""

from __future__ import annotations

import io
import json

import pypdf
import pytest

from briefing.compose import compose_briefing
from briefing.fonts import pdf_font_names
from briefing.render import briefing_dict, render_html, render_pdf

from .briefing_samples import DAY, event_articles, job, ten_source_story

pytestmark = pytest.mark.slow  # each full briefing takes WeasyPrint seconds to lay out


@pytest.fixture(scope="module")
def built():
    arts, analyses = event_articles()
    more, more_analyses = ten_source_story()
    briefing = compose_briefing(
        job(), DAY, arts + more, {**analyses, **more_analyses}, sources={}, timezone="Asia/Baghdad"
    )
    data = json.dumps(briefing_dict(briefing), ensure_ascii=False, sort_keys=True).encode()
    pdf = render_pdf(render_html(briefing), attachment=data, attachment_name="daily-2024-03-12.json")
    return briefing, data, pdf


def _fonts(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_text_and_pages(built):
    _, _, pdf = built
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert 3 <= len(reader.pages) <= 8  # cover, sections, actors, sources
    text = "\n".join(page.extract_text() for page in reader.pages)
    for word in ("الموجز", "بغداد", "الموازنة", "Reuters", "Sudani"):
        assert word in text, word


@pytest.mark.parametrize("weight", [400, 700])
def test_every_arabic_face_extracts_as_written(weight):
    """Copy, search and screen readers need the words back, not glyph soup: text set in
    any bundled Arabic face and weight must come out of the PDF letter for letter.
    (Noto Sans Arabic's variable font failed this, so headings are set in Amiri Bold.)"""
    from briefing.fonts import ARABIC_FAMILIES, font_face_css

    sentence = "قصف متبادل بين قوات أميركية وميليشيات إيرانية"
    for family in ARABIC_FAMILIES:
        html = (
            f"<html lang='ar' dir='rtl'><style>{font_face_css()} p {{ font-family: '{family}'; "
            f"font-weight: {weight}; }}</style><p>{sentence}</p></html>"
        )
        pdf = render_pdf(html, attachment=b"{}", attachment_name="x.json")
        text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert sentence in " ".join(text.split()), (family, weight, text)


def test_only_bundled_fonts_are_embedded(built):
    _, _, pdf = built
    # "Amiri-fontpkg-Bold" -> "Amiri-fontpkg": the family our @font-face rules named.
    families = {f.split("-fontpkg")[0] + "-fontpkg" for f in _fonts(pypdf.PdfReader(io.BytesIO(pdf)))}
    assert {"Amiri-fontpkg", "Noto-Sans-fontpkg"} <= families
    assert families <= pdf_font_names(), families  # no OS font (DejaVu...) slipped in


def test_attachment_is_the_briefing_json(built):
    briefing, data, pdf = built
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    attached = reader.attachments["daily-2024-03-12.json"][0]
    parsed = json.loads(attached)
    assert parsed == json.loads(data)
    assert parsed["stats"]["articles"] == briefing.stats["articles"]


def test_pdfa_identification_tags_and_bookmarks(built):
    _, _, pdf = built
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "ar"
    assert "/AF" in root  # PDF/A-3 associated file
    titles = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert "أبرز الأخبار" in titles


def test_same_input_same_bytes(built):
    briefing, data, pdf = built
    again = render_pdf(render_html(briefing), attachment=data, attachment_name="daily-2024-03-12.json")
    assert again == pdf
    assert b"D:20240312000000Z" in pdf or "20240312" in str(pypdf.PdfReader(io.BytesIO(pdf)).metadata)
