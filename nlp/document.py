"""Document metadata: id, title, issuers, date, document number, language, checksum.

Why rules on the first lines: every policy format puts its metadata at the top (title line,
notice line, document number, date) or in the signatory block (issuers and date), and the
content bounds from ``nlp.chrome`` already removed the page chrome that would mislead them.
"""

from __future__ import annotations

import re
from pathlib import Path

from nlp.dates import find_dates
from nlp.gazetteers import organization_gazetteer
from nlp.policy_titles import find_policy_refs
from nlp.spans import NAVIGATION_SEPARATOR, Component, Context, is_cjk_text, line_spans
from nlp.text import checksum, document_id

HEAD_CHARS = 4000
_TITLE_WORDS = re.compile(
    r"\b(plan|law|regulations?|outline|programme|program|strategy|framework|opinions?|notice|"
    r"circular|measures|guidelines?|directive|decision|communication|roadmap|policy|agenda|"
    r"act|code|rules|standards?|action|release|report|white paper|specifications?|"
    r"requirements|terms of reference)\b|"
    r"(?:法|条例|條例|规划|規劃|方案|意见|意見|纲要|綱要|通知|办法|辦法|规定|規定|决定|決定|"
    r"计划|計劃|细则|細則|指南|战略|戰略)》?$",
    re.IGNORECASE,
)
_DOC_NUMBER = [
    re.compile(
        r"[\u4e00-\u9fff]{1,8}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*\d{1,4}\s*[号號]"
    ),
    re.compile(r"\bCOM\s*\(\s*(?:19|20)\d\d\s*\)\s*\d{1,4}(?:\s+final)?", re.IGNORECASE),
    re.compile(r"\b(?:COM|SWD|C)/(?:19|20)\d\d/\d{1,5}(?:\s+final)?"),
    re.compile(
        # an EU act's number only at the start of its own title, not wherever it is cited
        r"^\W*(?P<number>(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC|Euratom)\)\s+"
        r"(?:No\s+)?\d{1,4}/\d{2,4})"
    ),
    re.compile(r"\bNIST\s+(?:SP|IR|Special Publication)\s+[\d.-]+[A-Za-z]?"),
]
_MARKDOWN_TITLE = re.compile(r"^\s*#\s+(?P<title>.+?)\s*$")
MAX_TITLE_WORDS = 24


_NOT_TITLE_START = re.compile(
    r"(?:source|release|published|date|from|adopted|revised|amended|promulgated|updated|"
    r"(?:communication|report|proposal|notice)\s+from\s+the)\b",
    re.IGNORECASE,
)
# Trailing parts of a title line that are not the title: "(HTML)", ", amending Directive ...".
_TITLE_TAIL = re.compile(
    r"\s*\((?:HTML|PDF|Word|DOCX?|see [^)]*)\)\s*$|,\s+(?:amending|repealing|and repealing)\b.*$",
    re.IGNORECASE,
)
MAX_FALLBACK_TITLE = 160
# "KATS Notice No. 2027-41", "Circular No. 3/2027": a line that only numbers the document.
_NUMBER_LINE = re.compile(
    r"(?:[A-Z][\w/&.-]*[ \t]+){0,4}(?:No\.?|Number|Ref\.?)[ \t]*[\w./-]*\d[\w./-]*",
)


def _is_org_line(ctx: Context, start: int, end: int) -> bool:
    """A line that is only an organization name (a signatory, not a title)."""
    line = ctx.text[start:end].strip()
    covered = sum(
        len(m.surface) for m in organization_gazetteer().matcher.finditer(ctx.text, start, end)
    )
    return covered >= 0.8 * len(line)


_TITLE_LEAD = re.compile(
    r"(?:附件|附屬檔案|附属档案|attachment|annex|appendix)\s*(?:\d+|[A-Z]\d{0,2})?\s*[:：]\s*", re.I
)


def _clean_title_span(text: str, start: int, end: int) -> tuple[int, int]:
    lead = _TITLE_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    tail = _TITLE_TAIL.search(text, start, end)
    if tail:
        end = tail.start()
    while end > start and text[end - 1] in " :：,;":
        end -= 1
    return start, end


