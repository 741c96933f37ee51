"""Dates as policy texts write them, normalized to ISO 8601 ("2023-09-14").

Why: a document's date is compared and sorted in the graph, so "September 14, 2023",
"14 September 2023", "2.2.2022", "2023-09-14" and "2023年9月14日" must all become one form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.numerals import CN_NUMERAL_CHARS, chinese_to_int

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_CN_NUM = f"[0-9{CN_NUMERAL_CHARS}]"
DATE_PATTERNS = [
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(
        rf"(?P<year>{_CN_NUM}{{4}})\s*年\s*(?P<month>{_CN_NUM}{{1,2}})\s*月\s*"
        rf"(?P<day>{_CN_NUM}{{1,3}})\s*日"
    ),
]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


def _number(value: str) -> int | None:
    if value.isdigit():
        return int(value)
    if value.lower().rstrip(".") in MONTHS:
        return MONTHS[value.lower().rstrip(".")]
    return chinese_to_int(value)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every valid date in ``text[start:end]``, in order."""
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text, start, stop):
            year, month, day = (_number(match.group(name)) for name in ("year", "month", "day"))
            if year is None or month is None or day is None:
                continue
            if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
                found.append(
                    DateMatch(match.start(), match.end(), f"{year:04d}-{month:02d}-{day:02d}")
                )
    found.sort(key=lambda d: d.start)
    kept: list[DateMatch] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return kept
