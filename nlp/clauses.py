"""Find the numbered structure of a policy text: parts, items and articles, with hierarchy.

Why line-based rules instead of a parser: policy texts number their parts in a handful of
conventions ("1.", "(3)", "I.", "一、", "（一）", "第五条", "Article 5", Markdown "#"),
always at the start of a line. The level of a numbering style is not fixed across documents
("(1)" is level 2 in one plan and level 1 in another), so levels come from nesting: a style not
yet open nests under the current clause; a style already open closes everything opened after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.numerals import CN_NUMERAL_CHARS, chinese_to_int, roman_to_int
from nlp.spans import Clause, Component, Context, line_spans

_CN = f"[{CN_NUMERAL_CHARS}0-9]+"
# (style, regex). The regex matches at the start of a stripped line; group "num" is the number
# as written and the match end is where the heading text begins.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("zh-chapter", re.compile(rf"(?P<num>第{_CN}[章编])[\s\u3000]*")),
    ("zh-section", re.compile(rf"(?P<num>第{_CN}节)[\s\u3000]*")),
    ("zh-article", re.compile(rf"(?P<num>第{_CN}条)[\s\u3000]*")),
    ("zh-item", re.compile(rf"(?P<num>[{CN_NUMERAL_CHARS}]+)[、.．][\s\u3000]*")),
    ("zh-paren", re.compile(rf"[（(](?P<num>[{CN_NUMERAL_CHARS}]+)[）)][\s\u3000]*")),
    ("arabic-dun", re.compile(r"(?P<num>\d{1,3})、[\s\u3000]*")),
    ("en-chapter", re.compile(r"(?P<num>(?:CHAPTER|Chapter)\s+[IVXLC\d]+)\b[\s:.–-]*")),
    ("en-part", re.compile(r"(?P<num>(?:PART|Part)\s+[IVXLC\d]+)\b[\s:.–-]*")),
    ("en-section", re.compile(r"(?P<num>(?:SECTION|Section)\s+\d+)\b[\s:.–-]*")),
    ("en-article", re.compile(r"(?P<num>(?:ARTICLE|Article|Art\.)\s+\d+[a-z]?)\b[\s:.–-]*")),
    ("en-annex", re.compile(r"(?P<num>(?:ANNEX|Annex)\s+[IVXLC\d]+)\b[\s:.–-]*")),
    ("roman", re.compile(r"(?P<num>[IVX]{1,5})[.、．]\s*(?=[A-Z\u4e00-\u9fff“\"])")),
    ("decimal-3", re.compile(r"(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?=[A-Z\u4e00-\u9fff])")),
    ("decimal-2", re.compile(r"(?P<num>\d{1,2}\.\d{1,2})\.?\s+(?=[A-Z\u4e00-\u9fff])")),
    ("arabic-dot", re.compile(r"(?P<num>\d{1,2})[.．](?!\d)\s*(?=[A-Z\u4e00-\u9fff“\"])")),
    ("paren-arabic", re.compile(r"[（(](?P<num>\d{1,3})[)）]\s*")),
    ("paren-roman", re.compile(r"\((?P<num>[ivxIVX]{1,5})\)\s*(?=\S)")),
    ("paren-letter", re.compile(r"\((?P<num>[a-z])\)\s*(?=\S)")),
]
_KEYWORD_STYLES = {
    "zh-chapter",
    "zh-section",
    "zh-article",
    "en-chapter",
    "en-part",
    "en-section",
    "en-article",
    "en-annex",
}
_MARKDOWN = re.compile(r"(?P<hashes>#{1,6})\s+")
_BULLET = re.compile(r"[-*•]\s+")
_HEADING_END = re.compile(r"[.。!?？！;；](?=\s|$)|[。；]")
MAX_HEADING_CHARS = 160


@dataclass
class _Found:
    style: str
    number: str
    number_style: str
    start: int  # where the clause number (or Markdown hashes) begins
    end: int  # end of the heading
    heading: str


def _match_numbering(
    text: str, start: int, line_end: int, *, allow_bare: bool = False
) -> tuple[str, str, int] | None:
    line = text[start:line_end]
    for style, pattern in _STYLES:
        match = pattern.match(line)
        # A bare number on a line is not a heading, except in a Markdown heading ("## Article 5")
        # or after a keyword that only numbers parts ("Article 5", "第五条", "Chapter II").
        bare_ok = allow_bare or style in _KEYWORD_STYLES
        if match and (bare_ok or match.end() < len(line.rstrip())):
            return style, match.group("num"), start + match.end()
    return None


def _heading(text: str, begin: int, line_end: int) -> tuple[str, int]:
    """The heading: the text up to the first sentence end on the line, capped in length."""
    stop = min(line_end, begin + MAX_HEADING_CHARS)
    match = _HEADING_END.search(text, begin, stop)
    end = match.end() if match else stop
    if not match and stop < line_end:  # cut a long line at a word boundary
        space = text.rfind(" ", begin, stop)
        end = space if space > begin + 20 else stop
    while end > begin and text[end - 1].isspace():
        end -= 1
    return text[begin:end], end


def _scan(text: str, start: int, end: int) -> list[_Found]:
    found: list[_Found] = []
    for line_start, line_end in line_spans(text, start, end):
        position = line_start
        while position < line_end and text[position] in " \t\u3000\u00a0":
            position += 1
        if position >= line_end:
            continue
        markdown = _MARKDOWN.match(text, position, line_end)
        if markdown:
            style = f"md{len(markdown.group('hashes'))}"
            inner = _match_numbering(text, markdown.end(), line_end, allow_bare=True)
            number = inner[1] if inner else ""
            heading_start = inner[2] if inner else markdown.end()
            heading, heading_end = _heading(text, heading_start, line_end)
            if not heading and inner:
                heading_end = markdown.end() + len(text[markdown.end() : line_end].rstrip())
            found.append(
                _Found(style, number, inner[0] if inner else "", position, heading_end, heading)
            )
            continue
        bullet = _BULLET.match(text, position, line_end)
        if bullet:
            position = bullet.end()
        numbering = _match_numbering(text, position, line_end)
        if numbering is None:
            continue
        style, number, heading_start = numbering
        heading, heading_end = _heading(text, heading_start, line_end)
        if not heading:  # "Article 5" alone on its line
            heading_end = position + len(text[position:line_end].rstrip())
        found.append(_Found(style, number, style, position, heading_end, heading))
    return found


def number_key(style: str, number: str) -> str:
    """A short stable id part for a clause number: "(3)" -> "3", "第五条" -> "art5", "IV" -> "4"."""
    digits = re.sub(r"[^0-9A-Za-z.\u3400-\u9fff]", "", number)
    if style.startswith("zh-"):
        core = re.sub(r"[第章编节条、]", "", digits)
        value = chinese_to_int(core)
        prefix = {"zh-chapter": "ch", "zh-section": "sec", "zh-article": "art"}.get(style, "")
        return f"{prefix}{value if value is not None else core}"
    if style.startswith("en-"):
        _, _, tail = number.partition(" ")
        tail = tail.strip() or digits
        value = roman_to_int(tail) if not tail[:1].isdigit() else None
        prefix = {
            "en-chapter": "ch",
            "en-part": "part",
            "en-section": "sec",
            "en-article": "art",
            "en-annex": "annex",
        }[style]
        return f"{prefix}{value if value is not None else tail}"
    if style in ("roman", "paren-roman"):
        value = roman_to_int(number)
        return str(value) if value is not None else number.lower()
    return digits


def find_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Clauses in ``text[start:end]`` with levels, parents, ids and body extents."""
    clauses: list[Clause] = []
    stack: list[tuple[str, Clause]] = []  # open styles, outermost first
    used_ids: set[str] = set()
    heading_counter = 0
    for found in _scan(text, start, end):
        _letter_not_roman(found, stack)
        _continue_sibling_numbering(found, stack)
        open_styles = [style for style, _ in stack]
        if found.style in open_styles:
            del stack[open_styles.index(found.style) :]
        elif found.style.startswith("md"):
            # A Markdown heading closes deeper Markdown levels and anything numbered under them.
            depth = int(found.style[2:])
            keep = 0
            for index, (style, _) in enumerate(stack):
                if style.startswith("md") and int(style[2:]) < depth:
                    keep = index + 1
            del stack[keep:]
        parent = stack[-1][1] if stack else None
        if found.number:
            part = number_key(found.number_style, found.number)
        else:
            heading_counter += 1
            part = f"h{heading_counter}"
        clause_id = f"{parent.id}.{part}" if parent else part
        base, suffix = clause_id, 2
        while clause_id in used_ids:
            clause_id, suffix = f"{base}-{suffix}", suffix + 1
        used_ids.add(clause_id)
        clause = Clause(
            id=clause_id,
            number=found.number,
            heading=found.heading.strip(),
            level=len(stack) + 1,
            parent=parent.id if parent else None,
            start=found.start,
            end=found.end,
            surface=text[found.start : found.end],
        )
        clauses.append(clause)
        stack.append((found.style, clause))
    _set_body_ends(clauses, end)
    return clauses


