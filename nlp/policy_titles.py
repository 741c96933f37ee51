"""Finding policy titles in text: laws, regulations, plans, outlines, strategies, programmes.

Used by the ``policy_refs`` component (references to other policies) and by the ``document``
component (a run-on first line titled by the policy it names); a helper, not a component.

Why a gazetteer plus generic patterns: the documents a corpus cites most are known and appear
under several titles ("National Standardization Development Outline" / "... Program"), which
``corpus/policies.json`` resolves to one key; everything else is caught by the shapes titles
take ("《...》", "Regulation (EU) No 1025/2012", "Directive 98/34/EC", "the ... Law",
"14th Five-Year Plan") and keyed by a slug of its canonical title so repeats still merge.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from nlp.gazetteers import PolicyGazetteer, organization_gazetteer, policy_gazetteer
from nlp.matcher import GazetteerMatch
from nlp.text import slugify

_HEAD_TYPES = [
    (
        re.compile(r"\b(laws?|act|code|constitution|treaty|statute)\b|法$|法》$", re.IGNORECASE),
        "law",
    ),
    (
        re.compile(
            r"\b(regulations?|directives?|decisions?|rules|measures|provisions|decree|"
            r"ordinance|order|circular)\b|"
            r"条例|規定|规定|办法|辦法|細則|细则",
            re.IGNORECASE,
        ),
        "regulation",
    ),
    (re.compile(r"\boutline\b|纲要|綱要", re.IGNORECASE), "outline"),
    (re.compile(r"\bstrateg(y|ies)\b|战略|戰略", re.IGNORECASE), "strategy"),
    (re.compile(r"\b(programme|program)\b|工程|计划纲要", re.IGNORECASE), "programme"),
    (
        re.compile(
            r"\b(goals|agenda|framework|initiative|convention)\b|目标|议程|框架", re.IGNORECASE
        ),
        "framework",
    ),
    (
        re.compile(
            r"\b(plan|roadmap|road map|blueprint|vision)\b|规划|規劃|计划|計劃|方案", re.IGNORECASE
        ),
        "plan",
    ),
    (
        re.compile(r"\b(standards?|specifications?)\b|标准$", re.IGNORECASE),
        "standardization-document",
    ),
]
_HEAD_NOUNS = (
    r"(?:Law|Laws|Plan[ \t]+of[ \t]+Action|Plan|Outline|Strategy|Programme|Program|Regulations|"
    r"Framework|"
    r"Agenda|Goals|Opinions|Measures|Roadmap|Guidelines|Act|Initiative|Convention|"
    # the ordinances of common-law territories and the Measures of the Welsh parliament
    r"Ordinances?|Measure(?=\s+(?:19|20)\d\d(?![\w/-]))|"
    r"Treaty|Directive|Provisions|Rules|Resolution|White\s+Paper|Mission|Blueprint|Charter|"
    r"Statute|Agreement|Accord|Pact|Compact|Arrangement|Declaration|Determination|"
    # a national or regional vision is named by its horizon: "Our Vision 2030"
    r"Vision(?=\s+(?:19|20)\d\d(?![\w/-]))|"
    # a named policy, not a body's remit: "the Interagency Committee on Standards Policy"
    r"(?<!Standards\s)(?<!Standardization\s)(?<!Standardisation\s)Policy|"
    r"Code(?!\s+of\s+[Pp]ractice))"
)
# A title word, or a bracketed subject inside an instrument's name: "State Environmental
# Planning Policy (Transport and Infrastructure) 2021", "Telecommunications (Low-impact
# Facilities) Determination 2018".
_CAPWORD = (
    r"(?:[A-Z0-9][\w'’-]*|\"|“|”|"
    # several words, never an abbreviation: "(AMRUT) and the X Mission" is two titles
    r"\([A-Z][\w'’-]*(?:\s+(?:and|of|for|&|[A-Za-z][\w'’-]*)){1,5}\)|"
    # or one word that is no abbreviation: "Well-being of Future Generations (Wales) Act"
    r"\([A-Z][a-z]+\))"
)
# The polity a law is named with: "... Law of the People's Republic of China", and a
# sub-national polity's act: "Energy Act of the Canton of Basel-Stadt".
_POLITY = (
    r"(?:\s+of\s+the\s+People['’]s\s+Republic\s+of\s+China"
    r"|\s+of\s+the\s+(?:Canton|State|Province|Emirate|Land|Region|Commonwealth)\s+of\s+"
    r"[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*)?)"
)
_SUBJECT_COMMA = r"(?:,(?=(?:[ \t]+[A-Z][\w'’-]*,?){1,6}[ \t]+and[ \t]+[A-Z]))?"
_GENERIC_TITLE = re.compile(
    # ("... Act of Nova Scotia and to Canada's ...": "and to" joins two clauses, not a title)
    # (a comma lists the title's subjects when an "and" closes the list: "... Standardisation,
    # Quality Assurance, Metrology and Testing Act, 2006")
    rf"(?<![\w-])(?:{_CAPWORD}{_SUBJECT_COMMA}"
    rf"\s+(?:(?!and\s+(?:to|in|with|on|under|by|from|at)\s)(?:of|for|on|and|the|in|to|with|&)\s+)*)"
    rf"{{1,12}}{_HEAD_NOUNS}"
    rf"{_POLITY}?"
    # a period or version written after the name is part of it: "Strategy 2022 to 2030",
    # "Action Plan 2022-27", "Framework 2.0"
    rf"(?:\s+(?:19|20)\d\d(?:\s*[-–—]\s*|\s+to\s+)(?:(?:19|20)\d\d|\d\d)(?![\w/-])|"
    rf"\s*\(\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d\s*\)|\s+(?:19|20)\d\d(?![-–/])|"
    # a long-term plan's horizon: "Bangladesh Delta Plan 2100"
    rf"\s+2100(?![-–/\w])|"
    rf"\s+\d{{1,2}}\.\d{{1,2}}(?!\w|\.\d)|"
    # "the X Act of 2014", "the Y Act, 2016": the year of a law is part of its title
    # and so is that of rules and regulations in South Asian drafting: "X Rules, 2005"
    rf"(?:(?<=Act)|(?<=Rules)|(?<=Regulations)|(?<=Ordinance)|(?<=Order))"
    rf"(?:\s+of|,)\s+(?:19|20)\d\d(?![-–/\d])|"
    # Swedish statutes carry their number in the code of statutes: "Climate Act (2017:720)"
    rf"(?<=Act)\s\((?:19|20)\d\d:\d{{1,4}}\)|"
    # Finnish statutes their number and year: "Building Act (751/2023)"
    rf"(?<=Act)\s\(\d{{1,4}}/(?:19|20)\d\d\)|"
    # Thai acts their Buddhist-era year, maybe their amendment's number and the common era:
    # "Building Control Act (No. 5) B.E. 2558 (2015)"
    rf"(?<=Act)(?:\s\(No\.\s?\d{{1,3}}\))?\s+B\.E\.\s+\d{{4}}(?:\s+\((?:19|20)\d\d\))?|"
    # an instrument's subject in brackets after its kind, then its year: "State Environmental
    # Planning Policy (Transport and Infrastructure) 2021"
    rf"(?:(?<=Policy)|(?<=Regulation)|(?<=Regulations)|(?<=Rules)|(?<=Order))"
    rf"\s\([A-Z][^()\n]{{2,60}}\)\s+(?:19|20)\d\d(?![-–/\d]))?"
    rf"(?:\s+of\s+\d{{1,2}}\s+[A-Z][a-z]+\s+(?:19|20)\d\d(?:\s+on\s+the\s+[a-z][\w -]{{3,60}}?"
    rf"(?=[,.;:(]))?)?(?![\w-])"
    # "... Joint Program Office", "Strategy Unit": a body named after its programme
    r"(?![ \t]+(?:Office|Agency|Board|Committee|Council|Secretariat|Unit|Team|Division|"
    r"Directorate|Department|Bureau|Centre|Center)\b)"
)
# Titles that put the head noun first: "Policy on Service and Digital", "Directive on X", "Basic
# Act on Y", "Strategy on Adaptation to Climate Change"; the name runs over capitalised words
# and small joints, never into another title
# ("... and the Directive on Z").
_FIRST_HEAD = (
    r"(?:(?:Policy[ \t]+)?Statement|Policy|Directive|Strategy|Plan|Programme|Program|Framework|"
    r"Regulations?|Act|Law|Code|Charter|Standard|Guidelines?|Mission|Protocol|Convention|"
    # Chinese administrative regulations and rules: "Regulations on the Administration of Urban
    # Gas", "Measures for the Administration of ...", "Provisions on ..."
    r"Declaration|Provisions|Measures|Opinions|"
    # treaties and declared goals: "Agreement on Technical Barriers to Trade", "Bangkok Goals on
    # Bio-Circular-Green Economy"
    r"Agreement|Goals|White[ \t]+Paper)"
)
_W = r"[A-Z][\w'’-]*"
# Between title words, a comma that lists the title's subjects when an "and" closes the list:
# "Federal Act on Climate Protection Targets, Innovation and Strengthening Energy Security".
_TITLE_LIST_COMMA = r"(?:,(?=[ \t]+[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*[ \t]+and[ \t]+[A-Z]))?"
# "Law on Construction No. 50/2014/QH13": the number is the act's, not a word of its title.
_NOT_NUMBER_WORD = r"(?!No\b\.?[ \t]*\d)"
_INSTRUMENT_HEAD = re.compile(
    r"(?:Law|Act|Code|Decree|Directive|Regulation|Convention|Charter|Protocol)[ \t]+(?:on|for)\b"
)
_HEAD_FIRST_TITLE = re.compile(
    # up to five words before the head: "Nova Scotia's Climate Change Plan for Clean Growth"
    rf"(?<![\w-])(?:{_W}[ \t]+){{0,5}}"
    rf"(?:{_FIRST_HEAD}[ \t]+(?:on|for)"
    # a statute "of" its subject, as Latin American titles translate: "General Ordinance of
    # Urbanism and Construction", "Regulation of Organization and Functions of the Ministry
    # of X" (not "Regulation of the European Parliament": an owner follows there)
    r"|(?:Ordinance|Regulations?|Code|Statute)[ \t]+of(?![ \t]+(?:the[ \t]+)?"
    r"(?:European|Council|Commission|Parliament|Ministry|Minister|Government|Federal|State|"
    r"Republic|Kingdom|People|City|Municipality|Province|President|Board|[A-Z]{2,})\b))"
    rf"[ \t]+(?:the[ \t]+)?"
    rf"(?!{_FIRST_HEAD}\b){_W}"
    # ("Convention on the Rights of Persons with Disabilities": "with" joins title words too)
    rf"(?:{_TITLE_LIST_COMMA}[ \t]+(?:(?:and(?![ \t]+the\b)|of|for|in|on|to|with|the|&)[ \t]+)*"
    # another title starts at its head ("... and the Directive on Z"); "Regulations" without
    # "on" is a word of this one ("Law on Standards and Technical Regulations")
    rf"(?!{_FIRST_HEAD}\b(?<!Regulations)|Regulations[ \t]+(?:on|for)\b)"
    rf"{_NOT_NUMBER_WORD}{_W})*"
    # and its horizon or period: "Action Plan for Vision 2030", "White Paper on Enterprise
    # 2022-2030"
    rf"(?:[ \t]+(?:19|20)\d\d(?:[-–](?:19|20)\d\d)?(?![\w/-]))?"
)
# A short title with the act's number in brackets: "the eIDAS Regulation (Regulation (EU) No
# 910/2014)" names one act twice.
_SHORT_TITLE_BEFORE = re.compile(
    r"(?<![\w-])(?:(?=[\w-]*[A-Z])[\w-]+[ \t]+){1,3}(?:Regulation|Directive|Decision|Act)"
    r"[ \t]*\([ \t]*$"
)
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# Issuances cited by number: "Executive Order 14028", "OMB Memorandum M-22-18", "Circular A-119".
_NUMBERED_ISSUANCE = re.compile(
    # laws and decrees numbered with thousands separators: "Federal Law No. 10.257/2001",
    # "Law No. 13,709/2018", "Complementary Law No. 212/2019", "Decree No. 11.129/2022"
    r"(?<![\w-])(?:(?:Federal|Complementary|State|Municipal|Supplementary|Organic)\s+)?"
    # or without a year when the number has a thousands separator: "Decree No. 64,355", "State
    # Law No. 17,293" (a bare "Decree No. 12" is handled below)
    r"(?:Law|Decree|Ordinance|Resolution|Act|Decision)\s+No\.?\s+"
    r"(?:\d{1,3}(?:[.,]\d{3})*"
    # the year may be followed by the issuing body's code: "Law No. 70/2025/QH15"
    r"(?:/(?:19|20)\d\d(?:/[A-Z][A-Za-z0-9-]{1,10})?"
    r"|(?=\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d))"
    r"|\d{1,3}(?:[.,]\d{3})+(?![.,]\d)"
    # a number and its issuer's code without a year: "Decision No. 950/QD-TTg"
    r"|\d{1,5}/[A-Z]{2,4}-[A-Za-z]{2,8})"
    r"(?![\w/-])|"
    # acts cited by their date, with a title or a subject: "Act of 7 July 1994 - Construction
    # Law", "Act of 8 August 1996 on the Council of Ministers"
    rf"(?<![\w-])Act\s+of\s+\d{{1,2}}\s+{_MONTH_NAME}\s+(?:19|20)\d\d"
    r"(?:\s+[-–—]\s+(?:[A-Z][\w'’-]*\s+){0,5}(?:Law|Act|Code)(?![\w-])"
    r"|\s+on\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for|in)\s+)*[A-Z][\w'’-]*)*)?"
    r"(?![\w-])|"
    # acts numbered "number/year" without "No.", with their date and subject: "Law 38/2003 of
    # 17 November, General Grants Act", "Royal Decree 311/2022 on the National Security
    # Framework", "Law 29/2010 of 3 August on the use of electronic media in ..."
    r"(?<![\w-])(?:Royal\s+(?:Legislative\s+)?Decree(?:-[Ll]aw)?|Organic\s+Law|Legislative\s+Decree|"
    r"Decree-[Ll]aw|Law|Decree)\s+\d{1,4}/(?:19|20)\d\d"
    rf"(?:\s+of\s+\d{{1,2}}\s+{_MONTH_NAME})?"
    r"(?:,\s+(?:[A-Z][\w'’-]*\s+){1,6}(?:Act|Law|Code)(?![\w-])"
    r"|\s+(?:on|regulating|approving|establishing|amending)\s+[^;:()\n.]{3,120}?"
    r"(?=\s*[;:(\n]|\.(?:\s|$)|,\s+(?:and|which|as|under)\b))?"
    r"(?![\w/-])|"
    # "Republic Act No. 10844" (the Philippines), "Public Law 117-58" (the United States)
    # "Supreme Decree No. 49 of 2011" (Chile, Peru), "Royal Decree", "Presidential Decree"
    r"(?<![\w-])(?:(?:[A-Z]{2,6}\s+|(?:Supreme|Royal|Presidential|Legislative|Ministerial|"
    r"Emergency)\s+)?(?:Executive\s+Order|Memorandum|Circular|Decree|Ordinance|"
    # "Order in Council 1402/2026", "Bylaw P-600", "FERC Order No. 2023"
    r"Order\s+in\s+Council|By-?law|"
    r"Republic\s+Act|Public\s+Law)"
    # (a bare year is the year of a title, not a number: "the Charging Point Ordinance 2023")
    r"(?:\s+No\.?\s+|\s+(?!(?:19|20)\d\d(?![\w/-])))"
    r"[A-Z]?-?\d[\w-]*(?:/\d+)?(?:\s+of\s+(?:19|20)\d\d)?)(?![\w-])|"
    # US regulations by their place in the Code of Federal Regulations: "23 CFR Part 680"
    r"(?<![\w-])\d{1,2}\s+CFR\s+(?:[Pp]arts?\s+)?\d{1,4}(?:\.\d{1,4})?(?![\w.])|"
    # and US statutes by their place in the United States Code: "23 U.S.C. 313", "42 USC 7401"
    r"(?<![\w-])\d{1,2}\s+U\.?S\.?C\.?\s+(?:§\s*)?\d{1,5}[a-z]?(?![\w.])|"
    # "Law Number 20 of 2014 on Standardization and Conformity Assessment": the number, the
    # year and the subject make the citation
    r"(?<![\w-])(?:Government\s+|Presidential\s+|Ministerial\s+)?"
    r"(?:Law|Regulation|Decree|Decision|Instruction)\s+Number\s+\d{1,4}\s+of\s+(?:19|20)\d\d"
    # ("... on Implementing Regulations of the Law on Buildings": "on" joins its words too)
    r"(?:\s+on\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:and|of|the|for|in|on)\s+)*"
    r"(?!(?:Government\s+)?(?:Law|Regulation|Decree|Decision)\s+Number)[A-Z][\w'’-]*)*)?"
    r"(?![\w-])|"
    # regional acts numbered by their series: "Supplementary Act A/SA.2/07/13", "Regulation
    # C/REG.14/12/12"
    r"(?<![\w-])(?:Supplementary\s+Act|Regulation|Decision|Directive)\s+"
    r"[A-Z]/[A-Z]{2,4}\.\d{1,3}/\d{1,2}/\d{2,4}(?![\w/])|"
    # an instrument and its number in whatever form its country numbers it: "Law No. 30156",
    # "Organic Law No. 113-14", "Government Resolution No. UDD-2024/C.R.58/UD-27"; "No."
    # says a number follows, so no year or separator is needed to know it is a citation
    r"(?<![\w-])(?:(?:Organic|Federal|Government|Ministerial|Presidential|Cabinet|State|"
    r"Municipal|Council)\s+)?(?:Law|Act|Resolution|Decision|Regulation|Directive|Instruction|"
    r"Notification|Notice|Circular|(?:Guidance\s+|Practice\s+|Technical\s+)?Note)"
    r"\s+No\.?\s*(?:(?=[A-Z0-9][\w./-]*\d)[A-Z0-9][A-Za-z0-9]*(?:[./-][A-Za-z0-9]+)*"
    # Gulf drafting brackets the number: "Law No. (26) of 2015"
    r"|\(\d{1,5}\))"
    r"(?:\s+of\s+(?:19|20)\d\d)?"
    # and its capitalised subject: "Law No. 132 on the Establishment of the Turkish Standards
    # Institution", "Law No. (26) of 2015 Regulating Data Dissemination in the Emirate of Dubai"
    r"(?:\s+(?:on|Regulating|Concerning|Governing|Establishing|Regarding)\s+(?:the\s+)?"
    r"[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for|in)\s+)*[A-Z][\w'’-]*)*)?"
    r"(?![\w/-])|"
    # a regulator's numbered order, with the regulator's initials: "FERC Order No. 2023"
    r"(?<![\w-])[A-Z]{2,6}\s+Order\s+No\.?\s*\d[\w-]*(?![\w/-])|"
    # a province's or state's regulation by its number: "Ontario Regulation 306/15"
    r"(?<![\w-])(?!(?:Under|The|This|That|These|See|In|By|And|Per|Pursuant|Each|Any|Its|Their|"
    r"Our|Every|New|Draft|Implementing|Delegated|Commission|Council)\b)[A-Z][a-z]+\s+Regulation"
    r"\s+\d{1,4}/\d{2,4}(?![\w/-])|"
    # a constitution by its polity, maybe with its year: "Constitution of the Republic of South
    # Africa, 1996"
    r"(?<![\w-])Constitution\s+of\s+(?:the\s+)?[A-Z][\w'’-]*"
    r"(?:\s+(?:(?:of|the|and)\s+)*[A-Z][\w'’-]*)*(?:,\s+(?:19|20)\d\d(?![\w/-]))?(?![\w-])|"
    # United States state statutes by section: "Minn. Stat. section 216B.2425", "Wis. Stat.
    # § 196.374"
    r"(?<![\w-])[A-Z][a-z]{1,4}\.?\s+Stat\.\s+(?:§{1,2}|[Ss]ection|[Ss]ec\.)\s*"
    r"\d{1,4}[A-Z]?(?:\.\d{1,5}[a-z]?)?(?![\w.])"
)
# A capitalised word just before "Act of 30 September 2016" that is a word of the act's title
# ("Federal Energy Act of ..."), not a sentence's first word or an article.
_TITLE_WORD_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:The|This|That|These|Under|See|By|In|Of|And|Per|With|Its|Their|An?)\b)"
    r"[A-Z][\w'’-]*[ \t]$"
)
# Translated Chinese laws name their subject after the country: "Law of the People's Republic
# of China on Water Pollution Prevention and Control" (title words capitalised, joined by of/and).
_PRC_LAW = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’-]*\s+)?Law\s+of\s+the\s+People['’]s\s+Republic\s+of\s+China\s+"
    r"(?:on|for|of)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*"
    r"(?:[ \t]+(?:(?:of|and|for|on|in|the)[ \t]+)*(?!Article\b|Chapter\b)[A-Z][\w'’-]*)*"
)
# Commission documents by number: "COM(2022) 31 final", "SWD(2021) 167 final".
_EU_DOCUMENT = re.compile(
    r"(?<![\w-])(?P<series>COM|SWD|SEC|C)\s?\((?P<year>(?:19|20)\d\d)\)\s?(?P<num>\d{1,5})"
    r"(?:\s+final)?"
)
_CN_TITLE = re.compile(r"《(?P<inner>[^《》\n]{2,100})》")
_QUOTED = re.compile(r"[\"“](?P<inner>[^\"“”\n]{6,160})[\"”]")
_PART_BEFORE = re.compile(
    r"\b(?:Chapters?|Sections?|Parts?|Annex(?:es)?|Appendix|Articles?|Titles?)[ \t]+"
    r"[\dIVXL]+[A-Za-z]?(?:\.\d+)*[ \t]*$"
)
_EU_ACT = re.compile(
    r"(?<![\w-])(?:(?:Council|Commission)\s+)?(?:Implementing\s+|Delegated\s+)?"
    r"(?P<kind>Regulation|Directive|Decision)\s+(?:\((?P<tag>EU|EC|EEC|Euratom)\)\s+)?"
    r"(?:No\.?\s+)?(?P<num>\d{1,4}/\d{1,4}(?:/(?:EU|EC|EEC|Euratom))?)"
)
# A capitalised name just before an untagged "Regulation 306/15" says whose it is.
_NAMED_OWNER_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:The|This|That|These|Under|See|And|Of|In|By|Per|Council|Commission|"
    r"Implementing|Delegated)\b)[A-Z][a-z]+[ \t]$"
)
_EU_PLURAL = re.compile(
    r"(?<![\w-])(?:Council\s+)?(?P<kind>Directives|Regulations|Decisions)\s+(?P<list>"
    r"\d{1,4}/\d{1,4}/(?:EU|EC|EEC)(?:(?:\s*,\s*|\s+and\s+)\d{1,4}/\d{1,4}/(?:EU|EC|EEC))+)"
)
_EU_NUMBER = re.compile(r"\d{1,4}/\d{1,4}/(?:EU|EC|EEC)")
_FIVE_YEAR = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|Eleventh|Twelfth|Thirteenth|"
    r"Fourteenth|Fifteenth)\s+Five[- ]Year\s+Plan\b",
    re.IGNORECASE,
)
_GENERIC_KIND = re.compile(
    r"(?:Action|Strategic|Work|Implementation|Annual|Operational|Business|Development|"
    r"Master|Five-Year|Multi-Annual|Multiannual)\s"
)
# "its City Deals programme", "the Horizon Europe programme": a named programme or plan whose
# kind is written in lower case after its name.
_NAMED_PROGRAMME = re.compile(
    r"(?<![\w-])(?:the|its|their|our|his|her)[ \t]+"
    r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+(?:(?:for|of|on|and|the)[ \t]+)*[A-Z][\w'’-]*){0,4})[ \t]+"
    r"(?P<head>programme|program|initiative|strategy|action[ \t]+plan|roadmap)(?![\w-])"
)
# The Sustainable Development Goals by number: "SDG 11", "SDG target 11.3".
_SDG = re.compile(r"(?<![\w-])SDGs?[ \t]+(?:[Tt]arget[ \t]+)?\d{1,2}(?:\.[\da-c]{1,2})?(?![\w.])")
# Generic back-references and phrases that look like titles but are not.
_NOT_A_TITLE = re.compile(
    r"^(?:the\s+)?(?:this|that|these|present|said|above|same|new|action|plan|law|outline|"
    r"programme|program|strategy|framework|regulations?|measures|opinions|guidelines|rules|"
    r"work plan|implementation plan|action plan|development plan|five-year plan)$",
    re.IGNORECASE,
)


# Capitalised words that start a sentence rather than a title ("According to the Action Plan").
_STARTER = re.compile(
    r"^(?:(?:the|an?|according\s+to|in|on|to|for|by|under|with|as|of|and|from|through|"
    r"implement(?:ing)?|following|pursuant\s+to|this|that|these|our|its|their|we|it|"
    r"see|per|via|after|before|since|during|together\s+with|along\s+with|article\s+\d+[a-z]?|"
    # the words of a preamble: "WHEREAS the X Strategy commits ...", "Having regard to"
    r"whereas|now\s+therefore|therefore|considering|noting|recalling|recogni[sz]ing|"
    # a phrase that relates the text to a policy: "Consistent with the X Initiative"
    r"(?:consistent|in\s+line|aligned|in\s+accordance|in\s+keeping|complying|compliant)\s+with|"
    r"(?:based|building|drawing|relying)\s+on|(?:with\s+)?reference\s+to|referring\s+to|"
    r"having\s+regard\s+to|be\s+it\s+enacted\s+by|"
    r"chapter\s+\w+|\d+(?:\.\d+)*\.?)\s+|"
    # a part of an act: "section 7 of the X Act", "Schedule I of the", "Article 91c of the"
    r"(?:(?:sections?|schedules?|parts?|annex(?:es)?|appendix|articles?|paragraphs?|chapters?|"
    r"clauses?|titles?)\s+)?[0-9IVX]+[a-z]?(?:\.\d+)*(?:\([\w.]+\))?\s+(?:of|to)\s+(?:the\s+)?)+",
    re.IGNORECASE,
)


def type_of(title: str) -> str:
    for pattern, kind in _HEAD_TYPES:
        if pattern.search(title):
            return kind
    return "other"


def clean_title(title: str) -> str:
    title = title.strip().strip("\"“”《》'")
    # an inner abbreviation ("X Partnerships (GRIP) Program"), not an EU act's "(EU)" nor the
    # jurisdiction in a UK short title ("... (Scotland) Act 2019")
    title = re.sub(
        r"\s+\((?!(?:EU|EC|EEC|Euratom)\))(?=[A-Z][a-z0-9]*[A-Z])[A-Z][A-Za-z0-9]{1,9}\)(?=\s+\S)",
        "",
        title,
    )
    # an institution's resolution is named without its possessive ("European Parliament’s
    # Resolution" -> "European Parliament Resolution"); a place's or a body's own plan keeps it
    # as its title does ("Canada's Safety Framework ...", "Boverket's building regulations")
    title = re.sub(r"\b(Parliament|Commission|Council|Assembly)['’]s\b", r"\1", title)
    # "Transport Canada's Canada's Safety Framework": the first possessive is the publisher's
    title = re.sub(r"^[^'’]*?['’]s\s+(?=[A-Z][^'’]*['’]s\s)", "", title)
    title = re.sub(r"^(?:the|an?)\s+", "", title, flags=re.IGNORECASE)
    # "Federal Energy Act of 30 September 2016" is the Federal Energy Act wherever it is cited
    # with or without its date ("Act of 7 July 1994" keeps it: the date is all its name)
    title = re.sub(
        rf"^(\S+\s+\S.*?)\s+of\s+\d{{1,2}}\s+{_MONTH_NAME}\s+(?:19|20)\d\d$", r"\1", title
    )
    return re.sub(r"\s+", " ", title).strip()


@dataclass
class PolicyCandidate:
    start: int
    end: int
    canonical: str
    key: str
    type: str
    priority: int  # gazetteer hits beat patterns when they overlap (a plan dated by a FYP: 6)


def _is_organization(title: str) -> bool:
    """ "State Administration for Market Regulation" is a body, not a regulation."""
    return organization_gazetteer().matcher.lookup(title) is not None


# A body that owns a titled policy is not part of the title when the rest is a title of its
# own ("the Australian Government's National Electric Vehicle Strategy"); a country is kept
# ("Canada's Safety Framework"), as is a one-word rest ("Parliament's Resolution").
_BODY_OWNER = re.compile(
    r"^(?:the[ \t]+)?(?:[A-Z][\w-]*[ \t]+){0,5}(?:Government|Ministry|Department|Commission|"
    r"Council|Agency|Office|Authority|Administration|Bureau)['’]s[ \t]+"
    r"(?=[A-Z][\w'’-]*[ \t]+\S)"
)


# "Transport Canada's Canada's Safety Framework": the first possessive is the publisher's
_PUBLISHER_BEFORE_OWNER = re.compile(r"[^'’]*?['’]s\s+(?=[A-Z][^'’]*['’]s\s)")


def _from_title(
    gazetteer: PolicyGazetteer,
    start: int,
    end: int,
    title: str,
    priority: int,
    kind: str | None = None,
) -> PolicyCandidate | None:
    owner = _BODY_OWNER.match(title) or _PUBLISHER_BEFORE_OWNER.match(title)
    if owner:  # "the Australian Government's National Electric Vehicle Strategy"
        start, title = start + owner.end(), title[owner.end() :]
    cleaned = clean_title(title)
    if len(cleaned) < 4 or _NOT_A_TITLE.match(cleaned) or _is_organization(cleaned):
        return None
    key = gazetteer.resolve(cleaned)
    if key:
        policy = gazetteer.by_key[key]
        return PolicyCandidate(start, end, policy.title, key, policy.type, priority + 1)
    return PolicyCandidate(
        start, end, cleaned, slugify(cleaned), kind or type_of(cleaned), priority
    )


_NUMBERED_HEADING = re.compile(r"[ \t]*(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\.)[ \t]")


def _heading_before(text: str, newline: int) -> bool:
    """Whether the line that ends at ``newline`` is a heading (numbered, or too short to be a
    wrapped line of prose): a title does not run from it onto the next line."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline]
    return len(line.strip()) < 40 or bool(_NUMBERED_HEADING.match(line))


