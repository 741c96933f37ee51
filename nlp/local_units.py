"""Local counterparts named by level and function, in any country's English.

Why a helper module: national programmes hand work to "county governments", "prefectural city
planning divisions", "municipal disaster-prevention divisions and fire headquarters" or "county
departments of trade and industrialisation": classes of local bodies that no gazetteer lists
and that carry no capitalised name. They are named by a level of government (county,
prefectural, municipal, district, provincial, regional, local) and a function, so a pattern
finds them; the canonical body is the class ("local city planning departments", "county
governments"). The organizations component runs this finder next to ``nlp.bodies``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from nlp.bodies import Found

_LEVEL = (
    r"(?P<level>[Cc]ounty|[Pp]refectural|[Mm]unicipal|[Dd]istrict|[Pp]rovincial|[Rr]egional|"
    r"[Ll]ocal)"
)
_HEAD = r"(?P<head>departments|divisions|bureaus|offices|headquarters)"
# a function word: lowercase, not an article, a pronoun or a connective
_FUNCTION_WORD = (
    r"(?!(?:the|a|an|and|or|of|for|in|on|to|all|each|their|its|other|relevant|competent|"
    r"government|governments|authorities|level|county|prefectural|municipal|district|provincial|"
    r"regional|local|national|state|will|shall|should|may|must|can|are|is|be|have|has|"
    # the units of a level are another body ("departments of public works and municipalities")
    r"municipalities|provinces|cities|counties|districts|prefectures)\b)"
    r"[a-z][a-z-]*"
)
_GOVERNMENTS = re.compile(rf"(?<![\w-]){_LEVEL}[ \t]+governments\b")
# "regional councils", "territorial authorities", "parish and town councils": the councils of a
# level of local government, one class of bodies ("local authorities" alone is a generic word
# for any of them, and is left out).
_COUNCILS = re.compile(
    r"(?<![\w-])(?P<level>(?:[Tt]erritorial|[Rr]egional|[Dd]istrict|[Cc]ounty|[Mm]unicipal|"
    r"[Pp]arish|[Tt]own|[Uu]nitary|[Bb]orough)"
    r"(?:[ \t]+and[ \t]+(?:town|parish|city|district|county|borough|unitary|regional))?)"
    r"[ \t]+(?P<head>councils|authorities)\b"
)
_NAMED_BY_FUNCTION = re.compile(
    rf"(?<![\w-]){_LEVEL}[ \t]+(?P<function>{_FUNCTION_WORD}(?:[ \t]+{_FUNCTION_WORD}){{0,2}}?)"
    rf"[ \t]+{_HEAD}(?![\w-])"
)
_DEPARTMENTS_OF = re.compile(
    rf"(?<![\w-]){_LEVEL}[ \t]+(?P<head>departments|divisions|bureaus|offices)[ \t]+of[ \t]+"
    rf"(?P<function>{_FUNCTION_WORD}(?:[ \t]+{_FUNCTION_WORD})?"
    rf"(?:[ \t]+and[ \t]+{_FUNCTION_WORD})?)"
    r"(?![\w-])"
)
# "the Länder ministries responsible for digitalisation", "state departments responsible for
# transport": a level's bodies named by the portfolio they are responsible for
_RESPONSIBLE_FOR = re.compile(
    r"(?<![\w-])(?P<level>Länder|L[aä]nder|[Ss]tate|[Pp]rovincial|[Rr]egional|[Cc]antonal|"
    r"[Mm]unicipal|[Cc]ounty|[Dd]istrict|[Pp]refectural|[Ll]ocal)[ \t]+"
    r"(?P<head>ministries|departments|authorities|agencies|offices)[ \t]+responsible[ \t]+for[ \t]+"
    rf"(?P<function>{_FUNCTION_WORD}(?:[ \t]+and[ \t]+{_FUNCTION_WORD})?)(?![\w-])"
)
# "municipal disaster-prevention divisions and fire headquarters": the level is shared
_COORDINATED = re.compile(
    rf"[ \t]+and[ \t]+(?P<function>{_FUNCTION_WORD}(?:[ \t]+{_FUNCTION_WORD}){{0,2}}?)"
    rf"[ \t]+{_HEAD}(?![\w-])"
)
# "Prefectural governments ... in their disaster management bureaus": the governments' own units
_THEIR_UNITS = re.compile(
    rf"\btheir[ \t]+(?P<function>{_FUNCTION_WORD}(?:[ \t]+{_FUNCTION_WORD}){{0,2}}?)"
    rf"[ \t]+(?P<head>departments|divisions|bureaus|offices)(?![\w-])"
)

# "the industry and economy bureaus of the special cities, metropolitan cities and provinces",
# "the building safety departments of the city, county and district offices": the function
# first, then the level's units it belongs to (an addressee list's usual wording).
_FUNCTION_UNITS_OF = re.compile(
    rf"(?<![\w-])(?P<function>{_FUNCTION_WORD}(?:,?[ \t]+(?:and[ \t]+)?{_FUNCTION_WORD}){{0,3}}?)"
    r"[ \t]+(?P<head>departments|divisions|bureaus|offices|sections|directorates)[ \t]+of[ \t]+"
    r"(?:the[ \t]+|all[ \t]+|each[ \t]+|every[ \t]+)?(?!member\b)"
    r"(?P<units>[^;:.()\n]{0,60}\b(?:provinces|provincial[ \t]+governments|province|cities|"
    r"city|counties|county|districts|municipalities|prefectures|regions|local[ \t]+authorities|"
    r"local[ \t]+governments|city[ \t]+governments|offices)\b)"
)

# "national electricity regulators", "state public utility commissions", "voivodeship building
# control inspectorates": any level's bodies of one kind, named by the level, one to three
# function words and a plural organization noun. The canonical body is the class as written
# (lower case): these are no counterparts of a ministry. Without a function word the phrase is
# generic ("local authorities", "regional offices"); "national standardisation bodies" is a role
# EU law gives each member's SDO, and data centres are places.
_CLASS_LEVEL = (
    r"(?:[Nn]ational|[Ss]tate|[Pp]rovincial|[Tt]erritorial|[Rr]egional|[Mm]unicipal|"
    r"[Mm]etropolitan|[Ll]ocal|[Cc]ounty|[Dd]istrict|[Cc]antonal|[Pp]refectural|[Vv]oivodeship|"
    r"[Ff]ederal|[Dd]epartmental)"
)
_CLASS_HEAD = (
    r"(?P<head>authorities|regulators|ministries|departments|offices|agencies|bodies|councils|"
    r"governments|bureaus|inspectorates|administrations|commissions|institutes|"
    r"organi[sz]ations|committees|directorates)"
)
_LEVEL_CLASS = re.compile(
    rf"(?<![\w-]){_CLASS_LEVEL}(?:[ \t]+and[ \t]+{_CLASS_LEVEL})?"
    rf"(?:[ \t]+(?!standard|data\b){_FUNCTION_WORD}){{1,3}}?[ \t]+{_CLASS_HEAD}(?![\w-])"
)


# "Departments of Science and Technology of provinces and centrally run cities": the head
# first, the function in capitals, then the level's units (a Vietnamese or Chinese addressee).
_HEAD_FUNCTION_UNITS = re.compile(
    r"(?<![\w-])(?P<head>Departments|Divisions|Bureaus|Offices|Directorates|Services)[ \t]+"
    r"(?:of|for)[ \t]+(?P<function>[A-Z][\w'’-]*(?:,?[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][\w'’-]*)"
    r"{0,5})[ \t]+of[ \t]+(?:the[ \t]+|all[ \t]+|each[ \t]+)?"
    r"(?P<units>(?:provinces|cities|municipalities|prefectures|counties|districts|regions)"
    r"(?:[ \t]+(?:and|or)[ \t]+(?:(?:centrally|directly)[- ](?:run|administered|governed)[ \t]+)?"
    r"(?:cities|municipalities|counties|districts|towns))?)(?![\w-])"
)


def _class(function: str) -> str:
    words = " ".join(function.lower().split())
    return f"local {words} departments"


def local_units(text: str, start: int, end: int) -> list[Found]:
    """Governments and departments of a level of government, named by their function."""
    found: list[Found] = []
    for match in _GOVERNMENTS.finditer(text, start, end):
        canonical = f"{match['level'].lower()} governments"
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
        period = text.find(".", match.end(), end)
        stop = period if period != -1 else end
        for unit in _THEIR_UNITS.finditer(text, match.end(), stop):
            found.append(
                Found(
                    unit.start("function"),
                    unit.end(),
                    text[unit.start("function") : unit.end()],
                    _class(unit["function"]),
                    "local-department",
                )
            )
    for pattern in (_FUNCTION_UNITS_OF, _HEAD_FUNCTION_UNITS):
        for match in pattern.finditer(text, start, end):
            function = " ".join(match["function"].lower().replace(",", " ").split())
            level = "provincial-level" if "provinc" in match["units"].lower() else "local"
            # "science and technology departments of provinces" names departments whatever its
            # head; "Bureaus of X of provinces" keeps its own
            head = match["head"].lower() if pattern is _HEAD_FUNCTION_UNITS else "departments"
            found.append(
                Found(
                    match.start(),
                    match.end(),
                    match.group(),
                    f"{level} {function} {head}",
                    "local-department",
                )
            )
    for match in _COUNCILS.finditer(text, start, end):
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        canonical = " ".join(match.group().lower().split())
        found.append(
            Found(match.start(), match.end(), match.group(), canonical, "local-government")
        )
    for pattern in (_RESPONSIBLE_FOR, _DEPARTMENTS_OF, _NAMED_BY_FUNCTION):
        for match in pattern.finditer(text, start, end):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            if re.search(
                r"\b(?:at|in|from|to)[ \t]+(?:the[ \t]+)?$",
                text[max(0, match.start() - 8) : match.start()],
            ):
                continue  # "identity checks at municipal citizen offices": a place, not a body
            found.append(
                Found(
                    match.start(),
                    match.end(),
                    match.group(),
                    _class(match["function"]),
                    "local-department",
                )
            )
            if pattern is _NAMED_BY_FUNCTION:
                other = _COORDINATED.match(text, match.end(), end)
                if other:
                    found.append(
                        Found(
                            other.start("function"),
                            other.end(),
                            text[other.start("function") : other.end()],
                            _class(other["function"]),
                            "local-department",
                        )
                    )
    return sorted(found, key=lambda f: f.start)


def level_classes(text: str, start: int, end: int) -> list[Found]:
    """Classes of bodies named by a level and a function (``_LEVEL_CLASS``). The caller keeps
    them only where no other finder reads a body: a portfolio's local counterparts ("local
    natural resources authorities") link to their ministry."""
    found: list[Found] = []
    for match in _LEVEL_CLASS.finditer(text, start, end):
        if re.search(
            r"\b(?:at|in)[ \t]+(?:the[ \t]+)?$", text[max(0, match.start() - 8) : match.start()]
        ):
            continue  # "at municipal citizen offices": a place
        canonical = " ".join(match.group().lower().split())
        found.append(Found(match.start(), match.end(), match.group(), canonical, "local-body"))
    return found


