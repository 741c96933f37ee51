"""Names that stand in a list with a known organization, or that a list noun says are one.

Why: a gazetteer and the organization-noun patterns find "Lucerne University of Applied Sciences
and Arts" but not "ETH Zurich, EPFL, Empa" before it, nor "Telstra" in "Telstra and other
carriers": proper names with no organization noun. Coordination carries the type: what a policy
lists beside bodies ("X, Y and the Z Agency"), and what it calls one of a class of bodies
("utilities such as X and Y"), is a body too. Places are listed beside bodies as well ("the
SFOE and the cantons"), so every name is checked by a veto the caller supplies (spaCy's
statistical entity types: a place, a date or a nationality is no body).

Pure functions over text and spans; ``nlp.organizations`` calls :func:`coordinated_names`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nlp.intervals import SpanIndex, span_index

Span = tuple[int, int]

# One to four capitalised words (acronyms, "ETH Zurich", "Urban Utilities"), no small words:
# a name with "of" in it has an organization noun and is found by the name patterns.
_WORD = r"[A-Z][\w&'’.-]*(?<![.-])"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
# What may follow a listed name: its bracketed abbreviation, then a list joint or the end of
# the list (punctuation, or a lower-case word: the verb of the sentence).
_ABBREVIATION = r"(?:[ \t]*\([A-Za-z][\w&/-]{0,11}\))?"
_NAME_END = r"(?=[ \t]*(?:[,;:.)]|$)|[ \t]+(?:and|or|[a-z]))"
_JOINT = r"(?:,[ \t]+(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)(?:the[ \t]+)?"
_AFTER = re.compile(rf"{_ABBREVIATION}{_JOINT}(?P<name>{_NAME}){_NAME_END}")
# A determiner before a capitalised word makes it a common noun ("for each new NOM, and the X").
_DETERMINED = (
    r"(?<!\ba )(?<!\ban )(?<!\beach )(?<!\bevery )(?<!\bnew )(?<!\bany )(?<!\bthis )"
    r"(?<!\bthat )(?<!\bits )(?<!\btheir )(?<!\bour )"
)
_BEFORE = re.compile(rf"(?:^|(?<=[\s(:])){_DETERMINED}(?P<name>{_NAME}){_ABBREVIATION}{_JOINT}$")

# Classes of bodies a list noun names ("carriers", "utilities"): "X and other <class>",
# "<class> such as X, Y and Z", "<class>, including X".
BODY_CLASSES = (
    r"(?i:agencies|authorities|regulators|bodies|organi[sz]ations|institutes|institutions|"
    r"universities|associations|companies|firms|corporations|enterprises|manufacturers|"
    r"providers|operators|carriers|utilities|banks|insurers|laboratories|councils|ministries|"
    r"departments|offices|commissions|committees|consortia|networks|developers|retailers|"
    r"suppliers|vendors|partners)"
)
_AND_OTHER = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}){_ABBREVIATION}[ \t]+and[ \t]+other[ \t]+"
    rf"(?:[a-z][\w-]*[ \t]+){{0,2}}{BODY_CLASSES}\b"
)
_SUCH_AS = re.compile(
    rf"\b{BODY_CLASSES}(?:[ \t]*,)?[ \t]+(?:such[ \t]+as|including|like)[ \t]+(?:the[ \t]+)?"
    rf"(?P<name>{_NAME}){_NAME_END}"
)

# Capitalised words that start a sentence or name a thing, never a body on their own.
_NOT_A_NAME = re.compile(
    r"^(?:The|A|An|This|That|These|Those|Its|Their|Our|Each|Every|All|Both|Other|Such|"
    r"Article|Articles|Section|Sections|Annex|Annexes|Table|Figure|Chapter|Part|Item|Items|"
    r"Action|Actions|Member|States?|Government|Governments|Parliament|Council|Commission|"
    r"Ministry|Ministries|Department|Departments|Committee|Committees|Office|Offices|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|II|III|IV|V|VI|"
    r"Regulation|Directive|Decision|Law|Act|Plan|Strategy|Programme|Program|Policy|Standard|"
    r"Standards|Guidelines?|Framework|Roadmap|Report|Annual|Note|Notes|Phase|Stage|Step|"
    # people by their office, and level words before a generic body ("Central Government")
    r"Chief|Director|Head|Secretary|President|Chair|Chairman|Chairperson|Minister|Mayor|"
    r"Governor|Commissioner|Officer|Executive|Deputy|Vice|Premier|Prime|Group|Central|General|"
    r"Agency|Authority|Commonwealth|Union|Recently|However|Also|Further|Finally|"
    # the words of legal drafting, in capitals at the head of a recital ("WHEREAS, the ...")
    r"WHEREAS|NOW|THEREFORE|RESOLVED|ORDERED|ENACTS|HEREBY|PROVIDED|NOTING|CONSIDERING|"
    # contact labels ("Contact: Standards Division, Tel: ...")
    r"Tel|TEL|Fax|FAX|Phone|Telephone|E-?mail|Website|Web|Address)\b"
    r"(?:[ \t]|$)"
)
# A thing named by its last word: an act, a plan, a product, a place.
_NOT_A_BODY_END = re.compile(
    r"(?:Act|Law|Code|Regulations?|Directive|Decree|Strategy|Plan|Programme|Program|Policy|"
    r"Framework|Agenda|Roadmap|Standards?|Specification|Guidelines?|Report|Treaty|Agreement|"
    r"Convention|Protocol|Island|Islands|Region|Province|State|County|District|Street|Road|"
    r"River|Lake|Valley|Coast|Zone|Area|Park|Day|Week|Year|Award|Prize|Index|Officer|"
    r"Executive|President|Director|General|Secretary|Minister|Mayor|Government|Governments|"
    r"Meeting|Meetings)$"
)

Veto = Callable[[int, int], bool]


def _acceptable(text: str, start: int, end: int, blocked: SpanIndex[None], veto: Veto) -> bool:
    surface = text[start:end]
    if _NOT_A_NAME.match(surface) or _NOT_A_BODY_END.search(surface):
        return False
    if any(ch.isdigit() for ch in surface) or blocked.overlaps(start, end):
        return False
    return not veto(start, end)


def coordinated_names(
    text: str,
    start: int,
    end: int,
    bodies: Sequence[Span],
    blocked: Sequence[Span],
    veto: Veto,
) -> list[Span]:
    """Spans of names listed with a body of ``bodies`` (and, in turn, with those names), and of
    names a list noun calls bodies, inside ``text[start:end]``. ``blocked`` spans (standards,
    policies, the bodies themselves) are never names; ``veto(start, end)`` rejects a name the
    caller knows is something else (a place, a date, a nationality)."""
    taken = span_index({*bodies, *blocked})
    found: list[Span] = []

    def accept(name_start: int, name_end: int, check: Veto = veto) -> bool:
        if not (start <= name_start and name_end <= end):
            return False
        if not _acceptable(text, name_start, name_end, taken, check):
            return False
        found.append((name_start, name_end))
        taken.add(name_start, name_end, None)
        return True

    queue = list(bodies)
    # the list noun says what the name is: no veto ("Telstra" reads as a people to spaCy)
    for pattern in (_AND_OTHER, _SUCH_AS):
        for match in pattern.finditer(text, start, end):
            if accept(match.start("name"), match.end("name"), lambda _s, _e: False):
                queue.append((match.start("name"), match.end("name")))
    while queue:
        body_start, body_end = queue.pop()
        after = _AFTER.match(text, body_end, min(end, body_end + 120))
        if after and accept(after.start("name"), after.end("name")):
            queue.append((after.start("name"), after.end("name")))
        window = max(start, body_start - 120)  # bounded: no scan back to the text's start
        line_start = max(window, text.rfind("\n", window, body_start) + 1)
        before = _BEFORE.search(text, line_start, body_start)
        if before and accept(before.start("name"), before.end("name")):
            queue.append((before.start("name"), before.end("name")))
    return sorted(found)