def find_policy_refs(text: str, start: int, end: int) -> list[PolicyCandidate]:
    gazetteer = policy_gazetteer()
    found: list[PolicyCandidate] = []
    match: Any
    for match in gazetteer.matcher.finditer(text, start, end):
        found.append(_gazetteer_candidate(gazetteer, match))
    for match in _CN_TITLE.finditer(text, start, end):
        candidate = _from_title(gazetteer, match.start(), match.end(), match.group("inner"), 2)
        if candidate:
            found.append(candidate)
    for match in _EU_ACT.finditer(text, start, end):
        kind, tag, number = match.group("kind"), match.group("tag"), match.group("num")
        if not tag and _NAMED_OWNER_BEFORE.search(
            text, max(start, match.start() - 30), match.start()
        ):
            continue  # "Ontario Regulation 306/15": a province's regulation, not the EU's
        # The official names: "Regulation (EU) No 1025/2012" (number/year, before 2015), but
        # "Regulation (EU) 2019/881" (year/number, the numbering used since 2015), no "No".
        year_first = re.match(r"(?:19|20)\d\d/", number) is not None
        if tag:
            canonical = f"{kind} ({tag}) {number}" if year_first else f"{kind} ({tag}) No {number}"
        else:
            canonical = f"{kind} {number}"
        if kind == "Decision" and not tag and "No" in match.group():
            canonical = f"Decision No {number}"
        candidate = _from_title(gazetteer, match.start(), match.end(), canonical, 3, "regulation")
        if candidate:
            found.append(candidate)
            short = _SHORT_TITLE_BEFORE.search(text, max(start, match.start() - 80), match.start())
            if short:
                starter = _STARTER.match(short.group())
                s_start = short.start() + (starter.end() if starter else 0)
                s_end = short.end() - len(short.group()) + len(short.group().rstrip(" \t("))
                if s_end - s_start >= 4:
                    found.append(
                        PolicyCandidate(
                            s_start, s_end, candidate.canonical, candidate.key, candidate.type, 3
                        )
                    )
    for match in _PRC_LAW.finditer(text, start, end):
        candidate = _from_title(gazetteer, match.start(), match.end(), match.group(), 2, "law")
        if candidate:
            found.append(candidate)
    for match in _EU_DOCUMENT.finditer(text, start, end):
        series, year, number = match.group("series", "year", "num")
        canonical = f"{series}({year}) {number} final"
        candidate = _from_title(gazetteer, match.start(), match.end(), canonical, 3, "other")
        if candidate:
            found.append(candidate)
    for match in _EU_PLURAL.finditer(text, start, end):
        singular = match.group("kind")[:-1]
        for number in _EU_NUMBER.finditer(text, match.start("list"), match.end("list")):
            candidate = _from_title(
                gazetteer,
                number.start(),
                number.end(),
                f"{singular} {number.group()}",
                3,
                "regulation",
            )
            if candidate:
                found.append(candidate)
    for match in _NUMBERED_ISSUANCE.finditer(text, start, end):
        if match.group().startswith("Act") and _TITLE_WORD_BEFORE.search(
            text, max(start, match.start() - 40), match.start()
        ):
            continue  # "the Federal Energy Act of 30 September 2016": the act's words come first
        # typed by its head word: a law, a decree or order (regulation), a memorandum (other)
        candidate = _from_title(gazetteer, match.start(), match.end(), match.group(), 2)
        if candidate:
            found.append(candidate)
    for match in _FIVE_YEAR.finditer(text, start, end):
        ordinal = match.group("ordinal")
        words = {
            "eleventh": "11th",
            "twelfth": "12th",
            "thirteenth": "13th",
            "fourteenth": "14th",
            "fifteenth": "15th",
        }
        canonical = f"{words.get(ordinal.lower(), ordinal.lower())} Five-Year Plan"
        s = match.start("ordinal")
        qualified = _plan_during_five_year_plan(text, start, match.start(), match.end(), end)
        if qualified:  # "the X plan during the 14th Five-Year Plan period": one plan, X's
            q_start, q_end = qualified
            title = text[q_start : match.end()]  # the period tail is not part of the name
            candidate = _from_title(gazetteer, q_start, q_end, title, 6, "plan")
            if candidate:
                found.append(candidate)
            continue
        candidate = _from_title(gazetteer, s, match.end(), canonical, 1, "plan")
        if candidate:
            found.append(candidate)
    for match in _QUOTED.finditer(text, start, end):
        if _PART_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue  # 'Chapter 6 "Goals and follow-up"': a part of this text, by its heading
        inner = match.group("inner")
        if re.search(rf"\b{_HEAD_NOUNS}\b|\bOpinions?\b", inner):
            candidate = _from_title(gazetteer, match.start(), match.end(), inner, 2)
            if candidate:
                found.append(candidate)
    for match in _HEAD_FIRST_TITLE.finditer(text, start, end):
        s, e = match.span()
        if ISSUING.search(text, s, e) or re.search(r"\b(?:for|of)[ \t]+$", text[max(0, s - 5) : s]):
            continue  # "... Administration for Market Regulation on Issuing the X": a body's name
        if re.search(r"\b(?:a|an|each|any|every)[ \t]+$", text[max(0, s - 6) : s]):
            continue  # "a National Code of Practice for kiosks": a kind of document
        lead = _STARTER.match(text[s:e])
        if lead:
            s += lead.end()
        e = _without_owner(text, s, e)
        # two capitalised words make a title when the head is an instrument ("Law on
        # Construction"); a "Plan for Growth" needs a third
        needed = 2 if _INSTRUMENT_HEAD.match(text, s) else 3
        if sum(1 for w in text[s:e].split() if w[:1].isupper()) >= needed:
            candidate = _from_title(gazetteer, s, e, text[s:e], 0)
            if candidate:
                found.append(candidate)
    for match in _SDG.finditer(text, start, end):
        if "un-sdgs" in gazetteer.by_key:
            found.append(_known_candidate(gazetteer, match.start(), match.end(), "un-sdgs", 4))
    for match in _NAMED_PROGRAMME.finditer(text, start, end):
        name = match["name"]
        if len(name.split()) == 1 and (
            name.isupper() or re.search(rf"(?<![\w-]){name.lower()}(?![\w-])", text)
        ):
            continue  # "the EU programme", "the City plan": a body or a common word
        kind = type_of(match["head"])
        if gazetteer.resolve(clean_title(name)):
            candidate = _from_title(gazetteer, match.start("name"), match.end("name"), name, 0)
        else:  # the kind word is part of an unknown programme's name
            candidate = _from_title(
                gazetteer,
                match.start("name"),
                match.end("head"),
                match.group()[match.start("name") - match.start() :],
                0,
                kind,
            )
        if candidate:
            found.append(candidate)
    for match in _GENERIC_TITLE.finditer(text, start, end):
        m_start, m_end = match.span()
        blank = [
            b
            for b in re.finditer(r"\n[ \t]*\n|[|>]|\n", text[m_start:m_end])
            if b.group() != "\n" or _heading_before(text, m_start + b.start())
        ]
        if blank:  # a title never runs over a blank line or page chrome ("Newsletter\n\nX Plan")
            m_start += blank[-1].end()  # nor out of a heading ("5. Targets\nThe X Agenda 2030")
        for s, e in _title_pieces(text, m_start, m_end):
            surface = text[s:e]
            lead = _STARTER.match(surface)
            if lead:
                s += lead.end()
            e = _without_owner(text, s, e)
            capitals = sum(1 for w in text[s:e].split() if w[:1].isupper())
            # a named act or instrument may be two words: "Privacy Act", "Basic Law",
            # "Budapest Declaration", "Climate Act (2017:720)"
            short_act = (
                capitals == 2
                and _NAMED_ACT_END.search(text[s:e])
                and not re.match(r"[ \t]+\d", text[e : e + 3])  # "Public Law 117-58": a number
            )
            # "Local Plan 2021-2037" names one plan; "Action Plan 2027-2030" is a kind and a period
            dated = (
                capitals == 2
                and re.search(r"(?:19|20)\d\d$", text[s:e])
                and not re.match(_GENERIC_KIND, text[s:e])
            )
            if capitals < 3 and not short_act and not dated:
                continue
            if re.search(r"\b(?:a|an|each|any|every)[ \t]+$", text[max(0, s - 6) : s]):
                continue  # "a Dutch Technical Agreement": a kind of document, not one title
            candidate = _from_title(gazetteer, s, e, text[s:e], 0)
            if candidate:
                found.append(candidate)
    found = _resolve_overlaps(_without_swallowed_titles(text, found))
    return _resolve_overlaps([*found, *_act_numbers_in_brackets(text, found, end)])


