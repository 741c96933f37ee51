"""Organization resolution: one canonical name per body within a document.

Why a component after the organization finder: a finder sees one mention at a time, but a
document names the same body in several ways ("General Office of Lanjiang Municipal People's
Government" in the heading, "Lanjiang Municipal Government Office" in the imprint; "Municipal
Big Data Development Administration" in a task, "Municipal Big Data Bureau" in the safeguards;
"Department of Housing and Urban Development" after "United States Department of Housing and
Urban Development"). A graph that stores each wording as a body of its own splits one body in
two. The rules, all about how documents name things and none about particular names:

- **a name in brackets after a body** is another name of it: "Municipal Market Supervision
  Administration (Municipal Standardization Office)";
- **a local counterpart written with its level** ("the municipal market supervision
  department") is the document's named body of that level and ministry, when there is one;
- **the same words**: names whose content words are the same set ("Government Office" /
  "General Office of ... Government") are one body;
- **a shorter name ending a longer one**: a name that is the last words of a longer name
  with the same head noun ("Standards Board" in "Connected Places Standards Board"), or a local
  body whose name words are a subset of another's of the same place, level and ministry;
- the canonical name of a group is the **longest** full name the document uses for it.

Only bodies the gazetteer does not know are touched: a known body already has its key.
"""

from __future__ import annotations

import itertools
import re

from nlp.bodies import BY_FUNCTION, MUNICIPALITY_ABROAD, municipality_place
from nlp.gazetteers import organization_gazetteer
from nlp.intervals import span_index
from nlp.spans import Component, Context, OrganizationMention
from nlp.text import normalize_name, recased_capitals, slugify

# Words that do not tell two names of one body apart ("General Office of X Government" is the
# "X Government Office"; "People's" is dropped in short forms of Chinese governments).
_FILLER = {"of", "the", "for", "and", "on", "general", "people's", "peoples", "s"}
_HEADS = {
    "office",
    "bureau",
    "administration",
    "commission",
    "department",
    "committee",
    "agency",
    "authority",
    "board",
    "council",
    "group",
    "centre",
    "center",
    "institute",
    "government",
    "ministry",
    "directorate",
    "service",
    "association",
}
_LEVEL_BEFORE = re.compile(r"\b(?P<level>municipal|city|provincial|county|district)\s+$", re.I)
_LEVEL_OF = {"city": "municipal"}


def _words(name: str) -> list[str]:
    return normalize_name(name).split()


def _signature(name: str) -> frozenset[str]:
    return frozenset(w for w in _words(name) if w not in _FILLER)


def _is_local(org: OrganizationMention) -> bool:
    return org.kind in ("local-department", "local-government")


def _same_body(a: OrganizationMention, b: OrganizationMention) -> bool:
    """Whether two names (``a`` the shorter) are one body by the rules of the module docstring."""
    if a.canonical == b.canonical:
        return True
    short, long = _words(a.canonical), _words(b.canonical)
    if len(short) < 2 or len(long) < 2:
        return False
    if _signature(a.canonical) == _signature(b.canonical):
        return True
    if _is_local(a) or _is_local(b):
        if not (_is_local(a) and _is_local(b)) or a.parent is None or a.parent != b.parent:
            return False
        if short[:2] != long[:2]:  # place and level: "Lanjiang Municipal"
            return False
        inner = {w for w in short if w not in _HEADS and w not in _FILLER}
        return len(inner) >= 3 and inner <= set(long)
    # "Standards Board" ends "Connected Places Standards Board"; but "X Government" in "General
    # Office of X Government" is the office's owner, not the office
    return (
        short[-1] == long[-1]
        and short[-1] in _HEADS
        and long[-len(short) :] == short
        and long[-len(short) - 1] not in ("of", "for", "the", "on")
    )


