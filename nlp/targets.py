"""Targets: goal quantities ("more than 150 national standards", "80%", "by 2027").

Why rules: targets are a number with an optional comparator before it and a unit after it, and
the year usually comes from a "By 2027, ..." sentence at the top of the goals section rather than
from the same sentence, so a target without its own year takes the last "by YEAR" of its clause.
Plain numbers (counts in prose, ordinals such as "20th National Congress", clause numbers) are
not targets: a target needs a comparator, a percentage, a goal verb or a goal year.
"""

from __future__ import annotations

import re

from nlp.numerals import CN_NUMERAL_CHARS, WORD_NUMBERS, chinese_to_int
from nlp.spacy_model import tags_of_many
from nlp.spans import Clause, Component, Context, StandardMention, Target, sentences
from nlp.text import line_above

_COMPARATORS = [
    (r"more\s+than|over|above|exceeding|in\s+excess\s+of|greater\s+than|upwards\s+of", ">"),
    (
        r"at\s+least|no\s+less\s+than|not\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|"
        r"minimum\s+of",
        ">=",
    ),
    (r"less\s+than|fewer\s+than|below|under", "<"),
    (
        r"at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+maximum\s+of",
        "<=",
    ),
    (r"about|around|approximately|some|roughly|nearly|almost|close\s+to|by", "="),
]
_COMPARATOR = "|".join(f"(?:{p})" for p, _ in _COMPARATORS)
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
# thousands grouped by commas, or by spaces as SI style writes them ("250 000 meters")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?"
_NUMBER = rf"(?P<num>{_DIGITS}|{_WORD_NUMBER})"
# A unit word is not the comparator of the next quantity ("2028 we aim for at least 75%").
_UNIT_WORD = (
    r"(?!(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|up\s+to|above|below|"
    r"no\s+(?:less|fewer|more)\s+than|not\s+(?:less|more)\s+than)\b)[A-Za-z][\w-]*"
)
_UNIT_STOP = {
    "have",
    "has",
    "had",
    "will",
    "shall",
    "should",
    "are",
    "is",
    "was",
    "were",
    "be",
    "been",
    "to",
    "by",
    "in",
    "of",
    "for",
    "and",
    "or",
    "with",
    "that",
    "which",
    "from",
    "at",
    "on",
    "the",
    "a",
    "an",
    "per",
    "as",
    "it",
    "their",
    "its",
    "being",
    "within",
    "into",
    "than",
    "between",
    "across",
    "over",
    "under",
    "each",
    "every",
    "year",
    "years",
    "so",
}
_TARGET = re.compile(
    rf"(?<![\w.])(?:(?P<cmp>{_COMPARATOR})\s+)?{_NUMBER}"
    rf"(?P<pct>\s*(?:%|％|percent\b|per\s+cent\b))?"
    rf"(?P<unit>(?:\s+{_UNIT_WORD}){{0,6}})",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A deadline: "by 2027", "by the end of 2027", "by March 2028", "by 30 June 2028",
# "by September 30, 2027", "by (the end of) FY 2028", "no later than 31 December 2027".
_BY_YEAR = re.compile(
    r"\b(?:by|in|until|before|through|no\s+later\s+than|not\s+later\s+than)\s+"
    r"(?:(?:the\s+)?end\s+of\s+|end[-\s]|the\s+close\s+of\s+)?"
    # the day may be written as an ordinal: "by 31st December 2031", "by December 1st, 2030"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?|"
    r"(?:FY|fiscal(?:\s+year)?|financial\s+year)\s?)?"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/])",
    re.IGNORECASE,
)
# A calendar date or a month: "9 July 2026", "30 June", "September 30": its numbers are not
# quantities.
_DATE_AFTER = re.compile(rf"\s*{_MONTH}(?![a-z])", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"{_MONTH}\s*$", re.IGNORECASE)
# Numbering and references: "REQ-CYB-01", "Article 52(15)", "point 1.1", "version 2.1",
# "V3.1.3", "clause 6.2", "paragraph 1", "Part I", "No 1025/2012", "M-26-17".
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:No\.?|Nos\.?|Number|Article|Articles|Art\.|Annex|Annexes|Appendix|COM|ISO|IEC|"
    r"GB|Section|Sections|Chapter|Chapters|page|pages|p\.|pp\.|point|points|paragraph|"
    r"paragraphs|para\.|clause|clauses|item|items|provision|provisions|version|versions|"
    r"release|Rev\.|Revision|Part|Parts|Table|Figure|Fig\.|step|phase|level|tier|grade|"
    r"class|category|type|model|edition|Recital|Recitals|Regulation|Directive|Decision|Law|"
    r"Act|Order|Circular|Memorandum|Rule|Rules|Schedule|Title|Box|Case|Option|Step|"
    r"subparagraph|indent|letter|line|lines|row|rows|column|columns|footnote|note|"
    # labels of a plan's numbered items: "Action 2.1", "Measure 3", "Task 4", "Priority 2"
    r"Action|Actions|Measure|Measures|Task|Tasks|Priority|Priorities|Recommendation|"
    r"Recommendations|Initiative|Initiatives|Pillar|Pillars|Theme|Themes|Activity|Activities|"
    r"Milestone|Milestones|Workstream|Commitment|Commitments|Outcome|Outcomes|Goal|Goals|"
    r"Objective|Objectives|Axis|Axes|Strand|Strands|Lever|Levers|Area|Areas|"
    r"Public\s+Law|Executive\s+Order|Sec\.|§|¶|"
    # "by fiscal year 2032", "FY 2030": a year, not an amount
    r"(?:fiscal|financial|calendar|budget)\s+year|FY)\s*|[A-Za-z][-/]|[-/#§]|\d[.:]|"
    r"\b(?:V|v|REQ|Req)\s?)$",
)
_REFERENCE_AFTER = re.compile(
    r"(?:[-/.:]\d|\(\d|\s*[-–]\s*\d|[A-Za-z]\b"
    # "points 1.1 to 1.3 of the Annex": a number of a provision of an act
    r"|\s+of\s+(?:the\s+|this\s+)?(?:Annex|Article|Regulation|Directive|Decision|Act|Schedule|"
    r"Appendix|Chapter|Section)\b)"
)
# A technical parameter or a procedural time limit of a rule is not a goal: "within 24 hours",
# "for 90 days", "every 12 months", "after 30 days", "keys of at least 128 bits".
_PARAMETER_BEFORE = re.compile(
    r"\b(?:within|for|every|after|each|per|of|with|than|from|during|over)\s+"
    r"(?:(?:at\s+least|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|"
    r"a\s+maximum\s+of|a\s+minimum\s+of|more\s+than|less\s+than|about|around)\s+)?$",
    re.IGNORECASE,
)
_DURATION_UNITS = {
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "ms",
    "s",
    "bits",
    "bit",
    "bytes",
    "characters",
}
# "15 days or less", "95 % or more": a comparator after the number.
_COMPARATOR_AFTER = re.compile(
    r"\s+or\s+(?P<word>less|fewer|lower|below|under|more|greater|higher|above|better)\b",
    re.IGNORECASE,
)
# A baseline is the reference a target is measured against, never a target or a deadline:
# "compared with 2019 levels", "relative to the 2015 baseline", "from 2020 levels", "in 2019".
_BASELINE_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|relative\s+to|against|versus|vs\.?|than|from|over|below|"
    r"above|baseline|base\s+year)\s+(?:the\s+|its\s+|their\s+)?(?:levels?\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)