# Title-case words (not an acronym or an owner's possessive) in front of a known title
_TITLE_WORDS_BEFORE = re.compile(r"(?:[A-Z][a-z][\w-]*[ \t]+)+")


def _without_swallowed_titles(text: str, found: list[PolicyCandidate]) -> list[PolicyCandidate]:
    """A known title that ends a longer title is not that policy: "the Harbour Data Act" is no
    mention of the "Data Act". The gazetteer's match yields to the longer title when only
    title-case words come before it."""
    longer_by_end: dict[int, list[PolicyCandidate]] = {}
    for candidate in found:
        longer_by_end.setdefault(candidate.end, []).append(candidate)
    kept = []
    for candidate in found:
        if candidate.priority == 5 and any(
            other.start < candidate.start
            and other.priority < 5
            and _TITLE_WORDS_BEFORE.fullmatch(text, other.start, candidate.start)
            for other in longer_by_end[candidate.end]
        ):
            continue
        kept.append(candidate)
    return kept


# An act's number in brackets after its title: "the National Energy Act, 2008 (Act No. 34 of
# 2008)" names one act twice.
# "Infrastructure Investment and Jobs Act (IIJA, Public Law 117-58)" and "... Jobs Act (IIJA),
# Public Law 117-58" too.
_ACT_NUMBER = (
    r"(?P<number>Act[ \t]+No\.?[ \t]*\d{1,4}[ \t]+of[ \t]+(?:19|20)\d\d|"
    r"Public[ \t]+Law[ \t]+\d{2,3}-\d{1,4}|Republic[ \t]+Act[ \t]+No\.?[ \t]*\d{2,6})"
)
_ACT_NUMBER_AFTER = re.compile(
    rf"(?:[ \t]*\([ \t]*(?:[A-Z][A-Za-z]{{1,9}}[,;][ \t]*)?|"
    rf"(?:[ \t]*\([A-Z][A-Za-z]{{1,9}}\))?,[ \t]+){_ACT_NUMBER}(?=[ \t]*[.,;)]|\s*$)",
    re.IGNORECASE,
)