# --- classes of bodies named by function ------------------------------------------------------
# "European standardisation organisations", "building consent authorities", "product
# certification bodies", "Ontario municipalities", "fire and rescue authorities in Wales",
# "disabled persons' federations at all levels": a plural organization noun after one to three
# modifiers that say which bodies (a level, a place or a function). Policies address such
# classes as actors; a gazetteer cannot list them and they carry no capitalised name. Modifiers
# that only say "some of them" ("relevant", "public", "participating", "member") make a generic
# group, which the labelling guidelines leave out.
_PLURAL_BODY = (
    r"(?P<head>authorities|bodies|organi[sz]ations|municipalities|councils|governments|"
    r"ministries|departments|agencies|offices|administrations|regulators|commissions|"
    r"directorates|bureaus|inspectorates|federations)"
)
# modifiers that pick some bodies of a kind without naming a class of them
_SOME_OF_THEM = frozenset({
    "public", "private", "relevant", "other", "various", "multiple", "participating", "requested",
    "responsible", "concerned", "appropriate", "respective", "certain", "different", "major",
    "key", "small", "large", "rural", "urban", "professional", "technical", "international",
    "new", "existing", "member", "such"
})  # fmt: skip
# words that say nothing of which bodies: function words, and the modifiers above
_GENERIC_MODIFIERS = _SOME_OF_THEM | frozenset({
    "the", "a", "an", "and", "or", "of", "for", "in", "on", "to", "by", "with", "from", "at",
    "as", "all", "each", "every", "their", "its", "our", "his", "her", "these", "those", "any",
    "some", "many", "several", "few", "more", "most", "both", "between", "which", "that", "this",
    "will", "shall", "should", "may", "must", "can", "are", "is", "be", "have", "has", "were",
    "was", "not", "no", "under", "among", "including", "above", "upper-tier", "lower-tier",
    "government", "level", "levels"
})  # fmt: skip
_MODIFIER_WORD = (
    r"(?!(?i:" + "|".join(sorted(_GENERIC_MODIFIERS, key=len, reverse=True)) + r")(?![\w'’-]))"
    r"[A-Za-z][\w'’-]*"
)
_CLASS_OF_BODIES = re.compile(
    rf"(?<![\w'’-])(?P<pre>(?:{_MODIFIER_WORD}[ \t]+(?:and[ \t]+{_MODIFIER_WORD}[ \t]+)?){{1,3}})"
    rf"{_PLURAL_BODY}(?![\w-])"
    r"(?P<post>[ \t]+at[ \t]+all[ \t]+levels"
    r"|[ \t]+of[ \t]+(?:the[ \t]+|each[ \t]+)?(?:[A-Z][A-Za-z]+[ \t]+)?[Mm]ember[ \t]+States?"
    r"|[ \t]+designated[ \t]+by[ \t]+the[ \t]+Member[ \t]+States"
    r"|[ \t]+in[ \t]+(?:the[ \t]+)?[Mm]ember[ \t]+States"
    r"|[ \t]+responsible[ \t]+for[ \t]+[a-z]+(?:[ \t]+and[ \t]+[a-z]+)?"
    # "provincial departments of local government", "state departments of transportation",
    # "regional directorates for environment, planning and housing", "... in Wales"
    r"|[ \t]+(?:of|for)[ \t]+(?!the\b|all\b|each\b|their\b|its\b|this\b|these\b)"
    # (not into a verb or another class: "state departments of transportation and transit
    # agencies are invited")
    r"[a-z][a-z-]+(?:,?[ \t]+(?:and[ \t]+)?(?!the\b|to\b|in\b|on\b|by\b|with\b|and\b|"
    r"(?:are|is|were|was|will|shall|must|may|can|should|have|has|had)\b"
    r"|[a-z-]+[ \t]+(?:authorities|bodies|agencies|departments|offices|councils)\b)"
    r"[a-z][a-z-]+)"
    r"{0,3}"
    r"|[ \t]+in[ \t]+(?!January|February|March|April|May|June|July|August|September|October|"
    r"November|December)[A-Z][a-z]+)?(?![\w-])"
)
# "regional offices of ICONTEC": a named body's own units, which a reader names by the body
_OWNED_BY_NAME = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z]")
# heads that a level word alone does not make a class ("local agencies", "state bodies",
# "federal and Länder administrations" are any of a level's bodies)
_GENERIC_HEADS = frozenset({
    "authorities", "bodies", "agencies", "offices", "departments", "directorates",
    "organisations", "organizations", "administrations"
})  # fmt: skip
# a count, a share or a quantifier before the class makes it a number of bodies, not an actor
_COUNTED = re.compile(
    r"(?:\d[\d,.]*\s*%?|%[ \t]+of|\b(?:all|many|some|few|several|participating|other|relevant|"
    r"such|these|those|between|both|each|every|most|more|than))[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_PLACE_BEFORE = re.compile(r"\b(?:at|in|from|into|within)[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
# tags a class's modifiers may carry: nouns, adjectives, a participle ("designated"), "and"
# Gerunds that name a field, not an action: "building consent authorities", "licensing bodies"
_FIELD_GERUNDS = frozenset({
    "building", "planning", "housing", "licensing", "engineering", "mapping", "surveying",
    "testing", "funding", "accounting", "consulting", "manufacturing", "mining", "shipping",
    "fishing", "farming", "banking", "publishing", "broadcasting", "parking", "charging",
    "recycling", "training", "policing", "lighting", "metering", "monitoring", "permitting",
})  # fmt: skip
# Whose members a generic group gathers ("consumer organisations", "industry associations"),
# like a level alone ("European organisations"): no class the text addresses by function
_KINDS_OF_MEMBERS = frozenset({
    "european", "international", "consumer", "consumers'", "stakeholder", "industry",
    "business", "research", "trade", "employer", "employers'", "workers'", "environmental",
    "social", "civil", "non-governmental", "non-profit", "voluntary", "community", "user",
    "member", "partner",
})  # fmt: skip
_MODIFIER_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "VBN", "VBG", "CC", "HYPH", "POS"})
_LEVEL_WORDS = frozenset({
    "national", "regional", "local", "state", "länder", "provincial", "provincial-level",
    "territorial", "municipal", "county", "federal", "prefectural", "district", "cantonal",
    "metropolitan", "voivodeship", "departmental", "parish", "town", "city", "borough"
})  # fmt: skip

