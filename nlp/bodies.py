"""Bodies a gazetteer cannot list: found by how texts name them, not by their names.

Why a helper module: the organizations component runs these finders next to its gazetteer
and its capitalised-name rule; each finder is a general naming convention of policy texts, so
it works on documents nobody has read:

- **local counterparts of a ministry**, named by function in addressee lists and duties
  ("the civil affairs department (bureau) of each province", "industry and information
  technology competent departments", "market supervision departments"): the function is a
  ministry's portfolio in ``corpus/organizations.json``; the canonical body is the class
  "provincial-level <portfolio> departments" (or "local ..."), linked to the ministry;
- **national authorities of the Member States** in EU acts ("the market surveillance
  authorities"): "national <function> authorities";
- **bodies defined by an article** ("the committee established by Article 62 of Regulation
  (EU) 2024/2847", "the expert group established by this Regulation"), resolved to the body
  the document itself names with the same head noun when there is exactly one;
- **abbreviations the document defines** ("Urban Gateway Coordination Group (UGCG)",
  "('the Connected Infrastructure Security Expert Group')"): every later "UGCG" is that body.

Every finder returns ``Found`` items (span, canonical name, kind, parent key); the
organizations component drops those that overlap a gazetteer match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from nlp.gazetteers import OrganizationGazetteer
from nlp.places import is_place
from nlp.text import normalize_name


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    surface: str
    canonical: str
    kind: str
    parent: str | None = None
    key: str | None = None  # a gazetteer key when the body is a known one (abbreviations)


# --- local counterparts -------------------------------------------------------------------------
_DEPARTMENT_HEAD = (
    r"(?:ministry|departments?|bureaus?|authorit(?:y|ies)|commissions?|administrations?|offices?|"
    r"agenc(?:y|ies))"
)
_QUALIFIER = r"(?:(?:competent|administrative|regulatory|responsible|relevant|local)[ \t]+)?"
# "(bureau)", "(departments, commissions)": the other names the same office has by region.
_ALTERNATIVES = r"(?:\s*\((?:[a-z]+(?:\s*[,/、]\s*|\s+or\s+|\s+and\s+)?){1,4}\))?"
_PROVINCIAL = re.compile(
    r"[^;:。；\n]{0,40}?\b(?:of|in|at)\s+(?:all|each|the\s+various|various)\s+"
    r"(?:provinces?|autonomous\s+regions?)|[^;:。；\n]{0,12}?\bat\s+(?:the\s+)?provincial\s+level",
    re.IGNORECASE,
)
_PROVINCIAL_BEFORE = re.compile(r"\b(?:provincial|province-level|provincial-level)\s+$", re.I)
_NOT_LOCAL_BEFORE = re.compile(
    r"(?:\b(?:Ministry|Administration|Commission|State|National|General\s+Office)\s+(?:of|for)"
    r"\s+(?:the\s+)?|\b(?:MIIT|SAMR|MCA|State|National|Central)\s+)$",
    re.IGNORECASE,
)
# "Civil Affairs Bureau of the Xinjiang Production and Construction Corps": one named body.
_NAMED_OWNER = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?!China\b|People)(?:[A-Z][\w'’-]*)"
    r"(?:[ \t]+(?:[A-Z][\w'’-]*|and|of|the)){0,8}(?<!\sand)(?<!\sof)(?<!\sthe)"
)


@lru_cache(maxsize=4)
def _counterpart_pattern(gazetteer: OrganizationGazetteer) -> re.Pattern[str] | None:
    names = sorted(gazetteer.portfolio, key=len, reverse=True)
    if not names:
        return None
    alternation = "|".join(r"[ \t]+".join(re.escape(word) for word in n.split()) for n in names)
    return re.compile(
        rf"(?<![\w-])(?P<function>{alternation})[ \t]+{_QUALIFIER}(?P<head>{_DEPARTMENT_HEAD})"
        rf"(?![\w-]){_ALTERNATIVES}",
        re.IGNORECASE,
    )


def _portfolio_name(gazetteer: OrganizationGazetteer, key: str, fallback: str) -> str:
    """The portfolio a ministry is known by ("market regulation" for SAMR, also when the text
    says "market supervision")."""
    names = gazetteer.portfolios_of(key)
    return names[0].lower() if names else fallback.lower()


def local_counterparts(
    text: str, start: int, end: int, gazetteer: OrganizationGazetteer
) -> list[Found]:
    pattern = _counterpart_pattern(gazetteer)
    if pattern is None:
        return []
    found: list[Found] = []
    for match in pattern.finditer(text, start, end):
        before = text[max(start, match.start() - 40) : match.start()]
        if _NOT_LOCAL_BEFORE.search(before):
            continue  # "Ministry of Civil Affairs", "State Administration for Market Regulation"
        parent = gazetteer.portfolio.get(normalize_name(match["function"]))
        if parent is None:
            continue
        head = match["head"]
        surface_end = match.end()
        if head.lower() == "ministry":  # "Civil Affairs Ministry": the ministry itself
            surface = match.group()
            found.append(
                Found(match.start(), surface_end, surface, surface, "ministry", None, parent)
            )
            continue
        if gazetteer.matcher.lookup(match.group()):
            continue  # a national body's own name ("Cyberspace Administration")
        local_head = head.lower() in ("bureau", "department", "office")
        owner = _NAMED_OWNER.match(text, surface_end, end) if head[0].isupper() else None
        if owner and local_head and match["function"][0].isupper():
            surface_end = owner.end()
            surface = text[match.start() : surface_end]
            found.append(
                Found(match.start(), surface_end, surface, surface, "local-department", parent)
            )
            continue
        if head[0].isupper() and not head.endswith("s") and match["function"][0].isupper():
            continue  # a capitalised singular name without an owner: left to the name rule
        provincial = _PROVINCIAL_BEFORE.search(before) or _PROVINCIAL.match(text, surface_end, end)
        level = "provincial-level" if provincial else "local"
        portfolio = _portfolio_name(gazetteer, parent, match["function"])
        canonical = f"{level} {portfolio} departments"
        found.append(
            Found(
                match.start(),
                surface_end,
                text[match.start() : surface_end],
                canonical,
                "local-department",
                parent,
            )
        )
    return found


# --- national authorities of the Member States (EU acts) ----------------------------------------
_MEMBER_STATES = re.compile(r"\bMember\s+States?\b")
_AUTHORITIES = re.compile(
    r"(?<![\w-])(?:[Nn]ational\s+)?(?P<function>(?:(?!(?i:the|all|other|relevant|such|these|"
    r"those|their|its|any|public|competent|national|appropriate|and|or|of|local|regional|state|"
    r"municipal|provincial|federal|county|territorial)\b)"
    # a sentence may start with the function ("Market surveillance authorities shall ...")
    r"(?:(?:^|(?<=[.:;)] ))[A-Z]|[a-z])[a-z]+\s+){1,2})authorities\b",
    re.MULTILINE,
)


def member_state_authorities(text: str, start: int, end: int) -> list[Found]:
    """ "the market surveillance authorities" in an EU act: the national authorities of that
    function, one class of bodies ("national market surveillance authorities")."""
    if not _MEMBER_STATES.search(text, start, end):
        return []
    found: list[Found] = []
    for match in _AUTHORITIES.finditer(text, start, end):
        function = " ".join(match["function"].lower().split())
        canonical = f"national {function} authorities"
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "national-authority")
        )
    return found


# --- bodies defined by an article ---------------------------------------------------------------
_BODY_NOUN = r"(?:group|committee|board|panel|network|forum|body|authority|agency|office|council)"
_FUNCTION_WORD = (
    r"(?:the|a|an|of|and|or|to|by|for|in|on|with|which|that|this|these|those|its|their|any|"
    r"each|every|such|other|new|same)\b"
)
_DEFINED_BODY = re.compile(
    rf"(?<![\w-])(?P<name>(?:(?!{_FUNCTION_WORD})[a-z]+\s+){{0,3}}{_BODY_NOUN})\s+"
    r"(?P<verb>established|set\s+up|created|referred\s+to|designated)\s+"
    r"(?:by|under|in|pursuant\s+to)\s+"
    r"(?P<ref>Article\s+\d+[a-z]?(?:\(\d+\))?|this\s+(?:Regulation|Directive|Decision|Act))"
    r"(?P<act>\s+of\s+(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC|Euratom)\)\s+"
    r"(?:No\s+)?\d+/\d+)?"
)
# "('the Connected Infrastructure Security Expert Group')": a name the act gives a body.
_QUOTED_NAME = re.compile(
    r"\(\s*['‘\"“](?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|and|of|for|on)){0,8}"
    rf"\s+(?i:{_BODY_NOUN}))['’\"”]\s*\)"
)


def defined_bodies(text: str, start: int, end: int, named: list[str]) -> list[Found]:
    """Bodies named by the article that sets them up. ``named``: the capitalised body names
    found in the document; a description whose head noun is the head of exactly one of them
    ("expert group established by Article 5" and "Connected Infrastructure Security Expert
    Group") is that body when the article is this act's own."""
    found: list[Found] = []
    quoted = [m for m in _QUOTED_NAME.finditer(text, start, end)]
    candidates = list(dict.fromkeys([*named, *(m["name"] for m in quoted)]))
    for match in _DEFINED_BODY.finditer(text, start, end):
        name = match["name"]
        if name.split()[0] in ("the", "a", "an", "which", "that", "and", "or", "of"):
            continue
        head = " ".join(name.split()[-2:]) if len(name.split()) > 1 else name
        external = bool(match["act"])
        canonical = None
        if not external:
            same = [n for n in candidates if normalize_name(n).endswith(normalize_name(head))]
            if not same:
                last = name.split()[-1]
                same = [n for n in candidates if normalize_name(n).endswith(last)]
            if len(same) == 1:
                canonical = same[0]
        if canonical is None:
            act = " ".join(match["act"].split()) if match["act"] else ""
            canonical = f"{name} {match['verb']} by {match['ref']}{(' ' + act) if act else ''}"
            canonical = canonical[:1].upper() + canonical[1:]
        surface_end = match.end("ref")
        found.append(
            Found(
                match.start(),
                surface_end,
                text[match.start() : surface_end],
                canonical,
                "committee" if "committee" in name else "expert-group",
            )
        )
    for match in quoted:
        found.append(
            Found(match.start("name"), match.end("name"), match["name"], match["name"], "group")
        )
    return found


# --- abbreviations the document defines ---------------------------------------------------------
_DEFINITION = re.compile(
    # on the same line, and not a roman numeral: "Bureau\n\n(III) Consolidate ..." defines nothing
    r"[ \t]*\((?![IVX]+\))\s*(?:the\s+)?['‘\"“]?"
    # the body's own name may come first: "(Instituto Português da Qualidade, IPQ)"
    r"(?:[A-ZÀ-Þ][\w'’-]+(?:[ \t][\w'’-]+){0,5},[ \t]*(?=[A-Z0-9][\w&/-]{0,11}\s*\)))?"
    # "(TU/e)": a slash inside an abbreviation
    # "(5Cs)": an acronym may lead with a digit
    r"(?P<abbr>(?:[A-Z]|\d(?=[A-Z]))[A-Za-z0-9&-]{0,5}(?:/[A-Za-z]{1,5})?[A-Za-z0-9&-]{0,6}"
    r"(?:\s[A-Z][A-Za-z0-9&-]{1,11})?)"
    r"['’\"”]?\s*\)"
)
_INNER_DEFINITION = re.compile(r"\((?P<abbr>[A-Z][A-Za-z0-9&-]{1,11})\)")


def is_acronym(token: str) -> bool:
    capitals = sum(ch.isupper() for ch in token)
    return capitals >= 2 or (capitals == 1 and token[:1].isdigit())


# A masthead that pairs a body's acronym with its name: "ARSO | African Organisation for
# Standardisation", "Norland Harbour Board – NHB".
_MASTHEAD_ACRONYM_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?P<abbr>[A-Z][A-Za-z]{1,7})[ \t]*[|–—][ \t]*$"
)
_MASTHEAD_ACRONYM_AFTER = re.compile(r"[ \t]*[|–—][ \t]*(?P<abbr>[A-Z][A-Za-z]{1,7})[ \t]*(?:\n|$)")


