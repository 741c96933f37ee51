"""Find the issuer block of a document: who issued it, as opposed to who it mentions.

Why a component of its own: Chinese notices and EU acts name their issuers in two places, the
title ("Notice of the National Standards Commission, Ministry of ... on Issuing ...",
"Regulation ... of the European Parliament and of the Council") and a signatory list of short
lines followed by a date. Only there may a bare portfolio ("Civil affairs") stand for a ministry,
so the organization component needs these spans before it assigns roles.
"""

from __future__ import annotations

import re

from nlp.dates import find_dates
from nlp.gazetteers import organization_gazetteer
from nlp.spans import CJK, Component, Context, line_spans
from nlp.text import normalize_name

_TITLE_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:notice|circular|decision|opinions?|communication|regulation|directive|"
    r"announcement|letter|reply|order|decree|guiding opinions|joint notice)\b",
    re.IGNORECASE,
)
_ISSUER_SEGMENT = re.compile(
    r"\b(?:of|from|by)\s+(?P<seg>.+?)(?=\s+(?:on|to|concerning|regarding|about|amending|"
    r"for the|in respect)\b|[:;]|$)",
    re.IGNORECASE,
)
# "Adopted at the Fifth meeting of the Standing Committee of the Seventh NPC on ...".
_ADOPTED = re.compile(
    r"^\W*(?:adopted|revised|amended|promulgated|approved)\s+(?:at|by)\b", re.IGNORECASE
)
_CN_TITLE = re.compile(r"^(?P<seg>[^\n《]{2,120}?)关于")
_CN_ADOPTED = re.compile(r"^(?P<seg>.{4,160}?)(?:会议|會議)?(?:通过|通過|修订|修訂|修正|批准)\s*$")
_SEPARATORS = re.compile(
    r"^[\s,，、;；.。·&()（）]*(?:(?:and|和|及|the)[\s,，、]*)*$", re.IGNORECASE
)
MAX_SIGNATORY_LINE = 200
LEADING_LINES = 12
SOURCE_LINE_CHARS = 100
_SOURCE = re.compile(
    r"^\s*(?:source(?:\s+from)?|来源|來源|发布机关|發布機關)\s*[:：]\s*", re.IGNORECASE
)
_WEBSITE_DATE = re.compile(
    r"\b(?:official\s+)?(?:website|web\s+site|portal)\b.*\b(?:19|20)\d\d\b", re.IGNORECASE
)


def _signatory_line(ctx: Context, start: int, end: int) -> bool:
    """A short line that is nothing but organization names (or bare portfolios)."""
    line = ctx.text[start:end].strip()
    if not line or len(line) > MAX_SIGNATORY_LINE:
        return False
    if not CJK.search(line) and len(line.split()) > 32:
        return False
    gazetteer = organization_gazetteer()
    matches = list(gazetteer.matcher.finditer(ctx.text, start, end))
    if matches:
        rest, position = [], start
        for match in matches:
            rest.append(ctx.text[position : match.start])
            position = match.end
        rest.append(ctx.text[position:end])
        leftover = "".join(rest)
        return bool(
            _SEPARATORS.match(leftover) or gazetteer.resolve(leftover, allow_portfolio=True)
        )
    return bool(len(normalize_name(line)) >= 4 and gazetteer.resolve(line, allow_portfolio=True))


def _date_line(ctx: Context, start: int, end: int) -> bool:
    line = ctx.text[start:end].strip()
    dates = find_dates(ctx.text, start, end)
    return bool(dates) and len(line) <= 40


def find_signatory_lines(ctx: Context) -> list[tuple[int, int]]:
    """Lines of signatory blocks: runs of >= 2 organization lines, or organization lines
    directly above a date line."""
    content_start, content_end = ctx.content
    lines = [
        (s, e) for s, e in line_spans(ctx.text, content_start, content_end) if ctx.text[s:e].strip()
    ]
    flags = [_signatory_line(ctx, s, e) for s, e in lines]
    chosen: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not flags[index]:
            index += 1
            continue
        run_end = index
        while run_end < len(lines) and flags[run_end]:
            run_end += 1
        followed_by_date = run_end < len(lines) and _date_line(ctx, *lines[run_end])
        # An enacting formula in capitals: "THE EUROPEAN PARLIAMENT AND THE COUNCIL ...,".
        shouting = ctx.text[lines[index][0] : lines[index][1]].strip().rstrip(",").isupper()
        if run_end - index >= 2 or followed_by_date or shouting:
            chosen.extend(_trimmed(ctx.text, s, e) for s, e in lines[index:run_end])
        index = run_end
    return chosen


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_title_segments(ctx: Context) -> list[tuple[int, int]]:
    """The "of X, Y and Z" part of a notice/act title near the top of the content."""
    content_start, content_end = ctx.content
    segments: list[tuple[int, int]] = []
    seen = 0
    after_source = False
    for start, end in line_spans(ctx.text, content_start, content_end):
        if not ctx.text[start:end].strip():
            continue
        seen += 1
        if seen > LEADING_LINES:
            break
        line = ctx.text[start:end]
        if after_source:  # "Source:" on a line of its own, the body on the next
            segments.append(_trimmed(ctx.text, start, end))
            after_source = False
            continue
        source = _SOURCE.match(line)
        if source:
            if line[source.end() :].strip():
                segments.append(_trimmed(ctx.text, start + source.end(), end))
            else:
                after_source = True
            continue
        if len(line.strip()) <= SOURCE_LINE_CHARS and _WEBSITE_DATE.search(line):
            segments.append(_trimmed(ctx.text, start, end))  # "NDRC website 31 Oct 2025 18:04"
            continue
        if _TITLE_LINE.match(line):
            match = _ISSUER_SEGMENT.search(line)
            if match:
                segments.append((start + match.start("seg"), start + match.end("seg")))
                continue
        if _ADOPTED.match(line):
            segments.append(_trimmed(ctx.text, start, end))
            continue
        chinese = _CN_TITLE.match(line.strip()) or _CN_ADOPTED.match(line.strip())
        if chinese:
            offset = start + (len(line) - len(line.lstrip()))
            segments.append((offset, offset + chinese.end("seg")))
    return segments


def detect_issuers(ctx: Context) -> None:
    """Pipeline component: set ``ctx.issuer_blocks`` (and the signatory lines among them)."""
    ctx.issuer_lines = find_signatory_lines(ctx)
    ctx.issuer_blocks = sorted(ctx.issuer_lines + find_title_segments(ctx) + title_bodies(ctx))


# Organizations named as the makers of a titled document ("HMG-NQI action plan", "NIST
# IES-City Framework") issue it; ones the title is about ("... with ASEAN") do not.
_NOT_MAKER = re.compile(r"(?:with|between|for|to|on|about|among|and)\s+(?:the\s+)?$", re.I)


def title_bodies(ctx: Context) -> list[tuple[int, int]]:
    """Spans of organizations inside the document's own title line that read as its makers."""
    if not ctx.title_span:
        return []
    start, end = ctx.title_span
    spans = []
    for match in organization_gazetteer().matcher.finditer(ctx.text, start, end):
        if not _NOT_MAKER.search(ctx.text[max(start, match.start - 12) : match.start]):
            spans.append((match.start, match.end))
    return spans


COMPONENT = Component(
    name="issuers",
    run=detect_issuers,
    reads=("text", "document.content", "title_span"),
    writes=("issuer_lines", "issuer_blocks"),
)