_BASELINE_AFTER = re.compile(r"^\s*(?:levels?|baselines?|base\s+year|figures?|values?)\b", re.I)


# "compared with 64 in 2029", "up from 12% in 2024": the year of the figure compared with
_BASELINE_FIGURE_YEAR_BEFORE = re.compile(
    r"\b(?:compared\s+(?:with|to)|relative\s+to|against|versus|vs\.?|from)\s+"
    r"(?:about\s+|around\s+)?\d[\d.,]*\s*(?:%|per\s*cent|percent)?(?:\s+[a-z]+){0,3}?"
    r"\s+(?:in|as\s+of)\s+$",
    re.IGNORECASE,
)


def _is_baseline(text: str, start: int, end: int) -> bool:
    """Whether the year at text[start:end] is a baseline ("compared with 2019 levels",
    "compared with 64 in 2029")."""
    before = text[max(0, start - 60) : start]
    return bool(
        _BASELINE_BEFORE.search(before[-40:])
        or _BASELINE_FIGURE_YEAR_BEFORE.search(before)
        or _BASELINE_AFTER.match(text[end : end + 20])
    )


def _not_a_deadline(text: str, match: re.Match[str], floor: int | None) -> bool:
    """A "by/before/in YEAR" that dates no goal: a baseline, or a year before the document's
    own date ("communities completed before 2000" in a 2026 plan): a deadline lies in the
    document's future."""
    if _is_baseline(text, match.start("year"), match.end("year")):
        return True
    return floor is not None and int(match.group("year")) < floor


def _deadline_for(
    text: str, position: int, s_start: int, s_end: int, floor: int | None = None
) -> int | None:
    """The deadline of a quantity: the nearest "by YEAR" after it in its sentence, else the
    nearest before it ("By 2030, at least 60 percent ..."); baselines are skipped."""
    before: int | None = None
    for match in _BY_YEAR.finditer(text, s_start, s_end):
        if _not_a_deadline(text, match, floor):
            continue
        if match.start() >= position:
            if before is not None and _CLAUSE_BREAK.search(text, position, match.start()):
                # "By 30 September 2030, 40,000 units will be retrofitted, and energy use will
                # fall by 25% by 2032": the later deadline belongs to the next clause
                return before
            return int(match.group("year"))
        before = int(match.group("year"))
    return before


_CLAUSE_BREAK = re.compile(
    r",\s+and\s+$|"  # "..., and by 2032 ...": the later deadline opens the next clause
    r",?\s+and\s+(?:that\b|by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b|"
    # "..., and no fewer than 200,000 luminaires shall ...": a number may be a word of it
    r"(?:the\s+|a\s+|an\s+)?[a-z0-9][\w,.]*(?:\s+[a-z0-9][\w,.]*){0,8}\s+"
    r"(?:will|shall|should|must)\b)|;\s"
)
# "(currently 41%)", "from 24% of water supplied today", "up from 12": where things stand now,
# the baseline a goal is measured against, not the goal
_CURRENT_BEFORE = re.compile(
    r"\b(?:currently|today|at\s+present|presently|(?:up|down)?\s*from|baseline:?)\s+"
    # "the network currently has 42,000 points", "currently stands at 31"
    r"(?:(?:has|have|is|are|stands?\s+at|counts?|serves?|numbers?|holds?|totals?)\s+"
    r"(?:about|around|some|approximately|nearly|over|almost)?\s*)?$",
    re.IGNORECASE,
)
# "(6 economies in the 2029 baseline)": a figure the text calls its baseline
# (not a goal measured against its baseline: "fall 30% relative to the 2015 baseline")
_BASELINE_AFTER_FIGURE = re.compile(
    r"(?:(?!relative|compared|against|than|versus|from|over|below|above)[^.;:()\n]){0,30}?"
    r"\bbaseline\b",
    re.IGNORECASE,
)
# "cities with more than 50 000 inhabitants", "contracts with a value above EUR 10 million": a
# threshold that says which things a goal is about, not a goal
# (after a plural noun: "has cooperated with more than 5 provinces" is a goal's own object)
_SCOPE_BEFORE = re.compile(r"\b[a-z]+s\s+(?:with|having)\s+(?:an?\s+[\w-]+\s+)?$", re.IGNORECASE)
# "(2030: 31 per cent)", "(baseline 2029: 537)": a year and a colon in brackets give where
# things stood
_YEAR_COLON_BEFORE = re.compile(r"\(\s*(?:[A-Za-z]+\s+)?(?:19|20)\d\d\s*:\s*$")
# "areas of 1 million or more people": a plural noun "of" a quantity "or more" says which
# things a goal is about
_SCOPE_OF_BEFORE = re.compile(r"\b[a-z]+s\s+of\s+$", re.IGNORECASE)
_CURRENT_AFTER = re.compile(
    r"[^.;:\n]{0,40}?\b(?:today|currently|at\s+present)\b(?![\w-])", re.IGNORECASE
)
# "PDO indicators (end of project, 2034): (a) at least 1.2 million residents ...; (b) ...": a
# goal lead whose brackets name the year dates the goals listed after its colon
_INLINE_GOAL_LEAD = re.compile(
    r"\b(?:indicators?|targets?|goals?|objectives?|results?|milestones?|KPIs?)\b[^:\n]{0,40}?"
    r"\((?:[^()\n]{0,40}?[,;:]\s*)?(?P<year>(?:19|20)\d\d)\)\s*:",
    re.IGNORECASE,
)