def _bracket_aliases(text: str, orgs: list[OrganizationMention], known: set[str]) -> None:
    """ "A (B)" where B is a full name of its own: B is another name of A."""
    for first, second in itertools.pairwise(orgs):
        between = text[first.end : second.start]
        if not re.fullmatch(r"[ \t]*\([ \t]*", between):
            continue
        if not re.match(r"[ \t]*\)", text[second.end : second.end + 3]):
            continue
        if second.key in known or " " not in second.surface or first.key in known:
            continue
        second.canonical, second.key = first.canonical, first.key
        second.kind, second.parent = first.kind, first.parent


def _level_counterparts(text: str, orgs: list[OrganizationMention]) -> None:
    """ "the municipal market supervision department": the named municipal body of SAMR."""
    named: dict[tuple[str, str], OrganizationMention] = {}
    for org in orgs:
        if _is_local(org) and org.parent and org.surface[:1].isupper():
            level = _words(org.canonical)[1] if len(_words(org.canonical)) > 2 else ""
            named.setdefault((level, org.parent), org)
    for org in orgs:
        if org.kind != "local-department" or org.parent is None or org.surface[:1].isupper():
            continue
        before = _LEVEL_BEFORE.search(text, max(0, org.start - 20), org.start)
        if not before:
            continue
        level = before["level"].lower()
        body = named.get((_LEVEL_OF.get(level, level), org.parent))
        if body is None:
            continue
        org.start = before.start()
        org.surface = text[org.start : org.end]
        org.canonical, org.key, org.kind = body.canonical, body.key, body.kind


# The city a municipal document belongs to, in the ways city documents name themselves:
# "the Municipality of X", "City of X", "X City Council", "Mayor of X" (and in its own language,
# ``nlp.bodies.MUNICIPALITY_ABROAD``: "Prefeitura Municipal de X"). A place is one to four
# capitalised words, never a body's head or level word.
_PLACE_WORD = (
    r"(?!(?:City|Municipal|Municipality|Council|Government|Office|Department|Smart|"
    r"Mayor|Hall|Plan|Strategy|Action|The)\b)"
    # "Town" is a word of a place's name ("City of Cape Town"), unless a body's head follows
    r"(?!Town\b(?:[ ](?:Council|Government|Hall|Clerk|Planning|Municipality|of)\b))"
    r"[A-ZÀ-Ý][a-zà-ÿ]+"
)
_PLACE = rf"{_PLACE_WORD}(?:[ ](?:d[aeo]s?[ ]|del[ ]|la[ ]|upon[ ])?{_PLACE_WORD}){{0,3}}"
_CITY_NAMING = re.compile(
    rf"(?<![\w-])(?:(?:Municipality|City|Town|Borough|Mayor)[ ]of[ ](?:the[ ])?"
    rf"(?P<place>{_PLACE})(?![\w-])"
    rf"|(?P<place2>{_PLACE})[ ](?:City|Municipal|Town|Borough)[ ](?:Council|Government|Hall)\b)"
)
# A municipal body named without its city: "Municipal Health Secretariat", "City Council".
_MUNICIPAL_START = re.compile(r"^(?:Municipal|City|Town)[ ]")
_MUNICIPAL_BEFORE = re.compile(r"(?<![\w-])(?:Municipal|City)[ ]$")
_MAYOR_OFFICE = re.compile(r"^(?:Office of the Mayor|Mayor['’]?s Office)$")


def document_city(text: str) -> str | None:
    """The city a document is the plan of: the place its text names as a municipality most
    often, at least twice (once is a mention of another city)."""
    counts: dict[str, int] = {}
    # names in capitals count too: "BY THE CITY COUNCIL OF THE CITY OF HARLAN CREEK"
    for match in _CITY_NAMING.finditer(recased_capitals(text)):
        place = match["place"] or match["place2"]
        counts[place] = counts.get(place, 0) + 1
    for match in MUNICIPALITY_ABROAD.finditer(text):
        place = municipality_place(match)
        counts[place] = counts.get(place, 0) + 1
    if not counts:
        return None
    place, count = max(counts.items(), key=lambda item: item[1])
    if count < 2 and not any(name.endswith(place) for name in counts if name != place):
        return None
    return place


