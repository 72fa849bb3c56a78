"""Numbers as language-independent evidence: "٣٫٥ مليار دولار" and "$3.5 billion" are one
figure, "38 في المئة" and "38 percent" another. Two reports of one event in two
languages share their figures; two different events rarely share several."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Arabic-Indic and Persian digits, the Arabic decimal and thousands separators.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
# Not inside a Latin word or code ("F16", "COVID19"); an Arabic proclitic may lead ("و26").
_NUMBER = re.compile(r"(?<![A-Za-z\d.,_])\d+(?:[.,]\d+)*")
_PERCENT = re.compile(r"\s?(?:%|٪|per\s?cent\b|pct\b|في\sالم[ئا]+ة\b|بالم[ئا]+ة\b)", re.I)
_SCALES = (
    (re.compile(r"\s?(?:trillion|تريليون\w*)", re.I), 12),
    (re.compile(r"\s?(?:billion|bn\b|مليار\w*|بليون\w*)", re.I), 9),
    (re.compile(r"\s?(?:million|mn\b|مليون\w*|ملايين\b)", re.I), 6),
    (re.compile(r"\s?(?:thousand|ألف\b|الف\b|ألفا\b|آلاف\b)", re.I), 3),
)


def _value(raw: str) -> Decimal | None:
    """ "3.5" and "3,5" are decimals; "486,300" and "1.000.000" have thousands separators."""
    seps = [c for c in raw if c in ".,"]
    if not seps:
        text = raw
    elif len(set(seps)) == 2:  # 1,234.5 or 1.234,5: the last one is the decimal point
        point = raw[max(raw.rfind("."), raw.rfind(","))]
        text = raw.replace("," if point == "." else ".", "").replace(point, ".")
    elif len(seps) > 1 or (seps[0] == "," and len(raw.split(",")[1]) == 3):
        text = raw.replace(seps[0], "")
    else:
        text = raw.replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def numbers(text: str, *, every: bool = False) -> set[str]:
    """Canonical figures in a text: "3500000000", "38%", "0.3%".

    Years and bare integers under 100 are dropped (dates, counts: too common to tell
    two events apart) unless `every`, which keeps all figures, for comparing facts."""
    text = text.translate(_DIGITS)
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        value = _value(match.group())
        if value is None:
            continue
        rest = text[match.end() : match.end() + 16]
        percent = bool(_PERCENT.match(rest))
        scaled = False
        if not percent:
            for pattern, power in _SCALES:
                if pattern.match(rest):
                    value, scaled = value.scaleb(power), True
                    break
        bare = not percent and not scaled and value == value.to_integral_value()
        if bare and not every and (value < 100 or 1900 <= value <= 2100):
            continue
        canonical = format(value.normalize(), "f")
        found.add(canonical + "%" if percent else canonical)
    return found


def digits(figure: str) -> int:
    """Significant digits: how specific a figure is ("3500000000" -> 2, "486300" -> 4)."""
    return max(1, len(figure.rstrip("%").replace(".", "").strip("0")))