_GOAL_WORDS = (
    r"target|targets|goal|goals|aim|aims|objective|strive|to\s+reach|to\s+achieve|will|"
    r"shall|should|expected\s+to|is\s+to|are\s+to|commit(?:ted|s)?\s+to"
)
_GOAL_CUE = re.compile(
    rf"\b(?:{_GOAL_WORDS}|by\s+(?:(?:the\s+)?end(?:\s+of\s+|-))?(?:19|20)\d\d)\b|"
    r"目标|力争|到\d{4}年",
    re.IGNORECASE,
)
# the goal cues without a deadline: "By the end of 2026, 2,700 km had been laid" is told in the
# past all the same
_GOAL_WORD = re.compile(rf"\b(?:{_GOAL_WORDS})\b", re.IGNORECASE)
_PAST_AUXILIARY = re.compile(r"\b(?:had|was|were|did)\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:has|have|had)\s+(?:delivered|achieved|published|reached|issued)\b|"
    # "the 2024 programme of green roofs, which reached 38 hectares": a result, not a goal
    r"\b(?:which|that)\s+(?:reached|achieved|delivered|recorded|totalled|totaled)\b|"
    r"\bover\s+the\s+(?:last|past)\b|\b(?:was|were)\b|"
    # "In 2029, 61 per cent did.", "22 per cent did not report": what happened, not a goal
    r"\bdid\b",
    re.IGNORECASE,
)
_RANK = re.compile(
    r"(?<![\w.])top\s+(?P<num>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|twenty|fifty|hundred)\s+(?P<unit>[A-Za-z][\w-]*)",
    re.IGNORECASE,
)
_CN_NUM = rf"[0-9{CN_NUMERAL_CHARS}]+(?:\.\d+)?"
_CN_TARGET = re.compile(
    rf"(?P<cmp>超过|多于|不少于|不低于|至少|达到|低于|少于|不超过|接近|约)?(?P<num>{_CN_NUM})"
    r"(?P<mult>[万萬亿億])?(?P<unit>%|％|个|個|项|項|家|座|种|種|所|条|條|批|部|名|人|户|戶|年|元|"
    r"公里|平方米|吨|噸|座|套|处|處|次)"
)
_CN_YEAR = re.compile(r"(?:到|至|截至)\s*(?P<year>(?:19|20)\d\d)\s*年")
_CN_COMPARATORS = {
    "超过": ">",
    "多于": ">",
    "不少于": ">=",
    "不低于": ">=",
    "至少": ">=",
    "达到": ">=",
    "低于": "<",
    "少于": "<",
    "不超过": "<=",
    "接近": "<=",
    "约": "=",
}


def _comparator(word: str | None) -> str:
    if not word:
        return "="
    for pattern, symbol in _COMPARATORS:
        if re.fullmatch(pattern, word.strip(), re.IGNORECASE):
            return symbol
    return "="


def _value(number: str) -> float | None:
    text = re.sub(r"[,\s\u202f]", "", number).lower()
    if text in WORD_NUMBERS:
        return float(WORD_NUMBERS[text])
    try:
        return float(text)
    except ValueError:
        value = chinese_to_int(number)
        return float(value) if value is not None else None