_COUNCIL_OF_THE_CITY = re.compile(
    r"(?P<style>City|Town|Municipal|Borough)[ ]Council[ ]of[ ]the[ ]"
    r"(?:City|Town|Municipality|Borough)[ ]of[ ](?P<place>.+)"
)
# What a city's departments and boards are named after: its functions. A body named by these
# words alone (and its head noun) names no place, so in the city's own text it is the city's.
_FUNCTION_WORDS = """
    public works planning parks park recreation finance financial police fire rescue
    water wastewater sewer sewerage stormwater sustainability transportation transport
    traffic housing health libraries library innovation technology information digital
    environment environmental utilities utility economic development community
    communities services service human resources legal law building buildings
    engineering streets street sanitation solid waste energy climate emergency
    management operations facilities arts culture cultural tourism youth social welfare
    education schools procurement purchasing budget audit revenue tax assessment
    assessor records clerk permits permitting inspections code enforcement zoning land
    use mobility transit airport port harbor harbour lighting infrastructure
    neighborhood neighbourhood neighborhoods equity inclusion data analytics performance
    communications media safety security resilience heritage historic preservation
    advisory citizens civic general administrative administration city municipal town
    council
"""
_MUNICIPAL_FUNCTIONS = frozenset(_FUNCTION_WORDS.split())
# not "agency" or "authority": those are mostly national ("Environment Agency")
_HEAD_WORDS = (
    "department office board committee commission division bureau unit directorate service services"
)
_MUNICIPAL_HEADS = frozenset(_HEAD_WORDS.split())


