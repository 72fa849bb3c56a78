"""HTML from feeds and pages to plain text a briefing can show.

Only text survives: scripts, styles, frames, images (tracking pixels included) and
attributes (inline event handlers included) never reach the output. Block elements
become paragraphs separated by a blank line; `<br>` becomes a line break.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements whose whole content is dropped: code, embedded documents, non-text media.
_DROP = frozenset(
    """
script style iframe frame frameset object embed noscript template svg math canvas
audio video picture source track map head title button select textarea form
""".split()
)
# Elements that end a paragraph.
_BLOCK = frozenset(
    """
p div section article header footer aside nav main blockquote pre figure figcaption
h1 h2 h3 h4 h5 h6 ul ol dl li dt dd table thead tbody tfoot tr caption hr address
details summary center body html
""".split()
)
# Void elements never get an end tag, so they must not open a dropped region.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--|&[#a-zA-Z0-9]+;")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


class _TextParser(HTMLParser):
    """Collects text, with paragraph and line breaks as markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []  # stack of open dropped elements

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROP and tag not in _VOID:
            self.dropping.append(tag)
        elif self.dropping:
            return
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        # <script/> or <iframe/> opens nothing; <br/> is still a break.
        if not self.dropping and tag == "br":
            self.parts.append("\n")
        elif not self.dropping and tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:
                # Close up to the matching element: tolerates unclosed children.
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(_SPACE.sub(" ", data))


def looks_like_html(text: str) -> bool:
    """True when `text` has tags or entities (feeds mix plain text and HTML)."""
    return bool(_TAG.search(text))


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: paragraphs as blank-line-separated lines."""
    if not markup:
        return ""
    if not looks_like_html(markup):
        return _tidy(markup.replace("\r\n", "\n"), keep_lines=True)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts), keep_lines=False)


def _tidy(text: str, *, keep_lines: bool) -> str:
    """Trim lines, keep at most one blank line between paragraphs."""
    text = html.unescape(text) if keep_lines else text
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