def find_title(ctx: Context) -> tuple[str, int, int, bool] | None:
    """(title, start, end, certain): a Markdown ``#`` heading, else the first short line of the
    head that names a kind of document; failing that a short first line (``certain`` False).
    A first line that is a sentence or a paragraph means the text has no title line: None."""
    start, end = ctx.content
    head_end = min(end, start + HEAD_CHARS)
    first: tuple[int, int] | None = None
    for line_start, line_end in line_spans(ctx.text, start, head_end):
        line = ctx.text[line_start:line_end]
        if not line.strip():
            continue
        s, e = _trim(ctx.text, line_start, line_end)
        markdown = _MARKDOWN_TITLE.match(line)
        if markdown:
            t_start = line_start + markdown.start("title")
            t_start, t_end = _clean_title_span(
                ctx.text, t_start, t_start + len(markdown.group("title"))
            )
            return ctx.text[t_start:t_end], t_start, t_end, True
        if ctx.clauses and line_start >= ctx.clauses[0].start:
            break
        if NAVIGATION_SEPARATOR.search(ctx.text, s, e):
            continue  # "Home > Topics > X", "Print | Share": page chrome, never the title
        stripped = ctx.text[s:e]
        if _NUMBER_LINE.fullmatch(stripped):
            continue  # the document's number on a line of its own names no title
        first = first or (s, e)
        short = len(stripped.split()) <= MAX_TITLE_WORDS and len(stripped) <= 200
        titled = short and not re.search(r"[.。;；]$", stripped) and _TITLE_WORDS.search(stripped)
        if titled and not _NOT_TITLE_START.match(stripped) and not _is_org_line(ctx, s, e):
            s, e = _clean_title_span(ctx.text, s, e)
            return ctx.text[s:e], s, e, True
    if first:
        s, e = _clean_title_span(ctx.text, *first)
        line = ctx.text[s:e]
        if (
            len(line) <= MAX_FALLBACK_TITLE
            and not re.search(r"[.。;；!?]$", line)
            and not (_NOT_TITLE_START.match(line))
        ):
            return line, s, e, False
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


NUMBER_LINE_CHARS = 80
NUMBER_TOP_CHARS = 150


LONG_TITLE = 150


def _named_at_top(ctx: Context) -> tuple[str, int, int, bool] | None:
    """A run-on first line that opens with a policy's name ("ROLLING PLAN FOR ICT
    STANDARDISATION 2021 ICT Standardisation European Commission ...") is titled by that name."""
    start, end = ctx.content
    line_end = ctx.text.find("\n", start, end)
    line_end = end if line_end < 0 else line_end
    for candidate in find_policy_refs(ctx.text, start, line_end):
        if candidate.start - start <= 2:
            t_end = candidate.end
            year = re.match(r"\s+(?:19|20)\d\d\b", ctx.text[t_end:line_end])
            if year:
                t_end += year.end()
            return ctx.text[candidate.start : t_end], candidate.start, t_end, True
    return None


def find_number(ctx: Context) -> str | None:
    """The document's own number: on a short line of its own, in the title, or at the very top.
    A number inside a sentence further down cites another document ("(中發[2014]4號)")."""
    start, end = ctx.content
    head = ctx.text[start : min(end, start + HEAD_CHARS)]
    for pattern in _DOC_NUMBER:
        for match in pattern.finditer(head):
            position = start + match.start()
            line_start = ctx.text.rfind("\n", 0, position) + 1
            line_end = ctx.text.find("\n", position)
            line_end = len(ctx.text) if line_end < 0 else line_end
            in_title = ctx.title_span is not None and (
                ctx.title_span[0] <= position < ctx.title_span[1]
            )
            short_line = len(ctx.text[line_start:line_end].strip()) <= NUMBER_LINE_CHARS
            if re.search(r"[》\"”]\s*[（(]\s*$", ctx.text[max(0, position - 6) : position]):
                continue  # "《...》(国发〔2013〕32号)": the number of a cited document
            if in_title or short_line or match.start() < NUMBER_TOP_CHARS:
                return (match.groupdict().get("number") or match.group()).strip()
    return None