def _by_municipal_function(name: str) -> bool:
    """ "Public Works Department", "Department of Innovation and Technology", "Sustainability
    Advisory Board": a head noun and function words only, no name of a place or person."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    content = [w for w in words if w not in {"of", "and", "for", "the"}]
    return (
        len(content) >= 2
        and any(w in _MUNICIPAL_HEADS for w in content)
        and all(w in _MUNICIPAL_FUNCTIONS or w in _MUNICIPAL_HEADS for w in content)
        and content[0] not in {"city", "municipal", "town", "council"}
    )


def _city_bodies(
    text: str, orgs: list[OrganizationMention], known: set[str], city: str | None, masthead: str
) -> None:
    """A city's own bodies carry the city's name: in a plan of the Municipality of X, the
    "Municipal Health Secretariat" is "X Municipal Health Secretariat" and the "Office of the
    Mayor" is the "Office of the Mayor of X"; two cities' secretariats of planning must not
    become one node of the graph."""
    if city is None:
        return
    own = city.lower() in masthead.lower()  # the city's own document
    renamed: dict[str, tuple[str, str]] = {}
    for org in orgs:
        council = _COUNCIL_OF_THE_CITY.fullmatch(org.canonical)
        if council and council["place"] == city:  # "City Council of the City of X"
            renamed[org.canonical] = (f"{city} {council['style']} Council", org.kind)
            continue
        if org.key in known or org.kind == "sdo" or city in org.canonical:
            continue
        name = org.canonical
        if own and _by_municipal_function(name):
            # "Public Works Department" in the city's own resolution is the city's
            renamed[org.canonical] = (f"{city} {name}", org.kind)
            continue
        before = _MUNICIPAL_BEFORE.search(text, max(0, org.start - 10), org.start)
        if before and not _MUNICIPAL_START.match(name) and org.surface[:1].isupper():
            org.start = before.start()
            org.surface = text[org.start : org.end]
            name = f"{before.group().strip()} {name}"
        if _MUNICIPAL_START.match(name):
            canonical = f"{city} {name}"
        elif _MAYOR_OFFICE.match(name):
            canonical = f"Office of the Mayor of {city}"
        else:
            continue
        renamed[org.canonical] = (canonical, org.kind)
    for org in orgs:  # the body's abbreviation and other mentions follow its new name
        if org.canonical in renamed and org.key not in known:
            org.canonical, kind = renamed[org.canonical]
            org.key = slugify(org.canonical)
            if kind == "organization":
                org.kind = "local-department"


# The state, province or commonwealth a document is the government of: "Lagos State
# Government", "Province of Ontario", "Commonwealth of Pennsylvania", "Governor of X" (not
# "Government of X": national governments are named so too, as are the countries styled
# "Commonwealth of Australia" and the like).
_STATE_NAMING = re.compile(
    rf"(?<![\w-])(?:(?P<state>{_PLACE})[ ]State[ ]Government"
    rf"|(?P<provincial>{_PLACE})[ ]Provincial[ ]Government"
    rf"|Government[ ]of[ ](?:the[ ])?State[ ]of[ ](?P<stateof>{_PLACE})"
    rf"|Government[ ]of[ ](?:the[ ])?(?:Province|Commonwealth)[ ]of[ ](?P<place>{_PLACE})"
    rf"|(?:Commonwealth(?![ ]of[ ](?:Australia|Dominica|the[ ]Bahamas))|Province|Governor)"
    rf"[ ]of[ ](?P<place2>{_PLACE}))(?![\w-])"
)
# A government body named by its function only: in a state's own plan it is the state's.
_STATE_BODY = re.compile(
    r"^(?:Ministry|Department|Office|Bureau|Agency|Secretariat)[ ](?:of|for)[ ]"
    r"|^State[ ](?:Executive[ ])?Council$"
)
_NOT_STATE_LEVEL = re.compile(r"\b(?:Federal|National|Union|Central|Mayor|Municipal|City)\b")


def document_state(text: str) -> str | None:
    """The sub-national government a document belongs to, as its own bodies are prefixed:
    "Lagos State" when the text says "Lagos State Government", else the place ("Ontario").
    Named at least twice, or once with a body of it ("Lagos State Ministry of ..."), or once
    with the place named three times in any case ("STATE OF SÃO PAULO" in a masthead), so that
    a passing mention of another state is not taken for the document's own."""
    counts: dict[str, int] = {}
    for match in _STATE_NAMING.finditer(text):
        if match["state"] or match["stateof"]:
            prefix = f"{match['state'] or match['stateof']} State"
        else:
            prefix = match["provincial"] or match["place"] or match["place2"]
        counts[prefix] = counts.get(prefix, 0) + 1
    if not counts:
        return None
    prefix, count = max(counts.items(), key=lambda item: item[1])
    place = prefix.removesuffix(" State").lower()
    if count < 2 and text.count(prefix + " ") < 2 and text.lower().count(place) < 3:
        return None  # a passing mention of another state's government
    return prefix


def _state_bodies(orgs: list[OrganizationMention], known: set[str], state: str | None) -> None:
    """A state's own bodies carry the state's name: in the Lagos State masterplan "the
    Ministry of Innovation, Science and Technology" is the Lagos State ministry, and in a
    Pennsylvania order "the Department of General Services" is Pennsylvania's. Bodies of the
    gazetteer keep their link (a national ministry is named by function too)."""
    if state is None:
        return
    place = state.removesuffix(" State")
    renamed: dict[str, str] = {}
    for org in orgs:
        name = org.canonical
        if org.key in known or place in name or _NOT_STATE_LEVEL.search(name):
            continue
        if not _STATE_BODY.match(name):
            continue
        renamed[name] = f"{place} {name}" if name.startswith("State ") else f"{state} {name}"
    for org in orgs:  # the abbreviation and other mentions follow the new name
        if org.canonical in renamed and org.key not in known:
            org.canonical = renamed[org.canonical]
            org.key = slugify(org.canonical)