def _english_targets(
    text: str,
    s_start: int,
    s_end: int,
    year: int | None,
    floor: int | None = None,
    *,
    in_goal_list: bool = False,
) -> list[Target]:
    """Quantities that are goals: a number with a unit (or a percentage) and either a deadline
    (its own "by YEAR", or the leading deadline of its clause) or a goal word. Numbering,
    references, dates, versions, technical parameters and time limits are not goals."""
    found: list[Target] = []
    sentence = text[s_start:s_end]
    past = bool(_PAST.search(sentence))
    # an item of a list announced as goals ("the programme aims to:", "We will:") is a goal
    has_goal = (bool(_GOAL_CUE.search(sentence)) or in_goal_list) and not past
    strong_goal = (bool(_STRONG_GOAL.search(sentence)) or in_goal_list) and not past
    own_year_match = next(
        (m for m in _BY_YEAR.finditer(sentence) if not _not_a_deadline(sentence, m, floor)),
        None,
    )
    for match in _RANK.finditer(text, s_start, s_end):
        value = _value(match.group("num"))
        if value is not None and (has_goal or own_year_match or year):
            found.append(
                Target(
                    surface=match.group(),
                    start=match.start(),
                    end=match.end(),
                    value=value,
                    comparator="<=",
                    unit=match.group("unit"),
                    year=int(own_year_match.group("year")) if own_year_match else year,
                )
            )
    for match in _VERBAL_GOAL.finditer(text, s_start, s_end):
        deadline = _deadline_for(text, match.end(), s_start, s_end, floor) or year
        if deadline is None or past or not (has_goal or in_goal_list or own_year_match):
            continue
        if match["verb"] and _EXPLICIT_TO.search(text, match.end(), s_end):
            continue  # "shall double, from 9 to at least 18 by 2029": the number is the goal
        if match["zero"] or match["neutral"]:
            value, unit, start = (
                0.0,
                "net emissions",
                match.start("zero" if match["zero"] else "neutral"),
            )
        elif match["share"]:
            share = match["share"].split()[-1].lower()
            value = {"half": 50.0, "third": 100 / 3, "quarter": 25.0}[share]
            unit, start = "%", match.start("share")
        else:
            verb = match["verb"].lower()
            value, unit = _VERBAL_VALUES[verb[:4]]
            start = match.start("verb")
        end = match.end()
        found.append(
            Target(
                surface=text[start:end],
                start=start,
                end=end,
                value=value,
                comparator="=",
                unit=unit,
                year=deadline,
            )
        )
    for match in _TARGET.finditer(text, s_start, s_end):
        if any(t.start <= match.start("num") < t.end for t in found):
            continue
        number = match.group("num")
        value = _value(number)
        if value is None:
            continue
        num_start, num_end = match.start("num"), match.end("num")
        after = text[num_end : num_end + 3]
        if re.match(r"(?:st|nd|rd|th)\b|[-/.]\d|\s*[-–]\s*\d", after):  # ordinals, ranges, dates
            continue
        if _REFERENCE_AFTER.match(text, num_end) and not match.group("pct"):
            continue  # "52(15)", "1.1", "5.1-1", "01a": a reference or a numbering
        before = text[max(s_start, match.start() - 24) : match.start()]
        if re.search(
            r"(?:\b(?:by|in|until|before|since|of|from|to)\s+|[(/-])$", before, re.IGNORECASE
        ) and re.fullmatch(r"(?:19|20)\d\d", number):
            continue  # a year, handled below
        if not match.group("cmp") and _REFERENCE_BEFORE.search(before):
            continue
        if not match.group("cmp") and not match.group("pct") and re.search(r"\bthe\s+$", before):
            continue  # "the 12345 government service hotline": a name, not a quantity
        if _DATE_AFTER.match(text, num_end) or _DATE_BEFORE.search(before):
            continue  # "9 July 2026", "September 30"
        if not match.group("cmp") and not match.group("pct") and _is_numbering(text, num_start):
            continue  # "4.3 NIUA shall ...", "2. The UGCG ...": list numbering
        cmp_word = match.group("cmp")
        if cmp_word and _SCOPE_BEFORE.search(text, max(s_start, match.start() - 30), match.start()):
            continue
        if _SCOPE_OF_BEFORE.search(text, max(s_start, match.start() - 30), match.start()):
            scale_word = _SCALE.match(text, num_end)
            after_number = scale_word.end() if scale_word else num_end
            if _COMPARATOR_AFTER.match(text, after_number) or _COMPARATOR_AFTER.match(
                text, _unit_phrase(text, after_number, s_end)[0]
            ):
                continue  # "urbanized areas of 1 million or more people": which, not a goal
        if not cmp_word and _FROM_TO.search(before):
            cmp_word = "to"  # "rise from 22 to 35 by 2028": the value after "to" is the goal
        percent = bool(match.group("pct"))
        if cmp_word and cmp_word.lower() == "by" and re.fullmatch(r"(?:19|20)\d\d", number):
            continue  # "by 2027" is a deadline, not a quantity
        share = _SHARE.match(text, num_end, s_end)
        if percent:
            end, unit = _percent_of(text, match.end("pct"), s_end), "%"
        elif share:  # "at least 6 of the 7 deliverables": the unit is the counted noun
            end, unit = _unit_phrase(text, share.end(), s_end)
        else:
            end, unit = _unit_phrase(text, num_end, s_end)
        if re.fullmatch(r"(?:19|20)\d\d", number) and not percent and not unit:
            continue
        if (
            re.fullmatch(r"(?:19|20)\d\d", number)
            and not percent
            and not cmp_word
            and (name_word := re.search(r"[A-Z][\w'’-]*[ \t]+$", before))
            and (
                re.match(r"[ \t]+[A-Z]", text[num_end : num_end + 2])
                or text[s_start : match.start() - len(name_word.group())].strip()
            )
        ):
            # "the Brisbane 2032 Olympic Games", "The Digital Agenda 2030 sets ...": a year that
            # ends or stands inside a name (a sentence's first word is no name: "Some 2000 homes")
            continue
        if re.fullmatch(r"(?:19|20)\d\d", number) and _is_baseline(text, num_start, num_end):
            continue  # "compared with 2019 levels": the reference, not the goal
        if (
            not unit
            and cmp_word
            and (_BARE_DEADLINE.match(text, end) or _ITEM_END.match(text, end))
        ):
            # "increase the number of UK experts ... to more than 150 by 2030": the unit is
            # the counted noun named before
            counted = _COUNTED.search(text, s_start, match.start())
            unit = counted["unit"] if counted else "number"
        if not unit:
            continue
        if (
            number.isalpha()
            and not cmp_word
            and not _counted_delivery(text, number, unit, end, s_end)
        ):
            continue  # "one of the", "two ministries will consult"
        scale = _SCALE.match(text, num_end)
        if scale:  # "COP 14,000 million": the value is the whole sum
            value *= _SCALES[scale["word"].lower()]
        if _is_parameter(text, match.start(), unit):
            continue
        comparator = _comparator(cmp_word)
        trailing = _COMPARATOR_AFTER.match(text, end)
        if trailing and not cmp_word:
            comparator = "<=" if trailing["word"].lower() in _LOWER_WORDS else ">="
            end = trailing.end()
        if not cmp_word and (
            _CURRENT_BEFORE.search(before)
            or _YEAR_COLON_BEFORE.search(before)
            or _CURRENT_AFTER.match(text, end, s_end)
            or _BASELINE_AFTER_FIGURE.match(text, end, s_end)
        ):
            continue  # "(currently 41%)": the state today, which a goal is measured against
        deadline = _deadline_for(text, end, s_start, s_end, floor)
        if deadline is None:
            deadline = year
        dated = _DATED.match(text, end)
        if dated and _is_past_figure(text, int(dated["year"]), s_start, s_end, year, floor):
            continue  # "(19 months in 2025)": a figure of the past or present, the baseline
        later = _IN_YEAR.search(text, end, s_end)
        if later and own_year_match is None and floor is not None and int(later["year"]) <= floor:
            continue  # "35 per cent of services used the models in 2025": a past figure
        if past and not _GOAL_CUE.search(sentence):
            continue  # "In 2029, 61 per cent did.": a figure of the past
        if deadline is None and not (strong_goal and (cmp_word or percent or trailing)):
            continue  # a quantity with neither a deadline nor a goal word is a fact or a rule
        if deadline is not None and not (has_goal or cmp_word or percent or trailing):
            continue
        found.append(
            Target(
                surface=text[match.start() : end],
                start=match.start(),
                end=end,
                value=value,
                comparator=comparator,
                unit=unit,
                year=deadline,
            )
        )
    return found


# "6 of the 7 deliverables", "three of the five cities": a share of a counted set.
_SHARE = re.compile(
    rf"\s+of\s+(?:the|all|its|their)(?:\s+{_NUMBER.replace('?P<num>', '?:')})?(?=\s+[A-Za-z])",
    re.IGNORECASE,
)
# A quantity followed by its own year: "19 months in 2025", "47 standards as of 2025".
_DATED = re.compile(
    r"\s*(?:in|as\s+of|at\s+the\s+end\s+of|during)\s+(?P<year>(?:19|20)\d\d)\b", re.I
)