Tags = list[tuple[int, int, str]]
Tagger = Callable[[str], Tags]


def classes_of_bodies(text: str, start: int, end: int, tag: Tagger) -> list[Found]:
    """Classes of bodies addressed by the text (``_CLASS_OF_BODIES``). ``tag`` gives the
    part-of-speech tags of a short text (character start, end, tag): a class's modifiers are nouns
    and adjectives, so "support municipalities" or "accredit conformity assessment bodies" are
    verbs and their objects, not classes. The caller keeps these only where no other finder
    reads a body."""
    found: list[Found] = []
    tagged: dict[str, Tags] = {}
    for match in _CLASS_OF_BODIES.finditer(text, start, end):
        words = match["pre"].split()
        if words[0] == "and" or any(
            word.casefold() in _GENERIC_MODIFIERS for word in words if word != "and"
        ):
            continue
        if match["head"] == "governments" and words[-1].casefold() in ("people's", "people’s"):
            continue  # China's people's governments: ``local_counterparts`` reads their level
        if _OWNED_BY_NAME.match(text, match.end()):
            continue
        if (
            match["head"] in _GENERIC_HEADS
            and not match["post"]
            and all(
                word.casefold() in _LEVEL_WORDS | _KINDS_OF_MEMBERS or word == "and"
                for word in words
            )
        ):
            continue  # "local agencies", "European organisations", "consumer organisations"
        before = text[max(0, match.start() - 16) : match.start()]
        previous = re.search(r"([A-Za-z][\w-]*)[ \t]+$", before)
        if previous and previous[1].casefold() in _SOME_OF_THEM:
            continue  # "Public Housing Agencies", "relevant local departments": not this class
        if _COUNTED.search(before) or _PLACE_BEFORE.search(before):
            continue
        if _modifiers_are_nouns(text, match, tag, tagged):
            found.append(_class_found(text, match, words))
    return found


