"""Document metadata: id, title, issuers, date, document number, language, checksum.

Why rules on the first lines: every policy format puts its metadata at the top (title line,
notice line, document number, date) or in the signatory block (issuers and date), and the
content bounds from ``nlp.chrome`` already removed the page chrome that would mislead them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from nlp.dates import find_dates
from nlp.spans import Context, is_cjk_text, line_spans

HEAD_CHARS = 4000
_TITLE_WORDS = re.compile(
    r"\b(plan|law|regulations?|outline|programme|program|strategy|framework|opinions?|notice|"
    r"circular|measures|guidelines?|directive|decision|communication|roadmap|policy|agenda|"
    r"act|code|rules|standards?|action|release|report|white paper)\b|"
    r"[法规划案见纲要知例则定]$|条例|规划|方案|意见|纲要|通知|办法|决定|行动计划",
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
        r"^\W*(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?"
        r"\d{1,4}/\d{2,4}"
    ),
    re.compile(r"\bNIST\s+(?:SP|IR|Special Publication)\s+[\d.-]+[A-Za-z]?"),
]
_MARKDOWN_TITLE = re.compile(r"^\s*#\s+(?P<title>.+?)\s*$")
MAX_TITLE_WORDS = 24


def slugify(value: str, max_length: int = 80) -> str:
    """A stable ASCII-or-CJK slug: lower case, words joined by hyphens."""
    value = unicodedata.normalize("NFKC", value).lower()
    value = re.sub(r"[^\w\u4e00-\u9fff]+", "-", value).strip("-_")
    return value[:max_length].rstrip("-") or "document"


def checksum(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_title(ctx: Context) -> tuple[str, int, int, bool] | None:
    """(title, start, end, certain): the first short title-like line of the content (a Markdown
    ``#`` heading, else a line of at most 24 words without sentence punctuation that names a
    kind of document); failing that the first line, cut to 200 characters (``certain`` False)."""
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
            return markdown.group("title"), t_start, t_start + len(markdown.group("title")), True
        if ctx.clauses and line_start >= ctx.clauses[0].start:
            break
        first = first or (s, e)
        stripped = ctx.text[s:e]
        words = stripped.split()
        short = len(words) <= MAX_TITLE_WORDS and len(stripped) <= 200
        titled = short and not re.search(r"[.。;；]$", stripped) and _TITLE_WORDS.search(stripped)
        if titled and not re.match(r"(source|release|published|date|from)\b", stripped, re.I):
            while e > s and ctx.text[e - 1] in " :：":
                e -= 1
            return ctx.text[s:e], s, e, True
    if first:
        s, e = first
        if e - s > 200:
            cut = ctx.text.rfind(" ", s, s + 200)
            e = cut if cut > s else s + 200
        return ctx.text[s:e], s, e, False
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_number(ctx: Context) -> str | None:
    start, end = ctx.content
    head = ctx.text[start : min(end, start + HEAD_CHARS)]
    for pattern in _DOC_NUMBER:
        match = pattern.search(head)
        if match:
            return match.group().strip()
    return None


def find_date(ctx: Context) -> str | None:
    """The signature date (a date on a line of its own) if any, else the first date in the head."""
    start, end = ctx.content
    for line_start, line_end in line_spans(ctx.text, start, end):
        line = ctx.text[line_start:line_end].strip()
        if 0 < len(line) <= 40:
            dates = find_dates(ctx.text, line_start, line_end)
            if dates:
                return dates[0].iso
    dates = find_dates(ctx.text, start, min(end, start + HEAD_CHARS))
    return dates[0].iso if dates else None


def detect_issuer_keys(ctx: Context) -> None:
    """Pipeline component (after organizations): the document's issuers, in order of mention."""
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
    info.number = find_number(ctx)
    info.date = find_date(ctx)
    info.checksum = checksum(ctx.text)
    if ctx.source:
        info.id = slugify(Path(ctx.source).stem)
    elif info.title:
        info.id = slugify(info.title)
    else:
        info.id = "doc-" + info.checksum.split(":")[1][:12]