_IN_YEAR = re.compile(r"\b(?:in|as\s+of|during)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


def _is_past_figure(
    text: str, dated: int, s_start: int, s_end: int, year: int | None, floor: int | None
) -> bool:
    """Whether a quantity's own year ("19 months in 2025") is the document's past or present,
    or earlier than a deadline of its sentence or clause: then it is a baseline."""
    if floor is not None and dated <= floor:
        return True
    if year is not None and dated < year:
        return True
    return any(int(m["year"]) > dated for m in _BY_YEAR.finditer(text, s_start, s_end))


_LOWER_WORDS = {"less", "fewer", "lower", "below", "under", "better"}
_SCALE = re.compile(r"[ \t]+(?P<word>thousand|million|billion|trillion|mn|bn)\b", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
# "... to at least 300;": a quantity that ends its list item
_ITEM_END = re.compile(r"[ \t]*(?:[;.]|,?[ \t]+and)?[ \t]*(?:\n|$)")
# Goals stated by a verb of change or by "net zero": "halve emissions by 2030" (50 %), "double
# the number of X" (2 times), "reach net zero by 2038" (0).
_FROM_TO = re.compile(r"\bfrom\s+\d[\d.,]*\s*(?:%|per\s*cent|percent)?\s+to\s+$", re.IGNORECASE)
_VERBAL_GOAL = re.compile(
    r"(?<![\w-])(?P<verb>halve|halving|halved|double|doubling|triple|tripling|quadruple)\b"
    # "reduce heat-stroke deaths by half by 2030": a share in words
    r"|(?<=\s)by[ \t]+(?P<share>half|a[ \t]+third|one[ \t]+third|a[ \t]+quarter|one[ \t]+quarter)"
    r"(?![\w-])"
    r"|(?<![\w-])(?:reach|reaching|achieve|achieving|become|becoming|be|to|for)[ \t]+"
    r"(?P<zero>net[ -]zero)\b"
    # "climate neutrality for the area of the municipality by 2030": net zero in other words
    # (not a name: "the Carbon-neutral Helsinki Action Plan")
    r"|(?<![\w-])(?P<neutral>(?:climate|carbon)[ -]neutral(?:ity)?)(?![\w-]|[ \t]+[A-Z])"
    r"(?=[^.;\n]{0,80}?\bby[ \t]+(?:the[ \t]+end[ \t]+of[ \t]+)?(?:19|20)\d\d)"
)
_EXPLICIT_TO = re.compile(r"\bto\s+(?:at\s+least\s+|more\s+than\s+|over\s+)?\d")
# by the verb's stem: "halve"/"halving", "double"/"doubling", "triple", "quadruple"
_VERBAL_VALUES = {
    "halv": (50.0, "%"),
    "doub": (2.0, "times"),
    "trip": (3.0, "times"),
    "quad": (4.0, "times"),
}
_BARE_DEADLINE = re.compile(r"\s+by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
_COUNTED = re.compile(r"\bnumber\s+of\s+(?P<unit>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)")
# Words that make a sentence a goal without a deadline ("the target is 80 % ...").
_STRONG_GOAL = re.compile(
    r"(?<!not\s)(?<!no\s)\b(?:target(?:s|ed)?|goals?|aims?|aim(?:s|ed)?\s+(?:to|for|at)|objectives?|strive|"
    r"to\s+reach|to\s+achieve|commit(?:ted|s)?\s+to|"
    r"(?:raised?|increased?|reduced?|cut|lowered?|brought|grow|grown|expanded?|reach(?:ed)?)"
    r"\s+(?:to|by)\b)|目标|力争",
    re.IGNORECASE,
)
# "three new regional standards will be approved": a number in words counts as a target when
# what it counts is delivered (published, adopted, built ...), not when bodies act ("two
# ministries will consult") or one thing is picked out ("one of the").
_DELIVERED = re.compile(
    r"\b(?:will|shall|to)\s+(?:have\s+)?(?:be(?:en)?\s+)?(?:published|approved|adopted|developed|"
    r"completed|established|built|created|deployed|issued|released|launched|certified|"
    r"publish|approve|adopt|develop|complete|establish|build|create|deploy|issue|release|launch)\b",
    re.IGNORECASE,
)


def _counted_delivery(text: str, number: str, unit: str, end: int, sentence_end: int) -> bool:
    return (
        number.lower() != "one"
        and unit.strip().endswith("s")
        and _DELIVERED.search(text, end, min(sentence_end, end + 60)) is not None
    )


_LINE_NUMBER = re.compile(r"(?:^|\n)[ \t]*(?:[(\[]?[A-Za-z]?\d{1,3}(?:\.\d{1,3})*[.)\]]?[ \t]*)$")


def _is_numbering(text: str, position: int) -> bool:
    """Whether the number at ``position`` opens a numbered line ("4.3 NIUA ...", "2. The")."""
    line_start = text.rfind("\n", 0, position) + 1
    head = text[line_start:position]
    if head.strip():
        return False
    tail = re.match(r"\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?=[A-Z(])", text[position : position + 12])
    return bool(tail)


_PHYSICAL_UNITS = {
    "W",
    "kW",
    "MW",
    "GW",
    "kWh",
    "MWh",
    "GWh",
    "V",
    "kV",
    "A",
    "Hz",
    "kHz",
    "MHz",
    "GHz",
    "dB",
    "mm",
    "cm",
    "m",
    "km",
    "g",
    "kg",
    "t",
    "Mbps",
    "Gbps",
    "°C",
    "K",
    "Pa",
    "kPa",
    "bar",
}


def _is_parameter(text: str, start: int, unit: str) -> bool:
    """ "within 24 hours", "kept for 90 days", "keys of at least 128 bits": a rule's technical
    parameter or time limit, not a goal."""
    before = text[max(0, start - 30) : start]
    if re.search(r"\b(?:within|every|after|during|each|per)\s+$", before, re.IGNORECASE):
        return True
    if (
        unit.split()[0] in _PHYSICAL_UNITS
        and re.match(r"(?i:under|below|over|above|up\s+to|less\s+than|more\s+than)\b", text[start:])
        and re.search(r"[a-z]{3,}s\s+$", before)
    ):
        return True  # "projects under 5 MW": a size class of the things counted, not a goal
    if (
        unit.split()[0] in _PHYSICAL_UNITS
        and re.search(r"[a-z]{3,}s\s+of\s+$", before)
        and re.match(
            r"\S+\s+\S+\s+(?:or|and)\s+(?:more|less|above|below|higher|lower|over)\b", text[start:]
        )
    ):
        return True  # "recharging points of 50 kW or more": the same, after "of"
    head = unit.split()[-1].lower() if unit and unit != "%" else ""
    if head in _DURATION_UNITS and _MEASURED_DURATION.search(text[max(0, start - 80) : start]):
        return False  # "an average time to develop a standard of no more than 18 months"
    return head in _DURATION_UNITS and bool(_PARAMETER_BEFORE.search(before))


# A duration that is the value of a measured indicator (an average or median time), not the
# time limit of a rule: "an average time to develop a standard of no more than 18 months",
# "median processing time below 30 days".
_MEASURED_DURATION = re.compile(
    r"\b(?:average|mean|median)\s+(?:[\w-]+\s+){0,2}?(?:time|duration|delay|lead\s+time|"
    r"turnaround|waiting\s+time)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)


_WORD = re.compile(r"\s+([A-Za-z][\w-]*)")


def _unit_phrase(text: str, position: int, limit: int) -> tuple[int, str]:
    """End offset and head noun of the unit after a number: "150 national standards and industry
    standards have ..." -> the end of the second "standards", unit "standards". A coordination
    ("and", "or") is followed only when it leads to another plural noun within four words."""
    end, head = position, ""
    cursor = position
    while True:
        word = _WORD.match(text, cursor, limit)
        if not word:
            break
        value = word.group(1)
        if value.lower() == "or" and _COMPARATOR_AFTER.match(text, word.start()):
            break  # "15 days or less": a comparator, not a second unit
        if value.lower() in ("and", "or") and head:
            probe, extension = word.end(), None
            for _ in range(4):  # "3 ISO or IEC technical committee secretariats"
                following = _WORD.match(text, probe, limit)
                if not following or following.group(1).lower() in _UNIT_STOP:
                    break
                probe = following.end()
                if following.group(1).endswith("s"):
                    extension = following
            if extension is None:
                break
            end, head, cursor = extension.end(), extension.group(1), extension.end()
            continue
        if value.lower() in _UNIT_STOP or (value.endswith("ed") and head):
            break  # "standards developed ...": a participle ends the noun phrase
        end, head, cursor = word.end(), value, word.end()
    return end, head


def _percent_of(text: str, position: int, limit: int) -> int:
    """End of "80% of municipal services": the percentage with what it is a share of."""
    of = re.match(r"\s+of\s+", text[position:limit])
    if not of:
        return position
    end, head = _unit_phrase(text, position + of.end() - 1, limit)
    return end if head else position


def _year_targets(text: str, s_start: int, s_end: int) -> list[Target]:
    found = []
    for match in _BY_YEAR.finditer(text, s_start, s_end):
        if not re.match(r"(?:by|until|before|through)", match.group(), re.IGNORECASE):
            continue
        if _is_baseline(text, match.start("year"), match.end("year")):
            continue
        year = int(match.group("year"))
        found.append(
            Target(
                surface=match.group(),
                start=match.start(),
                end=match.end(),
                value=float(year),
                comparator="<=",
                unit="year",
                year=year,
            )
        )
    for match in _CN_YEAR.finditer(text, s_start, s_end):
        year = int(match.group("year"))
        found.append(
            Target(
                surface=match.group(),
                start=match.start(),
                end=match.end(),
                value=float(year),
                comparator="<=",
                unit="year",
                year=year,
            )
        )
    return found


def _chinese_targets(text: str, s_start: int, s_end: int, year: int | None) -> list[Target]:
    found: list[Target] = []
    sentence = text[s_start:s_end]
    if not re.search(r"[\u4e00-\u9fff]", sentence):
        return found
    has_goal = bool(re.search(r"目标|目標|力争|力爭|到\d{4}年", sentence))
    for match in _CN_TARGET.finditer(text, s_start, s_end):
        if match.group("unit") == "年":
            continue
        if not (match.group("cmp") or has_goal or match.group("unit") in "%％"):
            continue
        if re.search(r"第$", text[max(s_start, match.start() - 1) : match.start()]):
            continue
        value = _value(match.group("num"))
        if value is None:
            continue
        if match.group("mult"):
            value *= 10_000 if match.group("mult") in "万萬" else 100_000_000
        unit = "%" if match.group("unit") in "%％" else match.group("unit")
        own_year = _CN_YEAR.search(sentence)
        found.append(
            Target(
                surface=match.group(),
                start=match.start(),
                end=match.end(),
                value=value,
                comparator=_CN_COMPARATORS.get(match.group("cmp") or "", "="),
                unit=unit,
                year=int(own_year.group("year")) if own_year else year,
            )
        )
    return found


_LEADING = re.compile(
    r"(?:[(\[]?[A-Za-z]?\d{0,3}(?:\.\d{1,3})*[.)\]]?\s+)?"
    r"(?:(?:by|until|before|no\s+later\s+than)\s+(?:the\s+end\s+of\s+)?"
    rf"(?:(?:\d{{1,2}}\s+)?{_MONTH}\s+(?:\d{{1,2}},?\s+)?|(?:FY|fiscal(?:\s+year)?|financial\s+year)\s?)?"
    r"(?P<year>(?:19|20)\d\d)\b|(?:到|至)\s*(?P<cn>(?:19|20)\d\d)\s*年)",
    re.IGNORECASE,
)


def _leading_deadline(text: str, s_start: int, s_end: int, floor: int | None = None) -> int | None:
    """The deadline a sentence opens with ("By 2027, ...", "4.1 By March 2028, ...",
    "到2025年，..."): it dates the quantities of the following sentences of its clause too.
    A deadline inside a sentence dates only that sentence."""
    match = _LEADING.match(text, s_start, s_end)
    if match is not None and (floor is None or int(match["year"] or match["cn"]) >= floor):
        return int(match["year"] or match["cn"])
    horizon = None
    for found in _HORIZON.finditer(text, s_start, s_end):
        group = "year" if found["year"] else "cn"
        if floor is not None and int(found[group]) < floor:
            continue
        if not _is_baseline(text, found.start(group), found.end(group)):
            horizon = int(found[group])
    return horizon


# A plan horizon inside a sentence ("it is proposed that by the end of 2027, ..."): a year
# alone, unlike a day's date ("by 31 December 2027"), which is the time limit of one task.
_HORIZON = re.compile(
    r"\b(?:by|until|before)\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/])"
    r"|(?:到|至)\s*(?P<cn>(?:19|20)\d\d)\s*年",
    re.IGNORECASE,
)


# A section heading that names goals and their year ("Targets for 2030", "2030 goals",
# "Key performance indicators (2026-2030)"): the year dates every quantity of the section and
# of its items, which often carry no year of their own ("(a) at least 1,200 new standards;").
_GOAL_HEADING = re.compile(
    r"\b(?:targets?|goals?|objectives?|milestones?|ambitions?|KPIs?|"
    r"key\s+performance\s+indicators?|performance\s+indicators?|expected\s+results?|"
    r"expected\s+outcomes?)\b",
    re.IGNORECASE,
)
_HEADING_YEAR = re.compile(r"(?<![\w.])(?:19|20)\d\d(?![\w.])")


def heading_years(clauses: list[Clause], floor: int | None = None) -> dict[str, int]:
    """The goal year of each clause set by its own or an ancestor's goal heading: the last
    year a heading with a goal word names ("Targets 2026-2030" -> 2030), if not before the
    document's own year."""
    by_id = {clause.id: clause for clause in clauses}
    own: dict[str, int] = {}
    for clause in clauses:
        if not _GOAL_HEADING.search(clause.heading):
            continue
        years = [int(y) for y in _HEADING_YEAR.findall(clause.heading)]
        years = [y for y in years if floor is None or y >= floor]
        if years:
            own[clause.id] = max(years)
    result: dict[str, int] = {}
    for clause in clauses:
        current: Clause | None = clause
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.id in own:
                result[clause.id] = own[current.id]
                break
            current = by_id.get(current.parent) if current.parent else None
    return result


# The line that announces a list of goals: "By the end of 2028 the programme aims to:", "We
# will:", "Our commitments:", "Measures of success".
_GOAL_LEAD = re.compile(
    r"(?:\b(?:aims?|aim(?:s|ed)?\s+to|will|shall|commit(?:s|ted)?\s+to|targets?|goals?|"
    r"objectives?|commitments?|ambitions?|measures\s+of\s+success)\b[^\n]{0,80}:|"
    r"\b(?:we|it|they)\s+will\s*:)[ \t]*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-•*–]|\(?[a-z0-9]{1,2}[.)])[ \t]+")


def _line_kind(text: str, start: int, end: int, kinds: dict[int, str]) -> str:
    """What the line ``text[start:end]`` is for a goal list: ``blank``, ``lead`` (announces
    goals), ``item`` (a list item) or ``other``; remembered in ``kinds`` by its start, since
    every item of a list looks up the same lines above it."""
    kind = kinds.get(start)
    if kind is None:
        line = text[start:end]
        if not line.strip():
            kind = "blank"
        elif _GOAL_LEAD.search(line) or (_GOAL_HEADING.search(line) and len(line.split()) <= 6):
            kind = "lead"  # also a short heading that names goals: "4. Targets 2030"
        elif _LIST_ITEM.match(line):
            kind = "item"
        else:
            kind = "other"
        kinds[start] = kind
    return kind


def _in_goal_list(text: str, s_start: int, kinds: dict[int, str] | None = None) -> bool:
    """Whether the sentence is an item of a list whose lead-in line announces goals. Pass the
    same ``kinds`` for every sentence of one text: the lines above are classified once."""
    kinds = {} if kinds is None else kinds
    line_start = text.rfind("\n", 0, s_start) + 1
    if not _LIST_ITEM.match(text, line_start):
        return False
    position = line_start
    for _ in range(30):  # up the list to its lead-in line
        if position <= 0:
            return False
        previous = text.rfind("\n", 0, position - 1) + 1
        kind = _line_kind(text, previous, position - 1, kinds)
        if kind == "lead":
            return True
        if kind not in ("blank", "item"):  # a blank line may stand between lead-in and list
            return False
        position = previous
    return False


# A numbered technical requirement ("REQ-B3-05", "[R-12]", "SR 4.2"): its figures are
# parameters of the thing specified; only a deadline of its own makes one a goal.
_REQUIREMENT_LABEL = re.compile(
    r"[ \t]*\[?(?:REQ|Req|SR|FR|NFR|R)[-_. ]?(?:[A-Z]{0,4}\d*[-_.])*\d{1,4}[a-z]?\]?[:.)]?\s"
)


def _outside_identifiers(
    text: str, quantities: list[Target], identifiers: list[StandardMention]
) -> list[Target]:
    """ "ETSI EN 303 645 V3.1.3": the numbers of an identifier are no quantity; "at least 40
    states adopting IEEE 1547" is one, and ends before the identifier."""
    kept: list[Target] = []
    for quantity in quantities:
        inside = [i for i in identifiers if i.start < quantity.end and quantity.start < i.end]
        if not inside:
            kept.append(quantity)
            continue
        first = min(i.start for i in inside)
        cut = text[quantity.start : first].rstrip()
        words = cut.split()
        if first <= quantity.start or not re.search(r"\d", cut) or len(words) < 2:
            continue
        quantity.end = quantity.start + len(cut)
        quantity.surface = cut
        if quantity.unit and quantity.unit not in cut:
            quantity.unit = words[-1]
        kept.append(quantity)
    return kept


# --- targets in a table ------------------------------------------------------------------------
# "Targets / | Indicator | 2030 | 2033 | / | Sensors on the platform | 210 | at least 1,200 |": a
# table of indicators by year sets, in its latest year's column, the goal of each row; the
# earlier columns are where things stand. Its title or header must say it holds goals.
_TABLE_LINE = re.compile(r"(?m)^[ \t]*\|?[^\n|]*(?:\|[^\n|]*)+\|?[ \t]*$")
_SEPARATOR_LINE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"
)
_YEAR_CELL = re.compile(
    r"^(?:(?:target|goal|objective)s?[ \t]+(?:for[ \t]+|in[ \t]+|by[ \t]+)?)?"
    r"(?P<open>\()?(?P<year>(?:19|20)\d\d)(?(open)\))(?:[ \t]+(?:target|goal)s?)?$",
    re.IGNORECASE,
)
_GOAL_TABLE = re.compile(
    r"\b(?:targets?|goals?|objectives?|indicators?|KPIs?|milestones?)\b", re.IGNORECASE
)
_CELL_VALUE = re.compile(
    rf"^(?P<cmp>{'|'.join(pattern for pattern, _ in _COMPARATORS)}|all)?[ \t]*"
    rf"(?P<num>{_DIGITS})[ \t]*(?P<unit>%|per[ \t]?cent)?",
    re.IGNORECASE,
)


def _cells(line: str, offset: int) -> list[tuple[int, str]]:
    """The cells of a table line: (offset of the stripped text, stripped text)."""
    cells: list[tuple[int, str]] = []
    position = 0
    inner = line.strip()
    lead = line.find(inner)
    if inner.startswith("|"):
        inner, lead = inner[1:], lead + 1
    if inner.endswith("|"):
        inner = inner[:-1]
    for part in inner.split("|"):
        stripped = part.strip()
        cells.append((offset + lead + position + (len(part) - len(part.lstrip())), stripped))
        position += len(part) + 1
    return cells


# verbs of the present or future, and modals: a sentence with one of them may set a goal
_NOT_PAST_TAGS = frozenset({"VB", "VBP", "VBZ", "MD"})


def _may_be_told_in_past(sentence: str) -> bool:
    """Whether a sentence with no goal word might tell only what happened; the tagger decides
    (``_all_verbs_past``). A deadline counts as a goal word unless a past auxiliary is there
    ("at least 60% of points converted to LED by 2030" is a goal's participle; "By the end of
    2026, 2,700 km had been laid" is a report)."""
    if _GOAL_WORD.search(sentence):
        return False
    return not (_GOAL_CUE.search(sentence) and not _PAST_AUXILIARY.search(sentence))


def _all_verbs_past(tagged: list[tuple[int, int, str]]) -> bool:
    """Its verbs are in the past tense and none is present, future or modal ("KIWASCO lost
    about 38% of its water")."""
    verbs = [tag for _, _, tag in tagged if tag.startswith("VB") or tag == "MD"]
    return "VBD" in verbs and not any(tag in _NOT_PAST_TAGS for tag in verbs)


def _table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's spans to read quantities in: each cell of a table row on its own ("| 38 % |
    75 % by 2033 |": the deadline of one cell does not date its neighbour); the text between
    rows, and a sentence with no row, whole."""
    spans: list[tuple[int, int]] = []
    pending = start
    position = start
    while position < end:
        line_end = text.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, position) + 1
        full_end = text.find("\n", position)
        full_end = len(text) if full_end < 0 else full_end
        if text[line_start:full_end].lstrip().startswith("|"):
            if text[pending:position].strip():
                spans.append((pending, position))
            spans.extend(
                (cell_start, cell_start + len(cell))
                for cell_start, cell in _cells(text[line_start:full_end], line_start)
                if cell and position <= cell_start < line_end
            )
            pending = line_end
        position = line_end + 1
    if pending == start:
        return [(start, end)]
    if text[pending:end].strip():
        spans.append((pending, end))
    return spans


def _table_targets(text: str, start: int, end: int, floor: int | None) -> list[Target]:
    """Goals in tables of indicators by year (see ``_YEAR_CELL``): the latest year's cell of
    each row, when that year lies in the document's future and the table says it holds goals."""
    found: list[Target] = []
    lines = list(_TABLE_LINE.finditer(text, start, end))
    for index, header in enumerate(lines[:-1]):
        separator = lines[index + 1]
        if not _SEPARATOR_LINE.match(separator.group()):
            continue
        header_cells = _cells(header.group(), header.start())
        years = {
            column: int(match["year"])
            for column, (_, cell) in enumerate(header_cells)
            if column > 0 and (match := _YEAR_CELL.match(cell))
        }
        if not years:
            continue
        column = max(years, key=lambda c: (years[c], c))
        year = years[column]
        if floor is not None and year < floor:
            continue
        if any(_GOAL_TABLE.fullmatch(cell) for _, cell in header_cells[column + 1 :]):
            continue  # "| 2029 | Target |": the year's column is where things stand
        if not (
            _GOAL_TABLE.search(line_above(text, header.start(), start))
            or _GOAL_TABLE.search(header.group())
        ):
            continue
        position = separator.end() + 1
        for row in lines[index + 2 :]:
            if text[position : row.start()].strip():
                break  # the table ended
            position = row.end() + 1
            cells = _cells(row.group(), row.start())
            if len(cells) <= column:
                continue
            cell_start, cell = cells[column]
            value = _CELL_VALUE.match(cell)
            if value is None:
                continue
            label_words = cells[0][1].split()
            unit = "%" if value["unit"] else (label_words[0].lower() if label_words else None)
            found.append(
                Target(
                    surface=cell[: value.end()].strip(),
                    start=cell_start,
                    end=cell_start + len(cell[: value.end()].rstrip()),
                    value=_value(value["num"]),
                    comparator="="
                    if (value["cmp"] or "").lower() == "all"
                    else _comparator(value["cmp"]),
                    unit=unit,
                    year=year,
                )
            )
    return found


def detect_targets(ctx: Context) -> None:
    """Pipeline component: targets, each with the goal year in force where it stands."""
    content_start, content_end = ctx.content
    year_by_clause: dict[str | None, int] = {}
    date = ctx.document.date or ""
    floor = int(date[:4]) if re.match(r"(?:19|20)\d\d", date) else None
    section_years = heading_years(ctx.clauses, floor)
    line_kinds: dict[int, str] = {}
    to_check: list[tuple[str, list[Target]]] = []  # a sentence and its English quantities
    for s_start, s_end in sentences(ctx.text, content_start, content_end):
        clause = ctx.clause_id_at(s_start)
        spans = _table_cells(ctx.text, s_start, s_end)
        tabular = spans != [(s_start, s_end)]
        leading = None if tabular else _leading_deadline(ctx.text, s_start, s_end, floor)
        if leading is not None and not _LIST_ITEM.match(ctx.text, s_start):
            year_by_clause[clause] = leading  # an item's own deadline dates that item only
        inherited = year_by_clause.get(clause)
        if inherited is None and clause is not None:
            inherited = section_years.get(clause)
        if _REQUIREMENT_LABEL.match(ctx.text, s_start, s_end):
            inherited = None  # "REQ-B3-05 ... 99.9 per cent": a parameter unless it is dated
        in_goal_list = _in_goal_list(ctx.text, s_start, line_kinds)
        # the lead stands on the sentence's line, at most a short heading before it (bounded:
        # a text without line breaks is one line)
        window = max(0, s_start - 200)
        line_start = ctx.text.rfind("\n", window, s_start) + 1 or window
        lead = _INLINE_GOAL_LEAD.search(ctx.text, line_start, s_end)
        if lead is not None and (floor is None or int(lead["year"]) >= floor):
            inherited, in_goal_list = int(lead["year"]), True
        quantities = [
            target
            for c_start, c_end in spans
            for target in _english_targets(
                ctx.text, c_start, c_end, inherited, floor, in_goal_list=in_goal_list
            )
        ]
        if (
            quantities
            and not (tabular or in_goal_list)
            and _may_be_told_in_past(ctx.text[s_start:s_end])
        ):
            # "In 2027 only 41% of households had a meter": where things stood, if the tagger
            # says all its verbs are past (asked below, for all such sentences at once)
            to_check.append((ctx.text[s_start:s_end], list(quantities)))
        quantities += _chinese_targets(ctx.text, s_start, s_end, inherited)
        quantities = _outside_identifiers(ctx.text, quantities, ctx.standards)
        for target in quantities:
            target.clause = clause
        # A deadline alone is not a target; it only dates the quantities around it.
        ctx.targets.extend(sorted(quantities, key=lambda t: t.start))
    if to_check:
        told = tags_of_many(ctx.spacy_model, [sentence for sentence, _ in to_check])
        dropped = {
            id(target)
            for (_, english), tagged in zip(to_check, told, strict=True)
            if _all_verbs_past(tagged)
            for target in english
        }
        ctx.targets = [t for t in ctx.targets if id(t) not in dropped]
    tabled = _table_targets(ctx.text, content_start, content_end, floor)
    if tabled:
        taken = [(t.start, t.end) for t in ctx.targets]
        for target in tabled:
            if not any(s < target.end and target.start < e for s, e in taken):
                target.clause = ctx.clause_id_at(target.start)
                ctx.targets.append(target)
        ctx.targets.sort(key=lambda t: t.start)


COMPONENT = Component(
    name="targets",
    run=detect_targets,
    reads=("text", "document.content", "document.date", "clauses", "standards", "spacy_model"),
    writes=("targets",),
)