def _modifiers_are_nouns(
    text: str, match: re.Match[str], tag: Tagger, tagged: dict[str, Tags]
) -> bool:
    """Whether the tagger reads the class's modifiers as nouns and adjectives. It reads the
    phrase with three words before it and two after (enough to tell "must support
    municipalities" from "Ontario municipalities"); a phrase repeated in the same words is read
    once."""
    floor = max(0, match.start() - 60)
    lead = re.search(r"(?:[^\s.;:]+[ \t]+){0,3}$", text[floor : match.start()])
    window_start = floor + (lead.start() if lead else len(text[floor : match.start()]))
    tail = re.match(r"(?:[ \t]+[^\s.;:]+){0,2}", text[match.end("head") : match.end("head") + 40])
    window = text[window_start : match.end("head") + (tail.end() if tail else 0)]
    if window not in tagged:
        tagged[window] = tag(window)
    modifier_tags = [
        (window[s:e], t)
        for s, e, t in tagged[window]
        if match.start() <= window_start + s and window_start + e <= match.start("head")
    ]
    if any(
        t not in _MODIFIER_TAGS or (t == "VBG" and w.lower() not in _FIELD_GERUNDS)
        for w, t in modifier_tags
    ):
        return False  # "network representing non-profit organisations": a verb
    # "provinces and municipalities": two kinds of bodies, not one class
    return not any(
        t == "NNS" and following == "and"
        for (_w, t), (following, _t) in itertools.pairwise(modifier_tags)
    )