_DUTY_AFTER = re.compile(r"^[ \t]+(?:will|shall|must|should|is\s+to|leads?|chairs?)\b")


def _reference_to(
    ctx: Context, body: OrganizationMention, start: int, end: int
) -> OrganizationMention:
    """A mention at ``text[start:end]`` that refers back to ``body`` (its canonical name, key,
    kind and parent); assigned when a duty verb follows."""
    role = "assigned" if _DUTY_AFTER.match(ctx.text[end : end + 20]) else "mentioned"
    return OrganizationMention(
        surface=ctx.text[start:end],
        start=start,
        end=end,
        clause=ctx.clause_id_at(start),
        canonical=body.canonical,
        key=body.key,
        kind=body.kind,
        role=role,
        parent=body.parent,
    )


def _lower_case_back_references(
    ctx: Context, orgs: list[OrganizationMention], known: set[str]
) -> list[OrganizationMention]:
    """ "reports to the municipal council" after "Lindemeer Municipal Council": a body the
    document has named, referred back to by the last words of its name in lower case. Only
    when one named body ends in those words, and only after it has been named."""
    named: dict[str, dict[str, OrganizationMention]] = {}
    for org in orgs:
        words = org.canonical.split()
        if org.key in known or len(words) < 3 or words[-1].lower() not in _HEADS:
            continue
        tail = " ".join(words[-2:]).lower()
        if not re.fullmatch(r"[a-z][a-z-]* [a-z]+", tail) or tail.split()[0] in _FILLER:
            continue
        named.setdefault(tail, {}).setdefault(org.canonical, org)
    found: list[OrganizationMention] = []
    for tail, bodies in named.items():
        if len(bodies) != 1:
            continue
        body = next(iter(bodies.values()))
        for match in re.finditer(rf"(?<![\w-])the[ \t]+({re.escape(tail)})(?![\w-])", ctx.text):
            start, end = match.span(1)
            if start < body.start or any(o.start < end and start < o.end for o in orgs):
                continue
            found.append(_reference_to(ctx, body, start, end))
    return found


# A national government body of the gazetteer is named in English by its function ("Ministry
# of Transport", "MOT"), as are its peers abroad. It is that country's body only when the
# document is about the country: it names it, or two of its bodies.
_NATIONAL_KINDS = frozenset({"ministry", "agency", "government-agency", "commission", "government"})
_COUNTRY_NAMES = {
    # the country, or words only its own texts use ("the State Council", "provinces,
    # autonomous regions and municipalities", "Five-Year Plan")
    "CN": re.compile(
        r"\b(?:China|Chinese|PRC|People['’]s\s+Republic|State\s+Council|autonomous\s+regions?|"
        r"Five-Year\s+Plan|Communist\s+Party|CPC|RMB|yuan)\b|中国|中華|中华|国务院"
    ),
    "GB": re.compile(r"\b(?:United\s+Kingdom|UK|U\.K\.|Britain|British|England|Scotland|Wales)\b"),
    "US": re.compile(r"\b(?:United\s+States|U\.S\.|USA|America|American)\b"),
}


def _foreign_bodies_by_function(text: str, orgs: list[OrganizationMention]) -> None:
    """Unlink gazetteer bodies of a country the document is not about: "the Ministry of
    Transportation (MTO)" in an Ontario framework is not China's MOT. Each such body becomes a
    body of its own, named by the longest name the document gives it."""
    gazetteer = organization_gazetteer().by_key
    keys_by_country: dict[str, set[str]] = {}
    for org in orgs:
        entry = gazetteer.get(org.key)
        if entry is not None and entry.country:
            keys_by_country.setdefault(entry.country, set()).add(org.key)
    for country, keys in keys_by_country.items():
        pattern = _COUNTRY_NAMES.get(country)
        if pattern is None or len(keys) >= 2 or pattern.search(text):
            continue
        for key in keys:
            if gazetteer[key].kind not in _NATIONAL_KINDS:
                continue
            mentions = [org for org in orgs if org.key == key]
            names = [org.surface for org in mentions if " " in org.surface]
            if not names or not all(BY_FUNCTION.fullmatch(name) for name in names):
                continue  # "National Development and Reform Commission" is one country's
            name = max(names, key=len)
            for org in mentions:
                org.canonical, org.key, org.kind = name, slugify(name), "organization"