def _letter_not_roman(found: _Found, stack: list[tuple[str, Clause]]) -> None:
    """ "(i)" after "(h)" is the ninth letter, not Roman one (likewise "(v)" after "(u)",
    "(x)" after "(w)")."""
    if found.style != "paren-roman" or found.number not in ("i", "v", "x"):
        return
    for style, clause in reversed(stack):
        if style == "paren-letter" and clause.number == chr(ord(found.number) - 1):
            found.style = found.number_style = "paren-letter"
            return


_PAREN_STYLES = {"paren-arabic", "paren-roman", "paren-letter", "zh-paren"}


def _ordinal(style: str, number: str) -> int | None:
    """Position of a bracketed number in its list, read by its style, else by its shape."""
    if style == "paren-letter" and len(number) == 1 and number.islower():
        return ord(number) - ord("a") + 1
    if number.isdigit():
        return int(number)
    roman = roman_to_int(number)
    if roman is not None:
        return roman
    if len(number) == 1 and number.isalpha():
        return ord(number.lower()) - ord("a") + 1
    return chinese_to_int(number)


def _continue_sibling_numbering(found: _Found, stack: list[tuple[str, Clause]]) -> None:
    """Translations switch numbering mid-list ("(a) Guiding ideology." then "(II) Basic
    principles."): a bracketed number of a new style that continues the innermost open
    bracketed list is its next sibling, not a child."""
    if not stack or found.style not in _PAREN_STYLES:
        return
    style, clause = stack[-1]
    if style == found.style or style not in _PAREN_STYLES:
        return
    if any(open_style == found.style for open_style, _ in stack):
        return
    previous, current = _ordinal(style, clause.number), _ordinal(found.style, found.number)
    if previous is not None and current == previous + 1:
        found.style = style  # numbered as written, placed as a sibling


def _set_body_ends(clauses: list[Clause], end: int) -> None:
    for index, clause in enumerate(clauses):
        clause.body_end = end
        for following in clauses[index + 1 :]:
            if following.level <= clause.level:
                clause.body_end = following.start
                break


def detect_clauses(ctx: Context) -> None:
    """Pipeline component: fill ``ctx.clauses`` from the content (never from chrome)."""
    content_start, content_end = ctx.content
    ctx.set_clauses(find_clauses(ctx.text, content_start, content_end))


COMPONENT = Component(
    name="clauses",
    run=detect_clauses,
    reads=("text", "document.content"),
    writes=("clauses",),
)