def _act_numbers_in_brackets(
    text: str, found: list[PolicyCandidate], end: int
) -> list[PolicyCandidate]:
    aliases: list[PolicyCandidate] = []
    for candidate in found:
        after = _ACT_NUMBER_AFTER.match(text, candidate.end, end)
        if after and candidate.type == "law":
            s, e = after.span("number")
            aliases.append(dataclasses.replace(candidate, start=s, end=e, priority=3))
    return aliases


# "the new urbanization implementation plan during the 14th Five-Year Plan period (2021-25)":
# the Five-Year Plan only dates the plan named before it.
_PLAN_BEFORE_FYP = re.compile(
    r"(?P<name>(?:[A-Za-z][\w-]*[ \t]+){0,6}?(?:plan|programme|program|outline|strategy))"
    r"[ \t]+(?:during|for|in|of)[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_NAME_STOP = re.compile(
    r"^(?:the|a|an|this|that|its|their|our|approved|approves|issued|issues|released|releases|"
    r"published|on|by|with|to|and|of|in|for|said|has|have|will|is|was)$",
    re.IGNORECASE,
)
_PERIOD_TAIL = re.compile(
    r"(?:[ \t]+period)?(?:[ \t]*\((?:19|20)\d\d[ \t]*[-–—][ \t]*(?:(?:19|20)?\d\d)\))?"
)


