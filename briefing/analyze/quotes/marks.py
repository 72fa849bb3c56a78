"""Quotation marks that a paragraph leaves open, in either language."""

from __future__ import annotations


def unclosed_mark(line: str) -> int | None:
    """Where the last quotation mark that `line` opens and never closes is, if any:
    the last unmatched « or “, or the last of an odd number of straight quotes."""
    found = None
    for left, right in (("«", "»"), ("“", "”")):
        depth, last = 0, None
        for i, ch in enumerate(line):
            if ch == left:
                depth, last = depth + 1, i
            elif ch == right and depth:
                depth -= 1
        if depth and last is not None:
            found = last if found is None else max(found, last)
    straight = [i for i, ch in enumerate(line) if ch == '"']
    if len(straight) % 2:
        found = straight[-1] if found is None else max(found, straight[-1])
    return found
