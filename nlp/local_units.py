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

import re

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
    for match in _FUNCTION_UNITS_OF.finditer(text, start, end):
        function = " ".join(match["function"].lower().replace(",", " ").split())
        level = "provincial-level" if "provinc" in match["units"].lower() else "local"
        found.append(
            Found(
                match.start(),
                match.end(),
                match.group(),
                f"{level} {function} departments",
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