# "the City", "the Department": a document's short name for a body it has named in full, the
# head noun alone, capitalised, with no name or "of" after it.
_SHORT_NAME = re.compile(
    r"(?<![\w-])[Tt]he[ \t]+(?P<head>City|Council|Department|Ministry|Municipality|Authority|"
    r"Agency|Board|Bureau|Directorate|Regulator|Bank|Institute|Corporation|Commission|Committee|"
    r"Association|Office|Government|Administration|Province|Canton)(?![\w-])"
    r"(?![ \t]+(?:[A-Z]|of\b))"
)
# What a government is called by its polity: "the Province" is the "Government of Nova Scotia"
# or the "Province of Nova Scotia" the text named.
# ("the State" is left alone: a text says it of the state as a legal order as often)
_POLITY_HEADS = frozenset({"Province", "Canton"})
_GOVERNMENT_NAME = re.compile(
    r"^(?:Government[ ]of[ ](?:the[ ])?(?:(?:Province|State|Canton)[ ]of[ ])?[A-Z]"
    r"|(?:Province|State|Canton)[ ]of[ ][A-Z]|.*[ ](?:State|Provincial|Cantonal)[ ]Government$)"
)
# A body named this near the top of the content is the document's lead ("Lead: Department of
# X, with the Department of Y"): "the Department" is the lead when several were named.
_LEAD_CHARACTERS = 600


def _masthead(ctx: Context) -> str:
    """The words a document names itself by: its first line and its title."""
    first_line = next((line for line in ctx.text.splitlines() if line.strip()), "")
    return f"{first_line}\n{ctx.document.title or ''}"


def _names_with_head(head: str, canonical: str) -> bool:
    if head in _POLITY_HEADS:
        return _GOVERNMENT_NAME.match(canonical) is not None
    if head == "City":
        return canonical.startswith("City of ")
    # ("Nova Scotia Department of X": a state's body carries the state's name in front, but
    # the "Town Council of the Town of X" is named by its level, not a place)
    owner = re.match(rf"(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){{0,2}}) {head} of ", canonical)
    return (
        canonical.startswith(f"{head} of ")
        or canonical.endswith(f" {head}")
        or (owner is not None and owner["place"].split()[-1] not in _LEVEL_NAMES)
    )


_LEVEL_NAMES = frozenset({"Town", "City", "County", "Municipal", "District", "Village", "State"})


def _short_names(ctx: Context, orgs: list[OrganizationMention]) -> list[OrganizationMention]:
    """Mentions by a short name ("the City", "the Council", "the Department") of the one body
    of that head noun the document has named before (its issuer when several are)."""
    found: list[OrganizationMention] = []
    spans = span_index((o.start, o.end) for o in orgs)
    with_head: dict[str, list[OrganizationMention]] = {}
    for match in _SHORT_NAME.finditer(ctx.text, *ctx.content):
        start, end = match.span("head")
        if spans.overlaps(start, end):
            continue
        head = match["head"]
        if head not in with_head:  # the bodies of each head noun, listed once per text
            with_head[head] = [o for o in orgs if _names_with_head(head, o.canonical)]
        before = [o for o in with_head[head] if o.end <= start]
        bodies = {o.key: o for o in before}
        issuers = {o.key: o for o in before if o.role == "issuer"}
        chosen = issuers if issuers else bodies
        if len(chosen) > 1:  # the first body named at the top is the document's lead
            first = min(before, key=lambda o: o.start)
            if first.start < ctx.content[0] + _LEAD_CHARACTERS:
                chosen = {first.key: first}
        if len(chosen) != 1:
            continue
        body = next(iter(chosen.values()))
        found.append(_reference_to(ctx, body, start, end))
    return found


