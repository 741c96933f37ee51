"""Organizations: find every mention, resolve it to one canonical body, and give it a role.

Why a gazetteer first and fuzzy matching second: the same ministry appears under several names
in machine-translated text ("National Standards Commission", "National Standardization
Administration Committee" are both SAC), which only a curated alias list resolves reliably;
rapidfuzz then catches spelling variants of known names ("Ministry of Emergency Managment")
with a threshold high enough that "Ministry of Natural Resources" never becomes "Ministry of
Water Resources". Roles: ``issuer`` inside the issuer block (see ``nlp.issuers``), ``assigned``
when the clause gives the body work, ``mentioned`` otherwise.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

from nlp.bodies import (
    BY_FUNCTION,
    Found,
    abbreviation_definitions,
    abbreviation_uses,
    bodies_in_apposition,
    defined_bodies,
    initials_of,
    initials_uses,
    is_acronym,
    local_bodies,
    local_counterparts,
    member_state_authorities,
    strip_inner_abbreviation,
)
from nlp.coordination import coordinated_names
from nlp.gazetteers import Organization, OrganizationGazetteer, organization_gazetteer
from nlp.intervals import SpanIndex, span_index
from nlp.local_units import addressed_classes, classes_of_bodies, level_classes, local_units
from nlp.matcher import GazetteerMatch
from nlp.places import country_names, is_place, names_of_country
from nlp.spacy_model import entities, tags
from nlp.spans import CJK as CJK_TEXT
from nlp.spans import Component, Context, OrganizationMention, sentences
from nlp.text import CAPS_RUN, UPPER, normalize_name, readable_name, recased_capitals, slugify

# --- roles -------------------------------------------------------------------------------------
_RESPONSIBLE_CUE = re.compile(
    r"(responsible (?:units?|departments?|bodies|body|agenc(?:y|ies)|ministr(?:y|ies))|"
    r"lead(?:ing)? (?:units?|departments?|agenc(?:y|ies))|led by|under the leadership of|"
    r"in charge|take the lead|with the participation of|chaired by|coordinated by|convened by|"
    r"(?:is|are)\s+assigned\s+to|entrusted\s+to|"
    r"牵头单位|责任单位|负责单位|牵头部门|责任部门|"
    r"按职责分工负责|分工负责|牵头)",
    re.IGNORECASE,
)
# "Together with X and Y, the city will ...": partners in the work the sentence assigns.
_PARTNER_CUE = re.compile(
    r"\b(?:together|in cooperation|in collaboration|in partnership|jointly|working|works|"
    # the verb, not the noun ("coordinate the work with X" gives X nothing to do)
    r"(?:will|shall|should|must|to)\s+(?:also\s+|closely\s+)?(?:work|cooperate|collaborate|"
    r"partner)|cooperates|collaborates)\s+with\b",
    re.IGNORECASE,
)
# Who a deliverable is (to be) made with does part of the work: "prepared with X", "will be
# drawn up with Y", "arranging, with Z, for ..."; consulting a body gives it no work.
_MADE_WITH = re.compile(
    r"\b(?:prepar\w*|draw(?:n|s)?\s+up|develop\w*|draft\w*|produc\w*|writ\w*|elaborat\w*|"
    r"arrang\w*)(?:,?\s+(?!in\s+consultation)[\w-]+){0,4}?,?\s+with\s+(?:the\s+)?[^.;:]{0,80}$",
    re.IGNORECASE,
)
_DUTY_IN_SENTENCE = re.compile(
    r"\b(?:will|shall|should|must|is\s+responsible|are\s+responsible|leads?|"
    r"(?:is|are)\s+(?:asked|invited|tasked|required|expected))\b",
    re.IGNORECASE,
)
_MODAL = re.compile(r"\b(?:will|shall|should|must)\b|应当|负责", re.IGNORECASE)
# What may stand between a sentence start and the organizations that are its subject.
_SUBJECT_FILLER = re.compile(
    r"^(?:[\s,，、;；:：()（）\-—*#\d.]|\band\b|\bthe\b|\bas well as\b|\btogether with\b|"
    r"\balong with\b|\bjointly with\b|和|及|以及|与|同|会同)*$",
    re.IGNORECASE,
)
_AFTER_LIST = re.compile(
    r"^(?:[\s,，、()（）]|\band\b|\bthe\b|\bother\b|\brelevant\b|\bconcerned\b|\bits\b|"
    r"\bpartners\b|\bbelow\b|\d+|\b(?:two|three|four|five|six|seven|eight|nine|ten|\w+teen|"
    r"twenty|thirty)\b|\bmore\b|"
    r"\b(?:departments?|ministries|units|agencies|bodies)\b|和|及|等|有关部门|其他)*",
    re.IGNORECASE,
)
_ASSIGN_VERB = re.compile(
    r"^(?:shall|should|will|must|is to|are to|is responsible|are responsible|shall be responsible|"
    r"takes? the lead|to take the lead|(?:is|are) in charge|(?:has|have) (?:strengthened|"
    r"coordinated|organized|organised|taken)|(?:shall |should )?(?:jointly )?(?:lead|coordinate|"
    r"organize|organise|formulate|develop|promote|supervise|guide)\b|"
    # a body asked or invited to act, or acting in the present tense of a plan
    r"(?:is|are)\s+(?:also\s+)?(?:asked|invited|requested|expected|encouraged|tasked|mandated|"
    r"required)\s+to\b|(?:also\s+)?(?:leads?|maintains?|coordinates?|manages?|operates?|"
    r"oversees?|chairs?|hosts?|runs?|monitors?|nominates?|carries|carry|prepares?|drafts?|"
    r"develops?|reviews?|supports?|provides?|convenes?|administers?|may)\b|"
    r"负责|应当|应|要|组织|牵头|会同|统一管理|分工管理|制定|建立|加强|推进)",
    re.IGNORECASE,
)


def assign_roles(ctx: Context, matches: list[GazetteerMatch]) -> list[str]:
    """Role of each match, in order: issuer, assigned or mentioned."""
    roles = ["mentioned"] * len(matches)
    blocks = span_index(ctx.issuer_blocks)
    for index, match in enumerate(matches):
        if any(
            start <= match.start and match.end <= end
            for start, end, _ in blocks.overlapping(match.start, match.end)
        ):
            roles[index] = "issuer"
    content_start, content_end = ctx.content
    if not matches:
        return roles
    starts = [m.start for m in matches]  # matches come sorted by start
    for sentence_start, sentence_end in sentences(ctx.text, content_start, content_end):
        first = bisect.bisect_left(starts, sentence_start)
        last = bisect.bisect_left(starts, sentence_end, first)
        inside = [i for i in range(first, last) if roles[i] == "mentioned"]
        if not inside:
            continue
        for i in _assigned_in_sentence(ctx, matches, inside, sentence_start, sentence_end):
            roles[i] = "assigned"
    return roles


def _assigned_in_sentence(
    ctx: Context,
    matches: list[GazetteerMatch],
    inside: list[int],
    sentence_start: int,
    sentence_end: int,
) -> list[int]:
    text = ctx.text
    assigned: list[int] = []
    # 1. an explicit cue ("Responsible units:", "led by", "牵头") before the organizations
    for i in inside:
        window_start = max(sentence_start, matches[i].start - 200)
        before = text[window_start : matches[i].start]
        near = text[max(sentence_start, matches[i].start - 80) : matches[i].start]
        partner = _PARTNER_CUE.search(before) and _MODAL.search(text, matches[i].end, sentence_end)
        partner = partner or (
            _PARTNER_CUE.search(near)
            and _DUTY_IN_SENTENCE.search(text, sentence_start, sentence_end)
        )
        partner = partner or _MADE_WITH.search(near)
        if (
            partner
            or _RESPONSIBLE_CUE.search(before)
            or _RESPONSIBLE_CUE.match(text, matches[i].end, sentence_end)
        ):
            assigned.append(i)
    # 2. a run of organizations followed by a duty verb ("X, Y and other departments shall")
    for run, run_end in _runs(text, matches, inside):
        rest = text[run_end:sentence_end]
        after = _AFTER_LIST.match(rest)
        tail = rest[after.end() :] if after else rest
        if (
            _ASSIGN_VERB.match(tail.lstrip())
            and not _ISSUE_VERB.match(tail.lstrip())
            and not _PASSIVE_ONLY.match(tail.lstrip())
        ):
            assigned.extend(run)
    return sorted(set(assigned))


# "X will be consulted", "Y may be informed": a passive that gives the body nothing to do (but
# "is asked to", "are invited to", "will be responsible for" do).
_PASSIVE_ONLY = re.compile(
    r"^(?:will|shall|should|must|may|can)\s+(?:also\s+)?be\s+(?!(?:responsible|asked|invited|"
    r"required|tasked|expected|in\s+charge|requested|encouraged)\b)\w+(?:ed|en)\b|"
    r"^may\s+be\b",
    re.IGNORECASE,
)


def _runs(
    text: str, matches: list[GazetteerMatch], inside: list[int]
) -> list[tuple[list[int], int]]:
    """Runs of organizations separated only by commas, "and", "the": (indexes, end offset)."""
    runs: list[tuple[list[int], int]] = []
    current: list[int] = []
    for i in inside:
        if current and _SUBJECT_FILLER.match(text[matches[current[-1]].end : matches[i].start]):
            current.append(i)
            continue
        if current:
            runs.append((current, matches[current[-1]].end))
        current = [i]
    if current:
        runs.append((current, matches[current[-1]].end))
    return runs


_ISSUE_VERB = re.compile(
    r"^(?:(?:have|has|had)\s+)?(?:(?:jointly|recently|officially)\s+)?(?:formulated|issued|released|"
    r"published|promulgated|adopted|drafted|organized|organised|approved|printed|launched|"
    r"(?:have|has)\s+been\s+issued)\b|^(?:jointly\s+)?(?:issue|release|publish|formulate)(?:d|s|es)?\b|"
    r"^(?:联合)?(?:印发|发布|制定|颁布)|^(?:circular|notice|announcement|communiqu[ée])\b",
    re.IGNORECASE,
)
_ISSUED_BY = re.compile(
    r"\b(?:issued|released|published|formulated|adopted|approved|drafted)\s+(?:jointly\s+)?by\b",
    re.IGNORECASE,
)


_CO_ISSUER = re.compile(r"\b(?:together|jointly)\s+with\b", re.IGNORECASE)
_OWN_DOCUMENT_SUBJECT = re.compile(
    r"\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:This|The\s+present)\s+(?:directive|plan|roadmap|"
    r"strategy|policy|document|programme|program|regulation|circular|notice|guidelines?|"
    r"framework|standard|memorandum|order|decision)|It)\b"
)


def _inside_brackets(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def issuing_statements(ctx: Context, matches: list[GazetteerMatch], roles: list[str]) -> None:
    """Organizations that say they issued the document ("X and relevant departments have
    formulated the ... Plan", "X, Y and Z jointly organized ... formulating this action plan")
    before the first clause are issuers."""
    text = ctx.text
    content_start, _ = ctx.content
    first_clause = ctx.clauses[0].start if ctx.clauses else ctx.content[1]
    for sentence_start, sentence_end in sentences(text, content_start, first_clause):
        inside = [
            i
            for i, m in enumerate(matches)
            if sentence_start <= m.start < sentence_end and roles[i] != "issuer"
        ]
        by = _ISSUED_BY.search(text, sentence_start, sentence_end)
        if by and _inside_brackets(text, sentence_start, by.start()):
            by = None  # "(No.13 Issued by the State Council)": who issued a cited document
        if by:  # "released by X together with five ministries including Y and Z"
            for i in inside:
                if matches[i].start >= by.end():
                    roles[i] = "issuer"
            continue
        for run, run_end in _runs(text, matches, inside):
            rest = text[run_end:sentence_end]
            after = _AFTER_LIST.match(rest)
            tail = (rest[after.end() :] if after else rest).lstrip()
            if _ISSUE_VERB.match(tail):
                for i in run:
                    roles[i] = "issuer"
                # "X publishes this roadmap together with Y": Y issues it too
                joint = _CO_ISSUER.search(text, run_end, sentence_end)
                if joint:
                    previous_end = joint.end()
                    for i in inside:
                        if matches[i].start < previous_end:
                            continue
                        if not _SUBJECT_FILLER.match(text[previous_end : matches[i].start]):
                            break
                        roles[i] = "issuer"
                        previous_end = matches[i].end
    # anywhere: "This directive ... is issued by X", "It was approved by Y"
    for sentence_start, sentence_end in sentences(text, content_start, ctx.content[1]):
        if not _OWN_DOCUMENT_SUBJECT.match(text, sentence_start, sentence_end):
            continue
        by = _ISSUED_BY.search(text, sentence_start, sentence_end)
        if by is None or _inside_brackets(text, sentence_start, by.start()):
            continue
        for i, m in enumerate(matches):
            if by.end() <= m.start < sentence_end:
                roles[i] = "issuer"


# Unknown bodies: two or more capitalised words ending in an organization noun.
_UNKNOWN_HEAD = (
    r"(?:(?:Office|Company|Agency|Authority|Ministry|Department|Bureau|Commission|"
    # a committee's committees: "Sub-Committee on Standards and Conformance"
    r"Sub-?[Cc]ommittee|Sub-?[Gg]roup|"
    r"Committee|Council|Institute|Association|Federation|Corporation|Panel|Board|"
    r"Foundation|University|Administration|Organi[sz]ation|Consortium|Alliance|Group|Bloc|"
    # a political party ("Danish People's Party"), not a party to a treaty or a contract
    r"(?<!Contracting[ \t])(?<!Third[ \t])Party|"
    r"Cooperation(?=[ \t]*\([A-Z]{2,8}\)|$)|"
    r"Cent(?:re|er)|Corps|Branch|Directorate|Division|Team|Supervisor|Secretariat|Inspectorate|"
    r"Regulator|"
    r"Network|Forum|Body|Laborator(?:y|ies)|Academy|Catapult|Treasury|Cabinet|College|"
    r"Chamber(?=\s+of\s)|Union(?=[ \t]+of[ \t])|Community(?=[ \t]+of[ \t])|Chancellery|"
    r"Presidency|School|Trust|Tribunal|Task[ \t]Force|Taskforce|Municipality|"
    r"Parliament|Observatory|Partnership|Commissioner|Ombudsman|Court|Institution|Assembly|"
    r"(?<!Information[ \t])Society|Police|Senate|Congress|Conference(?=[ \t]+of[ \t])|"
    r"(?:Bank|Entity|Operator|Unit)(?![ \t]+[A-Z])|Superintenden(?:ce|cy)|"
    r"Service(?=[ \t]*\([A-Z]{2,8}\)|$)|Government(?![ \t][A-Z]))"
    r"|(?:Department|Bureau|Authoritie|Agencie|Commission|Ministrie|Directorate|Institute)s"
    # "Designated Certification Bodies", "Urban Local Bodies"; "Public Bodies" is any of them
    r"|(?<!Public[ \t])Bodies"
    # committees and councils in the plural are a class of bodies only with their level:
    # "People's Committees of provinces", not "the relevant Industry Standards Committees"
    r"|(?:Committee|Council)s(?=[ \t]+of[ \t]))"
)
# A name word: capitalised ("Urban"), an acronym in brackets inside a name ("Standardisation
# Testing and Quality Certification (STQC) Directorate") or a lower-case joint between
# capitalised words ("Cybersecurity and Infrastructure Security Agency").
# "U.S. Department of Agriculture": a country's initials with their dots lead a name too.
# ("e-Government", "eHealth": a lower-case prefix on a capitalised word is a word of a name)
_NAME_WORD = (
    rf"(?:U\.S\.|U\.K\.|(?:[{UPPER}]|[a-z]-?(?=[A-Z]))[\w'’&-]*"
    rf"(?:[ \t]+\([A-Z][A-Za-z-]{{1,9}}\))?)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
# Between words of a name's "of ..." part: one space, or a comma before a capitalised word
# ("Ministry of Housing, Communities and Local Government"); a name never ends in a joint word.
_TAIL_JOINT = r"(?:,[ \t](?=[A-Z])|[ \t])"
_NO_DANGLING = r"(?<!\sof)(?<!\sthe)(?<!\sand)(?<!\sfor)"
# "... Province of X and EUR 1.4 million": a currency before a sum is not a word of a name.
_NOT_A_SUM = r"(?![A-Z]{3}[ \t]+\d)"
# "... for Standards and Quality and Article 67 of the Treaty": a citation of a provision ends
# the name
_NOT_A_PROVISION = (
    r"(?!(?:Articles?|Sections?|Annex(?:es)?|Chapters?|Parts?|Paragraphs?|Schedules?|Recitals?)"
    r"[ \t]+[\dIVXL]"
    # "... of SASO, Resolution No. 14/218", "... of ICONTEC, Act No. 612": an instrument's number
    # ends the name too
    r"|(?:Resolution|Decision|Decree|Order|Circular|Notice|Act|Law)[ \t]+(?:No\b|\d))"
)
# A comma between name words when the name lists its fields and joins the last with "and":
# "Saudi Standards, Metrology and Quality Organization" (not "Overall, National Agency").
# A person's title before the comma is no field of a name: "Chief Executive Officer, X
# Commission" names the officer of X.
_TITLE_BEFORE = "".join(
    rf"(?<!{title})"
    for title in ("Officer", "Head", "Director", "Minister", "Secretary", "Chair", "President",
                  "Manager", "Chairman", "Chairperson", "General", "Commissioner", "Governor")
)  # fmt: skip
_LIST_COMMA = (
    rf"(?:{_TITLE_BEFORE},(?=[ \t][A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)*[ \t](?:and|&)[ \t][A-Z]))?"
)
# The words of a name's "of ..." part: "Federal Institute for Research on Building, Urban
# Affairs and Spatial Development". "on" + a verb's -ing form and a small word starts an act's
# title instead ("Notice of the General Office ... on Printing and Distributing ...").
_TAIL_CAPWORD = r"(?:[A-Z]|[a-z]-?(?=[A-Z]))[\w'’-]*"  # "Department of ICT and e-Government"
_TAIL_WORDS = (
    rf"(?:{_TAIL_JOINT}(?:{_NOT_A_SUM}{_NOT_A_PROVISION}{_TAIL_CAPWORD}|of|the|and|for|&|"
    rf"on(?![ \t][A-Z][a-z]+ing[ \t](?:and|the|of|a|an|to)\b)))*"
)
_UNKNOWN_ORG = re.compile(
    rf"(?<![\w-])(?:(?:{_NAME_WORD}{_LIST_COMMA}[ \t](?:(?:and|&)[ \t](?=[A-Z]))?){{1,7}}"
    rf"{_UNKNOWN_HEAD}(?![\w-])"
    rf"(?:[ \t](?:of|for|on)[ \t](?:the[ \t])?(?!{_MONTH})(?:{_TAIL_CAPWORD}|of|the|and)"
    rf"{_TAIL_WORDS}{_NO_DANGLING}(?<!\son))?"
    # a local government by its style: "City of Harlan Creek" (the name ends at a comma)
    rf"|(?:City|Town|Borough|County)[ \t]of[ \t](?!{_MONTH})"
    rf"[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){{0,3}}"
    rf"|(?:{_UNKNOWN_HEAD}|Government|Municipality|Province)"
    rf"[ \t](?:of|for|on)[ \t](?:the[ \t])?"
    rf"[A-Z][\w'’-]*"
    rf"{_TAIL_WORDS}{_NO_DANGLING}(?<!\son))"
)
_NOT_A_NAME_START = re.compile(
    r"^(?:The|A|An|This|That|These|Those|Each|Every|All|Any|Relevant|Other|Such|Our|Its|Their|In|On|"
    r"For|By|With|To|And|Or|Under|According|Competent|Municipal|Provincial|Where|When|If|"
    # "Local Government Association": a members' body keeps "Local"; "Local Civil Affairs
    # Bureaus" are the class of local counterparts, not a name; "Local Government" is a sector,
    # so "Local Government Management Agency" is a name
    r"Local(?!\s+Government\b)"
    r"(?!(?:\s+[A-Z][\w'’-]*){1,4}\s+(?:Association|Federation|Alliance|Forum|Network)\b)|"
    r"Where|Whereas|Having|Pursuant|Member|Both|Several|Some|Many|Most|New|Existing|"
    # an imperative that opens a task: "(3) Support Zhejiang University in participating ..."
    r"Support|Promote|Encourage|Urge|Invite|Ask|Assist|Help|Entrust|Require|Guide|Organi[sz]e|"
    r"Strengthen|Establish|Formulate|Revise|Improve|Coordinate|Consult|Engage|Fund|Task|"
    # "Standing Committee on Construction" is a name; a bare "Standing" before a body is not
    r"Standing(?![ \t]+Committee[ \t]+(?:on|for)\b)|"
    r"General(?!\s+(?:Office|Administration|Secretariat|Directorate|Services)\b)|"
    # "Technical Committee 5" is a kind; "Technical Services Committee" is a name
    r"Technical(?=\s+(?:Committees?|Subcommittees?|Working\s+Groups?|Bod(?:y|ies))\b)|"
    r"National(?=\s+(?:Standards?|Standardi[sz]ation|Technical)\b)|"
    r"(?:Central|Federal)(?=\s+(?:Government|Committee)\b))\s",
)
# A publisher prefix of a committee or a standard ("ISO TC 268", "ISO 3712x series").
_AFTER_ABBREVIATION = re.compile(
    r"^\s*(?:/\s*(?:[A-Z]{1,4}\s*\d|TC\b|SC\b|JTC\b|WG\b|IEC\b|ISO\b|IEEE\b|ASTM\b|CEN\b|"
    r"CLC\b|TR\b|TS\b|PAS\b|IS\b|DIS\b|Guide\b|IWA\b|\d)|TC\b|SC\b|JTC\b|J?SyC\b|ISG\b|SG\d|\d|"
    # a deliverable type of the publisher: "a DIN SPEC on X", "two DIN SPECs"
    r"SPECs?\b|"
    r"Technical\s+Committee|Subcommittee)"
)
# The issuer or owner named first in a document's or a committee's name.
_DOCUMENT_AFTER = re.compile(
    r"(?:-[TRD])?\s+(?:Circular|Memorandum|Memoranda|Bulletin|Directive|Guidance|Release|"
    r"Framework|Recommendation|Handbook|Special\s+Publication|relevance|Study\s+Group|"
    r"Focus\s+Group|Working\s+Party)\b"
)


# The NPC Standing Committee with its session number: "Standing Committee of the Seventh NPC".
_NPCSC = re.compile(
    r"Standing\s+Committee\s+of\s+the\s+(?:[A-Z][a-z]+(?:-[a-z]+)?\s+|\d+(?:st|nd|rd|th)\s+)?"
    r"National\s+People['’]s\s+Congress"
)


# A Directorate-General is a department of the European Commission: "DG CONNECT", "DG Internal
# Market, Industry, Entrepreneurship and SMEs", "Directorate-General for Mobility and Transport".
# Its name is a list of capitalised words; the word after the list's "and" ends it (page headers
# run the DG into the next heading).
_DG_WORD = r"(?:[A-Z][\w'’-]*)"
_COMMISSION_DG = re.compile(
    rf"(?<![\w-])(?:DG|Directorate[- ]General)(?:[ \t]+for)?[ \t]+"
    rf"(?:{_DG_WORD}(?:,?[ \t]+{_DG_WORD})*?(?:,?[ \t]+(?:and|&)[ \t]+{_DG_WORD})"
    rf"|{_DG_WORD}(?:[ \t]+{_DG_WORD})?)(?![\w-])"
)


# Local people's congresses and governments: "济宁市第十六届人民代表大会常务委员会",
# "上海市人民政府". Chinese has no word boundaries, so the place name must start the phrase
# (not follow another CJK character) and must not be a generic "直辖市" / "设区的市".
_CN_ORDINAL = r"[一二三四五六七八九十百零〇0-9]+"
_CN_LOCAL_BODY = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<place>[\u4e00-\u9fff]{2,6}?(?:省|市|县|縣|区|區|自治区|自治州))"
    rf"(?:第{_CN_ORDINAL}[届屆])?"
    r"(?P<body>人民代表大会常务委员会|人民代表大會常務委員會|人大常委会|人民政府)"
)
_CN_NOT_A_PLACE = re.compile(
    r"的|级|級|以上|各|本|所在|有关|有關|该|該|其|设区|設區|由|报|報|组织|組織|"
    r"^(?:直辖市|直轄市|城市|自治区|自治州)$"
)


# A department named by its function and its country, the way some governments title their
# departments and agencies ("Statistics Canada", "Housing, Infrastructure and Communities
# Canada", "Infrastructure Australia"): capitalised words directly before a country's name,
# with no capitalised word after it ("Accessible Canada Act" is an act).
_W = r"[A-Z][\w'’-]*"
# States and provinces title their agencies the same way ("Infrastructure Ontario", "Cyber
# Security NSW", "Transport for NSW", "Transport for Wales").
# (every country by its short English name, from ISO 3166: "Energie-Control Austria",
# "Enterprise Estonia")
_REGIONS = (
    r"Canada|Australia|New[ \t]Zealand|Singapore|Ireland|Scotland|Wales|England|Malaysia|"
    r"Kenya|Nigeria|Ghana|Netherlands|Norway|Sweden|Finland|Denmark|India|South[ \t]Africa|UK|"
    r"NSW|New[ \t]South[ \t]Wales|Victoria|Queensland|Tasmania|Ontario|Quebec|Alberta|Manitoba|"
    r"Saskatchewan|Nova[ \t]Scotia|British[ \t]Columbia|Northern[ \t]Ireland|London"
)
_COUNTRY = (
    f"(?:{_REGIONS}|"
    + "|".join(re.escape(name).replace(r"\ ", r"[ \t]") for name in country_names())
    + ")"
)
# a word of the function, not another place (the common places only: the lookahead runs at
# every capitalised word, and a field word that is a rarer country name costs only a miss)
_FIELD = rf"(?!(?:{_REGIONS})(?![\w'’-])){_W}"
_COUNTRY_BODY = re.compile(
    rf"(?<![\w'’-])(?:{_FIELD}(?:,[ \t]{_FIELD})*[ \t](?:and|&)[ \t])?"
    rf"(?:{_FIELD}[ \t]){{1,4}}(?:for[ \t])?{_COUNTRY}"
    r"(?![\w-]|\.\w|[ \t]+[A-Z0-9])"
)
_NOT_A_COUNTRY_BODY = re.compile(
    r"(?:The|In|At|For|Across|Throughout|Through|Welcome|Search|Made|Visit|About|From|To|With|"
    r"By|Government|All|Each|Every|Our|This|That|Team|Invest|Investing|Western|Eastern|"
    r"Northern|Southern|Central|Atlantic|Rural|Urban|Greater|Federal|Digital|Smart|"
    r"South|North|East|West|"  # "South East Queensland" is a region
    # a person's office is no body: "King's Printer for Ontario", "Commissioner for Wales"
    r"(?:[A-Z][\w'’]*[ \t])*(?:Printer|Commissioner|Minister|Secretary|Director|Officer)[ \t]|"
    # ("Local Government Denmark" is the association of the country's municipalities)
    r"(?:[A-Z]\w*[ \t])*(?:(?<!Local[ \t])Government|Act|Strategy|Plan|Program|Programme|"
    r"Policy))\b|" + _MONTH
)


# A national standards body named by its nation's adjective, with its abbreviation: "Danish
# Standards (DS)", "Estonian Standards (EVS)" (the "Standards Norway" form is a country body).
_NATIONAL_STANDARDS = re.compile(
    # (a continent's standards are a kind of document: "harmonized African Standards (ARS)")
    r"(?<![\w'’-])(?!(?:African|European|Asian|American|Arab|Caribbean|Nordic|Latin)\b)"
    r"[A-Z][a-z]+(?:ish|ian|ese|an|ic|i)[ \t]+Standards(?=[ \t]*\([A-Z]{2,6}\))"
)


# Utilities named like a brand with their trade ("Endeavour Energy", "ESB Networks", "Ikeja
# Electric", "Northern Powergrid", "Urban Utilities"): a city plan names its network operators
# this way, with no organization noun. Kept where spaCy's recognizer reads a name there and the
# first word is no word of a topic ("Renewable Energy", "Clean Water").
_UTILITY_NAME = re.compile(
    rf"(?<![\w'’-])(?P<first>[{UPPER}][^\W\d_]*)(?:[ \t][{UPPER}][\w'’&-]*){{0,2}}[ \t]"
    r"(?P<head>Energy|Electric|Electricity(?:[ \t]Distribution)?|Water|Networks|Powergrid|"
    r"Power(?:[ \t](?:Pool|Networks))?|Gas|Utilities|Telecom)"
    r"(?:[ \t](?:PLC|Plc|plc|Ltd|Limited|Inc\.))?(?![\w-])"
    # the trade word ends the name: "Swedish Energy Agency" is an agency, found by its head
    r"(?![ \t]+(?:[A-Z(]|and[ \t]+[A-Z]))"
)
_TOPIC_WORDS = frozenset({
    "renewable", "clean", "green", "smart", "solar", "wind", "nuclear", "electric", "digital",
    "public", "national", "sustainable", "drinking", "waste", "storm", "rain", "grey", "gray",
    "hot", "cold", "low", "high", "district", "distributed", "decentralised", "decentralized",
    "affordable", "reliable", "secure", "safe", "potable", "water", "energy", "power", "gas",
    "the", "a", "an", "our", "this", "new", "net", "zero", "fossil", "thermal", "geothermal",
    "hydro", "marine", "tidal", "wave", "bio", "hydrogen", "natural", "liquefied", "total",
    "primary", "final", "embodied", "operational", "reactive", "active", "backup", "standby",
    "emergency", "section", "chapter", "part", "annex", "table", "figure", "access", "universal",
    "urban", "rural", "executive", "legislative", "judicial", "municipal", "regional",
})  # fmt: skip


def _unknown_orgs(ctx: Context, matches: list[GazetteerMatch]) -> list[GazetteerMatch]:
    content_start, content_end = ctx.content
    known = SpanIndex((m.start, m.end, m) for m in matches)
    found: list[GazetteerMatch] = []
    for match in _CN_LOCAL_BODY.finditer(ctx.text, content_start, content_end):
        if _CN_NOT_A_PLACE.search(match.group("place")):
            continue
        if not known.overlaps(match.start(), match.end()):
            name = match.group("place") + match.group("body")
            found.append(
                GazetteerMatch(match.start(), match.end(), match.group(), "unknown:" + name)
            )
    for match in _COUNTRY_BODY.finditer(ctx.text, content_start, content_end):
        start, end = match.start(), match.end()
        if _NOT_A_COUNTRY_BODY.match(match.group()) or _POLICY_AFTER.match(ctx.text, end):
            continue
        if known.overlaps(start, end) or ctx.text[max(0, start - 3) : start] == "of ":
            continue
        name = re.sub(r"\s+", " ", match.group())
        found.append(GazetteerMatch(start, end, match.group(), "unknown:" + normalize_name(name)))
    for match in _NATIONAL_STANDARDS.finditer(ctx.text, content_start, content_end):
        if not known.overlaps(match.start(), match.end()):
            found.append(
                GazetteerMatch(
                    match.start(), match.end(), match.group(), "unknown:" + match.group()
                )
            )
    for match in _OWN_LANGUAGE_NAME.finditer(ctx.text, content_start, content_end):
        start, end = match.start(), match.end()
        if not known.overlaps(start, end) and not _POLICY_AFTER.match(ctx.text, end):
            found.append(GazetteerMatch(start, end, match.group(), "unknown:" + match.group()))
    for match in _COMPANY_NAME.finditer(ctx.text, content_start, content_end):
        start, end = match.start(), match.end()
        while lead := _NOT_A_NAME_START.match(ctx.text[start:end]):
            start += lead.end()  # "The Acme Widgets GmbH": the article is not part of the name
        if end - start > 3 and not known.overlaps(start, end):
            surface = ctx.text[start:end]
            found.append(GazetteerMatch(start, end, surface, "unknown:" + normalize_name(surface)))
    entities_around = _LineEntities(ctx)
    for match in _UTILITY_NAME.finditer(ctx.text, content_start, content_end):
        start, end = match.span()
        if known.overlaps(start, end) or match["first"].casefold() in _TOPIC_WORDS:
            continue
        line_start = ctx.text.rfind("\n", max(0, start - 200), start) + 1
        if not re.search(r"\b[a-z]{3,}\b", ctx.text[line_start:start] + ctx.text[end : end + 80]):
            continue  # a heading in title case ("Smart Grid and Green Energy"), not a sentence
        if any(
            label in _BODY_LIKE_ENTITIES and s < end and start < e and s <= match.start("head")
            for s, e, label in entities_around(start, end)
        ):
            found.append(GazetteerMatch(start, end, match.group(), "unknown:" + match.group()))
    for match in _UNKNOWN_ORG.finditer(ctx.text, content_start, content_end):
        # "Department of the Interior and Local Government (DILG)": the bracketed initials
        # spell the whole run, so it is one body however many heads it holds
        whole = _spelled_by_abbreviation(
            ctx.text, match.end(), re.sub(r"^(?:The|A|An)[ \t]+", "", match.group())
        )
        pieces = (
            [(match.start(), match.group())]
            if whole
            else _split_joined_bodies(match.start(), match.group())
        )
        for piece_start, piece in pieces:
            names = (
                [(piece_start, piece)]
                if whole
                else _split_by_recognizer(piece_start, piece, entities_around)
            )
            for start, surface in names:
                end = start + len(surface)
                if _ACRONYM_BODY.fullmatch(surface) and not known.overlaps(start, end):
                    # "... and INESC TEC": the body after the joint, known by its acronym
                    found.append(GazetteerMatch(start, end, surface, "unknown:" + surface))
                    continue
                unknown = _unknown_candidate(
                    ctx.text, known, start, end, surface, split_piece=len(pieces) > 1
                )
                if unknown is not None:
                    found.append(unknown)
    taken = span_index((m.start, m.end) for m in found)
    actors = [
        match
        for pattern in (_ACTOR, _ADDRESSED_AFTER_ANOTHER)
        for match in pattern.finditer(ctx.text, content_start, content_end)
        if not known.overlaps(*match.span("name"))
        and not taken.overlaps(*match.span("name"))
        and not _NOT_AN_ACTOR.match(match["name"])
        # a short acronym is some body's abbreviation, defined or not
        and not re.fullmatch(r"[A-Z]{2,4}", match["name"])
    ]
    entities_around.prefetch([match.span("name") for match in actors])
    for match in actors:
        start, end = match.span("name")
        read = entities_around(start, end)
        if any(label == "ORG" and s == start and e == end for s, e, label in read):
            # "Xcel shall enable ...", "SINTEF will offer ...": a named actor the recognizer
            # reads as an organization
            found.append(GazetteerMatch(start, end, match["name"], "unknown:" + match["name"]))
    found.extend(_capitalised_names(ctx.text, content_start, content_end, known))
    return found


# A name that acts: one to three capitalised words before a duty or a stance verb.
_ACTOR = re.compile(
    r"(?:^|(?<=[\n.;:,(]\s)|(?<=\band\s)|(?<=\n))[ \t]*"
    r"(?P<name>[A-Z][\w&-]*[A-Za-z](?:[ \t][A-Z][\w&-]*[A-Za-z]){0,3})"
    # its abbreviation may follow: "IWB Industrielle Werke Basel (IWB) operates ..."
    r"(?:[ \t]+\([A-Z][A-Za-z]{1,7}\))?"
    r"[ \t]+(?:shall|will|must|should|argued|argues|proposes|proposed|recommended|recommends|"
    r"requested|requests|agreed|agrees|aims|objected|submitted|commented|supports|"
    r"operates|runs|manages|maintains|leads|coordinates|publishes|certifies|hosts)\b",
    re.MULTILINE,
)
# A name addressed after another: "propose to the Swiss Association for Standardization (SNV)
# and to Electrosuisse that ...".
_ADDRESSED_AFTER_ANOTHER = re.compile(
    r"(?<![\w-])(?:and|or)[ \t]+(?:to|with)[ \t]+"
    r"(?P<name>[A-Z][\w&-]*[A-Za-z](?:[ \t][A-Z][\w&-]*[A-Za-z]){0,3})"
    r"(?=[ \t]*[,.;:)]|[ \t]+(?:that|on|for|in|to|about)\b)"
)
_NOT_AN_ACTOR = re.compile(
    r"(?:The|This|These|Those|That|It|They|We|Each|Every|All|Any|Some|Such|Both|Members?|"
    r"Parties|Operators|Owners|Applicants|Municipalities|Cities|States|Providers|Suppliers|"
    r"Manufacturers|Contractors|Designs?|Data|Products?|Systems?|Buildings?|Equipment|"
    r"Meters?|Devices?|Users|Consumers|Customers|Licensees|Utilities|Governments|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Annex|Article|Section|Table|Figure|Chapter|Part|Schedule)\b"
)


def _capitalised_names(
    text: str, start: int, end: int, known: SpanIndex[GazetteerMatch]
) -> list[GazetteerMatch]:
    """Unknown bodies named in capitals. Why a view of the text: the name rules read capitalised
    words followed by small joints ("Ministry of X"); the same rules run on a copy where each
    run of capitals is written that way (same length, so offsets hold)."""
    runs = [
        run
        for run in CAPS_RUN.finditer(text, start, end)
        if _HEAD_WORD.search(readable_name(run.group()))
    ]
    if not runs:
        return []
    view = recased_capitals(text, runs)
    found: list[GazetteerMatch] = []
    for run in runs:
        for match in _UNKNOWN_ORG.finditer(view, run.start(), run.end()):
            for piece_start, surface in _split_joined_bodies(match.start(), match.group()):
                piece_end = piece_start + len(surface)
                unknown = _unknown_candidate(view, known, piece_start, piece_end, surface)
                # a heading in capitals goes on after a head word that is no head there
                # ("TECHNICAL SPECIFICATION FOR SMART LAMPPOST NETWORK NODES")
                if unknown is not None and not re.match(r"[ \t]+[A-Z]", view[unknown.end :]):
                    original = text[unknown.start : unknown.end]
                    found.append(GazetteerMatch(unknown.start, unknown.end, original, unknown.key))
    return found


# "X Department of Water Resources and the Y Administration for Market Regulation": the "and"
# joins two bodies when the words after it name a body of their own (an organization noun
# follows); "Ministry of Science and Technology" has none after its "and" and stays whole.
_JOINED_BODY = re.compile(r"[ \t]+and[ \t]+(?:the[ \t]+)?(?=[A-Z])")
_HEAD_WORD = re.compile(
    rf"\b(?:{_UNKNOWN_HEAD}|(?:Committee|Council)s|"
    rf"(?:Government|Municipality|Province|City|Town|Borough|County)(?=\s+of\s))\b"
)
# "OMB's Office of ...": the owner is a body of its own, not part of the name.
_POSSESSOR = re.compile(r"^(?!People['’]s)[A-Z][\w-]*['’]s\s")
_POSSESSIVE = re.compile(r"(?<!People)['’]s\b")


def _split_by_recognizer(
    start: int, surface: str, entities_around: Callable[[int, int], list[tuple[int, int, str]]]
) -> list[tuple[int, str]]:
    """Cut a name at an "and" where spaCy's recognizer reads one body ending before it and
    another starting after it, and both sides are names of their own: at least two words
    before the "and", and a head word after it with at least two words before it ("West
    African Power Pool and Kwame Nkrumah University of Science and Technology"). Why all of
    these: the recognizer alone also cuts "Ministry of Oceans and Fisheries" and "Malaysian
    Communications and Multimedia Commission"; head words alone would cut "National
    Development and Reform Commission"."""
    joints = list(_JOINED_BODY.finditer(surface))
    if not joints:
        return [(start, surface)]
    end = start + len(surface)
    bodies = [(s, e) for s, e, label in entities_around(start, end) if label in _BODY_LIKE_ENTITIES]
    for joint in joints:
        left_end, right_start = start + joint.start(), start + joint.end()
        left, right = surface[: joint.start()], surface[joint.end() :]
        head = _HEAD_WORD.search(right)
        if (
            head is not None
            and len(_CAPITALISED_WORD.findall(left)) >= 2
            and len(_CAPITALISED_WORD.findall(right[: head.start()])) >= 2
            and any(e == left_end and s >= start for s, e in bodies)
            and any(s == right_start for s, _ in bodies)
        ):
            rest = _split_by_recognizer(right_start, right, entities_around)
            return [(start, left), *rest]
    return [(start, surface)]


_CAPITALISED_WORD = re.compile(r"\b(?!(?:The|A|An)\b)[A-Z][\w'’-]*")


# A body known by its acronym alone after "and": "University of Porto and INESC TEC",
# "... and SINTEF"; not a portfolio's field ("Ministry of Science and ICT"): two words or five
# letters at least.
_ACRONYM_BODY = re.compile(
    r"(?!.*\b(?:OF|THE|AND|FOR|ON|IN)\b)"
    r"(?:[A-Z][A-Z0-9&-]{1,9}(?:[ \t][A-Z][A-Z0-9&-]{1,9}){1,2}|[A-Z][A-Z0-9&-]{4,9})"
)


# A sector named like a body: "Department of Housing, Local Government and Heritage" lists the
# department's fields.
_SECTOR = re.compile(r"(?:Local|Regional|Municipal)[ \t]+Government")


# Two adjectives joined by "and" before one head noun: "Local and Regional Authorities",
# "Provincial and Territorial Governments". A name never ends in such a word.
_ADJECTIVE = (
    r"(?:[A-Z][a-z]+(?:al|ic|ive|ary|ous)|Local|Public|Private|Rural|Urban|Civil|Federal|"
    r"Central|Foreign|Domestic|Small|Large|Medium)"
)
_SHARED_HEAD = re.compile(rf"(?<![\w-]){_ADJECTIVE}$")
_SHARED_HEAD_AFTER = re.compile(rf"{_ADJECTIVE}[ \t]+[A-Z]")


# A region that is a government of its own, after a body: "... Infrastructure and Central
# Denmark Region"
_REGION_BODY = re.compile(r"(?:[A-Z][\w'’-]*[ \t]+){1,3}Region")


def _split_joined_bodies(start: int, surface: str) -> list[tuple[int, str]]:
    """Pieces of a capitalised run that names several bodies. A comma inside a name ("Ministry
    of Housing, Communities and Local Government") is kept when what follows it has no head
    word of its own; "Ministry of A, Ministry of B" is cut at the comma."""
    comma = re.search(r",[ \t]", surface)
    segment = surface[comma.end() :] if comma else ""
    segment = re.split(r",[ \t]|[ \t]and[ \t]", segment)[0]
    # a portfolio is never an acronym: "X Centre of Finland, SINTEF, Aalto University" lists
    # three bodies where "Ministry of Housing, Communities and ..." lists one's fields
    if comma and (
        (_HEAD_WORD.search(segment) and not _SECTOR.fullmatch(segment))
        or (_ACRONYM_NAME.fullmatch(segment) and _HEAD_WORD.search(surface[: comma.start()]))
    ):
        left = surface[: comma.start()]
        rest = _split_joined_bodies(start + comma.end(), surface[comma.end() :])
        return [*_split_joined_bodies(start, left), *rest]
    pieces: list[tuple[int, str]] = []
    offset = 0
    joints = list(_JOINED_BODY.finditer(surface))
    with_article = [j for j in joints if "the" in j.group().split()]
    if with_article and all(
        _HEAD_WORD.search(surface[: j.start()]) and _HEAD_WORD.search(surface[j.end() :])
        for j in with_article
    ):
        joints = with_article  # "X Association of A and B and the Y Association": one joint
    for index, joint in enumerate(joints):
        # the words up to the next joint must name a body of their own: in "Ministry of
        # Information, Communications and the Digital Economy and the X Authority" the first
        # "and the" joins two portfolios of the ministry, the second joins another body
        following = joints[index + 1].start() if index + 1 < len(joints) else len(surface)
        left, right = surface[offset : joint.start()], surface[joint.end() : following]
        if _SHARED_HEAD.search(left) and _SHARED_HEAD_AFTER.match(right):
            continue  # "Association of Local and Regional Authorities": two modifiers, one head
        if _HEAD_WORD.search(left) and (
            _HEAD_WORD.search(right)
            or _ACRONYM_BODY.fullmatch(right)
            or _REGION_BODY.fullmatch(right)
        ):
            pieces.append((start + offset, left))
            offset = joint.end()
    pieces.append((start + offset, surface[offset:]))
    return pieces


_COMPANY_SUFFIX = re.compile(
    r",?[ \t](?:Co\.,?[ \t]Ltd\.|Co\.[ \t]Ltd\.|Ltd\.|Inc\.|LLC\b|plc\b|GmbH\b)"
)
# A company named by its legal form alone, with no organization noun: "SIRIM Berhad",
# "Acme Widgets GmbH", "Northwind Pty Ltd", "Strandvik Energi AB", "NBN Co", "Northern Grid Ltd".
_COMPANY_NAME = re.compile(
    rf"(?<![\w-])(?:(?:[{UPPER}][\w&'’-]*)[ \t]+){{1,5}}"
    r"(?:Berhad|Bhd\.?|Sdn\.?[ \t]Bhd\.?|Pty\.?[ \t]Ltd\.?|Ltd\.?|Limited|Inc\.|GmbH|AG|"
    r"plc|PLC|LLC|S\.A\.|N\.V\.|B\.V\.|AB|Oy|Oyj|ASA|A/S|ApS|SpA|S\.p\.A\.|Co(?![.,]))"
    r"(?![\w/-])"
)


# Bodies named in their own language, which English texts keep: the organization noun leads in
# Romance languages ("Câmara Municipal do Porto", "Politecnico di Milano", "Agence nationale de
# la sécurité des systèmes d'information") and ends a compound in Germanic ones
# ("Physikalisch-Technische Bundesanstalt", "Bundesnetzagentur", "Boverket", "Energistyrelsen",
# "Rijkswaterstaat"). No gazetteer lists a country's every office; the nouns are few.
_OWN_HEAD = (
    r"(?:Câmara|Camera|Cámara|Instituto|Istituto|Institut|Agência|Agencia|Agenzia|Agence|"
    r"Sociedade|Sociedad|Società|Société|Politecnico|Universidade|Universidad|Università|"
    r"Université|Ministério|Ministerio|Ministero|Ministère|Comitato|Comité|Comissão|Comisión|"
    r"Commissione|Conselho|Consejo|Consiglio|Conseil|Direção|Dirección|Direzione|Autoridade|"
    r"Autoridad|Autorità|Autorité|Ente|Fundação|Fundación|Fondazione|Fondation|Junta|"
    r"Ayuntamiento|Comune|Prefeitura|Associação|Asociación|Associazione|Secretaría|Secretaria|"
    r"Servicio|Serviço|Servizio|Centro|Laboratório|Laboratorio|Laboratoire|Águas|Aguas|Metro)"
)
_OWN_JOINT = (
    r"(?:de|do|da|dos|das|del|della|dei|degli|delle|di|du|des|la|le|les|e|y|et|per|para|pour|für)"
)
_OWN_WORD = r"[A-ZÀ-Þ][\w'’-]+"
_OWN_LANGUAGE_NAME = re.compile(
    # a joint word at least ("Centro Storico" is a district, "Centro de Estudos ..." a body)
    rf"(?<![\w'’-]){_OWN_HEAD}(?:[ \t]{_OWN_WORD}){{0,2}}"
    rf"(?:[ \t](?:{_OWN_JOINT}[ \t])+{_OWN_WORD}(?:[ \t]{_OWN_WORD}){{0,2}}){{1,3}}"
    # "Agence nationale de la sécurité ...": lower-case words after the head in French
    rf"|(?<![\w'’-])Agence[ \t]nationale(?:[ \t](?:{_OWN_JOINT}|[a-zà-ÿ'’]+)){{1,8}}"
    rf"|(?<![\w'’-])(?:{_OWN_WORD}[ \t])?[A-ZÀ-Þ][a-zà-ÿ-]*(?:anstalt|amt|agentur|behörde|"
    r"verband|ministerium|kommission|verket|styrelsen|direktoratet|tilsynet|waterstaat|dienst|"
    # "Bundesministerium für Digitales ...": a longer name goes on
    r"instituut|rådet)(?![\w-])(?![ \t](?:für|der|des|und|van|voor|för|for|of)\b)"
)
_ABBREVIATION_AFTER = re.compile(r"[ \t]*\((?P<abbr>[A-Z]{2,8})\)")


# The fields of a function name go on after a shorter known name: "... Resources and Environment".
_LONGER_FIELDS = re.compile(r"(?:,[ \t]+[A-Z][\w'’-]*)*,?[ \t]+and[ \t]+[A-Z][\w'’-]*")


def _names_around_known(
    text: str, known: SpanIndex[GazetteerMatch], start: int, end: int, surface: str
) -> bool:
    """Whether a longer name holds known bodies as its first words and the document spells the
    whole of it by its own abbreviation: "ASEAN Consultative Committee for Standards and
    Quality (ACCSQ)" is a body of its own, not a mention of ASEAN."""
    inside = [k for _, _, k in known.overlapping(start, end)]
    if len(inside) == 1 and _qualified_function_name(text, inside[0], start, end):
        return True
    if inside and all(
        start <= k.start and k.end <= end and _BARE_INSTITUTION.fullmatch(k.surface) for k in inside
    ):
        return True  # "Council of Mayors": a one-word alias is only the longer name's head
    if len(inside) == 1 and _LONGER_FIELDS.match(text, inside[0].end, end):
        known_name = inside[0]
        if known_name.start == start and re.search(r" (?:of|for) ", known_name.surface):
            return True  # "Ministry of Natural Resources and Environment" is another ministry
    return (
        bool(inside)
        and all(start <= k.start and k.end <= end and k.end < end for k in inside)
        and _spelled_by_abbreviation(text, end, surface)
    )


# A place or nationality before a body named by its function: "Utah Department of
# Transportation", "Alberta Ministry of Transportation". One or two capitalised words.
_QUALIFIER = re.compile(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+")


def _qualified_function_name(text: str, known: GazetteerMatch, start: int, end: int) -> bool:
    """Whether a name is a known body's function name ("Department of Transportation", which
    every government has) qualified by the place whose body it is: that body, not the
    gazetteer's. A qualifier that names the gazetteer body's own country keeps the link
    (resolution checks the country later: ``org_resolution``)."""
    return (
        known.end == end
        and start < known.start
        and BY_FUNCTION.fullmatch(known.surface) is not None
        and _QUALIFIER.fullmatch(text, start, known.start) is not None
        and not _OWN_COUNTRY_WORD.match(text, start)
    )


# Words that say the body is the gazetteer's own (the gazetteer's function-named bodies are
# China's): "the Chinese Ministry of Transport" is MOT.
_OWN_COUNTRY_WORD = re.compile(r"(?:China|Chinese|PRC|National|State|Central|Federal)\b")


# A body named by its function, which a place before it makes that place's.
_FUNCTION_HEAD_START = re.compile(
    r"(?i:Department|Ministry|Office|Agency|Bureau|Administration|Commission|Board|Authority)\b"
)
_PLACE_WORDS_BEFORE = re.compile(r"(?:(?<![\w.-])[A-Z][A-Za-z'’-]+[ \t]){1,3}$")


def _foreign_to(body: Organization, place: str) -> bool:
    """Whether ``place`` is a country or a province other than the known body's own country."""
    return is_place(place) and normalize_name(place) not in names_of_country(body.country)


def _owned_by_place_before(
    text: str, gazetteer: OrganizationGazetteer, match: GazetteerMatch
) -> GazetteerMatch:
    """ "TEXAS DEPARTMENT OF TRANSPORTATION" is no mention of the federal department the
    gazetteer names "Department of Transportation": a place of another country, or a state or
    province, written before a known body named by its function makes it that place's body."""
    body = gazetteer.by_key.get(match.key)
    before = _PLACE_WORDS_BEFORE.search(text, max(0, match.start - 40), match.start)
    if body is None or before is None or not _FUNCTION_HEAD_START.match(match.surface):
        return match
    words = before.group().split()
    if normalize_name(" ".join(words)) in normalize_name(body.name):
        return match
    for first in range(len(words)):  # the longest run of words that is a place
        if _foreign_to(body, " ".join(words[first:])):
            start = before.start() + before.group().index(words[first])
            surface = text[start : match.end]
            return GazetteerMatch(start, match.end, surface, "unknown:" + normalize_name(surface))
    return match


# "... of Hubei Province", "... of the State of Goa", "... of Lanjiang City"
_PLACE_AFTER = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+(?:(?:Province|State|Prefecture|County|City|Municipality|"
    r"Region|Canton|Emirate)[ \t]+of[ \t]+))?"
    r"(?P<place>[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2})"
)
_LEVEL_WORDS_AFTER = frozenset(
    {"Province", "State", "Prefecture", "County", "City", "Municipality", "Region", "Canton"}
)


def _owned_by_place_after(
    text: str, gazetteer: OrganizationGazetteer, match: GazetteerMatch
) -> GazetteerMatch:
    """ "Department of Transport of Hubei Province" is the province's department, not the UK's
    Department for Transport the gazetteer reads in its first words."""
    body = gazetteer.by_key.get(match.key)
    after = _PLACE_AFTER.match(text, match.end) if body is not None else None
    if body is None or after is None or not _FUNCTION_HEAD_START.match(match.surface):
        return match
    place = after["place"]
    level = place.split()[-1] in _LEVEL_WORDS_AFTER and len(place.split()) >= 2
    polity = " the " in after.group()  # "of the State of Goa"
    if not (level or polity or _foreign_to(body, place)):
        return match
    surface = text[match.start : after.end()]
    return GazetteerMatch(match.start, after.end(), surface, "unknown:" + normalize_name(surface))


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "&"})


def _spells(abbreviation: str, words: list[str]) -> bool:
    """Whether the words' initials spell the abbreviation; a small word ("of", "and") may give
    its letter or not ("Convention of Scottish Local Authorities" is COSLA)."""
    letters = abbreviation.upper()

    def from_here(word: int, letter: int) -> bool:
        if word == len(words):
            return letter == len(letters)
        first = words[word][:1].upper()
        if letter < len(letters) and first == letters[letter] and from_here(word + 1, letter + 1):
            return True
        return words[word].lower() in _SMALL_WORDS and from_here(word + 1, letter)

    return len(words) <= 12 and from_here(0, 0)


def _extended_to_abbreviation(text: str, kept: list[GazetteerMatch]) -> list[GazetteerMatch]:
    """A name found short of the words its bracketed abbreviation spells takes them back: the
    "(COSLA)" after "Scottish Local Authorities" says the name is "Convention of Scottish Local
    Authorities", whatever cut its first words off."""
    result = []
    for match in kept:
        after = _ABBREVIATION_AFTER.match(text, match.end)
        if (
            after is None
            or not match.key.startswith(("unknown:", "found:"))
            or _spells(after["abbr"], match.surface.split())
        ):
            result.append(match)
            continue
        line_start = text.rfind("\n", 0, match.start) + 1
        before = list(re.finditer(r"\S+", text[line_start : match.start]))[-4:]
        extended = match
        for word in reversed(before):
            start = line_start + word.start()
            surface = text[start : match.end]
            if word.group()[:1].isupper() and _spells(after["abbr"], surface.split()):
                extended = GazetteerMatch(
                    start, match.end, surface, "unknown:" + normalize_name(surface)
                )
                break
        result.append(extended)
    return result


def _spelled_by_abbreviation(text: str, end: int, surface: str) -> bool:
    """Whether the bracketed abbreviation after a name is the initials of all its capitalised
    words, the first one included: then the first word is part of the name."""
    after = _ABBREVIATION_AFTER.match(text, end)
    if after is None:
        return False
    initials = "".join(word[0] for word in surface.split() if word[:1].isupper())
    return initials == after["abbr"]


_POLICY_AFTER = re.compile(
    r"[ \t]+(?:Act|Law|Code|Regulations?|Strategy|Program(?:me)?|Plan|Policy|Directive|"
    r"Framework|Agenda|Roadmap|Ordinance|Decree|Charter)\b"
)
MASTHEAD_LINES = 3


# A body's name on a line of its own is a heading, except in the letterhead: a web page's
# navigation and the issuing government in capitals can come before the department's name.
_LETTERHEAD_LINES = 5


def _in_masthead(text: str, position: int, lines: int = MASTHEAD_LINES) -> bool:
    """Whether ``position`` lies on one of the first ``lines`` non-empty lines of the text,
    where a web page or letterhead names the body that publishes it."""
    return position <= _masthead_end(text, lines) and text.find("\n", position) >= 0


@functools.lru_cache(maxsize=8)
def _masthead_end(text: str, lines: int = MASTHEAD_LINES) -> int:
    """The first non-blank character of the ``lines``-th non-empty line (the text's
    length when it has fewer): positions up to it have fewer non-empty lines before them.
    Computed once per text; counting lines before every candidate was quadratic."""
    seen = 0
    for match in re.finditer(r"[^\n]*", text):
        line = match.group()
        if line.strip():
            seen += 1
            if seen == lines:
                return match.start() + len(line) - len(line.lstrip())
    return len(text)


# The level a class of local bodies sits at, after its plural name: "Departments of
# Construction of provinces and centrally-run cities", "People's Committees of all provinces".
_LEVEL_UNIT = (
    r"(?:provinces?|(?:(?:centrally|directly)[- ](?:run|administered|governed)[ \t]+)?cities|"
    r"municipalities|counties|districts|prefectures|"
    r"states|federal[ \t]+entities|Member[ \t]+States|cantons|regions|local[ \t]+governments)"
)
_LEVEL_TAIL = re.compile(
    rf"[ \t]+of[ \t]+(?:(?:all|each|the)[ \t]+)?(?:\d+[ \t]+)?{_LEVEL_UNIT}"
    rf"(?:[ \t]+(?:and|or|under)[ \t]+{_LEVEL_UNIT})?(?![\w-])"
)
_PLURAL_HEAD = re.compile(
    r"\b(?:Departments|Committees|Offices|Bureaus|Authorities|Agencies|Ministries|Councils|"
    r"Governments|Commissions|Directorates|Administrations|Secretariats)\b"
)
_TRAILING_ACRONYM = re.compile(r"[ \t]+(?P<acronym>[A-Z][A-Za-z]{1,7})$")


def _without_trailing_acronym(surface: str) -> str:
    """ "Swiss Federal Office of Energy SFOE" -> "Swiss Federal Office of Energy": some
    governments write a body's acronym after its name without brackets; the acronym is not a
    word of the name when it spells the name's initials (its later uses are found by
    ``initials_uses``)."""
    trailing = _TRAILING_ACRONYM.search(surface)
    if trailing is None or not is_acronym(trailing["acronym"]):
        return surface
    name = surface[: trailing.start()]
    return name if trailing["acronym"].lower() in initials_of(name) else surface


def _unknown_candidate(
    text: str,
    known: SpanIndex[GazetteerMatch],
    start: int,
    end: int,
    surface: str,
    *,
    split_piece: bool = False,
) -> GazetteerMatch | None:
    """An unknown body's mention, or None when it is not a name (or is already known)."""
    while _NOT_A_NAME_START.match(surface) or _POSSESSOR.match(surface):
        if _spelled_by_abbreviation(text, end, surface):
            break  # "National Standards Council (NSC)": the abbreviation spells "National"
        cut = surface.index(" ") + 1
        start, surface = start + cut, surface[cut:]
    head = _HEAD_WORD.search(surface)
    possessive = _POSSESSIVE.search(surface, head.end()) if head else None
    if possessive:  # "Committee of the X's Recommendations": the name ends at "X"
        surface = surface[: possessive.start()]
    surface = _without_trailing_acronym(surface)
    # "Dhaka North City Corporation (DNCC) and Dhaka South ...": a piece cut at "and" keeps
    # the first name's bracketed abbreviation, which is a mention of its own
    surface = re.sub(r"[ \t]+\([A-Z][A-Za-z-]{1,9}\)$", "", surface)
    end = start + len(surface)
    level = _LEVEL_TAIL.match(text, end) if _PLURAL_HEAD.search(surface) else None
    if level:  # "Departments of Construction of provinces and centrally-run cities"
        end = level.end()
        surface = text[start:end]
    company = _COMPANY_SUFFIX.match(text, end)
    if company and head:  # "Lanjiang Water Group Co., Ltd.": the legal form is part of the name
        end = company.end()
        surface = text[start:end]
    if (
        len(surface.split()) < 2
        or not surface[:1].isupper()
        or not (head or (split_piece and _REGION_BODY.fullmatch(surface)))
    ):
        return None
    if known.overlaps(start, end) and not _names_around_known(text, known, start, end, surface):
        return None
    if _POLICY_AFTER.match(text, end):
        return None  # "Financial Administration Act": the words name an act, not a body
    line_start = text.rfind("\n", 0, start) + 1
    if (
        text[line_start:start].strip() == ""
        and re.search(r"\n", text[end : end + 2])
        and not _in_masthead(text, start, lines=_LETTERHEAD_LINES)
    ):
        return None  # a heading line of its own, not a mention
    return GazetteerMatch(start, end, surface, "unknown:" + normalize_name(surface))


# One word that names an EU institution only in a text about the Union: a UK borough's "the
# Council" is the borough council.
_BARE_INSTITUTION = re.compile(r"(?:Council|Commission|Parliament|Court|Board)")
_ABOUT_THE_UNION = re.compile(r"\bEurop|\bEU\b|\bUnion\b|\bMember States\b")


def _heads_of_named_bodies(matches: list[GazetteerMatch]) -> set[str]:
    """The institution words ("Council", "Board") that end the name of a body the text names
    that is not European ("Vilnius City Municipality Council", not "European Council")."""
    heads: set[str] = set()
    for match in matches:
        words = match.surface.split()
        if (
            len(words) >= 2
            # a body of the text's own, not a known one ("International Electrotechnical
            # Commission" leaves "the Commission" of an EU text to the EU)
            and match.key.startswith(("unknown:", "found:"))
            and _BARE_INSTITUTION.fullmatch(words[-1])
            and words[0][:1].isupper()
            and words[0] != "The"
            and not _ABOUT_THE_UNION.search(match.surface)
        ):
            heads.add(words[-1])
    return heads


def _keep(ctx: Context, match: GazetteerMatch, *, about_the_union: bool) -> bool:
    text = ctx.text
    if _BARE_INSTITUTION.fullmatch(match.surface) and not about_the_union:
        return False
    for item in ctx.standards:
        if item.start < match.end and match.start < item.end:
            return False  # the publisher part of a standard identifier
    if match.surface.isupper() and len(match.surface) <= 8:
        if _AFTER_ABBREVIATION.match(text[match.end : match.end + 6]):
            return False
        if _DOCUMENT_AFTER.match(text, match.end):
            return False  # "OMB Circular A-119", "ITU-T Study Group 20": a document or a group
        if text[max(0, match.start - 1) : match.start] in ("/", "-") and match.surface in (
            "IEC",
            "ISO",
            "ITU",
            "CENELEC",
        ):
            return False
    return True


def detect_organizations(ctx: Context) -> None:
    """Pipeline component: organization mentions with canonical names and roles."""
    gazetteer = organization_gazetteer()
    content_start, content_end = ctx.content
    matches = gazetteer.find(ctx.text, content_start, content_end)
    for npcsc in _NPCSC.finditer(ctx.text, content_start, content_end):
        matches = [m for m in matches if m.end <= npcsc.start() or m.start >= npcsc.end()]
        matches.append(
            GazetteerMatch(npcsc.start(), npcsc.end(), npcsc.group(), "npc-standing-committee")
        )
    for dg in _COMMISSION_DG.finditer(ctx.text, content_start, content_end):
        matches = [m for m in matches if m.end <= dg.start() or m.start >= dg.end()]
        matches.append(GazetteerMatch(dg.start(), dg.end(), dg.group(), "european-commission"))
    matches.extend(_issuer_block_extras(ctx, gazetteer, matches))
    # a name that runs into or out of a policy's title is no name ("Regulations on the
    # Administration of Urban Gas and the ... Outline" holds no body "Administration of ...")
    unknown = [
        u
        for u in _unknown_orgs(ctx, matches)
        if not any(
            p.start < u.end and u.start < p.end and not (p.start <= u.start and u.end <= p.end)
            for p in ctx.policy_refs
        )
    ]
    # a known body inside a longer name the document defines (``_names_around_known``) is
    # part of that name, not a mention of its own
    matches = [
        m
        for m in matches
        if not any(
            u.start <= m.start and m.end <= u.end and u.end - u.start > m.end - m.start
            for u in unknown
        )
    ]
    found = _found_bodies(ctx, gazetteer, matches, unknown)
    # "General Office of Lanjiang Municipal People's Government": a longer capitalised name
    # that holds a local body is a body of its own (the office of that government)
    found = [f for f in found if not (f.kind.startswith("local-") and _inside_longer(f, unknown))]
    matches = [m for m in matches if not _overlaps_any(m, found, inner_only=True)]
    unknown = [u for u in unknown if not _overlaps_any(u, found)]
    found = [f for f in found if not _overlaps_any(f, matches)]
    matches.extend(unknown)
    matches.extend(_as_matches(found))
    matches.sort(key=lambda m: m.start)
    about_the_union = _ABOUT_THE_UNION.search(ctx.text) is not None
    owned = _heads_of_named_bodies(matches)
    kept = [
        m
        for m in matches
        if _keep(ctx, m, about_the_union=about_the_union)
        # "the Council" of a text that named the "Vilnius City Municipality Council" is that
        # council (``nlp.org_resolution``), even when the text cites an EU directive
        and not (_BARE_INSTITUTION.fullmatch(m.surface) and m.surface in owned)
    ]
    kept = [
        _owned_by_place_after(ctx.text, gazetteer, _owned_by_place_before(ctx.text, gazetteer, m))
        for m in kept
    ]
    kept = _extended_to_abbreviation(ctx.text, kept)
    kept = _with_abbreviations(ctx, gazetteer, kept)
    kept = _with_masthead_aliases(ctx, gazetteer, kept)
    kept = _with_bracketed_names(ctx, gazetteer, kept)
    listed = _with_coordinated_names(ctx, kept, matches)
    if len(listed) > len(kept):  # the new names' own abbreviations: "Vietnam Electricity (EVN)"
        kept = _with_abbreviations(ctx, gazetteer, listed)
    roles = assign_roles(ctx, kept)
    issuing_statements(ctx, kept, roles)
    for index, match in enumerate(kept):
        if _own_line(ctx.text, match.start, match.end) and _in_masthead(ctx.text, match.start):
            roles[index] = "issuer"  # the letterhead or page masthead names the publisher
    for match, role in zip(kept, roles, strict=True):
        parent = None
        body = _FOUND.get(match.key)
        if body is not None and body.key:
            org = gazetteer.by_key[body.key]
            key, canonical, kind = org.key, org.name, org.kind
        elif body is not None:
            key, canonical, kind, parent = (
                slugify(body.canonical),
                body.canonical,
                body.kind,
                (body.parent),
            )
        elif match.key.startswith("unknown:"):
            name = re.sub(r"\s+", " ", match.key.removeprefix("unknown:"))
            if not CJK_TEXT.search(name) and not _ACRONYM_BODY.fullmatch(match.surface):
                name = strip_inner_abbreviation(readable_name(re.sub(r"\s+", " ", match.surface)))
            key, canonical, kind = slugify(name), name, "organization"
        else:
            org = gazetteer.by_key[match.key]
            key, canonical, kind = org.key, org.name, org.kind
        ctx.organizations.append(
            OrganizationMention(
                surface=match.surface,
                start=match.start,
                end=match.end,
                canonical=canonical,
                key=key,
                kind=kind,
                role=role,
                clause=ctx.clause_id_at(match.start),
                parent=parent,
            )
        )
    _FOUND.clear()


# Entity types that read a name whole as a body (or as a person or product, which spaCy's small
# model often says of a company), and types that say it is no body.
_BODY_LIKE_ENTITIES = frozenset({"ORG", "PERSON", "FAC", "PRODUCT"})
_ACRONYM_NAME = re.compile(r"[A-Z][A-Z0-9&]{1,7}(?:-[A-Z0-9]{1,6})?")
# Entity types that say a capitalised name is no body: places, peoples, times and amounts.
_NOT_BODY_ENTITIES = frozenset(
    {"GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL",
     "ORDINAL", "LAW", "EVENT", "LANGUAGE", "WORK_OF_ART"}
)  # fmt: skip


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether a word in capitals sits in a passage written in capitals ("... HARLAN CREEK,
    COLORADO, ADOPTING ..."), where it is a word of a heading, not an acronym."""
    before = text[max(0, start - 30) : start].rsplit("\n", 1)[-1]
    around = before + text[end : end + 30].split("\n", 1)[0]
    letters = [ch for ch in around if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)


class _LineEntities:
    """spaCy's entities (start, end, label; offsets in the text) on the line around a span,
    the recognizer run once per distinct line; ``prefetch`` reads many lines in one batch."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._lines: dict[str, list[tuple[int, int, str]]] = {}

    def _line(self, start: int, end: int) -> tuple[int, str]:
        # at most 200 characters each side: bounded searches, so a text without line breaks
        # is not scanned from its start for every name
        text = self._ctx.text
        line_start = max(0, text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
        line_end = text.find("\n", end, end + 200)
        line_end = min(len(text), end + 200) if line_end < 0 else line_end
        return line_start, text[line_start:line_end]

    def prefetch(self, spans: list[tuple[int, int]]) -> None:
        """Read the lines of many spans at once (the recognizer is much faster in a batch)."""
        new = list(dict.fromkeys(self._line(s, e)[1] for s, e in spans))
        new = [line for line in new if line not in self._lines]
        for line, found in zip(new, entities(self._ctx.spacy_model, new), strict=True):
            self._lines[line] = found

    def __call__(self, start: int, end: int) -> list[tuple[int, int, str]]:
        line_start, line = self._line(start, end)
        if line not in self._lines:  # a line repeated in the text is read once
            self._lines[line] = entities(self._ctx.spacy_model, [line])[0]
        return [(line_start + s, line_start + e, label) for s, e, label in self._lines[line]]


def _entity_veto(ctx: Context) -> Callable[[int, int], bool]:
    """A veto over listed names by spaCy's entity recognizer, run on the line of each name
    asked about (once per line): a name passes when it is an acronym or when the recognizer
    reads exactly it as an organization, and never when it reads it as a place, a people, a
    date or an amount. Why both: a list beside bodies also holds places and the fields of a
    long ministry name ("Department of Infrastructure, Transport, ...")."""
    entities_around = _LineEntities(ctx)

    def veto(start: int, end: int) -> bool:
        """True unless the name is an acronym or the recognizer reads exactly it as a body."""
        found = entities_around(start, end)
        if any(label in _NOT_BODY_ENTITIES and s <= start and end <= e for s, e, label in found):
            return True
        if _ACRONYM_NAME.fullmatch(ctx.text[start:end]) and not _in_capitals(ctx.text, start, end):
            return False
        return not any(
            label in _BODY_LIKE_ENTITIES
            and e == end
            and (s == start or ctx.text[s:start].lower() == "the ")
            for s, e, label in found
        )

    return veto


def _with_coordinated_names(
    ctx: Context, kept: list[GazetteerMatch], gazetteer_matches: list[GazetteerMatch]
) -> list[GazetteerMatch]:
    """Add the proper names listed with a body, or called bodies by a list noun
    (``nlp.coordination``): "ETH Zurich, EPFL, Empa and the Lucerne University ...", "Telstra
    and other carriers". Standards, policies and every gazetteer alias (also those dropped as
    no mention, such as a standard's publisher) are never such names."""
    start, end = ctx.content
    blocked = [(s.start, s.end) for s in ctx.standards]
    blocked += [(p.start, p.end) for p in ctx.policy_refs]
    blocked += [(m.start, m.end) for m in gazetteer_matches]
    spans = coordinated_names(
        ctx.text, start, end, [(m.start, m.end) for m in kept], blocked, _entity_veto(ctx)
    )
    if not spans:
        return kept
    names = [
        GazetteerMatch(s, e, ctx.text[s:e], "unknown:" + normalize_name(ctx.text[s:e]))
        for s, e in spans
    ]
    return sorted([*kept, *names], key=lambda m: m.start)


# Bodies found by naming conventions (nlp.bodies), by the key of their stand-in match.
_FOUND: dict[str, Found] = {}


def _as_matches(found: list[Found]) -> list[GazetteerMatch]:
    matches = []
    for body in found:
        key = f"found:{len(_FOUND)}"
        _FOUND[key] = body
        matches.append(GazetteerMatch(body.start, body.end, body.surface, key))
    return matches


def _overlaps_any(
    item: GazetteerMatch | Found,
    others: list[GazetteerMatch] | list[Found],
    *,
    inner_only: bool = False,
) -> bool:
    """Whether ``item`` overlaps one of ``others`` (with ``inner_only``: lies inside one that is
    longer, as "Xinjiang Production and Construction Corps" inside the name of its bureau)."""
    for other in others:
        if other.start < item.end and item.start < other.end:
            if not inner_only:
                return True
            if (
                other.start <= item.start
                and item.end <= other.end
                and (other.end - other.start > item.end - item.start)
            ):
                return True
    return False


def _inside_longer(item: Found, others: list[GazetteerMatch]) -> bool:
    return any(
        o.start <= item.start and item.end <= o.end and o.end - o.start > item.end - item.start
        for o in others
    )


def _found_bodies(
    ctx: Context,
    gazetteer: OrganizationGazetteer,
    known: list[GazetteerMatch],
    unknown: list[GazetteerMatch],
) -> list[Found]:
    """Local counterparts, national authorities and article-defined bodies (``nlp.bodies``),
    longest first where they overlap."""
    start, end = ctx.content
    text = ctx.text
    found = local_counterparts(text, start, end, gazetteer)
    found += local_bodies(text, start, end, gazetteer)
    found += member_state_authorities(text, start, end)
    found += local_units(text, start, end)
    names = [strip_inner_abbreviation(u.surface) for u in unknown]
    found += defined_bodies(text, start, end, names)
    # a name in apposition yields to any name another rule reads there
    found += [
        f
        for f in bodies_in_apposition(text, start, end)
        if not any(m.start < f.end and f.start < m.end for m in [*known, *unknown])
    ]
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Found] = []
    for body in found:
        if kept and body.start < kept[-1].end:
            continue
        kept.append(body)
    taken = [(f.start, f.end) for f in kept] + [(m.start, m.end) for m in [*known, *unknown]]
    kept += [
        c
        for c in level_classes(text, start, end)
        if not any(s < c.end and c.start < e for s, e in taken)
    ]
    taken += [(f.start, f.end) for f in kept]
    kept += [
        c
        for c in classes_of_bodies(text, start, end, functools.partial(tags, ctx.spacy_model))
        if not any(s < c.end and c.start < e for s, e in taken)
    ]
    # an addressee line's plural items are classes even where the capitalised-name finder
    # read them as a name ("PORT AUTHORITIES" is no body called "Port Authorities")
    taken = [(f.start, f.end) for f in kept] + [(m.start, m.end) for m in known]
    kept += [
        c
        for c in addressed_classes(text, start, end)
        if not any(s < c.end and c.start < e for s, e in taken)
    ]
    kept.sort(key=lambda f: f.start)
    # the publisher of a standard or a committee designation is not a body
    return [f for f in kept if not any(s.start < f.end and f.start < s.end for s in ctx.standards)]


# A body's governing organ named with the body's abbreviation ("GSO Board of Directors", "ARSO
# Council", "Technical Council of GSO"): it acts for the body, which the labelling guidelines
# (and every gold set) count as the mention.
_ORGAN_OF_BODY = re.compile(
    r"(?P<abbr>[A-Z][A-Za-z&]{1,9})[ \t]+(?:Technical[ \t]+|Executive[ \t]+|Governing[ \t]+)?"
    r"(?:Council|Board(?:[ \t]+of[ \t]+Directors)?|General[ \t]+Assembly)"
    r"|(?:Technical[ \t]+Council|Board[ \t]+of[ \t]+Directors|General[ \t]+Assembly|"
    r"Executive[ \t]+Board)[ \t]+of[ \t]+(?:the[ \t]+)?(?P<abbr2>[A-Z][A-Za-z&]{1,9})"
)


Identity = tuple[str, str | None]


def _remapped(
    kept: list[GazetteerMatch], identity_of: Callable[[GazetteerMatch], Identity | None]
) -> list[GazetteerMatch]:
    """The unknown names ``identity_of`` says are another body, as mentions of that body (same
    span); the other matches as they are."""
    result: list[GazetteerMatch] = []
    moved: list[Found] = []
    for match in kept:
        identity = identity_of(match) if match.key.startswith("unknown:") else None
        if identity is None:
            result.append(match)
            continue
        canonical, key = identity
        moved.append(
            Found(match.start, match.end, match.surface, canonical, "organization", None, key)
        )
    if not moved:
        return kept
    return sorted([*result, *_as_matches(moved)], key=lambda m: m.start)


def _other_language_names(
    text: str, kept: list[GazetteerMatch], defined: dict[str, Identity]
) -> list[GazetteerMatch]:
    """A body's name in another language whose capitalised words spell an abbreviation the
    text defines for a body: "Instituto Nacional de Normalizacion" after "National
    Standardization Institute (INN)" is that institute (its abbreviation is its own
    language's initials)."""

    def identity_of(match: GazetteerMatch) -> Identity | None:
        initials = "".join(w[0] for w in match.surface.split() if w[:1].isupper())
        body = defined.get(initials) if len(initials) >= 3 else None
        # only an abbreviation that is not its English name's own initials (INN for the
        # National Standardization Institute) comes from another language's name
        if (
            body is not None
            and body[0].casefold() != match.surface.casefold()
            and initials.lower() not in initials_of(body[0])
            and not _ABBREVIATION_AFTER.match(text, match.end)  # its own "(SNV)"
        ):
            return body
        return None

    return _remapped(kept, identity_of)


def _organs_as_their_bodies(
    gazetteer: OrganizationGazetteer, kept: list[GazetteerMatch], defined: dict[str, Identity]
) -> list[GazetteerMatch]:
    """Governing organs named with their body's abbreviation (``_ORGAN_OF_BODY``) as mentions
    of the body the text defines or the gazetteer knows by that abbreviation."""

    def identity_of(match: GazetteerMatch) -> Identity | None:
        organ = _ORGAN_OF_BODY.fullmatch(match.surface)
        abbreviation = (organ["abbr"] or organ["abbr2"]) if organ else None
        if abbreviation and abbreviation in defined:
            return defined[abbreviation]
        if abbreviation and (known := gazetteer.matcher.lookup(abbreviation)) is not None:
            return gazetteer.by_key[known].name, known
        return None

    return _remapped(kept, identity_of)


def _with_abbreviations(
    ctx: Context, gazetteer: OrganizationGazetteer, kept: list[GazetteerMatch]
) -> list[GazetteerMatch]:
    """Teach the document its own abbreviations: after "Urban Gateway Coordination Group
    (UGCG)", every "UGCG" is that body (and "DOT" after "Department of Transportation (DOT)"
    is the gazetteer's body)."""
    spans: list[tuple[int, int, str, str | None]] = []
    for match in kept:
        body = _FOUND.get(match.key)
        if body is not None:
            spans.append((match.start, match.end, body.canonical, body.key))
        elif match.key.startswith("unknown:"):
            # the name as _identity reads it: a masthead in capitals is written as a name
            name = strip_inner_abbreviation(readable_name(re.sub(r"\s+", " ", match.surface)))
            spans.append((match.start, match.end, name, None))
        else:
            spans.append((match.start, match.end, match.surface, match.key))
    defined = abbreviation_definitions(ctx.text, spans, _masthead_end(ctx.text))
    kept = _organs_as_their_bodies(gazetteer, kept, defined)
    kept = _other_language_names(ctx.text, kept, defined)
    # an abbreviation the document defines for another body than the gazetteer's ("Federal
    # Office for Information Security (BSI)" is not the British Standards Institution): the
    # document's own definition wins for its later uses
    redefined = {
        a: v
        for a, v in defined.items()
        if (known := gazetteer.matcher.lookup(a)) is not None
        # only a body the gazetteer does not know redefines it ("SAMR (SAC)" is dual-hatting)
        and v[1] is None
        and not _same_name(gazetteer, known, v[0])
    }
    if redefined:
        remapped: list[GazetteerMatch] = []
        moved: list[Found] = []
        for match in kept:
            if match.surface in redefined and not match.key.startswith(("unknown:", "found:")):
                canonical, key = redefined[match.surface]
                moved.append(
                    Found(
                        match.start, match.end, match.surface, canonical, "organization", None, key
                    )
                )
            else:
                remapped.append(match)
        kept = sorted([*remapped, *_as_matches(moved)], key=lambda m: m.start)
    defined = {a: v for a, v in defined.items() if gazetteer.matcher.lookup(a) is None}
    start, end = ctx.content
    # an unknown "name" that is only a defined abbreviation ("CIO Council") is its body
    kept = [m for m in kept if not (m.key.startswith("unknown:") and m.surface in defined)]
    extra: list[Found] = []
    for a_start, a_end, abbreviation in abbreviation_uses(ctx.text, start, end, defined):
        if any(m.start < a_end and a_start < m.end for m in kept):
            continue
        if any(s.start < a_end and a_start < s.end for s in ctx.standards):
            continue
        canonical, key = defined[abbreviation]
        extra.append(Found(a_start, a_end, abbreviation, canonical, "organization", None, key))
    bodies = [(c, k) for _s, _e, c, k in spans if " " in c]
    for a_start, a_end, canonical, key in initials_uses(ctx.text, start, end, bodies):
        if any(m.start < a_end and a_start < m.end for m in kept) or any(
            f.start < a_end and a_start < f.end for f in extra
        ):
            continue
        if any(s.start < a_end and a_start < s.end for s in ctx.standards):
            continue
        if any(p.start == a_start for p in ctx.policy_refs):
            continue  # "OMB Circular A-119": the issuer as first word of an act's name
        surface = ctx.text[a_start:a_end]
        extra.append(Found(a_start, a_end, surface, canonical, "organization", None, key))
    if not extra:
        return kept
    return sorted([*kept, *_as_matches(extra)], key=lambda m: m.start)


def _identity(gazetteer: OrganizationGazetteer, match: GazetteerMatch) -> tuple[str, str | None]:
    """(canonical name, gazetteer key or None) of a kept match."""
    body = _FOUND.get(match.key)
    if body is not None:
        return body.canonical, body.key
    if match.key.startswith("unknown:"):
        return strip_inner_abbreviation(readable_name(re.sub(r"\s+", " ", match.surface))), None
    return gazetteer.by_key[match.key].name, match.key


# Another name of a body in brackets after it: its own language ("German Association of Cities
# (Deutscher Städtetag)", "Federal Network Agency (Bundesnetzagentur)") or a short name
# ("Expert Panel for the Review of ... (Express)"); abbreviations are taught elsewhere.
# "(Bundesnetzagentur)", "(Instituto Português da Qualidade, IPQ)": the body's own name in
# brackets, maybe with its abbreviation (which ``nlp.bodies`` teaches)
_BRACKETED_NAME = re.compile(
    r"[ \t]*\((?P<name>[A-ZÀ-Þ][\w'’-]+(?:[ \t][\w'’-]+){0,4})(?:,[ \t]*[A-Z][\w&-]{1,9})?\)"
)


def _with_bracketed_names(
    ctx: Context, gazetteer: OrganizationGazetteer, kept: list[GazetteerMatch]
) -> list[GazetteerMatch]:
    text = ctx.text
    extra: list[Found] = []
    for match in kept:
        bracket = _BRACKETED_NAME.match(text, match.end)
        if bracket is None:
            continue
        name = bracket["name"]
        words = name.split()
        if re.search(r"\d", name) or (is_acronym(name) and len(words) == 1):
            continue  # an abbreviation is taught elsewhere ("(BSI)")
        if not all(w[:1].isupper() for w in words if len(w) > 3) or len(words) < 1:
            continue
        if len(words) == 1 and not re.search(r"[^\x00-\x7F]|[a-z]{6,}", name):
            continue
        if _POLICY_AFTER.match(" " + words[-1]) or re.match(
            r"(?:see|e\.g|i\.e|hereinafter|formerly|now|the)\b", name, re.IGNORECASE
        ):
            continue
        start, end = bracket.start("name"), bracket.end("name")
        if any(
            m.start < end
            and start < m.end
            and not (m.key.startswith("unknown:") and m.surface == name)
            for m in kept
        ):
            continue  # (a body found by its own-language name alone yields to this reading)
        canonical, key = _identity(gazetteer, match)
        extra.append(Found(start, end, name, canonical, "organization", None, key))
    extra += _names_before_brackets(text, gazetteer, kept, extra)
    if not extra:
        return kept
    # the same own-language name elsewhere ("Boverket" found alone later) is the same body
    named = {
        f.surface: f
        for f in extra
        if " " not in f.surface or not f.surface.isascii() or text.startswith(" (", f.end)
    }
    bracketed = {f.surface for f in extra}
    kept = [m for m in kept if not (m.key.startswith("unknown:") and m.surface in bracketed)]
    for m_start, m_end, surface in _uses_of(text, named, kept, extra):
        body = named[surface]
        extra.append(Found(m_start, m_end, surface, body.canonical, "organization", None, body.key))
    return sorted([*kept, *_as_matches(extra)], key=lambda m: m.start)


# "Environment Canterbury (Canterbury Regional Council)": a body's everyday name, then its
# formal name in brackets. Two to four capitalised words right before the bracket.
_NAME_BEFORE_BRACKET = re.compile(
    r"(?<![\w'’-])(?!(?:The|A|An|This|These|Under|In|On|By|With|For|See)\b)"
    rf"(?P<name>[{UPPER}][\w'’-]+(?:[ \t][{UPPER}][\w'’-]+){{1,3}})[ \t]*\($"
)


def _names_before_brackets(
    text: str, gazetteer: OrganizationGazetteer, kept: list[GazetteerMatch], extra: list[Found]
) -> list[Found]:
    """The everyday name before a body's bracketed formal name is that body too."""
    found: list[Found] = []
    for match in kept:
        if not text.startswith(")", match.end) or " " not in match.surface.strip():
            continue  # a formal name in the brackets, not an abbreviation
        before = _NAME_BEFORE_BRACKET.search(text, max(0, match.start - 60), match.start)
        if before is None or re.search(r"\d", before["name"]):
            continue
        start, end = before.start("name"), before.end("name")
        if (
            _POLICY_AFTER.match(" " + before["name"].split()[-1])
            or any(m.start < end and start < m.end for m in kept)
            or any(f.start < end and start < f.end for f in extra)
        ):
            continue
        canonical, key = _identity(gazetteer, match)
        found.append(Found(start, end, before["name"], canonical, "organization", None, key))
    return found


def _uses_of(
    text: str, named: dict[str, Found], kept: list[GazetteerMatch], extra: list[Found]
) -> list[tuple[int, int, str]]:
    """Other occurrences of bracketed own-language names, where no other mention is."""
    taken = [(m.start, m.end) for m in kept] + [(f.start, f.end) for f in extra]
    uses = []
    for surface in named:
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                uses.append((match.start(), match.end(), surface))
    return uses


def _own_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip(" \t,.")


# A masthead line in another language: non-ASCII letters or a foreign joint word, and no
# English one ("Bundesministerium für ...", "Jabatan Standard Malaysia", Devanagari).
_FOREIGN_JOINT = re.compile(
    r"\b(?:für|und|der|des|de|da|do|das|dos|du|la|le|del|di|dan|van|von|voor|och|og)\b"
)
_ENGLISH_JOINT = re.compile(r"\b(?:of|the|and|for)\b", re.IGNORECASE)


def _with_masthead_aliases(
    ctx: Context, gazetteer: OrganizationGazetteer, kept: list[GazetteerMatch]
) -> list[GazetteerMatch]:
    """A bilingual masthead names its body twice, on neighbouring lines: the line in the other
    language is a mention of the body named on the English one."""
    text = ctx.text
    extra: list[Found] = []
    for match in kept:
        if not (_own_line(text, match.start, match.end) and _in_masthead(text, match.start)):
            continue
        body = _FOUND.get(match.key)
        if body is not None:
            canonical, key = body.canonical, body.key
        elif match.key.startswith("unknown:"):
            canonical, key = strip_inner_abbreviation(re.sub(r"\s+", " ", match.surface)), None
        else:
            canonical, key = gazetteer.by_key[match.key].name, match.key
        line_start = text.rfind("\n", 0, match.start) + 1
        line_end = text.find("\n", match.end)
        neighbours = []
        if line_start > 0:
            neighbours.append((text.rfind("\n", 0, line_start - 1) + 1, line_start - 1))
        if line_end >= 0:
            next_end = text.find("\n", line_end + 1)
            neighbours.append((line_end + 1, len(text) if next_end < 0 else next_end))
        for n_start, n_end in neighbours:
            while n_start < n_end and text[n_start] in " \t":
                n_start += 1
            while n_end > n_start and text[n_end - 1] in " \t\r":
                n_end -= 1
            line = text[n_start:n_end]
            if not line or not _in_masthead(text, n_start) or len(line.split()) > 10:
                continue
            if re.search(r"[\d|>:;.,!?\[\]()]", line) or _ENGLISH_JOINT.search(line):
                continue
            if not (re.search(r"[^\x00-\x7F]", line) or _FOREIGN_JOINT.search(line)):
                continue
            if any(m.start < n_end and n_start < m.end for m in kept) or any(
                f.start < n_end and n_start < f.end for f in extra
            ):
                continue
            extra.append(Found(n_start, n_end, line, canonical, "organization", None, key))
    if not extra:
        return kept
    return sorted([*kept, *_as_matches(extra)], key=lambda m: m.start)


def _same_name(gazetteer: OrganizationGazetteer, key: str, name: str) -> bool:
    return gazetteer.resolve(name) == key


def _issuer_block_extras(
    ctx: Context, gazetteer: OrganizationGazetteer, matches: list[GazetteerMatch]
) -> list[GazetteerMatch]:
    """Lines of an issuer block that name a body only by its portfolio ("Civil affairs")."""
    extras: list[GazetteerMatch] = []
    for line_start, line_end in ctx.issuer_lines:
        if any(line_start <= m.start < line_end for m in matches):
            continue
        surface = ctx.text[line_start:line_end]
        key = gazetteer.resolve(surface, allow_portfolio=True)
        if key:
            extras.append(GazetteerMatch(line_start, line_end, surface, key))
    return extras


COMPONENT = Component(
    name="organizations",
    run=detect_organizations,
    reads=(
        "text",
        "document.content",
        "clauses",
        "issuer_blocks",
        "issuer_lines",
        "standards",
        "policy_refs",
        "spacy_model",
    ),
    writes=("organizations",),
)