def _written_lower_elsewhere(word: str, text: str) -> bool:
    """Whether a capitalised first word has its capital only because the sentence or the item
    starts there: the text writes it in lower case elsewhere ("Market surveillance authorities
    shall ...")."""
    return word[:1].isupper() and (
        re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None
    )


def _class_found(text: str, match: re.Match[str], words: list[str]) -> Found:
    """The class a phrase names, with its canonical name (see ``classes_of_bodies``)."""
    name = " ".join(match.group().split())
    core = " ".join(text[match.start() : match.end("head")].split())
    first = words[0]
    if first[:1].isupper() and (
        first.casefold() in _LEVEL_WORDS or _written_lower_elsewhere(first, text)
    ):
        name, core = first.lower() + name[len(first) :], first.lower() + core[len(first) :]
    if match["post"] and "all levels" in match["post"]:
        canonical = f"local {core.lower()}"  # "X departments at all levels": counterparts
    elif match["head"] == "departments" and not any(
        word.casefold() in _LEVEL_WORDS for word in words
    ):
        canonical = f"local {name.lower()}"  # a portfolio's departments with no level
    else:
        canonical = name
    return Found(match.start(), match.end(), match.group(), canonical, "class")


# --- classes in an addressee line --------------------------------------------------------------
# "TO: ALL HEADS OF NATIONAL GOVERNMENT AGENCIES, LOCAL GOVERNMENT UNITS, STATE UNIVERSITIES AND
# COLLEGES, AND GOVERNMENT-OWNED OR -CONTROLLED CORPORATIONS", "Distribution: national standards
# bodies of member States; ...": whom a circular or a plan is addressed to are bodies, named by
# their kind when the text addresses a whole class of them.
_ADDRESSEE_LINE = re.compile(
    r"(?m)^[ \t]*(?:TO|To|Addressees?|ADDRESSEES?|Distribution|DISTRIBUTION|Copied[ \t]+to|"
    r"Copy[ \t]+to|Cc|CC|FOR|For)[ \t]*:[ \t]*(?P<list>[^\n]+)"
)
_ADDRESSEE_LEAD = re.compile(
    r"^(?:(?:and|or|the|all|heads?[ \t]+of|ALL[ \t]+HEADS?[ \t]+OF|AND|THE|ALL)[ \t]+)+",
    re.IGNORECASE,
)
# the item's own noun: its last word before a post-modifier ("... bodies of member States")
_ITEM_HEAD = re.compile(
    r"^(?P<core>[^()]*?[A-Za-z-]*[a-z]s|[^()]*?[A-Z-]*[A-Z]S)"
    r"(?P<post>[ \t]+(?:of|in|for|under|responsible[ \t]+for)[ \t]+[^,;]{1,60})?[ \t.]*$"
)