def _plan_during_five_year_plan(
    text: str, limit_start: int, fyp_start: int, fyp_end: int, limit_end: int
) -> tuple[int, int] | None:
    line_start = max(limit_start, text.rfind("\n", 0, fyp_start) + 1, fyp_start - 160)
    before = _PLAN_BEFORE_FYP.search(text, line_start, fyp_start)
    if not before:
        return None
    words = list(re.finditer(r"[A-Za-z][\w-]*", before.group("name")))
    first = len(words) - 1
    while first > 0 and not _NAME_STOP.match(words[first - 1].group()):
        first -= 1
    if len(words) - first < 2:  # a bare "plan during the ..." names nothing
        return None
    start = before.start("name") + words[first].start()
    tail = _PERIOD_TAIL.match(text, fyp_end, limit_end)
    return start, tail.end() if tail else fyp_end


# "Notice of X and Y on Issuing the Z Plan": the notice's makers come before "on Issuing", the
# policy it issues after; a run of capitalised words through both is neither.
ISSUING = re.compile(
    r"\b(?:on|about|regarding|for)\s+(?:Issuing|Printing\s+and\s+(?:Distributing|Issuing)|"
    r"Releasing|Publishing|Forwarding|Promulgating|Distributing)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "the X Outline and the Y Law": two titles, split where a title's head noun meets "and"; also
# "the X Strategy for Germany and the Y Act" (a head noun before, another after the joint).
# The year, period or version written after a title's head: "Plan 2022-27", "Act, 2006",
# "Bangladesh Delta Plan 2100", "Blueprint 2.0".
_PERIOD_AFTER_HEAD = (
    r"(?:(?:[ \t]+of|,)?[ \t]+(?:(?:19|20)\d\d|2100)"
    r"(?:(?:\s*[-–—]\s*|\s+to\s+)(?:(?:19|20)\d\d|\d\d))?|[ \t]+\d{1,2}\.\d{1,2})"
)
_TITLE_JOINT = re.compile(
    # a head noun, perhaps with its year, period or version ("Plan 2022-27 and the ...")
    rf"\b(?:{_HEAD_NOUNS}|Regulation)(?:[ \t]\([A-Z][^()\n]{{2,60}}\))?{_PERIOD_AFTER_HEAD}?"
    rf"(?P<joint>\s+and\s+(?:the\s+)?)(?=[A-Z]|\d{{1,2}}(?:st|nd|rd|th)\s)|"
    rf"\b{_HEAD_NOUNS}[ \t]+(?:for|of|on|in)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*"
    rf"(?:[ \t]+[A-Z][\w'’-]*){{0,5}}"
    rf"(?P<joint2>\s+and\s+(?:the\s+)?)(?=(?:[A-Z][\w'’-]*[ \t]+){{0,5}}{_HEAD_NOUNS}\b)"
)


# The body a head-first title belongs to, after it: "the Agreement on Technical Barriers to Trade
# of the World Trade Organization" is the agreement's title and its owner.
_OWNER_TAIL = re.compile(
    r"[ \t]+of[ \t]+the[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,5}"
    r"(?:Organi[sz]ation|Union|Commission|Council|Nations|Community|Bank|Agency|Ministry)$"
)


def _without_owner(text: str, start: int, end: int) -> int:
    """The end of a title without the body it belongs to (``_OWNER_TAIL``)."""
    owner = _OWNER_TAIL.search(text, start, end)
    return owner.start() if owner else end


# "... and the Directive on Z": another title that puts its head first
_HEAD_FIRST_JOINT = re.compile(
    rf"(?P<joint3>\s+and\s+(?:the\s+)?)"
    rf"(?=(?:{_W}[ \t]+){{0,3}}{_FIRST_HEAD}[ \t]+(?:on|for)[ \t]+[A-Z])"
)


def _title_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The titles inside one run of capitalised words (usually just the run itself)."""
    issuings = list(ISSUING.finditer(text, start, end))
    if issuings:
        start = issuings[-1].end()
    pieces: list[tuple[int, int]] = []
    joints = sorted(
        [
            *_TITLE_JOINT.finditer(text, start, end),
            *_AND_THE.finditer(text, start, end),
            # the lookahead must see past the run's end ("and the Directive| on X"), by a few
            # words only: scanning to the end of the text made long documents quadratic
            *(
                j
                for j in _HEAD_FIRST_JOINT.finditer(text, start, min(len(text), end + 200))
                if j.start() < end
            ),
        ],
        key=lambda j: j.start(),
    )
    # the strength of the joint before each later piece: 0 a plain "and", 1 "and the", 2 a
    # title that puts its head first (never undone)
    strengths: list[int] = []
    for joint in joints:
        if joint.start() < start:
            continue
        group = next(g for g in ("joint", "joint2", "joint3", "joint4") if joint.groupdict().get(g))
        pieces.append((start, joint.start(group)))
        joined = text[joint.start(group) : joint.end(group)]
        strengths.append(2 if group == "joint3" else int(bool(re.search(r"\bthe\s*$", joined))))
        start = joint.end(group)
    pieces.append((start, end))
    pieces = _without_false_joints(text, pieces, strengths)
    # "... Regulations and Specifications (Al Sa'fat)": a name in brackets after the title is
    # another name of it, not a word of it
    pieces = [(s, _before_bracketed_name(text, s, e)) for s, e in pieces]
    return [(s, e) for s, e in pieces if e - s >= 4]


_BRACKETED_NAME_END = re.compile(r"[ \t]+\((?!(?:19|20)\d\d\b)[A-Z][^()\n]{1,40}\)$")


def _before_bracketed_name(text: str, start: int, end: int) -> int:
    bracket = _BRACKETED_NAME_END.search(text, start, end)
    if bracket and _stands_alone(text, start, bracket.start()):
        return bracket.start()
    return end


def _without_false_joints(
    text: str, pieces: list[tuple[int, int]], strengths: list[int]
) -> list[tuple[int, int]]:
    """Undo the joints that split one title: "Environmental Goals and Climate Change Reduction
    Act", "Green Building Regulations and Specifications (Al Sa'fat)". A plain "and" next to a
    piece too short to be a title on its own is a word of the title; "and the" is, when what
    follows has no head of its own ("the Law on Spatial Planning and the Environment"). Plain
    joints are undone first, so that a short piece joins the title its plain "and" binds it to.
    """
    for strength in (0, 1):
        merged, kept = [pieces[0]], []
        for (s, e), before in zip(pieces[1:], strengths, strict=True):
            if before != strength:
                undo = False
            elif strength == 0:
                undo = not _stands_alone(text, *merged[-1]) or not (
                    _stands_alone(text, s, e) or _STARTS_WITH_HEAD.match(text, s, e)
                )
            else:
                undo = not _ENDS_IN_HEAD.search(text, s, e)
            if undo:
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
                kept.append(before)
        pieces, strengths = merged, kept
    return pieces


# "... and the Dubai 2040 Urban Master Plan": "and the" before a capital starts another title
# unless one side is too short to be one (``_stands_alone``)
_AND_THE = re.compile(r"(?P<joint4>\s+and\s+the\s+)(?=[A-Z])")


_ENDS_IN_HEAD = re.compile(
    rf"\b(?:{_HEAD_NOUNS}|Regulation){_POLITY}?(?:{_PERIOD_AFTER_HEAD}"
    # or its period in brackets: "Basic Plan (2026-2030)"
    rf"|\s*\(\s*(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d\s*\))?$"
)
# "... Act and Directive 2007/60/EC on ...": a piece that starts with a head starts a title
_STARTS_WITH_HEAD = re.compile(rf"(?:{_FIRST_HEAD}|{_HEAD_NOUNS})\b")
_NAMED_ACT_END = re.compile(
    r"\b(?:Act|Law|Code|Statute|Declaration|Convention|Charter|Accord|Ordinance)"
    r"(?:(?:[ \t]+of|,)?[ \t]+(?:19|20)\d\d|[ \t]\((?:19|20)\d\d:\d{1,4}\))?$"
)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has the words to be a title by itself: three capitalised
    words, or two ending in a named act's head ("Privacy Act", "Cybersecurity Act 2018")."""
    words = text[start:end].split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 3 or (capitals == 2 and _NAMED_ACT_END.search(text, start, end) is not None)


def _known_candidate(
    gazetteer: PolicyGazetteer, start: int, end: int, key: str, priority: int
) -> PolicyCandidate:
    policy = gazetteer.by_key[key]
    return PolicyCandidate(start, end, policy.title, policy.key, policy.type, priority)


def _gazetteer_candidate(gazetteer: PolicyGazetteer, match: GazetteerMatch) -> PolicyCandidate:
    return _known_candidate(gazetteer, match.start, match.end, match.key, 5)


def _resolve_overlaps(found: list[PolicyCandidate]) -> list[PolicyCandidate]:
    chosen: list[PolicyCandidate] = []
    for candidate in sorted(found, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
