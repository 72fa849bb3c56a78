"""The one rule for links that reach a reader: absolute http(s) URLs, nothing else.

A feed's `<link>`, an Atom `link href`, a JSON Feed `url` or a seed's `url:` can hold
`javascript:`, `data:` or `vbscript:` in any case, behind spaces, tabs or control
characters a browser ignores, or as a protocol-relative `//host` that takes the page's
scheme. `check_link` is used twice: at collection (a refused link is dropped with a
logged reason; the article is kept without it) and at render (the `href` filter of
the templates and the briefing JSON), so a link stored before this rule existed, or a
user's template, cannot bring one back.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https"})
MAX_LENGTH = 2000  # what the store keeps of a canonical URL; no real article link is longer
# Browsers delete tabs and newlines anywhere in a URL ("java\tscript:" is "javascript:")
# and strip C0 controls and spaces at both ends; we do the same before looking.
_DELETED = re.compile(r"[\t\n\r]")
_ENDS = "".join(chr(c) for c in range(0x21)) + "\u00a0\ufeff"


@dataclass(frozen=True)
class LinkCheck:
    url: str | None  # the link to use, or None when refused
    reason: str | None  # why it was refused


def check_link(value: object) -> LinkCheck:
    """`value` as a safe absolute http(s) URL, or the reason it is refused."""
    if value is None or value == "":
        return LinkCheck(None, None)
    if not isinstance(value, str):
        return LinkCheck(None, f"not text but {type(value).__name__}")
    url = _DELETED.sub("", value).strip(_ENDS)
    if not url:
        return LinkCheck(None, None)
    shown = _shown(value)
    if len(url) > MAX_LENGTH:
        return LinkCheck(None, f"longer than {MAX_LENGTH} characters")
    bad = next((c for c in url if _invisible(c)), None)
    if bad is not None:
        return LinkCheck(None, f"{shown} holds a space or control character (U+{ord(bad):04X})")
    if "\\" in url:
        return LinkCheck(None, f"{shown} holds a backslash, which browsers read as '/'")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        return LinkCheck(None, f"{shown} is not a valid URL ({exc})")
    scheme = parts.scheme.lower()
    if not scheme:
        return LinkCheck(None, f"{shown} is not an absolute http(s) URL")
    if scheme not in SCHEMES:
        return LinkCheck(None, f"{shown}: scheme {scheme!r} is not allowed (only http and https)")
    if not parts.netloc.strip() or not host or not url[len(parts.scheme) :].startswith("://"):
        return LinkCheck(None, f"{shown} has no host")
    return LinkCheck(scheme + url[len(parts.scheme) :], None)


def safe_link(value: object) -> str | None:
    """The link if `check_link` accepts it, else None."""
    return check_link(value).url


def local_href(value: object) -> str | None:
    """A link inside the archive: a `#fragment` or a relative path with no scheme or host."""
    # Spaces may stay (a section named "world news"); controls may not, and no scheme can
    # hide before the first "/", "?" or "#" (browsers strip leading spaces).
    if not isinstance(value, str) or not value.strip() or any(unicodedata.category(c)[0] == "C" for c in value):
        return None
    if value.startswith(("/", "\\")) or "\\" in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or ":" in value.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return None
    return value


def href(value: object, local: bool = False) -> str:
    """The Jinja filter behind every template `href`: a safe link, or "" (templates then
    show the text without a link). `local=True` also accepts links inside the archive."""
    if local:
        return local_href(value) or ""
    return safe_link(value) or ""


def _invisible(char: str) -> bool:
    """Spaces, controls, format characters (bidi overrides included) and unassigned code points."""
    return unicodedata.category(char)[0] in "CZ"


def _shown(value: str, limit: int = 60) -> str:
    """The refused value for a log line: escaped, and cut when long."""
    text = value if len(value) <= limit else value[:limit] + "…"
    return repr(text)