_ADOPTION = re.compile(
    r"\b(?:adopted|revised|amended|promulgated)\b|通过|修订|修正|公布", re.IGNORECASE
)
TAIL_CHARS = 1500


def _date_lines(ctx: Context, start: int, end: int) -> list[tuple[int, str]]:
    """(line start, ISO date) of short lines that are mostly a date."""
    found = []
    for line_start, line_end in line_spans(ctx.text, start, end):
        line = ctx.text[line_start:line_end].strip()
        if 0 < len(line) <= 40:
            dates = find_dates(ctx.text, line_start, line_end)
            if dates:
                found.append((line_start, dates[0].iso))
    return found


_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|from|to|deadline)"
    r"(?:\s+the\s+end\s+of)?\s+$",
    re.IGNORECASE,
)


def find_date(ctx: Context) -> str | None:
    """The date of issue, by how sure each clue is: a date line right under the signatories;
    a date in the title ("of 25 October 2012"); the latest adoption/revision line of a law;
    a date line in the head or at the end; the first date in the head."""
    start, end = ctx.content
    head_end = min(end, start + HEAD_CHARS)
    date_lines = _date_lines(ctx, start, head_end) + _date_lines(
        ctx, max(head_end, end - TAIL_CHARS), end
    )
    for _, line_end in ctx.issuer_lines:
        following = [iso for position, iso in date_lines if 0 < position - line_end <= 40]
        if following:
            return following[0]
    if ctx.title_span:
        dates = find_dates(ctx.text, *ctx.title_span)
        if dates:
            return dates[0].iso
    adoption = [
        d.iso
        for s, e in line_spans(ctx.text, start, head_end)
        if _ADOPTION.search(ctx.text, s, e) and e - s <= 200
        for d in find_dates(ctx.text, s, e)
    ]
    if adoption:
        return max(adoption)
    if date_lines:
        return date_lines[0][1]
    # a date after "by", "before" or "until" is a deadline the text sets, not its own date
    dates = [
        d
        for d in find_dates(ctx.text, start, head_end)
        if not _DEADLINE_BEFORE.search(ctx.text, max(start, d.start - 25), d.start)
    ]
    return dates[0].iso if dates else None


def detect_issuer_keys(ctx: Context) -> None:
    """Pipeline component (after organizations): the issuers, in order of mention, and the
    date (which depends on where the signatories are)."""
    ctx.document.date = find_date(ctx)
    issuers: list[str] = []
    for mention in ctx.organizations:
        if mention.role == "issuer" and mention.key not in issuers:
            issuers.append(mention.key)
    ctx.document.issuers = issuers


def detect_document(ctx: Context) -> None:
    """Pipeline component: title, number, date, language, id and checksum."""
    info = ctx.document
    start, end = ctx.content
    info.language = "zh" if is_cjk_text(ctx.text[start:end]) else "en"
    title = find_title(ctx)
    if title:
        info.title = title[0]
        if title[3]:
            ctx.title_span = (title[1], title[2])
    if title is None or not title[3] or len(title[0]) > LONG_TITLE:
        # a run-on first line: its title is the policy name it opens with; the whole line
        # still counts as the title line for issuers and the date
        named = _named_at_top(ctx)
        if named:
            info.title = named[0]
            ctx.title_span = ctx.title_span or (named[1], named[2])
    info.number = find_number(ctx)
    info.checksum = checksum(ctx.text)
    if ctx.source:
        info.id = document_id(Path(ctx.source).stem)
    elif info.title:
        info.id = document_id(info.title)
    else:
        info.id = "doc-" + info.checksum.split(":")[1][:12]


COMPONENT = Component(
    name="document",
    run=detect_document,
    reads=("text", "source", "document.content", "clauses"),
    writes=(
        "document.language",
        "document.title",
        "document.number",
        "document.checksum",
        "document.id",
        "title_span",
    ),
)


ISSUER_KEYS = Component(
    name="issuer_keys",
    run=detect_issuer_keys,
    reads=("text", "document.content", "title_span", "issuer_lines", "organizations"),
    writes=("document.date", "document.issuers"),
)