def abbreviation_definitions(
    text: str, spans: list[tuple[int, int, str, str | None]], masthead_end: int = 0
) -> dict[str, tuple[str, str | None]]:
    """ABBR -> (canonical, key) for every "Full Name (ABBR)" where the full name is a body
    found in the text (``spans``: start, end, canonical, gazetteer key or None), and for an
    acronym inside a name ("Quality Certification (STQC) Directorate")."""
    defined: dict[str, tuple[str, str | None]] = {}
    first_uses: dict[str, int] = {}
    for start, end, canonical, key in spans:
        definition = _DEFINITION.match(text, end)
        if (
            definition
            and is_acronym(definition["abbr"])
            and not _qualifier_in_brackets(text, start, canonical, definition["abbr"], first_uses)
        ) or (definition and _short_name_alias(text, definition, canonical)):
            defined.setdefault(definition["abbr"], (canonical, key))
        inner = _INNER_DEFINITION.search(text, start, end)
        if inner and is_acronym(inner["abbr"]):
            defined.setdefault(inner["abbr"], (canonical, key))
        # a masthead line is short: look back at most 40 characters (a text with no line
        # breaks would otherwise be searched from its start for every name)
        if start < masthead_end and " " in canonical:
            line_start = text.rfind("\n", max(0, start - 40), start) + 1
            if line_start == 0 and start > 40:
                continue
            paired = _MASTHEAD_ACRONYM_BEFORE.search(text, max(0, line_start - 1), start)
            paired = paired or _MASTHEAD_ACRONYM_AFTER.match(text, end)
            if paired and is_acronym(paired["abbr"]):
                defined.setdefault(paired["abbr"], (canonical, key))
    return defined