def addressed_classes(text: str, start: int, end: int) -> list[Found]:
    """Classes of bodies an addressee line lists (``_ADDRESSEE_LINE``): each item whose own noun
    is plural. Names of single bodies in the list are left to the name finders."""
    found: list[Found] = []
    for line in _ADDRESSEE_LINE.finditer(text, start, end):
        for offset, listed in _addressee_lines(text, line, end):
            found += _listed_classes(text, offset, listed)
    return found


def _addressee_lines(text: str, line: re.Match[str], end: int) -> list[tuple[int, str]]:
    """The addressee line's list, then each indented line under it ("TO:   A, all regions /
    (indent) B (SERVIU), all regions"): (offset, text) per line."""
    lines = [(line.start("list"), line["list"])]
    position = line.end() + 1
    while position < end:
        following = re.match(r"[ \t]+(?P<list>\S[^\n]*)", text[position:end])
        if following is None:
            break
        lines.append((position + following.start("list"), following["list"]))
        position += following.end() + 1
    return lines


# People addressed by their post are no bodies: "ALL CHIEF EXECUTIVES", "Coordinating Directors".
_PERSONS = re.compile(
    r"(?i)(?:executives|directors|officers|heads|managers|secretaries|chair(?:person|m[ae]n)?s|"
    r"mayors|governors|ministers|deputies|officials|staff|employees|members|engineers|"
    r"coordinators|presidents|principals|chiefs|clerks|registrars|controllers)$"
)
# An item that is one word before a comma and an item coordinated with "and": the word is the
# first of a list of modifiers of the next item's noun ("Metropolitan, Municipal and District
# Assemblies"), not an item of its own.
_LEADING_MODIFIER = re.compile(r"(?:^|[ \t])(?P<word>[A-Za-z-]+)[ \t]*$")
_COORDINATED_MODIFIERS = re.compile(r"^[ \t]*[A-Za-z-]+[ \t]+(?:and|AND|or|OR)[ \t]+\S")


