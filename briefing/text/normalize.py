"""Unicode normalisation for display, and Arabic folding for matching only.

`normalize_text` produces the text that is stored and shown; `normalize_with_offsets`
does the same and also maps every output character back to the raw input.
`fold_arabic` produces a matching key and must never be shown to a reader; it keeps
the length of its input when `keep_length=True`, so offsets stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Harakat, tanween, shadda, sukun, superscript alef, Quranic marks.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
    }
)
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL_CHARS = frozenset(
    [chr(c) for c in range(0x00, 0x09)]
    + ["\u000b", "\u000c"]
    + [chr(c) for c in range(0x0E, 0x20)]
    + ["\u007f", "\u200b", "\ufeff"]
)
_SPACE_CHARS = frozenset(" \t\u00a0\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))


def normalize_text(raw: str) -> str:
    """NFC, no control characters, unified spaces and line ends, trimmed lines."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def fold_arabic(text: str) -> str:
    """Matching key: no tashkeel or tatweel, alef/yeh/teh-marbuta variants unified."""
    text = _TASHKEEL.sub("", text).replace(_TATWEEL, "")
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index in the raw input."""

    text: str
    offsets: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` back to a span of the raw input."""
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else self._raw_end()
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def _raw_end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0


def normalize_with_offsets(raw: str) -> Normalized:
    """Same result as `normalize_text`, with an offset map back to `raw`."""
    chars, offsets = _nfc_with_offsets(raw)
    # Pass 1: line ends, control characters, runs of spaces -> one space.
    out: list[str] = []
    pos: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if ch == "\r":
            out.append("\n")
            pos.append(offsets[i])
            i += 2 if i + 1 < n and chars[i + 1] == "\n" else 1
            continue
        if ch in _CONTROL_CHARS:
            i += 1
            continue
        if ch in _SPACE_CHARS:
            if not (out and out[-1] == " "):
                out.append(" ")
                pos.append(offsets[i])
            i += 1
            continue
        out.append(ch)
        pos.append(offsets[i])
        i += 1
    # Pass 2: strip each line, at most one blank line in a row, strip the whole.
    lines_out: list[str] = []
    lines_pos: list[int] = []
    start = 0
    blank_run = 0
    text = "".join(out)
    for line_end in [m.start() for m in re.finditer("\n", text)] + [len(text)]:
        line = text[start:line_end]
        lead = len(line) - len(line.lstrip(" "))
        body = line.strip(" ")
        if body:
            if lines_out:
                newlines = 2 if blank_run else 1
                # Newlines map to the raw position of the break that precedes the line.
                lines_out.append("\n" * newlines)
                lines_pos.extend([pos[start - 1]] * newlines)
            lines_out.append(body)
            lines_pos.extend(pos[start + lead : start + lead + len(body)])
            blank_run = 0
        elif lines_out:
            blank_run += 1
        start = line_end + 1
    return Normalized("".join(lines_out), tuple(lines_pos))


def _nfc_with_offsets(raw: str) -> tuple[str, list[int]]:
    """NFC-normalise `raw`; each output character maps to the start of its cluster."""
    if unicodedata.is_normalized("NFC", raw):
        return raw, list(range(len(raw)))
    chars: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    # A cluster is a starter plus the combining marks after it; NFC never crosses clusters.
    for i in range(1, len(raw) + 1):
        if i == len(raw) or unicodedata.combining(raw[i]) == 0:
            piece = unicodedata.normalize("NFC", raw[cluster_start:i])
            chars.extend(piece)
            offsets.extend([cluster_start] * len(piece))
            cluster_start = i
    return "".join(chars), offsets