_SHORT_NAME = re.compile(r"[A-Z][a-z]{3,9}")


def _short_name_alias(text: str, definition: re.Match[str], name: str) -> bool:
    """Whether a capitalised word in brackets after a body's name is the short name it goes by
    ("National Telecommunications Agency (Anatel)", "... Industry Association (Abinee)"): it
    starts like one of the name's words, is no word of the name ("Brazilian ... (Brazil)"), no
    country or province ("Energy Commission (Ghana)"), and the text uses it again on its own."""
    word = definition["abbr"]
    if not _SHORT_NAME.fullmatch(word) or re.search(r"\bthe\s", definition.group()):
        return False  # "(the Department)": a defined term, not the body's own short name
    words = re.findall(r"[A-Za-z]+", name)
    if word[0] not in {w[0].upper() for w in words if w[:1].isupper()}:
        return False
    if any(w.lower().startswith(word.lower()[:5]) for w in words) or is_place(word):
        return False
    return re.search(rf"(?<![\w/-]){word}(?![\w/-])", text[definition.end() :]) is not None


def _qualifier_in_brackets(
    text: str, start: int, name: str, abbreviation: str, first_uses: dict[str, int]
) -> bool:
    """Whether the bracketed word after a name is a place or scope the text already used before
    ("Council of Mayors (SEQ)" after "the SEQ Regional Planning Committee"), not the name's
    abbreviation. An abbreviation is introduced where the name is first spelled out; one whose
    first letter starts no word of the name (unlike "SNV" for "Swiss Association for
    Standardization") and that the text used earlier names something else."""
    initials = {word[0].upper() for word in re.findall(r"[A-Za-z]+", name)}
    if abbreviation[0].upper() in initials:
        return False
    if abbreviation not in first_uses:  # found once per text, not once per name
        first = re.search(rf"(?<![\w/-]){re.escape(abbreviation)}(?![\w/-])", text)
        first_uses[abbreviation] = first.start() if first else len(text)
    return first_uses[abbreviation] < start


