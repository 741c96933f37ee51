"""Requirements: the topics a text calls to have standards developed, revised or improved for.

Why rules over the sentence plus spaCy tags: the calls follow a few shapes in every translation
("develop standards for A, B and C", "improve standards in areas such as A, B", "the A, B and C
standards", "standardization of A", "制定A、B标准"), and the hard part is where an enumeration
ends. Rules find the shape and split the enumeration; spaCy's part-of-speech tags cut an item
where a new verb phrase starts ("urban digital twin, improve ..."), which no word list covers.
Recall matters more than precision here: a topic missed is a gap nobody sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlp.gazetteers import domain_taxonomy
from nlp.spans import (
    Component,
    Context,
    Requirement,
    clause_domains,
    line_spans,
    sentences,
    trim_span,
)
from nlp.text import line_above
from stdkg.config import DEFAULT_SPACY_MODEL

if TYPE_CHECKING:
    from spacy.tokens import Doc

_STD = (
    r"(?:standards?\s+systems?|standards?\s+profiles?|standards?|PASs?|norms|"
    r"(?:technical\s+)?specifications?|guidelines?|"
    # deliverable names: "a DIN SPEC on X", "technical rules for X"
    r"(?-i:(?:[A-Z]{2,}\s+)?SPECs?)|technical\s+(?:rules|reports?)|"
    # national standard types named by their acronym: "develop JIS for X", "new MS on Y"
    r"(?-i:(?:JIS|KS|MS|SNI|SANS|NBR|BS|DIN|hENs?|ENs|CSA|GB(?:/T)?|TCVN|PNS|SLS|KEBS\s+KS)"
    r"(?=\s+(?:for|on|covering|in\s+the\s+field)\b))|"
    r"standardi[sz]ation\s+(?:deliverables|projects?)|"
    # a country's supplement to a European standard: "a national annex on X"
    r"national\s+annex(?:es)?(?=\s+(?:on|for|covering)\b)|"
    # standardization projects and national deliverable types: "new work items on X", "a
    # Technical Reference on Y", "a Dutch Technical Agreement covering Z"
    r"(?:new\s+)?work\s+items?|technical\s+(?:agreements?|references?)|"
    # pre-normative deliverables: "a UNI/PdR reference practice", "a good-practice guide"
    r"reference\s+practices?|(?:good[\s-])?practice\s+guides?|"
    # ITU-T's deliverables, not "the Recommendations for the 13th Five-Year Plan" (a title)
    r"(?-i:[Rr]ecommendations)(?!\s+(?:for|of)\s+the\s+(?-i:[A-Z0-9]))|"
    r"guidance|codes?\s+of\s+practice|standardi[sz]ation)"
)
_FIELD_INTRO = (
    r"(?:(?:in|for|of|on|around)\s+)?(?:the\s+)?(?:(?:key|related|relevant|typical|"
    r"application|important|major|other|specific|emerging|priority|such)\s+){0,3}"
    r"(?:fields?|areas?|aspects?|domains?|sectors?|links)\s+(?:such\s+as|of|including|"
    r"like|covering)"
)
# standards [and norms] <intro> LIST
_PASSIVE = (
    r"(?:\s+(?:have|has|will|shall|should|are|is|be|been|to\s+be|being|can|could|may|might|"
    r"must|would|needs?\s+to|basically|gradually|"
    r"further|continuously|significantly|also|urgently|still|therefore|thus|hence|now|currently|equally)){0,4}"
    r"\s+(?:formulated|developed|revised|improved|established|completed|issued|released|"
    r"perfected|built|drafted|updated|needed|required|drawn\s+up|prepared|published|planned|"
    r"foreseen|envisaged|launched|initiated)"
    r"(?:\s+and\s+(?:formulated|revised|improved|developed|updated|issued|published))?"
)
_BETWEEN = (
    rf"(?:{_PASSIVE}|\s+(?:development|formulation|revision|work|research|pilots?)"
    rf"(?:\s+and\s+[a-z]+(?:\s+(?:pilots?|work))?)?(?:{_PASSIVE})?|\s+(?:focusing|focused|centering|"
    r"centred|centered|based)\s+on)?"
)
_STD_WORD = re.compile(rf"\b{_STD}\b", re.IGNORECASE)
_AFTER = re.compile(
    rf"\b(?P<std>{_STD})(?:\s+(?:and|&)\s+(?:(?:accompanying|related|supporting)\s+)?"
    r"(?:norms|specifications|management\s+procedures|guidance|guidelines|codes?\s+of\s+practice))?"
    # a kind of standard named after its country: "a National Standard of Canada on X"
    r"(?:\s+of\s+(?-i:[A-Z])[\w/-]+(?:\s+(?:(?-i:[A-Z])[\w/-]*|\d+)){0,3})?"
    rf"(?P<between>{_BETWEEN})"
    rf"(?P<intro>\s+{_FIELD_INTRO}|\s+(?:on\s+)?such\s+(?:aspects|areas|fields|topics)\s+as|"
    rf"\s+such\s+as|\s+including|,?\s+(?:focusing|focused|centering|centred|centered)\s+on|\s+to\s+(?:promote|support|guide|serve)(?:\s+the)?|"
    rf"\s+(?:supporting|serving)(?:\s+the)?|"
    rf"\s+(?:for|on|of|around|covering|regarding|concerning|in\s+the\s+fields?\s+of|"
    rf"in\s+the\s+areas?\s+of|in\s+(?=[a-z])))\s+",
    re.IGNORECASE,
)
# <development of | focus on ...> LIST standards
_BEFORE = re.compile(
    r"\b(?P<std>(?:(?:technical|national|industry|international|relevant|related|key|local|"
    r"group|enterprise|county|provincial|municipal|regional|city|state|federal|sectoral|"
    r"association|company)\s+)*(?:standards?|standard\s+systems?|norms)"
    r"(?:\s+system)?)\b",
    re.IGNORECASE,
)
_ACTION_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("revise", re.compile(r"\b(revis\w*|updat\w*|amend\w*)|修订|修改", re.IGNORECASE)),
    (
        "formulate",
        re.compile(
            r"\b(formulat\w*|draft\w*|prepar\w*|elaborat\w*|set(?:ting)? up|propos\w*|"
            # "set municipal standards for X": to set is to write only when standards follow
            # (the window of an action ends at the standards word's first letter: "\w?$")
            r"set(?:s|ting)?(?=\s+(?:[\w-]+\s+){0,2}(?:\w?$|(?:standards?|norms|specifications?|rules)\b))|"
            r"dr[ae]w(?:s|ing|n)?\s+up)|"
            r"制定|编制|制订",
            re.IGNORECASE,
        ),
    ),
    (
        "develop",
        re.compile(
            r"\b(develop\w*|research\w*|stud(?:y|ies)|establish\w*|build\w*|"
            # "work with BSI on standards for X", "lead work on a standard for X"
            r"work(?:s|ing)?\s+(?:with\s+(?:[\w/.()-]+\s+){1,8}?)?on\b|"
            # "standardization of X is a priority", "priority is given to standards for Y"
            r"priorit(?:y|ies|i[sz]\w*)|"
            r"construct\w*|creat\w*|requests?|requesting|calls?\s+for|need\s+for|needs|"
            # wishes and starts: "we also want common specifications for: ...", "ask SIS to
            # start a national standardisation project on X"
            r"wants?|wish(?:es)?|seek(?:s|ing)?|would\s+like|(?:start|launch|initiate)s?\s+(?:a|an|new)\b|"
            r"(?:press|push|advocate|lobby|argue)(?:es|s|ed|ing)?\s+for|"
            # an action item in the imperative: "Action 2.1: Publish a code of practice for X"
            r"(?-i:Publish|Issue|Produce|Write)(?=\s)|"
            r"contribut\w*,?\s+(?:[\w,-]+\s+){0,6}?to|"
            r"needed|(?:is|are|be)\s+(?:also\s+|urgently\s+|still\s+)?required|lack\s+of|gaps?\s+in|"
            # producing a deliverable is a call when it is still to be done: "will publish a
            # technical standard for X", "is asked to issue guidance on Y" (not "published")
            r"(?:will|shall|should|must|to)\s+(?:also\s+|jointly\s+|then\s+|first\s+)?"
            r"(?:publish|issue|produce|deliver|write)\b)|研制|研製|研究|建立|构建|建设|建設",
            re.IGNORECASE,
        ),
    ),
    (
        "improve",
        re.compile(
            r"\b(improv\w*|perfect\w*|optimi[sz]\w*|enhanc\w*|consolidat\w*|"
            r"strengthen\w*|deepen\w*|upgrad\w*|harmoni[sz](?:e|es|ing|ation)\b)|完善|健全|提升|优化",
            re.IGNORECASE,
        ),
    ),
    (
        "promote",
        re.compile(
            r"\b(promot\w*|advanc\w*|accelerat\w*|carry\w* out|implement\w*|"
            # a body backing a deliverable still to be written: "will support a national
            # specification on X"
            r"(?:will|shall|should|must|to)\s+(?:also\s+|actively\s+)?support\b|"
            r"apply|application)|推进|加快|推动|实施",
            re.IGNORECASE,
        ),
    ),
]
_ANY_ACTION = re.compile("|".join(f"(?:{p.pattern})" for _, p in _ACTION_WORDS), re.IGNORECASE)
# Where an enumeration stops: a new clause of the sentence.
_LIST_STOP = re.compile(
    r"[;:；：。()（）]|\s+etc\.?|\s+and\s+so\s+on|,?\s+so\s+as\s+to\b|,?\s+in\s+order\s+to\b|"
    r"\s+by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b|"
    r",?\s+so\s+that\b|\s+which\b|\s+that\s+(?:can|will|are|is)\b|,?\s+and\s+other\s+"
    r"(?:fields?|areas?|aspects?|sectors?)\b|,\s+(?:and\s+)?(?:to\s+)?(?:improve|develop|formulate|"
    r"promote|establish|build|accelerate|strengthen|deepen|support|provide|explore|encourage|use|"
    r"form|focus|guide|enhance|create|maintain|optimi[sz]e|advance|implement|continue|carry|"
    r"make|ensure|further|help|achieve|increase|release|hold|regularly|actively|vigorously|"
    r"take|participate|join|seek|lead|ask|align|review|monitor|assess|evaluate|coordinate|"
    r"effectively|establish|give|and\s+promote|"
    # a gerund opens a new clause when an object follows ("building a ..."), not in a compound
    # noun ("building addresses")
    r"(?:promoting|providing|improving|building)\s+(?:a|an|the|up|on|our|its|their|more|new)|"
    r"revise|update|amend|draft|compile|prepare|study|unify|publish|issue|organi[sz]e|launch)\b|"
    r",\s+and\s+(?:a|an)\s|"  # ", and a code of practice on Y": the next object of the verb
    # "on X and shall take account of Y": a second predicate of the subject
    r",?\s+and\s+(?:shall|will|should|must|may|can|to)\s|"
    # a new clause after a comma: ", the Union could create ..."
    r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){1,2}(?:could|would|can|may|will|shall|should|"
    r"must|might)\b|"
    # an adverbial after a comma: ", in consultation with", ", through the hub", ", where ..."
    r",\s+(?:in|with|through|by|under|via|from|at|after|before|within|together|jointly|where|"
    r"when|while|because|since|unless|if|complementing|building\s+on|based\s+on)\s|"
    # a relative clause, a conformity phrase, a purpose, a time span or a place ends the topic:
    # "... services that fits", ", in line with", "for reference in", "over the next five
    # years", "in the Pacific region"
    r"\s+that\s|,?\s+(?:in\s+line|in\s+accordance|in\s+conformity|consistent)\s+with\b|"
    # examples after a topic illustrate it: "urban lifelines such as gas, water supply"
    r",?\s+such\s+as\b|"
    r",?\s+as\s+(?:listed|set\s+out|referred\s+to|specified|defined)\b|"
    r"\s+for\s+(?:reference|inclusion|use|adoption)\s+in\b|"
    r"\s+(?:over|during|within|in)\s+the\s+(?:next|coming|following)\b|"
    r"\s+(?:in|under|within)\s+(?:the\s+)?(?-i:[A-Z])|"
    r"\s+(?:to|will|shall|should|must|can)\s+(?:promote|improve|support|guide|help|provide|"
    r"ensure|achieve|meet)\b|\s+in\s+(?:the\s+city|cities|key|related|relevant|"
    # "with the participation of", "with CEN": a partner ends the list; "meters with automatic
    # shut-off" is a feature of the item
    r"all|such)\b|"
    # "in urban areas" says where; "microplastics in urban wastewater" is what
    r"\s+in\s+(?:urban|rural)\b(?:\s+and\s+(?:urban|rural)\b)?(?!\s+(?!(?:areas?|regions?|"
    r"districts?|zones?|settings?|spaces?|environments?|contexts?|communities|community|"
    r"development|construction|governance|management|planning|public)\b)[a-z])|"
    r"\s+with\s+(?=(?:the|a|an|relevant|other|local|national|its|their)\b|"
    r"(?-i:[A-Z]))|,?\s+(?:has|have|will|shall)\s+(?:been|be)\b|"
    r",?\s+(?:can|could|may|might|must|should|would|needs?\s+to)\s+(?:also\s+)?be\b|"
    # the predicate of a nominal call: "standards for X is assigned to", "for X to be developed"
    r"\s+(?:is|are|was|were)\s+(?!\d)|\s+to\s+be\s|"
    # "work items on X to ISO": the body the work goes to ends the topic
    r"\s+to\s+(?-i:[A-Z][A-Z/-]{1,10})(?=\s*(?:[,;.]|\s+and\b|$))",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(
    r"\s*(?:,|，|、|;)\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+as\s+well\s+as\s+|"
    r"\s+and\s+(?=(?:for|on)\s)"  # "standards for A and for B"
)
_LEADING_JUNK = re.compile(  # used with match(text, pos): no "^", it would not anchor at pos
    r"(?:(?:the|a|an|and|or|of|for|on|such\s+as|including|relevant|related|other|all|"
    r"key|typical|various|new|existing|supporting|corresponding|covering|how(?:\s+to)?|"
    r"(?:a\s+|the\s+)?system\s+of)\s+|"
    # "and on standards for X": a second object of the call names the deliverable again
    r"(?:standards?|specifications?|guidance)\s+(?:for|on|covering)\s+)+",
    re.IGNORECASE,
)
# An abbreviation in brackets is part of the topic it follows: "city information model (CIM)
# platforms"; any other bracket ends the topic.
_ABBREVIATION = re.compile(r"[(（][A-Z][A-Za-z0-9&/-]{1,11}[)）]")
# A topic is a noun phrase: no finite auxiliaries, numbers, comparators or brackets inside.
_NOT_IN_TOPIC = re.compile(
    r"\b(?:will|shall|should|must|is|are|was|were|been|has|have|had|more\s+than|at\s+least)\b|"
    r"(?<![A-Za-z\d])\d+(?:[.,]\d+)?(?![A-Za-z\d])|[()（）]",  # "5G", "E6 signal" are names
    re.IGNORECASE,
)
# Chinese: standard tiers, verbs and modals are not topics ("制定地方标准", "应当遵守").
_CN_NOT_TOPIC = re.compile(
    r"^(?:的)?(?:国家|行业|地方|团体|企业|强制性|推荐性|国际|中国|本市|本省|标准|相关|有关)$|"
    r"实施|执行|采用|参与|遵守|监督|必须|应当|可以|不得|规定|^[和并及与或的]|[和的等]$|"
    r"^(?:本|高于|低于|满足|全国|健全|完善|建立|制定|服务|管理|工作|技术|产品)|^[\u4e00-\u9fff]{1,2}$"
)
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish)")
_TIER_QUALIFIERS = frozenset(
    [
        "necessary",
        "voluntary",
        "relevant",
        "appropriate",
        "further",
        "new",
        "common",
        "harmonised",
        "harmonized",
        "additional",
        "existing",
        "corresponding",
        "specific",
        "national",
    ]
)
# Only acronyms, joined by slashes or "and": standards bodies ("ISO/IEC", "CEN and CENELEC").
_PUBLISHERS = re.compile(r"[A-Z]{2,}[a-z]?(?:\s*(?:/|,|\band\b|&)\s*[A-Z]{2,}[a-z]?)*")
_DANGLING = re.compile(
    r"\s(?:of|with|and|or|to|for|in|the|a|an|on|by|as|from|at|these|those|this|where|which|when)$",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"\s(?:of|in|for|on|to|with|at|via|through|across)\s", re.IGNORECASE)
_TRAILING_JUNK = re.compile(
    r"(?:\s+(?:etc\.?|and\s+so\s+on|and\s+other\s+\w+|fields?|areas?|aspects?))+$", re.IGNORECASE
)
# A participle after the topic says what is done with the deliverables, not what they are on.
_DONE_AFTER = re.compile(
    r"\s+(?:published|adopted|issued|completed|approved|revised|updated|in\s+force)$",
    re.IGNORECASE,
)
_GENERIC_TOPIC = re.compile(
    r"^(?:standards?|standardi[sz]ation|norms|system|systems|fields?|areas?|aspects?|work|"
    r"development|construction|the\s+city|cities|city|urban|it|this|these|them|key\s+\w+|"
    r"technical|management|service|services|national|industry|international|relevant|"
    r"standard\s+system|application|implementation|research|level|quality|role|basis|use|"
    r"test|verification|pilots?|publicity|promotion|supervision|interpretation|its|their|our|"
    r"his|her|chinese|european|british|american|local|global|new|the|a|an|governance|"
    r"efficiency|effectiveness|capacity|capability|links|stories|harmoni[sz]ed|voluntary|common|"
    r"open|formal|relevant|appropriate|necessary|further|more|specific|existing|supporting|"
    r"corresponding|framework|frameworks|approach)$",
    re.IGNORECASE,
)
_CN_REQUIREMENT = re.compile(
    r"(?P<verb>(?:加快|推进|推進|开展|開展|积极|積極|抓紧|抓緊|组织|組織|研究)?(?:制定|製定|修订|修訂|完善|研制|研製|编制|編制|制订|制訂|健全|建立)"
    r"(?:(?:和|与|與|、|并|並)(?:制定|製定|修订|修訂|完善|研制|研製|编制|編制|制订|制訂|健全|建立))*)"
    r"(?P<list>[^，。；：！？,\n]{2,80}?)"
    r"(?:等)?(?:相关|相關|有关|有關)?(?:国家|國家|行业|行業|地方|团体|團體|企业|企業)?"
    r"(?:技术|技術)?(?:标准|標準)(?:体系|體系)?"
)
MAX_TOPIC_WORDS = 16
STRONG_DOMAIN = 0.8  # a clause's domain from its own or a parent's heading
PRENOMINAL_MAX_WORDS = 6
# Verbs that use, test or publicise standards rather than ask for them.
_USE_VERBS = re.compile(
    r"\b(?:use|using|apply|applying|adopt|adopting|tell|telling|publicize|publicise|verify|"
    r"verifying|test|testing|interpret|interpreting|promote\s+the\s+application\s+of)\b",
    re.IGNORECASE,
)


# "promote the application of existing standards for X": using standards, not asking for them.
_USE_PHRASE = re.compile(
    r"\b(?:application|implementation|use|enforcement|adoption|publicity|dissemination)\s+of\b|"
    r"\bcompliance\s+with\b",
    re.IGNORECASE,
)


def _is_use_of_standards(text: str, s_start: int, std_start: int) -> bool:
    """Whether the nearest action before the standards word is about using standards."""
    window_start = max(s_start, std_start - 120)
    actions = list(_ANY_ACTION.finditer(text, window_start, std_start))
    begin = actions[-1].start() if actions else window_start
    return bool(_USE_PHRASE.search(text, begin, std_start))


@dataclass
class _Topic:
    start: int
    end: int
    action: str


def _action_before(text: str, start: int, position: int) -> str | None:
    """The action named closest before ``position`` in the sentence (None if none)."""
    window = text[max(start, position - 120) : position]
    # the action governs the standards only within the same comma-free stretch of the sentence;
    # a stretch that is only a deadline (", by the end of 2027,") or a further object of the same
    # verb (", and a code of practice on") belongs to the stretch before it
    stretches = re.split(r"[,，]", window)
    window = stretches.pop()
    while (
        stretches
        and not _ANY_ACTION.search(window)
        and (_CONTINUED.match(window) or _CONTINUED.match(stretches[-1]))
    ):
        window = stretches.pop() + "," + window
    best: tuple[int, str] | None = None
    for action, pattern in _ACTION_WORDS:
        for match in pattern.finditer(window):
            if best is None or match.start() > best[0]:
                best = (match.start(), action)
    return best[1] if best else None


_CONTINUED = re.compile(
    r"\s*(?:(?:by|before|until|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?"
    r"[\w ]{0,12}\d{4}\s*(?:,|$)|"
    r"(?:a|an)\s|"
    # a time limit between the verb and its list: "shall prepare, within 18 months:"
    r"within\s+[\w ]{1,30}[:：]?\s*$|"
    r"(?:and|or)\s+(?:a|an|the)\s|"
    # a parenthetical between the verb and its object: "will develop, with the city, a ..."
    r"(?:(?:together|jointly|in\s+(?:cooperation|partnership|collaboration))\s+)?with\s[^,]*(?:,|$)|"
    r"(?:through|via)\s[^,]*(?:,|$))",
    re.IGNORECASE,
)
_PASSIVE_RE = re.compile(_PASSIVE, re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:planned|foreseen|envisaged|launched|initiated|needed|required)$")
_GOAL_AFTER = re.compile(
    r"\b(?:(?:has|have|will|shall|should|is|are|to|can|could|may|must|needs?\s+to)\s+"
    r"(?:been\s+|be\s+)?(?:basically\s+|"
    r"significantly\s+|initially\s+|gradually\s+|further\s+)?(?P<verb>completed|established|"
    r"formed|improved|built|perfected|increased|enhanced|developed|formulated|revised|"
    r"drawn\s+up|drafted|prepared|written)|"
    # "standardization of X is a priority for 2027", "guidance on X is needed", "... is
    # overdue", "... is considered urgent"
    r"(?:is|are|remains?)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?P<priority>priority|priorities)|"
    r"(?:is|are|remains?)\s+(?:also\s+|still\s+|now\s+|urgently\s+|considered\s+|seen\s+as\s+|"
    r"regarded\s+as\s+)?(?P<needed>needed|required|overdue|urgent|essential|necessary|pressing))\b",
    re.IGNORECASE,
)


def _action_after(
    text: str, position: int, s_end: int, *, infinitive: bool = True, needed: bool = True
) -> str | None:
    """A goal stated after its subject: "the standard system for X will be basically completed",
    "a standard on X to be developed by ..." (``infinitive``), "guidance on X is needed"
    (``needed``: not for words before a standards noun, "which standards ... new ones are
    needed" names no topic before "standards")."""
    match = _GOAL_AFTER.search(text, position, s_end)
    if not match or (not infinitive and match.group().lower().startswith("to ")):
        return None
    if match.group("needed") and not needed:
        return None
    if match.group("priority") or match.group("needed"):
        return "develop"
    verb = match.group("verb").lower()
    for action, pattern in _ACTION_WORDS:
        if pattern.match(verb):
            return action
    return "develop"


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an enumeration "A, B, and C" / "A, B and C" / "A、B和C" into item spans."""
    pieces: list[tuple[int, int]] = []
    position = start
    for match in _ITEM_SPLIT.finditer(text, start, end):
        pieces.append((position, match.start()))
        position = match.end()
    pieces.append((position, end))
    pieces = [trim_span(text, s, e) for s, e in pieces]
    # a conjunction left alone at the list's end ("A and B, and" before "in CEN ...") is no item
    pieces = [(s, e) for s, e in pieces if e > s and not re.fullmatch(r"(?i:and|or)", text[s:e])]
    if not pieces:
        return []
    last_start, last_end = pieces[-1]
    last = text[last_start:last_end]
    # "B and C" at the end of a list without an Oxford comma, or two long items: split it.
    conj = list(re.finditer(r"\s+(?:and|or)\s+|和|及|与", last))
    # "A of B and the C of D": a determiner after the conjunction starts a new noun phrase, so
    # that conjunction splits, not a later one inside the second phrase ("C and E of D")
    determined = [
        c
        for c in conj
        if re.match(r"(?:the|a|an)\s", last[c.end() :], re.I)
        # "exchange of data between the registry and the systems of X": one topic's pair
        and not re.search(r"\bbetween\s+(?:(?!\band\b)[^,])*$", last[: c.start()], re.I)
    ]
    if determined and determined[0].start() > 0:
        cut = determined[0]
        pieces[-1] = (last_start, last_start + cut.start())
        pieces.append((last_start + cut.end(), last_end))
        return pieces
    if conj:
        cut = conj[-1]
        left, right = last[: cut.start()], last[cut.end() :]
        oxford = bool(re.search(r",\s*(?:and|or)\s*$", text[start:last_start]))
        # content words: a leading article does not make "the monitoring" a two-word item
        long_enough = len(re.sub(r"^(?:the|a|an)\s+", "", left, flags=re.I).split()) >= 2
        long_enough = long_enough and len(right.split()) >= 2
        cjk = bool(re.search(r"[\u4e00-\u9fff]", last))
        # "evaluation of buildings in hot-summer and warm-winter zones": a short conjunct after
        # a prepositional phrase coordinates inside that phrase's object
        inner = bool(_PREPOSITION.search(left)) and len(right.split()) <= 3
        inner = inner and not _PREPOSITION.search(right)
        # ... unless only the left conjunct ends in a plural head noun: "renovation of pipe
        # networks and barrier-free access" coordinates two topics, "in dry-season and wet-season"
        # not
        # (when both end in plurals they share the preposition: "of blocks and heritage sites")
        plural = r"[a-z]{3}[^s\W]s$"
        inner = inner and not (re.search(plural, left) and not re.search(plural, right))
        # "exchange of data between A and B", "both A and B": the pair belongs to one topic
        inner = inner or bool(re.search(r"\b(?:between|both)\s+(?:(?!\band\b)[^,])*$", left))
        # after comma-separated items, the last "and" joins the list's last item: "X in A, Y
        # on B and accessible parking spaces" lists three topics
        listed = len(pieces) >= 2 and not re.search(r"\b(?:between|both)\s", left)
        inner = inner and not (listed and len(right.split()) >= 2)
        if not oxford and (long_enough or cjk) and left and right and not inner:
            pieces[-1] = (last_start, last_start + cut.start())
            pieces.append((last_start + cut.end(), last_end))
    return pieces


def _clean_item(text: str, start: int, end: int) -> tuple[int, int] | None:
    start, end = trim_span(text, start, end)
    lead = _LEADING_JUNK.match(text, start, end)
    if lead:
        start = lead.end()
    trail = _TRAILING_JUNK.search(text, start, end)
    if (
        trail
        and _PREPOSITION.search(text, start, trail.start())
        and not re.match(
            r"\s+(?:etc|and\s+so|and\s+other)", text[trail.start() : trail.end()], re.IGNORECASE
        )
    ):
        trail = None  # "roads in mountainous areas": the area word belongs to the phrase
    if trail:
        end = trail.start()
    start, end = trim_span(text, start, end, " \t\r\n,.;:，。；：、\"“”'")
    done = _DONE_AFTER.search(text, start, end)
    if done:  # "25 new standards on renovation published": the count of a goal, not the topic
        end = done.start()
    if end <= start:
        return None
    topic = text[start:end]
    words = topic.split()
    if _GENERIC_TOPIC.match(topic) or len(words) > MAX_TOPIC_WORDS or _DANGLING.search(topic):
        return None
    if (
        len(words) >= 2
        and words[-1].lower() in _TIER_QUALIFIERS
        and _DANGLING.search(" " + " ".join(words[:-1]))
    ):
        return None  # "priority topics for new (standards)": the tier of the deliverable
    if _NOT_IN_TOPIC.search(_ABBREVIATION.sub("", topic)) or _CN_NOT_TOPIC.search(topic):
        return None
    if any(_NATIONALITY.fullmatch(word) for word in words) and all(
        _NATIONALITY.fullmatch(word) or word.lower() in _TIER_QUALIFIERS for word in words
    ):
        return None  # "Australian standards", "the necessary European standards": a tier
    if re.search(r"\bsuch\b|^(?:unless|if|when|where|while|whether)\b", topic, re.IGNORECASE):
        return None  # "a reference of such harmonised standard", "unless these": no topic
    if re.search(r"\b(?:standards?|specifications?|norms)$", topic, re.IGNORECASE):
        return None  # "the harmonised standards": the deliverables themselves, no topic
    if _PUBLISHERS.fullmatch(topic):
        return None  # "ISO/IEC standards", "CEN and CENELEC standards": who publishes, no topic
    if not re.search(r"[a-zA-Z\u4e00-\u9fff]", topic):
        return None
    return start, end


def _list_end(text: str, start: int, end: int) -> int:
    brackets = [(m.start(), m.end()) for m in _ABBREVIATION.finditer(text, start, end)]
    for stop in _LIST_STOP.finditer(text, start, end):
        if any(b_start <= stop.start() < b_end for b_start, b_end in brackets):
            continue  # the brackets of an abbreviation do not end the list
        return stop.start()
    return end


# What a list after a colon announces instead of naming: "three kinds of urban data", "the
# following areas", "several aspects".
_ANNOUNCED_LIST = re.compile(
    r"(?:the\s+following|following|these|those|several|various|(?:two|three|four|five|six|"
    r"seven|eight|nine|ten|\d{1,2}))\b[^:：]{0,60}$",
    re.IGNORECASE,
)


def _topics_after(text: str, s_start: int, s_end: int) -> list[_Topic]:
    topics: list[_Topic] = []
    for match in _AFTER.finditer(text, s_start, s_end):
        std_word = match.group("std").lower()
        action = _action_before(text, s_start, match.start("std") + 1)
        if match.group("between") and _PASSIVE_RE.search(match.group("between")):
            action = _action_before(text, match.start("between"), match.end("between")) or action
            if action is None and _PLANNED.search(match.group("between")):
                action = "develop"  # "work items are planned on X": the work is still to come
        if action is None:
            action = _action_after(text, match.end(), s_end)
        if action is None or _is_use_of_standards(text, s_start, match.start("std")):
            continue
        if (
            re.fullmatch(r"standardi[sz]ation", std_word)
            and not re.search(r"\bof\b|fields?|areas?|such as", match.group("intro"), re.I)
            # "standardization work is required on X": the work asked for names its topic
            and not re.search(r"\bwork\b.*\b(?:needed|required)\b", match.group("between"))
        ):
            continue
        list_start = match.end()
        list_end = _list_end(text, list_start, s_end)
        if (
            list_end < s_end
            and text[list_end] in ":："
            and _ANNOUNCED_LIST.match(text, list_start, list_end)
        ):  # "standards for three kinds of data: A, B and C": the topics follow the colon
            list_start = list_end + 1
            while list_start < s_end and text[list_start].isspace():
                list_start += 1
            list_end = _list_end(text, list_start, s_end)
        items = _split_items(text, list_start, list_end)
        if len(items) > 1 and all(
            _GENERIC_TOPIC.match(word)
            for s, e in items[1:]
            for word in re.split(r"\s+(?:and|or)\s+", text[s:e])
        ):  # "urban construction, governance and services": the later items are not topics
            items = [(items[0][0], items[-1][1])]  # on their own, the list is one topic
        for item_start, item_end in items:
            if _NEW_DELIVERABLE.match(text, item_start, s_end):
                break  # "... and a national guideline on Y": read from its own match
            cleaned = _clean_item(text, item_start, item_end)
            if cleaned:
                topics.append(_Topic(cleaned[0], cleaned[1], action))
    return topics


# "standards development organization", "standards bodies": who makes standards, not a call.
_STANDARDS_BODY = re.compile(
    r"\s+(?:(?:development|setting|developing|making)\s+)?(?:organi[sz]ations?|bod(?:y|ies)|"
    r"councils?|institutes?|agenc(?:y|ies)|committees?|bureaus?|authorit(?:y|ies)|developers?|"
    r"setters?|makers?|experts?|community|communities|ecosystem)\b",
    re.IGNORECASE,
)
# "Standards" written with a capital and followed by a capitalised word is part of a body's name.
_IN_NAME = re.compile(r"(?:[\w ]*\s)?Standards?\s+(?:[A-Z][a-z]|of\s+[A-Z])")


def _title_case(line: str) -> bool:
    """A heading in title case ("Develop Smart Parking Standards") capitalises its topics."""
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_TOPIC_FOLLOWS = re.compile(r"\s+(?:for|on|covering)\s+(?:the\s+)?[a-z]")


def _topics_before(text: str, s_start: int, s_end: int) -> list[_Topic]:
    """ "develop A, B and C standards": the enumeration between an action and "standards"."""
    topics: list[_Topic] = []
    for match in _BEFORE.finditer(text, s_start, s_end):
        head = match.start()
        if _IN_NAME.match(text, match.start("std")):
            continue  # "Standards Australia", "Telecommunications Standards Institute": a name
        if (
            re.match(r"(?-i:Standards?\b)", match.group("std"))
            and re.search(r"(?:\b(?-i:[A-Z])[\w-]*\s+){1,3}$", text[max(s_start, head - 40) : head])
            and not _title_case(text[s_start:s_end])
        ):
            continue  # "East African Standards", "Kenya Standards": a family's name
        if _STANDARDS_BODY.match(text, match.end()):
            continue  # "an accredited standards development organization": a body, no call
        if _TOPIC_FOLLOWS.match(text, match.end()):
            continue  # "a common data standard for X": the topic follows, the words before qualify
        window_start = max(s_start, head - 250)
        actions = list(_ANY_ACTION.finditer(text, window_start, head))
        if actions and _USE_VERBS.fullmatch(actions[-1].group()):
            continue  # "study and apply the city indicator standards": using them
        if actions:
            list_start = actions[-1].end()
            action = _action_before(text, s_start, actions[-1].end()) or "develop"
        else:
            # "List of standards to be drafted": a caption, not the goal of its own words
            goal = _action_after(text, match.end(), s_end, infinitive=False, needed=False)
            if goal is None:
                continue
            action = goal
            comma = max(text.rfind(",", s_start, head), text.rfind("，", s_start, head))
            list_start = comma + 1 if comma >= 0 else s_start
        between = text[list_start:head]
        # skip "the development of", "on the", "relevant"
        lead = re.match(
            r"^\s*(?:(?:the|of|on|for|to|relevant|related|key|new|a|an|"
            r"development|formulation|revision|improvement|construction|"
            r"establishment)\s+)*",
            between,
            re.IGNORECASE,
        )
        if lead:
            list_start += lead.end()
        if list_start >= head or re.search(r"[.;:。；]|\bstandards?\b", text[list_start:head]):
            continue
        if re.search(r"\b(?:for|of|on|to|with|by|in|about|from)\s+$", text[list_start:head], re.I):
            continue  # "the ministry responsible for standards": the object of a preposition
        if _is_use_of_standards(text, s_start, head):
            continue
        if len(text[list_start:head].split()) > 40 or _USE_VERBS.search(text, list_start, head):
            continue  # "... and use standards to promote": using standards is no call for them
        for item_start, item_end in _split_items(text, list_start, head):
            item_end = min(item_end, _list_end(text, item_start, item_end))
            cleaned = _clean_item(text, item_start, item_end)
            if cleaned and len(text[cleaned[0] : cleaned[1]].split()) <= PRENOMINAL_MAX_WORDS:
                topics.append(_Topic(cleaned[0], cleaned[1], action))
    return topics


def _topics_chinese(text: str, s_start: int, s_end: int) -> list[_Topic]:
    topics: list[_Topic] = []
    for match in _CN_REQUIREMENT.finditer(text, s_start, s_end):
        action = _action_before(text, s_start, match.end("verb")) or "develop"
        for item_start, item_end in _split_items(text, match.start("list"), match.end("list")):
            cleaned = _clean_item(text, item_start, item_end)
            if cleaned:
                topics.append(_Topic(cleaned[0], cleaned[1], action))
    return topics


# A definition in a law ("'draft standard' means a document ... concerning a given subject")
# says what a word means; nothing in it asks for standards.
_DEFINITION = re.compile(
    r"^\W*(?:\(?\w{1,4}\)\s*)?[‘'\"“][^’'\"”]{2,80}[’'\"”]\s+(?:means|shall\s+mean|refers\s+to)\b|"
    r"^\W*(?:\(?\w{1,4}\)\s*)?(?:the\s+term\s+)?[‘'\"“][^’'\"”]{2,80}[’'\"”]\s*[:：]",
    re.IGNORECASE,
)


# A lead-in that calls for standards and hands over to a list: "... to develop European
# standards covering the following aspects:", "... voluntary consensus standards for:".
# A plural acronym names a national deliverable type too: "Priority topics for NMXs in 2027:".
_LEAD_IN = re.compile(
    rf"\b(?:{_STD}|(?-i:[A-Z]{{2,6}}s))\b[^\n]{{0,120}}(?:[:：]|[ \t][-–—])[ \t]*$", re.IGNORECASE
)
# "(a)", "a.", "1.", "(1)", "-", and the Roman numerals of Latin American laws ("I - ", "IV –").
_ENUMERATOR = re.compile(
    r"[ \t]*(?:\(?[a-z]{1,2}\)|[a-z]\.|\(?\d{1,2}\)|\d{1,2}\.|(?-i:[IVX]{1,4})[ \t]*[-–—.)]|"
    r"[-•*–])[ \t]+"
)
_ITEM_END = re.compile(r"(?:[;,.]?\s*(?:and|or)?|[;.,])\s*$", re.IGNORECASE)


# A lead-in ends with a colon, or in UK and Commonwealth drafting with a dash ("... to develop
# standards for -", then "(a) ...").
_LINE_END_COLON = re.compile(r"(?:[:：]|(?<=[a-z])[ \t]+[-–—])(?=[ \t]*\n)")


# A heading that announces standards work, with no colon: "3. Standards to be developed",
# "Planned standards", "Priority standardization topics", "New specifications needed".
_HEADING_CUE = re.compile(
    r"\bto\s+be\s+\w+|\b(?:planned|needed|required|proposed|priorit\w*|future|upcoming|new|"
    r"forthcoming|candidate)\b",
    re.IGNORECASE,
)
MAX_HEADING_WORDS = 8
# Inside one list item, a comma before a participle or an "as a" phrase ends the topic:
# "(a) design of forms, complementing EN 301 549;", "(b) X, as a national profile of Y;".
_ITEM_CUT = re.compile(
    r",\s+(?:[a-z]+ing\s+(?:(?-i:[A-Z])|the\b|a\b|an\b|on\b|with\b)|as\s+(?:a|an|the)\b|[a-z]+ed\s+(?:by|in|with|to|on|from)\b|"
    r"in\s+(?:line|accordance)\b|consistent\b|see\b)"
)


# "The Task Group shall prepare, within 18 months:" with "(a) a harmonised standard for X;" as
# its first item: the items name the deliverables the lead-in's verb asks for.
_ITEM_DELIVERABLE = re.compile(
    rf"(?:an?\s+)?(?:[\w-]+\s+){{0,3}}?{_STD}\s+(?:for|on|covering)\s", re.IGNORECASE
)


def _first_item_asks(text: str, line_end: int, end: int) -> bool:
    """Whether the line after ``line_end`` is an enumerated item that names a deliverable."""
    position = text.find("\n", line_end)
    if position < 0 or position + 1 >= end:
        return False
    next_end = text.find("\n", position + 1)
    next_end = end if next_end < 0 or next_end > end else next_end
    item = _ENUMERATOR.match(text, position + 1, next_end)
    return item is not None and _ITEM_DELIVERABLE.match(text, item.end(), next_end) is not None


def _lead_ins(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Lines that hand over to a list of topics: (line start, line end, action)."""
    found: list[tuple[int, int, str]] = []
    for colon in _LINE_END_COLON.finditer(text, start, end):
        l_end = colon.end()
        l_start = max(start, text.rfind("\n", start, colon.start()) + 1)
        if not (_LEAD_IN.search(text, l_start, l_end) or _first_item_asks(text, l_end, end)):
            continue
        action = _action_before(text, l_start, l_end)
        if action is None and _GAP_WORDS.search(text, l_start, l_end):
            action = "develop"  # "Guidance is lacking on:", "No agreed standards exist for:"
        if action is not None:
            found.append((l_start, l_end, action))
    for l_start, l_end in line_spans(text, start, end):
        line = text[l_start:l_end].strip()
        words = line.split()
        if not words or len(words) > MAX_HEADING_WORDS or line[-1] in ".;:,":
            continue
        if not re.search(rf"\b{_STD}\b", line, re.IGNORECASE) or not _HEADING_CUE.search(line):
            continue
        if _USE_VERBS.search(line) or re.search(
            r"\b(?:existing|applicable|referenced|"
            r"published|adopted)\b",
            line,
            re.I,
        ):
            continue  # "Applicable standards": a list of standards in use
        found.append((l_start, l_end, _action_before(text, l_start, l_end) or "develop"))
    return found


def _topics_listed(text: str, start: int, end: int) -> list[_Topic]:
    """The items of an enumerated list under a lead-in that calls for standards: one topic per
    item ("(a) secure boot and firmware integrity of gateways;")."""
    topics: list[_Topic] = []
    for _line_start, l_end, action in _lead_ins(text, start, end):
        position = text.find("\n", l_end)
        if position < 0 or position >= end:
            continue
        position += 1
        while position < end and text[position] in " \t\r\n":
            position += 1  # blank lines between the heading and its first item
        while position < end:
            line_end = text.find("\n", position)
            line_end = end if line_end < 0 or line_end > end else line_end
            item = _ENUMERATOR.match(text, position, line_end)
            if item is None:
                break
            item_end = line_end
            tail = _ITEM_END.search(text, item.end(), item_end)
            if tail:
                item_end = tail.start()
            cut = _ITEM_CUT.search(text, item.end(), item_end)
            if cut:
                item_end = cut.start()
            if _NEW_NEGATION.match(text, item.end(), item_end):
                position = line_end + 1
                continue  # "(3) No SNI yet exists for X": a gap sentence, read as one
            # "(a) a harmonised standard for X": the topic is what the deliverable is for
            deliverable = _ITEM_DELIVERABLE.match(text, item.end(), item_end)
            item_start = deliverable.end() if deliverable else item.end()
            cleaned = _clean_item(text, item_start, item_end)
            if cleaned and len(text[cleaned[0] : cleaned[1]].split()) <= 16:
                topics.append(_Topic(cleaned[0], cleaned[1], action))
            position = line_end + 1
    return topics


# A work programme of planned standards as a table: "1 | Smart poles - Specification | IS | ...".
_TABLE_HEADER = re.compile(
    r"^[^\n|]*\|[^\n]*\b(?:subject|title|standard|deliverable|topic)\b[^\n]*\|", re.I | re.M
)
# A table of planned work named by project ("| No. | Project | Type | ... |") lists standards
# when the line above it says so ("1. Planned local standards (extract)").
_PROJECT_HEADER = re.compile(
    r"^[^\n|]*\|[^\n]*\b(?:project|work\s+item|item|name)\b[^\n]*\|", re.I | re.M
)
_STANDARDS_ABOVE = re.compile(r"\bstandard", re.IGNORECASE)
# A numbered row, with or without the table's outer border: "1 | X | ..." or "| 1 | X | ...";
# the number may be a project code ("| 2029-U-01 | X | ...").
_ROW = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?(?:\d{1,3}|(?=[\w.-]{0,10}\d)[A-Z0-9][\w.]{0,5}(?:-[\w.]{1,5}){1,3})"
    r"[ \t]*\|[ \t]*(?P<subject>[^|\n]+?)[ \t]*\|[^\n]*$",
    re.M,
)
_PART_TITLE = re.compile(r"\s+[-–—:]\s+")
# A standard identifier: a publisher in capitals, then the number ("EN 16803-1:2020", "TS 50701",
# "AS/NZS 4777.2:2020", "ISO/IEC 27001").
# a designation's number may lead with its series letter ("SAE J2945/1", "CSA S6:19")
# (a local publisher may carry its region's digits: "DB33/T 1223-2020")
_IDENT = (
    r"(?:[A-Z][A-Za-z0-9.]*(?:/[A-Z][A-Za-z]*)*\s+)+(?-i:[A-Z]{0,2})\d[\w.:/-]*"
    r"(?:\s+\d[\w.:-]*)*"
)
_ADDRESS = r"\s+to\s+(?:cover|address|include|reflect|take\s+(?:into\s+)?account\s+(?:of\s+)?)\s+"
_ROW_KIND = re.compile(
    rf"(?P<revision>(?:revision|amendment|update)\s+of\s+{_IDENT}{_ADDRESS})|"
    r"(?:(?:new\s+)?(?:European|international|regional|national|harmoni[sz]ed|local|sectoral|"
    r"industry)\s+)?(?:standard|"
    r"technical\s+(?:specification|report)|specification|guide|report|deliverable|"
    r"(?-i:(?:(?:CEN|CENELEC|ETSI|ISO|IEC)(?:/[A-Z]+)?\s+)?(?:EN|TS|TR|ES)))s?\s+"
    r"(?:on|for)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "Support the revision of AS/NZS 4777.2:2020 to address grid-forming inverters": a named
# standard revised for a topic.
_REVISION_FOR = re.compile(
    rf"\b(?i:revis(?:e|ion\s+of|ing)|review(?:ing)?|amend(?:ment\s+(?:of|to)|ing)?|"
    rf"updat(?:e|ing))\s+(?:the\s+)?{_IDENT}"
    # "to cover X", "(timber-framed buildings) so that it covers X", "on X", "for X"
    rf"(?:{_ADDRESS}|(?:\s*\([^()\n]{{1,60}}\))?\s+so\s+that\s+it\s+(?:covers|addresses|includes)"
    rf"\s+|\s+(?i:on|for)\s+(?!(?:the\s+)?(?:\d|[A-Z]{{2,}})))",
)


# "take part in ISO, IEC and ITU work on X": standards bodies' work on a topic is standard-setting.
# "take part in the European work on X": the work of the standards bodies of a region too.
_BODY_WORK = re.compile(
    r"\b(?:(?:[A-Z]{2,}[A-Za-z]*(?:/[A-Z]+)?(?:,\s+|\s+and\s+))*[A-Z]{2,}[A-Za-z]*"
    r"(?:/[A-Z]+)?|(?<=the\s)(?:European|international|regional))\s+"
    r"(?:standardi[sz]ation\s+)?work\s+on\s+(?:the\s+)?"
    # "take part, through ETSI, in the work on X": taking part in the work is standard-setting
    r"|(?<=\bin\sthe\s)(?:standardi[sz]ation\s+)?work\s+on\s+(?:the\s+)?"
)
# "take part, through the Board's mirror committee, in the European Committee for
# Standardization work on X": taking part in a named body's work
_NAMED_BODY_WORK = re.compile(
    r"\bin\s+the\s+(?:[A-Z][\w'’-]*\s+(?:(?:for|of|and|on)\s+)?){1,6}"
    r"(?:\([A-Z]{2,8}\)\s+)?(?:standardi[sz]ation\s+)?work\s+on\s+(?:the\s+)?"
)
_TAKING_PART = re.compile(
    r"\b(?:participat\w*|take\s+part|takes\s+part|taking\s+part|represent\w*|contribut\w*)\b",
    re.IGNORECASE,
)
# "... in the work on X under ISO/TC 224 and on Y": the work's second subject
_AND_ON = re.compile(r"\s+and\s+on\s+(?:the\s+)?")


def _topics_body_work(text: str, s_start: int, s_end: int) -> list[_Topic]:
    topics: list[_Topic] = []
    matches = sorted(
        [
            *_BODY_WORK.finditer(text, s_start, s_end),
            *_NAMED_BODY_WORK.finditer(text, s_start, s_end),
        ],
        key=lambda m: m.end(),
    )
    ends: set[int] = set()
    for match in matches:
        if match.end() in ends:
            continue  # one work read by both patterns
        ends.add(match.end())
        if match.group().startswith(("work", "in ")) and not _TAKING_PART.search(
            text, s_start, match.start()
        ):
            continue  # "in the work on X" alone is any work
        topics.extend(_topics_from(text, match.end(), s_end, "develop"))
        second = _AND_ON.search(text, match.end(), s_end)
        if second is not None:
            topics.extend(_topics_from(text, second.end(), s_end, "develop"))
    return topics


def _topics_revised(text: str, s_start: int, s_end: int) -> list[_Topic]:
    return [
        topic
        for match in _REVISION_FOR.finditer(text, s_start, s_end)
        for topic in _topics_from(text, match.end(), s_end, "revise")
    ]


def _topics_tabled(text: str, start: int, end: int) -> list[_Topic]:
    """Rows of a table of planned standards: the subject of each row, without its part title
    ("Smart poles - Specification" asks for standards on smart poles). A table whose header
    names no subject column still lists deliverables when a row says what kind it is
    ("| 1 | European standard on X | 30.6.2029 |", "| 4 | ETSI EN on Y | ... |")."""
    topics: list[_Topic] = []
    tabled: set[int] = set()  # rows under a header that names the subject column
    headers = list(_TABLE_HEADER.finditer(text, start, end)) + [
        header
        for header in _PROJECT_HEADER.finditer(text, start, end)
        if _STANDARDS_ABOVE.search(line_above(text, header.start()))
    ]
    for header in sorted(headers, key=lambda h: h.start()):
        if _ROW.match(text, header.start()):
            continue  # a numbered row that says "standard" is no header
        line_end = text.find("\n", header.end())
        position = (line_end if line_end >= 0 else end) + 1
        for row in _ROW.finditer(text, position, end):
            if text[position : row.start()].strip():
                break  # the table ended
            tabled.add(row.start())
            topic = _row_topic(text, row, require_kind=False)
            if topic is not None:
                topics.append(topic)
            position = row.end() + 1
    for row in _ROW.finditer(text, start, end):
        if row.start() not in tabled:
            topic = _row_topic(text, row, require_kind=True)
            if topic is not None:
                topics.append(topic)
    return topics


def _row_topic(text: str, row: re.Match[str], *, require_kind: bool) -> _Topic | None:
    subject_start = row.start("subject")
    action = "develop"
    kind = _ROW_KIND.match(text, subject_start, row.end("subject"))
    if kind:  # "European standard on X", "Revision of EN 303 413 to cover X"
        subject_start = kind.end()
        action = "revise" if kind["revision"] else action
    elif require_kind:
        return None
    subject_end = row.end("subject")
    for pattern in (_PART_TITLE, _ROW_QUALIFIER):
        cut = pattern.search(text, subject_start, subject_end)
        subject_end = cut.start() if cut else subject_end
    cleaned = _clean_item(text, subject_start, subject_end)
    return _Topic(cleaned[0], cleaned[1], action) if cleaned else None


# What a row adds about the deliverable, after its subject: ", revising EN 13561", ", building
# on ISO/IEC 30141", ", taking into account HD 60364" ("including" still names the subject).
_ROW_QUALIFIER = re.compile(r",\s+(?!including\b)(?:[a-z]+ing|based|in\s+line|as)\b")


# Verbal calls whose object is the topic itself, no standards noun needed:
# "standardize the naming of berths", "priority is given to standardizing A and B".
_STANDARDIZE_VERB = re.compile(
    r"\bstandardi[sz](?:e|es|ing)\s+(?!(?:bod(?:y|ies)|organi[sz]ations?|work|process|"
    r"activities|experts?|and|or|as|in|on|by|with)\b)(?:the\s+)?",
    re.IGNORECASE,
)
# "turn the exchange protocol into a national standard": the thing turned is the topic.
_INTO_STANDARD = re.compile(
    r"\b(?:turn|convert|transform|develop|make|transpose|elevate)(?:s|ed|ing)?\s+"
    r"(?P<topic>(?:(?!\binto\b)[^,;:.()\n]){3,90}?)\s+into\s+(?:a|an|the)?\s*"
    r"(?:(?:new|national|European|international|harmoni[sz]ed|technical|formal|voluntary)\s+)*"
    rf"(?:{_STD})\b",
    re.IGNORECASE,
)
# "<the X specification> will be revised to cover Y": a revision asked for a topic.
_REVISED_TO_COVER = re.compile(
    r"\b(?:be|being|been)\s+(?:revised|extended|updated|amended|expanded|adapted)\s+to\s+"
    r"(?:cover|address|include|support|take\s+account\s+of)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "why X needs standards", "X requires common standards": the subject needs standards.
_NEEDS_STANDARDS = re.compile(
    r"\s+(?:also\s+|urgently\s+)?(?:needs?|requires?)\s+(?:(?:new|common|more|further|"
    r"shared|open|harmoni[sz]ed|its\s+own|their\s+own)\s+)?(?:standards|standardi[sz]ation)\b",
    re.IGNORECASE,
)
# "the format of sensor messages shall be standardized": the subject is the topic.
_BE_STANDARDIZED = re.compile(
    r"\s+(?:will|shall|should|must|is\s+to|are\s+to|needs?\s+to|has\s+to|have\s+to)\s+"
    r"(?:also\s+|first\s+|further\s+)?be\s+standardi[sz]ed\b",
    re.IGNORECASE,
)
# "Priority topics for standardization include A, B and C", "Areas for standardisation: A, B".
# "Specifications for portals should address X": what a deliverable is asked to cover.
_STD_SHOULD_ADDRESS = re.compile(
    rf"\b(?:{_STD})(?:\s+(?:for|on)\s+[^,;:.()\n]{{1,60}}?)?\s+(?:should|shall|must|will|needs?\s+to)"
    r"\s+(?:also\s+)?(?:address|cover|deal\s+with)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "X and Y should be covered by a British Standard": the subject is the topic.
_COVERED_BY = re.compile(
    r"\s+(?:should|shall|must|will|could|needs?\s+to|ought\s+to)\s+(?:also\s+)?be\s+"
    r"(?:covered|addressed|dealt\s+with)\s+(?:by|in)\s+(?:(?:a|an|the|new|national|"
    rf"international|common|(?-i:[A-Z][a-z]+))\s+)*(?:{_STD})\b",
    re.IGNORECASE,
)
# What a gap statement says is missing: "no agreed method", "a common specification",
# "no Australian Standard" (a capitalized adjective names whose standard).
_MISSING_THING = (
    r"(?:(?:agreed|common|standard|standardi[sz]ed|harmoni[sz]ed|consistent|national|"
    r"international|regional|recogni[sz]ed|single|shared|consensus|or|(?-i:[A-Z][a-z]+)|"
    r"(?-i:[A-Z]{2,6}))\s+)*"
    rf"(?:methods?|methodology|approach|rules|definitions?|formats?|technical\s+regulations?|"
    rf"{_STD})"
)
_GAP_TAIL = (
    r"\s*:?\s*(?:(?:measuring|assessing|calculating|reporting|describing|comparing)\s+)?"
    r"(?:the\s+)?"
)
# Gap statements: the text says what is missing, and a standard is what would fill it.
# "There is no agreed method for measuring X", "We lack a common method for calculating Y",
# "Guidance is lacking on: A; B", "no standard describes how Z is calculated".
_NO_METHOD_FOR = re.compile(
    r"\b(?:there\s+(?:is|are)\s+(?:also\s+|still\s+|currently\s+)*(?:no|not\s+yet\s+(?:an?|any))|"
    r"(?:lacks?|lacking|without|missing)\s+(?:an?\s+|any\s+)?)\s*"
    rf"{_MISSING_THING}\s+(?:yet\s+|currently\s+)?(?:for|on|to){_GAP_TAIL}",
    re.IGNORECASE,
)
_LACKING_ON = re.compile(
    rf"\b{_MISSING_THING}\s+(?:is|are)\s+(?:also\s+|still\s+|currently\s+)?"
    r"(?:lacking|missing|absent|unavailable|not\s+(?:yet\s+)?available)\s+(?:on|for|about)"
    rf"{_GAP_TAIL}",
    re.IGNORECASE,
)
_NONE_DESCRIBES = re.compile(
    r"\bno\s+(?:(?:existing|current|agreed|common|single|published|international|national|"
    r"regional|specific|dedicated|consensus|(?-i:[A-Z][a-z]+|[A-Z]{2,6})|or)\s+)*"
    # a national standard type by its acronym: "No SNI yet exists for X"
    rf"(?:{_STD}|methods?|(?-i:[A-Z]{{2,6}})(?=\s+(?:yet\s+|currently\s+)?exists\b))"
    r"\s+(?:yet\s+|currently\s+|also\s+)?(?:describes|covers|defines|"
    r"specifies|addresses|sets\s+out|deals\s+with|explains|exists\s+(?:for|on))\s+(?:the\s+)?",
    re.IGNORECASE,
)
# A named standard that leaves a topic out is a gap too: "CSA W204 does not cover retrofits of
# existing neighbourhoods", "NOM-008-ENER-2001 and NMX-C-460 do not address the retrofit of X".
_IDENT_FOUND = r"[A-Z][A-Za-z]*(?:[/ -][A-Z][A-Za-z]*)*[ -][A-Z]?\d[\w.:/-]*"
_DOES_NOT_COVER = re.compile(
    rf"\b{_IDENT_FOUND}(?:\s*(?:,|and|or)\s*(?:{_IDENT_FOUND}))*\s+(?:does|do)\s+not\s+"
    r"(?:yet\s+|currently\s+|fully\s+|adequately\s+)?(?:cover|address|include|deal\s+with|"
    r"apply\s+to|consider)\s+(?:the\s+)?"
)
# A sentence that states a gap needs no standards word: "there is no agreed method for X".
_GAP_WORDS = re.compile(
    r"\b(?:lack\w*|missing|absent|there\s+(?:is|are)\s+(?:also\s+|still\s+|currently\s+)*no|"
    r"no\s+(?:agreed|common|single))\b",
    re.IGNORECASE,
)
_TOPICS_FOR = re.compile(
    r"\b(?:(?:priority|key|main|new|future)\s+)?(?:areas|topics|fields|priorities|themes|subjects|"
    r"needs)\s+(?:for|of|in)\s+(?:(?:further|future|new|national|international)\s+)?"
    r"standardi[sz]ation(?:\s+work)?\s*(?:(?:will\s+)?(?:include|includes|are|cover|covers|"
    r"comprise|comprises)\s+|:\s*)",
    re.IGNORECASE,
)
_SUBJECT_LEAD = re.compile(
    r"(?:\W*(?:\d+(?:\.\d+)*\.?|\(?[a-z]\)|[IVX]+\.)\s+)?(?:(?:why|how|where|what|whether|"
    r"the|a|an|every|each|all|any|our|this|that)\s+)*",
    re.IGNORECASE,
)
# Taking a seat in standard-setting on a topic: "hold secretariats of technical committees on X",
# "participate in working groups for Y" (lower case: a named committee is a body).
_COMMITTEE = (
    r"(?:technical\s+committees?|subcommittees?|working\s+groups?|technical\s+bodies|"
    # "ITU-T Study Group 20 on IoT for cities"
    r"(?:ITU-[TR]\s+)?Study\s+Groups?\s+\d{1,2}|"
    # a committee's designation: "ISO/TC 268", "IEC SyC Smart Cities", "ISO/IEC JTC 1/SC 41"
    r"[A-Z]{2,}(?:/[A-Z]+)*(?:/|\s)(?:TC|SC|JTC|PC|SyC|WG)\s?\d*(?:/SC\s?\d+)?"
    r"(?:\s+[A-Z][a-z]+){0,3}|"
    # a national body's committee by its code: "committee P 4404", "committee PEL/69"
    r"committees?\s+[A-Z]{1,4}(?:\s|/)?\d{1,5}(?:/\d{1,3})?)"
)
_COMMITTEE_ON = re.compile(
    rf"\b{_COMMITTEE}(?:(?:,\s+|\s+and\s+){_COMMITTEE})*\s+(?:(?:standardi[sz]ation\s+)?work\s+)?"
    r"(?:on|for|dealing\s+with|covering)\s+(?:the\s+)?"
)
# "will jointly propose new work on X", "take part in ... work on X": a work item on a topic.
_NEW_WORK_ON = re.compile(
    r"\b(?:(?:new|joint)\s+)?(?:work(?:\s+items?)?|projects?|proposals?)\s+on\s+(?:the\s+)?",
    re.IGNORECASE,
)
_SDO_CONTEXT = re.compile(
    r"\b(?:ISO|IEC|ITU(?:-[TR])?|CEN|CENELEC|ETSI|IEEE|IETF|Study\s+Group|(?:JTC|TC|SC|SyC)\s?\d*)\b"
)
_PARTICIPATION = re.compile(
    r"\b(?:hold\w*|secretariats?|participat\w*|take\s+part|taking\s+part|join\w*|chair\w*|"
    r"convene\w*|contribut\w*|lead\w*|represent\w*|seats?\s+(?:in|on)|propos\w*)\b",
    re.IGNORECASE,
)


def _topics_from(
    text: str, start: int, s_end: int, action: str, *, split: bool = True
) -> list[_Topic]:
    """The topics of an enumeration that starts at ``start`` and runs to the list's end."""
    topics: list[_Topic] = []
    list_end = _list_end(text, start, s_end)
    pieces = _split_items(text, start, list_end) if split else [(start, list_end)]
    for item_start, item_end in pieces:
        if _NEW_NEGATION.match(text, item_start, s_end):
            break  # ", and no common specification exists for Y": a gap of its own follows
        if _NEW_DELIVERABLE.match(text, item_start, s_end):
            break  # "... and a national guideline on Y": the next deliverable has its own list
        cleaned = _clean_item(text, item_start, item_end)
        if cleaned:
            topics.append(_Topic(cleaned[0], cleaned[1], action))
    return topics


# An item that names another deliverable and its own subject: "a Danish standard on X and a
# national guideline on Y" asks for two deliverables; Y is read from the second.
_NEW_DELIVERABLE = re.compile(
    rf"\s*(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?{_STD}\s+(?:on|for)\s", re.IGNORECASE
)


# An item that is a clause of its own: a new gap ("no common specification exists for Y",
# "guidance is lacking on Z"), read by the gap patterns, not as a noun phrase of the list.
_NEW_NEGATION = re.compile(
    r"\s*(?:there\s+(?:is|are)\s+)?no\s|"
    r"\s*[\w-]+(?:\s+[\w-]+){0,3}\s+(?:is|are)\s+(?:also\s+|still\s+)?"
    r"(?:lacking|missing|absent|needed|required)\b",
    re.IGNORECASE,
)


def _subject_before(
    text: str, s_start: int, position: int, max_words: int
) -> tuple[int, int] | None:
    """The subject of a predicate at ``position``: back to the clause's start (the sentence
    start or the last comma), without a lead-in; None when it is longer than ``max_words``."""
    clause_start = max(s_start, text.rfind(",", s_start, position) + 1)
    lead = _SUBJECT_LEAD.match(text, clause_start, position)
    cleaned = _clean_item(text, lead.end() if lead else clause_start, position)
    if cleaned and len(text[cleaned[0] : cleaned[1]].split()) <= max_words:
        return cleaned
    return None


def _topics_verbal(text: str, s_start: int, s_end: int) -> list[_Topic]:
    """Calls that name the topic as a verb's object rather than after a standards noun."""
    topics: list[_Topic] = []
    for match in _STANDARDIZE_VERB.finditer(text, s_start, s_end):
        if _is_use_of_standards(text, s_start, match.start()):
            continue
        topics.extend(_topics_from(text, match.end(), s_end, "develop"))
    for match in _INTO_STANDARD.finditer(text, s_start, s_end):
        cleaned = _clean_item(text, match.start("topic"), match.end("topic"))
        if cleaned:
            topics.append(_Topic(cleaned[0], cleaned[1], "develop"))
    for match in _REVISED_TO_COVER.finditer(text, s_start, s_end):
        topics.extend(_topics_from(text, match.end(), s_end, "revise"))
    for match in _TOPICS_FOR.finditer(text, s_start, s_end):
        topics.extend(_topics_from(text, match.end(), s_end, "develop"))
    for pattern in (
        _STD_SHOULD_ADDRESS,
        _NO_METHOD_FOR,
        _LACKING_ON,
        _NONE_DESCRIBES,
        _DOES_NOT_COVER,
    ):
        for match in pattern.finditer(text, s_start, s_end):
            topics.extend(_topics_from(text, match.end(), s_end, "develop"))
    for match in _COVERED_BY.finditer(text, s_start, s_end):
        subject = _subject_before(text, s_start, match.start(), 2 * PRENOMINAL_MAX_WORDS)
        if subject:
            topics.extend(_topics_from(text, subject[0], subject[1], "develop"))
    for pattern, max_words in (
        (_BE_STANDARDIZED, PRENOMINAL_MAX_WORDS + 2),
        (_NEEDS_STANDARDS, PRENOMINAL_MAX_WORDS),
    ):
        for match in pattern.finditer(text, s_start, s_end):
            subject = _subject_before(text, s_start, match.start(), max_words)
            if subject:
                topics.append(_Topic(subject[0], subject[1], "develop"))
    if _PARTICIPATION.search(text, s_start, s_end):
        for match in _COMMITTEE_ON.finditer(text, s_start, s_end):
            topics.extend(_topics_from(text, match.end(), s_end, "develop"))
        if _SDO_CONTEXT.search(text, s_start, s_end):
            for match in _NEW_WORK_ON.finditer(text, s_start, s_end):
                topics.extend(_topics_from(text, match.end(), s_end, "develop"))
    return topics


# A publisher's acronym that prefixes identifiers in the text ("NTC 2050", "NTC-ISO 37123") is
# also the name of its standards as a kind: "a family of NTC on X", "New NTC on Y".
# ("ÖNORM EN 17186": a national prefix may carry a letter with a diacritic and adopt an EN)
_ID_PREFIX = re.compile(
    r"(?<![\w-])(?P<acronym>[A-ZÀ-Þ][A-ZÀ-Þ]{1,5})(?=[ -](?:\d|ISO\b|IEC\b|EN\b))"
)
_ALWAYS_PUBLISHERS = frozenset({"ISO", "IEC", "ITU", "EN", "CEN", "TC", "SC", "WG", "JTC", "RFC"})


def _kind_calls(text: str, start: int, end: int) -> re.Pattern[str] | None:
    """A call for standards of the kinds the text's own identifiers name, or None."""
    kinds = {m["acronym"] for m in _ID_PREFIX.finditer(text, start, end)} - _ALWAYS_PUBLISHERS
    if not kinds:
        return None
    names = "|".join(sorted(kinds, key=len, reverse=True))
    return re.compile(
        r"\b(?i:develop|formulate|prepare|draft|elaborate|propose|new|adopt)\w*\b"
        rf"[^.;:\n]{{0,40}}?(?<![\w/-])(?:{names})s?\s+(?i:on|for|covering)\s+(?i:the\s+)?"
    )


def _topics_of_kind(
    text: str, s_start: int, s_end: int, calls: re.Pattern[str] | None
) -> list[_Topic]:
    if calls is None:
        return []
    return [
        topic
        for match in calls.finditer(text, s_start, s_end)
        for topic in _topics_from(text, match.end(), s_end, "develop")
    ]


def find_topics(text: str, start: int, end: int) -> list[_Topic]:
    """Requirement topics in ``text[start:end]``, sentence by sentence, without duplicates."""
    topics: list[_Topic] = _topics_listed(text, start, end) + _topics_tabled(text, start, end)
    kinds = _kind_calls(text, start, end)
    for s_start, s_end in sentences(text, start, end):
        sentence = text[s_start:s_end]
        if _DEFINITION.match(sentence):
            continue
        topics.extend(_topics_of_kind(text, s_start, s_end, kinds))
        if re.search(
            r"standard|norm|specification|guideline|guidance|code of practice",
            sentence,
            re.IGNORECASE,
        ) or _STD_WORD.search(sentence):
            topics.extend(_topics_after(text, s_start, s_end))
            topics.extend(_topics_before(text, s_start, s_end))
        topics.extend(_topics_revised(text, s_start, s_end))
        topics.extend(_topics_body_work(text, s_start, s_end))
        if (
            re.search(
                r"standard|\bSPECs?\b|specification|committee|working group|code of practice|"
                r"guidance|work items?|recommendations",
                sentence,
                re.I,
            )
            or re.search(_IDENT, sentence)
            or _GAP_WORDS.search(sentence)
            or _DOES_NOT_COVER.search(sentence)
            or _NONE_DESCRIBES.search(sentence)
        ):
            topics.extend(_topics_verbal(text, s_start, s_end))
        if "标准" in sentence or "標準" in sentence:
            topics.extend(_topics_chinese(text, s_start, s_end))
    return _dedupe(topics)


def _dedupe(topics: list[_Topic]) -> list[_Topic]:
    """The longest topic at each place, none overlapping another (in start order, a topic
    overlaps a kept one exactly when it starts before the furthest kept end)."""
    chosen: list[_Topic] = []
    furthest = -1
    for topic in sorted(topics, key=lambda t: (t.start, -(t.end - t.start))):
        if topic.start < furthest:
            continue
        chosen.append(topic)
        furthest = max(furthest, topic.end)
    return chosen


def _in_compound(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a word of a hyphenated compound, which is no verb of its own:
    "re-use", "co-design"."""
    return any(0 <= j < len(doc) and doc[j].text == "-" for j in (i - 1, i, i + 1))


def trim_at_verbs(
    text: str, topics: list[_Topic], spacy_model: str = DEFAULT_SPACY_MODEL
) -> list[_Topic]:
    """Cut each English topic before the first finite verb spaCy tags in it."""
    from nlp.spacy_model import get_nlp

    # One- and two-word topics cannot hide a verb phrase; tagging them would only cost time.
    english = [
        t
        for t in topics
        if re.search(r"[A-Za-z]", text[t.start : t.end]) and len(text[t.start : t.end].split()) >= 3
    ]
    if not english:
        return topics
    nlp = get_nlp(spacy_model)
    docs = nlp.pipe((text[t.start : t.end] for t in english), batch_size=64)
    for topic, doc in zip(english, docs, strict=True):
        if len(doc) and doc[0].tag_ == "VB" and not _in_compound(doc, 0):
            topic.end = topic.start  # "form a good atmosphere": a clause, not a topic
            continue
        for token in doc[1:]:
            if _in_compound(doc, token.i):
                continue
            if token.i == len(doc) - 1 and token.tag_ in ("VBZ", "VBP"):
                break  # a last word tagged as a verb with nothing after it: a plural noun
            if token.tag_ in ("VBZ", "VBP", "VBD", "MD") or (
                token.tag_ == "VB" and token.i > 0 and doc[token.i - 1].text == ","
            ):
                topic.end = topic.start + token.idx
                topic.start, topic.end = trim_span(text, topic.start, topic.end)
                break
    return [t for t in topics if t.end > t.start and _clean_item(text, t.start, t.end)]


def detect_requirements(ctx: Context, *, use_spacy: bool = True) -> None:
    """Pipeline component: requirements with action, clause and domain."""
    content_start, content_end = ctx.content
    topics = find_topics(ctx.text, content_start, content_end)
    if use_spacy and topics:
        topics = trim_at_verbs(ctx.text, topics, ctx.spacy_model)
    taxonomy = domain_taxonomy()
    per_clause = clause_domains(ctx)
    for topic in topics:
        surface = ctx.text[topic.start : topic.end]
        clause = ctx.clause_id_at(topic.start)
        # An item of a clause about one domain belongs to that domain ("infrastructure
        # construction" in the regional-development item); otherwise the topic's own words
        # decide, and a topic that names no domain in a clause without one has none.
        strong = [key for key, score in per_clause.get(clause, []) if score >= STRONG_DOMAIN]
        own = taxonomy.classify_text(surface)
        own_keys = [key for key, _ in own]
        # A heading naming several fields ("heat pumps, smart meters and EV charging") leaves
        # the choice to the topic: the heading field the topic itself names, else the first.
        named = [key for key in strong if key in own_keys]
        domain = (named or strong)[0] if strong else (own_keys[0] if own_keys else None)
        ctx.requirements.append(
            Requirement(
                surface=surface,
                start=topic.start,
                end=topic.end,
                topic=_normalize_topic(surface),
                action=topic.action,
                clause=clause,
                domain=domain,
            )
        )


def _normalize_topic(surface: str) -> str:
    topic = re.sub(r"\s+", " ", surface).strip()
    return (
        topic[:1].lower() + topic[1:] if topic[:2].istitle() and not topic[:2].isupper() else topic
    )


COMPONENT = Component(
    name="requirements",
    run=detect_requirements,
    reads=("text", "document.content", "clauses", "domains", "spacy_model"),
    writes=("requirements",),
)
