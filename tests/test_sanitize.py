"""HTML from feeds becomes plain text: paragraphs kept, nothing active or hidden let through."""

from __future__ import annotations

import pytest

from briefing.sources.sanitize import html_to_text


def test_paragraphs_and_line_breaks():
    html = "<p>First  paragraph\n continues.</p><p>Second<br>line two<br/>line three</p><div>Third</div>"
    assert html_to_text(html) == "First paragraph continues.\n\nSecond\nline two\nline three\n\nThird"


def test_lists_and_headings_are_paragraphs():
    html = "<h2>Title</h2><ul><li>one</li><li>two</li></ul>tail"
    assert html_to_text(html) == "Title\n\none\n\ntwo\n\ntail"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Safe</p><script>alert('x')</script>",
        "<p>Safe</p><script type='text/javascript'><!-- document.write('<p>x</p>') --></script>",
        "<p>Safe</p><style>p { color: red }</style>",
        "<p>Safe</p><iframe src='https://ads.example/'>fallback x</iframe>",
        "<p>Safe<img src='https://t.example/p.gif' width='1' height='1' alt='x'></p>",
        "<p onclick=\"alert('x')\" onmouseover='x()'>Safe</p>",
        "<p>Safe</p><noscript><img src='https://t.example/x.gif'>x</noscript>",
        "<p>Safe</p><object data='x.swf'>x</object><embed src='x.swf'>",
        "<p>Safe</p><svg><text>x</text></svg>",
        "<p>Safe</p><!-- x -->",
    ],
)
def test_nothing_active_reaches_the_text(html):
    assert html_to_text(html) == "Safe"


def test_unclosed_dropped_element_does_not_swallow_the_rest():
    assert (
        html_to_text("<iframe src=x></iframe><p>kept</p><script>bad()</script><p>also kept</p>") == "kept\n\nalso kept"
    )


def test_entities_decoded():
    html = "<p>Fish &amp; chips &mdash; &#8220;quoted&#8221; &lt;tag&gt; caf&eacute; &#x627;</p>"
    assert html_to_text(html) == "Fish & chips — “quoted” <tag> café ا"


def test_plain_text_keeps_its_lines():
    assert html_to_text("Line one\r\nLine two\n\n\nNext paragraph  here") == "Line one\nLine two\n\nNext paragraph here"
    assert html_to_text("AT&T & co") == "AT&T & co"
    assert html_to_text("") == ""


def test_arabic_right_to_left_text():
    html = "<p dir='rtl'>قال الوزير&nbsp;إن الخطة <b>ستنفذ</b> قريبا.</p><p>فقرة ثانية.</p>"
    assert html_to_text(html) == "قال الوزير إن الخطة ستنفذ قريبا.\n\nفقرة ثانية."


def test_broken_markup():
    assert html_to_text("<p>open <b>bold <i>both</p><p>next") == "open bold both\n\nnext"