_ACRONYM_TOKEN = re.compile(r"(?<![\w/-])[A-Z][A-Za-z]{1,7}(?![\w/-])")
_MINOR = {"of", "and", "for", "the", "on", "in", "&"}


def initials_of(name: str) -> set[str]:
    """ "Ministry of Housing and Urban Affairs" -> {"mhua", "mohaua", "mohua", ...}: the
    initials with and without the small words, and with "of" alone kept (MoHUA)."""
    words = re.findall(r"[A-Za-z][\w'’]*", name)
    if len(words) < 2:
        return set()
    forms = {
        "".join(w[0] for w in words if w.lower() not in _MINOR),
        "".join(w[0] for w in words),
        "".join(w[0] for w in words if w.lower() not in _MINOR or w.lower() == "of"),
    }
    return {f.lower() for f in forms if len(f) >= 2}


def initials_uses(
    text: str, start: int, end: int, bodies: list[tuple[str, str | None]]
) -> list[tuple[int, int, str, str | None]]:
    """Acronyms the document never defines but that spell the initials of exactly one body it
    names ("MoHUA" after "Ministry of Housing and Urban Affairs"): (start, end, canonical,
    key)."""
    # one body may be written twice, once in capitals: the same name case-folded is one owner
    by_initials: dict[str, dict[tuple[str, str | None], tuple[str, str | None]]] = {}
    for canonical, key in bodies:
        for form in initials_of(canonical):
            by_initials.setdefault(form, {}).setdefault(
                (canonical.casefold(), key), (canonical, key)
            )
    if not by_initials:
        return []
    uses = []
    for match in _ACRONYM_TOKEN.finditer(text, start, end):
        token = match.group()
        if not is_acronym(token):
            continue
        found = by_initials.get(token.lower())
        if found and len(found) == 1:
            canonical, key = next(iter(found.values()))
            uses.append((match.start(), match.end(), canonical, key))
    return uses