def _list_items(listed: str) -> list[tuple[int, int]]:
    """The items of an addressee line, as spans; a lone modifier word before a comma joins the
    coordinated item after it."""
    items = [(m.start(), m.end()) for m in re.finditer(r"[^,;]+", listed)]
    joined: list[tuple[int, int]] = []
    index = 0
    while index < len(items):
        start, end = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        modifier = _LEADING_MODIFIER.search(listed, start, end)
        if (
            following is not None
            and listed[end] == ","
            and modifier is not None
            and not modifier["word"].lower().endswith("s")
            and _COORDINATED_MODIFIERS.match(listed[following[0] : following[1]])
        ):
            joined.append((modifier.start("word"), following[1]))
            index += 2
            continue
        joined.append((start, end))
        index += 1
    return joined


def _listed_classes(text: str, offset: int, listed: str) -> list[Found]:
    """The plural items of one line of an addressee list."""
    found: list[Found] = []
    for start, end in _list_items(listed):
        raw = listed[start:end]
        lead = _ADDRESSEE_LEAD.match(raw.strip())
        item_start = offset + start + (len(raw) - len(raw.lstrip()))
        if lead:
            item_start += lead.end()
        surface = text[item_start : offset + end].rstrip(" \t.")
        # "Housing and Urbanization Services (SERVIU)": the abbreviation is a mention of
        # its own, which the abbreviation finder teaches
        surface = re.split(r"[ \t]*\(", surface, maxsplit=1)[0]
        words = surface.split()
        if not 2 <= len(words) <= 10 or re.search(r"\d", surface):
            continue  # "all regions": a place, not a kind of body
        shape = _ITEM_HEAD.match(surface)
        if shape is None or shape["core"].lower().endswith("ss"):
            continue  # "Ministry of Business": "ss" ends no plural
        if _PERSONS.search(shape["core"]):
            continue
        canonical = " ".join(words)
        canonical = canonical.lower() if canonical.isupper() else canonical
        first = canonical.split()[0]
        if not first.isupper() and _written_lower_elsewhere(first, text):
            canonical = first.lower() + canonical[len(first) :]
        found.append(Found(item_start, item_start + len(surface), surface, canonical, "class"))
    return found