# head nouns that make "X of Y Z" another body than X ("Treasury Board of Canada Secretariat")
_OWNER_HEADS = frozenset(
    {"secretariat", "unit", "division", "team", "panel", "forum", "network", "programme", "branch"}
)


def _owned_short_names(ordered: list[OrganizationMention]) -> dict[str, OrganizationMention]:
    """ "County Government" and "County Government of Kisumu": a name that ends in a body's head
    noun is the one body the text names with it and "of" a place, when it names exactly one."""
    owned: dict[str, OrganizationMention] = {}
    for short in ordered:
        words = _words(short.canonical)
        if len(words) < 2 or words[-1] not in _HEADS:
            continue
        longer = {
            long.canonical: long
            for long in ordered
            if (tail := _words(long.canonical)[len(words) :])
            and _words(long.canonical)[: len(words)] == words
            and tail[0] == "of"
            and 2 <= len(tail) <= 4
            and not set(tail) & (_HEADS | _OWNER_HEADS)
        }
        if len(longer) == 1:
            owned[short.canonical] = next(iter(longer.values()))
    return owned


def resolve_organizations(ctx: Context) -> None:
    """Pipeline component: one canonical name (the longest the document uses) per body."""
    orgs = sorted(ctx.organizations, key=lambda o: o.start)
    known = set(organization_gazetteer().by_key)
    _bracket_aliases(ctx.text, orgs, known)
    _foreign_bodies_by_function(ctx.text, orgs)
    _level_counterparts(ctx.text, orgs)
    _city_bodies(ctx.text, orgs, known, document_city(ctx.text), _masthead(ctx))
    _state_bodies(orgs, known, document_state(ctx.text))
    names: dict[str, OrganizationMention] = {}
    for org in orgs:
        if org.key not in known and not org.canonical.islower():
            names.setdefault(org.canonical, org)
    # union of names that are one body; the representative is the longest name
    ordered = sorted(names.values(), key=lambda o: len(o.canonical))
    best: dict[str, OrganizationMention] = {name: org for name, org in names.items()}
    for short_name, owner in _owned_short_names(ordered).items():
        best[short_name] = owner
    for index, short in enumerate(ordered):
        for long in ordered[index + 1 :]:
            if len(long.canonical) > len(short.canonical) and _same_body(short, long):
                target = best[long.canonical]
                old = best[short.canonical].canonical
                for name, member in best.items():
                    if member.canonical == old:
                        best[name] = target
    for org in orgs:
        rep = best.get(org.canonical)
        if rep is None or rep.canonical == org.canonical:
            continue
        org.canonical, org.key = rep.canonical, slugify(rep.canonical)
        org.parent = org.parent or rep.parent
        org.kind = rep.kind
    content_start, content_end = ctx.content
    orgs += [
        o
        for o in _lower_case_back_references(ctx, orgs, known)
        if content_start <= o.start and o.end <= content_end
    ]
    orgs += _short_names(ctx, orgs)
    ctx.organizations = _without_cut_names(sorted(orgs, key=lambda o: (o.start, -o.end)))


def _without_cut_names(orgs: list[OrganizationMention]) -> list[OrganizationMention]:
    """Two finders that read one name to different ends ("National Research Council" and
    "National Research Council Canada") leave one mention: the longer reading."""
    kept: list[OrganizationMention] = []
    for org in orgs:  # sorted by start, longest first
        if kept and kept[-1].start == org.start and org.end < kept[-1].end:
            continue
        kept.append(org)
    return kept


COMPONENT = Component(
    name="organization_resolution",
    run=resolve_organizations,
    reads=("text", "document.content", "document.title", "clauses", "organizations"),
    writes=("organizations",),
)