def abbreviation_uses(
    text: str, start: int, end: int, defined: dict[str, tuple[str, str | None]]
) -> list[tuple[int, int, str]]:
    """Every standalone use of a defined abbreviation: (start, end, abbreviation)."""
    if not defined:
        return []
    alternation = "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w/-])(?:{alternation})(?![\w/-]|\s*\d)")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text, start, end)]


def strip_inner_abbreviation(name: str) -> str:
    """ "Standardisation Testing and Quality Certification (STQC) Directorate" without the
    "(STQC)": the name the body is compared by."""
    # two words too: "Regional Ministerial Secretariats (SEREMI MINVU)"
    return re.sub(r"\s*\([A-Z][A-Za-z0-9&-]{1,11}(?: [A-Z][A-Za-z0-9&-]{1,11})?\)", "", name)


# --- named local bodies: "Municipal Civil Affairs Bureau", "Gulou District People's Government" --
# Why a finder of its own: Chinese city and provincial plans name their bureaus by level and
# function, usually without the city ("the Municipal Finance Bureau"), and the level word is the
# part that says the body is local (the national "Development and Reform Commission" is NDRC,
# the "Municipal Development and Reform Commission" is not). The canonical name puts the
# document's own place in front ("Lanjiang Municipal Finance Bureau") so that bodies of two
# cities never collapse into one.
_LEVELS = {
    "municipal": "Municipal",
    "city": "Municipal",
    "provincial": "Provincial",
    "province": "Provincial",
    "prefectural": "Prefectural",
    "county": "County",
    "district": "District",
}
_LEVEL_WORD = r"(?:Municipal|Provincial|Prefectural|County|District|City)"
_LOCAL_HEAD = (
    r"(?:Bureau|Administration|Commission|Office|Department|Committee|Cent(?:re|er)|Agency|Corps|"
    r"Authority|People['’]s[ ]Government|Government)"
)
# A word of a local body's name: not a level word or a head noun, so that "Municipal Finance
# Bureau, Municipal Urban Management Bureau" is two bodies.
_LOCAL_NAME_WORD = (
    r"(?!(?:Municipal|Provincial|Prefectural|County|District|City|Bureau|Administration|"
    # ("Vilnius City Municipality Administration" is a name as written, not a level's body)
    r"Commission|Office|Department|Committee|Municipality|Municipalities)\b)[A-Z][\w'’-]*"
)
_NOT_A_PLACE = (
    r"(?!(?:The|This|That|All|Each|Every|Other|Relevant|Our|Its|Their|Local|New|Central|"
    r"National|State|General|Key|Main|Urban|Rural|Smart|Pilot|Model|And|Of|For|To|In|By)\b)"
)
_LOCAL_BODY = re.compile(
    rf"(?<![\w'’-])(?:(?P<place>{_NOT_A_PLACE}[A-Z][a-z]+)[ ])?(?P<level>{_LEVEL_WORD})[ ]"
    rf"(?P<name>(?:{_LOCAL_NAME_WORD},?[ ](?:and[ ])?){{0,6}})"
    rf"(?P<head>{_LOCAL_HEAD})(?![\w-])(?![ ][A-Z])"
    r"(?P<tail>[ ](?:for|of)[ ](?!the\b)[A-Z][\w'’-]*(?:[ ](?:and[ ])?[A-Z][\w'’-]*){0,4})?"
)
_MUNICIPAL_NAMING = re.compile(r"(?<![\w-])Municipal[ ][A-Z]")
_PLACE_USE = re.compile(
    rf"(?<![\w'’-]){_NOT_A_PLACE}(?P<place>[A-Z][a-z]{{2,}})[ ]"
    r"(?P<level>Municipal|City|Provincial|Province)\b"
)
# "the municipal government", "the Municipal People's Government": the document's own city.
_OWN_GOVERNMENT = re.compile(
    r"(?<![\w-])(?P<level>[Mm]unicipal|[Pp]rovincial|[Cc]ity)[ ](?:[Pp]eople['’]s[ ])?"
    r"[Gg]overnment(?![\w-])(?!s)(?![ ][A-Z])"
)
# "the people's governments of all districts and counties": a class of local governments.
_LOCAL_GOVERNMENTS = re.compile(
    r"(?<![\w-])people['’]s[ ]governments[ ]of[ ](?:all|each|the[ ]various|various)[ ]"
    r"(?P<units>(?:districts?|count(?:y|ies)|cities|city|towns(?:hips)?|provinces?)"
    r"(?:[ ](?:and|or)[ ](?:districts?|count(?:y|ies)|cities|city|towns(?:hips)?))?)",
    re.IGNORECASE,
)
# "the management committee of Jiangbei New Area": a body named after the area it runs.
_COMMITTEE_OF_AREA = re.compile(
    r"(?<![\w-])(?P<head>(?:management|administrative)[ ]committee)[ ]of[ ](?:the[ ])?"
    r"(?P<area>[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,4})"
)
_SINGULAR = {"counties": "county", "cities": "city", "provinces": "province"}


