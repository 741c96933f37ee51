"""References to other policies: laws, regulations, plans, outlines, strategies, programmes.

Why a gazetteer plus generic patterns: the documents a corpus cites most are known and appear
under several titles ("National Standardization Development Outline" / "... Program"), which
``corpus/policies.json`` resolves to one key; everything else is caught by the shapes titles
take ("《...》", "Regulation (EU) No 1025/2012", "Directive 98/34/EC", "the ... Law",
"14th Five-Year Plan") and keyed by a slug of its canonical title so repeats still merge. The
finding itself is ``nlp.policy_titles``; this component leaves out the document citing itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.gazetteers import policy_gazetteer
from nlp.policy_titles import ISSUING, PolicyCandidate, clean_title, find_policy_refs
from nlp.spans import NAVIGATION_SEPARATOR, Component, Context, PolicyRef
from nlp.text import slugify

# A news release says what someone did (lower-case verbs); "Release v1.0" is a noun.
_RELEASE = re.compile(
    r"\b(?:issues?|issued|releases|released|approves?|approved|publishes|unveils?|"
    r"announces?|launch(?:es|ed))\b|\b[Cc]ircular\b|发布|印发"
)


def own_keys(ctx: Context, found: list[PolicyCandidate]) -> set[str]:
    """Keys that name the document itself: its title, its number, the act named at the start of
    its title line. A document mentioning itself is not a reference to another policy; a news
    release about a policy is not that policy, so its title does not count."""
    gazetteer = policy_gazetteer()
    keys: set[str] = set()
    if ctx.document.title and _RELEASE.search(ctx.document.title):
        return keys
    for value in (ctx.document.title, ctx.document.number):
        if value:
            cleaned = clean_title(value)
            keys.add(gazetteer.resolve(cleaned) or slugify(cleaned))
            if len(cleaned) > 200:
                continue
            for known in gazetteer.matcher.finditer(cleaned):
                if len(known.surface) >= 0.5 * len(cleaned):
                    keys.add(known.key)
    first_line = _first_line(ctx)
    issuing = ISSUING.search(ctx.text, *first_line) if first_line else None
    if first_line and issuing:
        for candidate in found:
            if issuing.end() <= candidate.start < first_line[1]:
                keys.add(candidate.key)  # "Notice ... on Issuing the X": X is this document
    start, end = ctx.title_span or (ctx.document.content_start, ctx.document.content_start + 200)
    for candidate in found:
        if start <= candidate.start and candidate.end <= end and candidate.start - start < 5:
            keys.add(candidate.key)  # the act named at the very start of its own title
        elif _SHORT_TITLE_CLAUSE.search(ctx.text, max(0, candidate.start - 60), candidate.start):
            keys.add(candidate.key)  # "These Regulations are called the X": its own short title
        elif _APPROVAL_LINE.search(
            ctx.text, _line_start(ctx.text, candidate.start), candidate.start
        ):
            keys.add(candidate.key)  # "Approved by the Board, Resolution No. 14/218": its own
        elif _masthead_number(ctx, candidate):
            keys.add(candidate.key)  # "KATS Notice No. 2027-41" on a line of its own at the top
        elif (
            ctx.title_span
            and start <= candidate.start
            and candidate.end <= end + 2
            and ctx.text[candidate.start - 1 : candidate.start] == "("
        ):
            keys.add(candidate.key)  # "Ordinance of the Ministry ... (X Ordinance 2030)": its own
        elif _bracketed_short_title(ctx, candidate):
            keys.add(candidate.key)  # "Ordinance on Energy Data (Energy Data Ordinance, EDV)"
    return keys


_SHORT_TITLE_BRACKET_END = re.compile(r"(?:,[ \t]*[A-Z][A-Za-z]{1,9})?\)[ \t]*$")


def _bracketed_short_title(ctx: Context, candidate: PolicyCandidate) -> bool:
    """Whether the candidate is the short title in brackets at the end of a title line at the
    head of the document, perhaps with its abbreviation: "Ordinance on Energy Data and Smart
    Metering in Buildings (Energy Data Ordinance, EDV)". Its kind word is the line's first."""
    content_start = ctx.document.content_start
    if candidate.start < content_start or ctx.text[candidate.start - 1 : candidate.start] != "(":
        return False
    if ctx.text.count("\n", content_start, candidate.start) >= _MASTHEAD_LINES:
        return False
    line_end = ctx.text.find("\n", candidate.end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    if not _SHORT_TITLE_BRACKET_END.match(ctx.text, candidate.end, line_end):
        return False
    line = ctx.text[_line_start(ctx.text, candidate.start) : candidate.start - 1]
    head = ctx.text[candidate.start : candidate.end].split()[-1]
    return line.split()[:1] == [head]


# Lines at the head of a document that hold its own number: "KATS Notice No. 2027-41",
# "Circular No. 12/2031".
_MASTHEAD_LINES = 12
_ISSUER_PREFIX = re.compile(r"[ \t]*(?:[A-Z][A-Za-z&/-]{1,9}[ \t]+)?")


def _masthead_number(ctx: Context, candidate: PolicyCandidate) -> bool:
    """Whether a numbered instrument stands alone on one of the first lines of the document's
    content, maybe after its issuer's acronym: that is the document's own number."""
    if not re.search(r"\d", ctx.text[candidate.start : candidate.end]):
        return False
    content_start = ctx.document.content_start
    if candidate.start < content_start:
        return False
    if ctx.text.count("\n", content_start, candidate.start) >= _MASTHEAD_LINES:
        return False
    line_start = _line_start(ctx.text, candidate.start)
    line_end = ctx.text.find("\n", candidate.end)
    line_end = len(ctx.text) if line_end < 0 else line_end
    lead = _ISSUER_PREFIX.fullmatch(ctx.text, line_start, candidate.start)
    return lead is not None and not ctx.text[candidate.end : line_end].strip(" \t:|-")


# An instrument's short-title clause: "These Regulations are called the X", "This Act may be
# cited as the Y".
_SHORT_TITLE_CLAUSE = re.compile(
    r"\b(?:This|These)\s+[A-Z]\w*\s+(?:is|are|may\s+be|shall\s+be)\s+"
    r"(?:called|cited\s+as|known\s+as)\s+(?:the\s+)?$"
)


# A line that says who approved this document and by which instrument: that instrument is the
# approval of this document, not another policy ("Approved by the Board of Directors,
# Resolution No. 14/218"). An act the approval was made under is one ("Adopted by the Council
# under section 93 of the Local Government Act 2002").
_APPROVAL_LINE = re.compile(
    r"(?m)^[ \t]*(?:Approved|Adopted|Issued|Promulgated|Enacted)[ \t]+by"
    # "Approved by Decision No. 1-2217 of the City Council": the instrument right after "by"
    r"(?:\b[^\n.;]*,[ \t]*|[ \t]+)$"
)


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def _first_line(ctx: Context) -> tuple[int, int] | None:
    """Span of the first non-empty line of the content (a notice's title line)."""
    content_start, content_end = ctx.content
    match = re.compile(r"[^\S\n]*(\S[^\n]*)").search(ctx.text, content_start, content_end)
    return match.span(1) if match else None


# "(OZG)" or "(LGPD, Law No. 13.709/2018)": an abbreviation, alone or first in the bracket.
# "(EP&A Act)": a short name may carry an ampersand and the act's kind word.
_ABBREVIATION = re.compile(
    # "(EnG BS)": a short name and its polity's initials
    r"[ \t]*\((?P<abbr>[A-Z][A-Za-z&]{1,9}"
    r"(?:[ \t]+(?:Act|Regulations?|Code|Directive|[A-Z]{2,3}))?)"
    r"(?:\)|[ \t]*[,;][ \t]*)"
)
# What may open a bracket after a title before the act's number: "(", "(LGPD, ".
# ("Regulation (EU) 2024/1309 (the Gigabit Infrastructure Act)": the article may lead)
_BRACKET_OPEN = re.compile(r"[ \t]*\((?:the[ \t]+)?(?:[A-Z][A-Za-z]{1,9}[ \t]*[,;][ \t]*)?")
# A number the act is also known by, when it fills the bracket after the act's name: "the
# Standards of Malaysia Act 1996 (Act 549)", "Municipal Master Plan (Complementary Law No.
# 212/2019)", "the City Statute (Federal Law No. 10.257/2001)".
# The date an act's number may carry in the bracket: "(Law No. 2021-1104 of 22 August 2021)".
_NUMBER_DATE = r"(?:[ \t]+of[ \t]+(?:\d{1,2}[ \t]+[A-Z][a-z]+[ \t]+)?(?:19|20)\d\d)?"
_BRACKETED_NUMBER = re.compile(
    r"(?:[A-Z][a-z]+[ \t]+){0,2}(?:Law|Act|Decree|Ordinance|Resolution|Order|Statute|Cap\.?)"
    rf"[ \t]+(?:No\.?[ \t]*)?\d[\d.,/-]*(?<=\d){_NUMBER_DATE}(?=[ \t]*\))"
)


# "the Environment and Planning Act (Omgevingswet)": the act's name in its own language.
_NATIVE_NAME = re.compile(
    r"[ \t]*\((?P<name>(?!(?:Draft|Revised|Amended|Amendment|Consolidated|Summary|Translation|"
    r"English|Annex|Appendix|Part|Section|Article)\))"
    r"[A-ZÀ-Ý][a-zà-ÿß]{4,}(?:[ \t][a-zà-ÿß]+){0,2})\)"
)


# What may follow the number in a bracket before it closes: its date ("of 22 August 2021").
_BRACKET_CLOSE = re.compile(rf"{_NUMBER_DATE}[ \t]*\)")

# A bare EU number alone in the bracket after a named act: "(2002/49/EC)".
_BARE_EU_NUMBER = re.compile(r"(?P<num>\d{1,4}/\d{1,4}/(?:EU|EC|EEC|Euratom))[ \t]*\)")
_EU_KIND_AT_END = re.compile(r"\b(?:Directive|Regulation|Decision)$", re.IGNORECASE)


def _bracketed_aliases(text: str, found: list[PolicyCandidate]) -> list[PolicyCandidate]:
    """A title followed by its number in brackets names one act twice: "the City Statute
    (Federal Law No. 10.257/2001)". The bracket is another mention of the named act, which
    keeps the name; only an official EU number beats a name ("the eIDAS Regulation
    (Regulation (EU) No 910/2014)"), and a known policy beats an unknown one."""
    by_start = {candidate.start: candidate for candidate in found}
    result = list(found)
    for named in found:
        opening = _BRACKET_OPEN.match(text, named.end)
        if opening is None:
            continue
        eu_number = _BARE_EU_NUMBER.match(text, opening.end())
        kind = _EU_KIND_AT_END.search(text, named.start, named.end)
        if eu_number is not None and kind is not None:
            # "the Environmental Noise Directive (2002/49/EC)": the number names the act (a
            # known act keeps the gazetteer's name: "the INSPIRE Directive (2007/2/EC)")
            canonical = f"{kind[0].capitalize()} {eu_number['num']}"
            key = slugify(canonical)
            renamed = named if named.priority >= 5 else replace(named, canonical=canonical, key=key)
            mention = replace(
                renamed, start=eu_number.start("num"), end=eu_number.end("num"), priority=1
            )
            result = [renamed if c is named else c for c in result] + [mention]
            continue
        inner = by_start.get(opening.end())
        if inner is not None and inner is not named:
            if not _BRACKET_CLOSE.match(text, inner.end, inner.end + 40):
                continue
            if inner.priority >= 3 and named.priority < 5:
                continue  # an official EU number or a known policy: the number is the name
            alias = PolicyCandidate(
                inner.start, inner.end, named.canonical, named.key, named.type, inner.priority
            )
            result = [alias if c is inner else c for c in result]
            continue
        native = _NATIVE_NAME.match(text, named.end)
        if native is not None and opening.group().strip() == "(":
            result.append(
                PolicyCandidate(
                    native.start("name"),
                    native.end("name"),
                    named.canonical,
                    named.key,
                    named.type,
                    1,
                )
            )
            continue
        number = _BRACKETED_NUMBER.match(text, opening.end())
        if number is not None:
            result.append(
                PolicyCandidate(
                    number.start(), number.end(), named.canonical, named.key, named.type, 1
                )
            )
    return sorted(result, key=lambda c: c.start)


def _with_abbreviations(
    text: str, start: int, end: int, found: list[PolicyCandidate]
) -> list[PolicyCandidate]:
    """ "the Online Access Act (OZG)": the bracketed abbreviation, and each later use of it, is
    another mention of the act."""
    extra: list[PolicyCandidate] = []
    for candidate in found:
        definition = _ABBREVIATION.match(text, candidate.end)
        if definition is None:
            continue
        abbreviation = definition["abbr"]
        if sum(ch.isupper() for ch in abbreviation) < 2:
            continue
        if re.match(r"[ \t]*(?:19|20)\d\d", text[definition.end() : definition.end() + 8]):
            continue  # "X Plan (SNAP) 2022-27": the bracket sits inside the title
        uses = re.finditer(rf"(?<![\w/-]){re.escape(abbreviation)}(?![\w/-])", text)
        for use in uses:
            if use.start() < definition.start("abbr") or not start <= use.start() < end:
                continue
            same = next((c for c in found if (c.start, c.end) == (use.start(), use.end())), None)
            if same is not None and same.priority <= candidate.priority:
                # "the LG Act" read as a title of its own: it is the act defined before
                alias = replace(candidate, start=same.start, end=same.end)
                found = [alias if c is same else c for c in found]
                continue
            if any(c.start < use.end() and use.start() < c.end for c in [*found, *extra]):
                continue
            extra.append(
                PolicyCandidate(
                    use.start(),
                    use.end(),
                    candidate.canonical,
                    candidate.key,
                    candidate.type,
                    candidate.priority,
                )
            )
    return sorted([*found, *extra], key=lambda c: c.start) if extra else found


def _on_navigation_line(text: str, position: int) -> bool:
    """ "Home > Plans > Net Zero Strategy": a breadcrumb or menu line names no citation."""
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return len(NAVIGATION_SEPARATOR.findall(line)) >= 2


def detect_policy_refs(ctx: Context) -> None:
    """Pipeline component: policy references (the document citing itself is left out)."""
    content_start, content_end = ctx.content
    found = find_policy_refs(ctx.text, content_start, content_end)
    found = _bracketed_aliases(ctx.text, found)
    found = _with_abbreviations(ctx.text, content_start, content_end, found)
    own = own_keys(ctx, found)
    for candidate in found:
        if candidate.key in own or _on_navigation_line(ctx.text, candidate.start):
            continue
        ctx.policy_refs.append(
            PolicyRef(
                surface=ctx.text[candidate.start : candidate.end],
                start=candidate.start,
                end=candidate.end,
                canonical=candidate.canonical,
                key=candidate.key,
                type=candidate.type,
                clause=ctx.clause_id_at(candidate.start),
            )
        )


COMPONENT = Component(
    name="policy_refs",
    run=detect_policy_refs,
    reads=(
        "text",
        "document.content",
        "document.title",
        "document.number",
        "title_span",
        "clauses",
    ),
    writes=("policy_refs",),
)