def document_places(text: str, start: int, end: int) -> dict[str, str]:
    """The place a document's local bodies belong to, per level ("Municipal" -> "Lanjiang"):
    the name most often written before "Municipal"/"City" (or "Provincial"/"Province")."""
    counts: dict[str, dict[str, int]] = {}
    for match in _PLACE_USE.finditer(text, start, end):
        level = _LEVELS[match["level"].lower()]
        by_place = counts.setdefault(level, {})
        by_place[match["place"]] = by_place.get(match["place"], 0) + 1
    return {level: max(places, key=lambda p: places[p]) for level, places in counts.items()}


def _portfolio_in(gazetteer: OrganizationGazetteer, words: str) -> tuple[str, str] | None:
    """The longest ministry portfolio written inside ``words``: (portfolio as written, key)."""
    folded = normalize_name(words).split()
    for size in range(len(folded), 0, -1):
        for first in range(0, len(folded) - size + 1):
            phrase = " ".join(folded[first : first + size])
            key = gazetteer.portfolio.get(phrase)
            if key:
                return phrase, key
    return None


def _spelled(gazetteer: OrganizationGazetteer, name: str) -> str:
    """A name that is a misspelt portfolio ("Emergency Managment") in the portfolio's spelling:
    the canonical name should not keep a typo of the text."""
    if not name or normalize_name(name) in gazetteer.portfolio:
        return name
    best = process.extractOne(
        normalize_name(name), list(gazetteer.portfolio), scorer=fuzz.ratio, score_cutoff=92
    )
    if best is None:
        return name
    key = gazetteer.portfolio[best[0]]
    spelled = [p for p in gazetteer.portfolios_of(key) if normalize_name(p) == best[0]]
    return spelled[0] if spelled else name


def _official_name(
    gazetteer: OrganizationGazetteer, key: str, written: str, name: str, head: str
) -> str | None:
    """ "Market Supervision" + "Administration" -> "Administration for Market Regulation" when
    the text uses a variant of the ministry's portfolio as the whole name: the local body is
    then called by the official portfolio, with the preposition of the ministry's own name."""
    portfolios = gazetteer.portfolios_of(key)
    if not portfolios or normalize_name(name) != written:
        return None
    official = portfolios[0]
    if normalize_name(official) == written:
        return None
    ministry = gazetteer.by_key[key].name
    preposition = "for" if re.search(r"\bfor\b", ministry) else "of"
    return f"{head} {preposition} {official}"


def local_bodies(text: str, start: int, end: int, gazetteer: OrganizationGazetteer) -> list[Found]:
    """Named local bodies ("Municipal Housing and Construction Bureau", "Gulou District People's
    Government", "the municipal government"), local government classes ("the people's
    governments of all districts and counties") and area committees, with canonical names that
    carry the document's place and the parent ministry when the function is a portfolio."""
    places = document_places(text, start, end)
    # translated Chinese plans write "Municipal" and "City" for one level, so both are written
    # "Municipal"; a text that never writes "Municipal" before a name keeps its "City"
    one_level_word = _MUNICIPAL_NAMING.search(text, start, end) is not None
    found: list[Found] = []
    for match in _LOCAL_BODY.finditer(text, start, end):
        level = _LEVELS[match["level"].lower()]
        place = match["place"] or places.get(level)
        written = match["level"] if match["level"] == "City" and not one_level_word else level
        name = _spelled(gazetteer, match["name"].strip())
        head = match["head"].replace("’", "'")
        portfolio = _portfolio_in(gazetteer, name + (match["tail"] or ""))
        parent = portfolio[1] if portfolio else None
        official = (
            _official_name(gazetteer, parent, portfolio[0], name, head)
            if portfolio and parent and not match["tail"]
            else None
        )
        body = official or " ".join(part for part in (name, head) if part)
        body += match["tail"] or ""
        canonical = " ".join(part for part in (place, written, body) if part)
        kind = "local-government" if head.endswith("Government") else "local-department"
        found.append(Found(match.start(), match.end(), match.group(), canonical, kind, parent))
    for match in _OWN_GOVERNMENT.finditer(text, start, end):
        level = _LEVELS[match["level"].lower()]
        place = places.get(level)
        if place is None:
            continue
        canonical = f"{place} {level} People's Government"
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
    for match in _LOCAL_GOVERNMENTS.finditer(text, start, end):
        units = [
            _SINGULAR.get(u.lower(), u.lower().rstrip("s"))
            for u in re.split(r"[ ](?:and|or)[ ]", match["units"])
        ]
        owner = places.get("Municipal") or places.get("Provincial")
        canonical = f"{' and '.join(units)} people's governments" + (
            f" of {owner}" if owner else ""
        )
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
    for match in _COMMITTEE_OF_AREA.finditer(text, start, end):
        canonical = f"{match['area']} {match['head'].title()}"
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
    return found


# --- bodies named in apposition to what they are ---------------------------------------------
# "the grid operator Enexis Netbeheer", "the water board Waterschap Aa en Maas", "the drinking
# water company Brabant Water": a class noun, then the body's own name, which has no head word
# of its own and is in no gazetteer.
_APPOSITION_NOUN = (
    r"(?P<noun>operator|company|board|authority|agency|institute|university|association|network|"
    r"utility|regulator|organi[sz]ation|foundation|consortium|cooperative|bank|provider|supplier|"
    r"manufacturer|insurer|corporation|body)"
)
_NAME_PART = r"[A-Z][\w&'’-]*"
_NAME_JOINT = r"(?:en|and|of|de|van|der|du|la|für)"
_APPOSITION = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)[ \t]+(?:(?!the\b)[a-z][a-z-]*[ \t]+){0,2}"
    rf"{_APPOSITION_NOUN}[ \t]+"
    r"(?P<name>(?!(?:The|This|That|These|In|On|For|And|Of|With|To|By|As|At|A|An)\b)"
    rf"{_NAME_PART}(?:[ \t]+(?:{_NAME_PART}|{_NAME_JOINT}(?=[ \t]+[A-Z]))){{0,4}})"
)
# "through the Eurocities network": a one-word name before the network or alliance it is.
_NAME_BEFORE_NETWORK = re.compile(
    r"(?<![\w-])the[ \t]+(?P<name>[A-Z][a-z]+[A-Za-z]*)[ \t]+(?:network|alliance|consortium)\b"
)
_COMPANY_NOUNS = {"operator", "company", "utility", "provider", "supplier", "manufacturer"}
# "Gemeente Lindemeer", "Prefeitura Municipal de Porto Alvorada": a municipality in its own
# language. Shared with ``nlp.org_resolution``, which reads a plan's own city from it.
_CAPITALISED = r"(?-i:[A-ZÀ-Ý][\w'’-]+)"
MUNICIPALITY_ABROAD = re.compile(
    r"(?<![\w-])(?:Gemeente|Prefeitura[ ]Municipal[ ]de|Munic[ií]pio[ ]de|Mairie[ ]de|Ville[ ]de|"
    r"Ayuntamiento[ ]de|Stadt|Kommune|Comune[ ]di)[ ]"
    rf"(?P<place>{_CAPITALISED}(?:[ ](?:d[aeo]s?[ ]|del[ ]|la[ ])?{_CAPITALISED}){{0,2}})",
    re.IGNORECASE,
)
_PARTICLE = re.compile(r"^(?:d[aeo]s?|del|la)$", re.IGNORECASE)


def municipality_place(match: re.Match[str]) -> str:
    """The place of a ``MUNICIPALITY_ABROAD`` match as a name ("PORTO ALVORADA" -> "Porto
    Alvorada", "SÃO JOSÉ DOS CAMPOS" -> "São José dos Campos")."""
    return " ".join(
        word.lower() if _PARTICLE.match(word) else word[:1].upper() + word[1:].lower()
        for word in match["place"].split()
    )


def bodies_in_apposition(text: str, start: int, end: int) -> list[Found]:
    """Bodies named right after the kind of body they are, and municipalities named in their
    own language ("Gemeente X" is the Municipality of X)."""
    found: list[Found] = []
    for match in _APPOSITION.finditer(text, start, end):
        name = match["name"]
        if name.isupper() and len(name) <= 8:
            continue  # an acronym is a name the abbreviation rules already read
        kind = "company" if match["noun"] in _COMPANY_NOUNS else "organization"
        found.append(Found(match.start("name"), match.end("name"), name, name, kind))
    for match in _NAME_BEFORE_NETWORK.finditer(text, start, end):
        name = match["name"]
        if re.search(rf"(?<![\w-]){name.lower()}(?![\w-])", text):
            continue  # a common word ("the Research network" where "research" is written too)
        found.append(Found(match.start("name"), match.end("name"), name, name, "network"))
    for match in MUNICIPALITY_ABROAD.finditer(text, start, end):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if re.search(r"©|\(c\)|[Cc]opyright", text[line_start : match.start()]):
            continue  # a footer's copyright line, not a mention
        canonical = f"Municipality of {municipality_place(match)}"
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
    return found


# A name every government uses: "Ministry of Transport", "Ministry of Natural Resources". A
# longer one ("Ministry of Housing and Urban-Rural Development") is one country's.
BY_FUNCTION = re.compile(
    r"(?:the\s+)?(?:Ministry|Department|Office|Agency|Commission|Administration|Bureau|Council)\s+"
    r"(?:of|for)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
)
