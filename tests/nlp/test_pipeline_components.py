"""Each pipeline component on short hand-made texts (no spaCy model needed)."""

from __future__ import annotations

import pytest

from nlp.chrome import find_content_bounds
from nlp.clauses import find_clauses
from nlp.dates import find_dates
from nlp.numerals import chinese_to_int, roman_to_int
from nlp.pipeline import COMPONENTS
from nlp.policy_titles import find_policy_refs
from nlp.requirements import detect_requirements, find_topics
from nlp.spans import Context


def run(text: str, *, until: str | None = None, spacy: bool = False) -> Context:
    """Run the components over ``text`` (requirements without spaCy unless asked)."""
    ctx = Context(text=text)
    ctx.document.content_end = len(text)
    for component in COMPONENTS:
        name = component.name
        if name == "requirements":
            detect_requirements(ctx, use_spacy=spacy)
        else:
            component(ctx)
        if name == until:
            break
    return ctx


# ---------------------------------------------------------------- numerals and dates
@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十二", 12),
        ("一百五十", 150),
        ("二〇二七", 2027),
        ("四十五", 45),
        ("3万", 30000),
        ("五", 5),
    ],
)
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert chinese_to_int(numeral) == value


def test_roman_numerals() -> None:
    assert roman_to_int("XIV") == 14
    assert roman_to_int("IIII") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("September 14, 2023", "2023-09-14"),
        ("on 14 September 2023.", "2023-09-14"),
        ("Brussels, 2.2.2022", "2022-02-02"),
        ("2023年9月14日", "2023-09-14"),
        ("二〇二三年九月十四日", "2023-09-14"),
        ("2022-11-03 09:16", "2022-11-03"),
    ],
)
def test_dates_are_normalized(text: str, iso: str) -> None:
    assert [d.iso for d in find_dates(text)] == [iso]


# ---------------------------------------------------------------- chrome
def test_navigation_and_footer_are_outside_the_content() -> None:
    text = (
        "Home\nLog in\nSign up\nLatest News\n\nNotice on the Urban Plan\n"
        "The Ministry of Finance shall develop standards for smart parks.\n"
        "Like(0)\nFacebook\nTwitter\n©2023 Example Inc. All rights reserved.\n"
    )
    start, end = find_content_bounds(text)
    assert text[start:end].startswith("Notice on the Urban Plan")
    assert text[start:end].endswith("smart parks.")


def test_text_without_chrome_is_all_content() -> None:
    text = "Urban Plan\nDevelop standards for fire safety.\n"
    assert find_content_bounds(text) == (0, len(text.rstrip()))


def test_nothing_is_extracted_from_chrome() -> None:
    text = (
        "Home\nAbout Us\nContact Us\nLog in\n\nA plan on cities.\n"
        "Develop standards for smart parks in all districts of the city.\n"
        "Share\nFacebook\nCopyright Ministry of Finance 2023\n"
    )
    ctx = run(text)
    assert all(m.key != "mof" for m in ctx.organizations)


# ---------------------------------------------------------------- clauses
def test_english_outline_levels_and_parents() -> None:
    text = (
        "Preamble text.\n1. General requirements\nBy 2027 things.\n2. Main tasks\n"
        "(1) Accelerate the development of standards in the field of smart cities. More.\n"
        "(2) Improve standards. Body.\n3. Safeguards\n(3) Strengthen leadership.\n"
    )
    clauses = find_clauses(text, 0, len(text))
    by_number = {c.number: c for c in clauses}
    assert [c.level for c in clauses] == [1, 1, 2, 2, 1, 2]
    assert (
        by_number["1"].heading
        == "Accelerate the development of standards in the field of smart cities."
    )
    assert by_number["1"].parent == by_number["2"].parent == clauses[1].id
    assert by_number["3"].parent == clauses[4].id
    for clause in clauses:
        assert text[clause.start : clause.end] == clause.surface
    assert len({c.id for c in clauses}) == len(clauses)


def test_chinese_chapters_and_articles() -> None:
    text = (
        "## 第一章 总则\n第一条 为了加强标准化工作，制定本法。\n第二条 本法所称标准。\n"
        "## 第二章 标准的制定\n第十条 国家标准。\n"
    )
    clauses = find_clauses(text, 0, len(text))
    assert [(c.id, c.level) for c in clauses] == [
        ("ch1", 1),
        ("ch1.art1", 2),
        ("ch1.art2", 2),
        ("ch2", 1),
        ("ch2.art10", 2),
    ]
    assert clauses[1].heading.startswith("为了加强标准化工作")


def test_chinese_items_and_roman_parts() -> None:
    text = "一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、主要任务\nI. General\nII. Tasks\n"
    clauses = find_clauses(text, 0, len(text))
    assert [c.number for c in clauses][:4] == ["一", "一", "二", "二"]
    assert clauses[1].parent == clauses[0].id and clauses[3].level == 1
    assert any(c.number == "II" for c in clauses)


def test_markdown_headings_and_articles() -> None:
    text = "# Regulation\n## Article 1\nSubject matter.\n## Article 2\nDefinitions.\n"
    clauses = find_clauses(text, 0, len(text))
    assert [c.id for c in clauses] == ["h1", "h1.art1", "h1.art2"]


def test_items_are_filed_under_their_innermost_clause() -> None:
    ctx = run(
        "1. Tasks\n(1) Develop standards for fire safety.\n(2) Improve standards for city brain.\n"
    )
    by_topic = {r.topic: r.clause for r in ctx.requirements}
    assert by_topic["fire safety"] == "1.1"
    assert by_topic["city brain"] == "1.2"


# ---------------------------------------------------------------- organizations
def test_three_names_of_sac_resolve_to_one_key() -> None:
    text = (
        "The National Standards Commission met. The National Standardization Administration "
        "Committee spoke. The National Standardization Administration Commission wrote."
    )
    ctx = run(text)
    assert [m.key for m in ctx.organizations] == ["sac", "sac", "sac"]
    assert {m.canonical for m in ctx.organizations} == {"Standardization Administration of China"}


def test_signature_block_resolves_bare_portfolios_as_issuers() -> None:
    text = (
        "Notice on issuing the Urban Plan\nIt is now issued to you.\n"
        "  National Standardization Administration Committee\n  Civil affairs\n"
        "  Department of Emergency Management\n  September 14, 2023\n"
        "1. Tasks\nThe civil affairs department (bureau) shall cooperate.\n"
    )
    ctx = run(text)
    issuers = [m for m in ctx.organizations if m.role == "issuer"]
    assert [m.key for m in issuers] == ["sac", "mca", "mem"]
    assert ctx.document.issuers == ["sac", "mca", "mem"]
    assert ctx.document.date == "2023-09-14"
    # outside the block, "civil affairs department" is a generic local body, not the ministry
    assert all(m.key != "mca" or m.role == "issuer" for m in ctx.organizations)


def test_fuzzy_matching_accepts_typos_but_not_other_ministries() -> None:
    ctx = run("The Ministry of Emergency Managment and the Ministry of Water Resources met.")
    assert [m.key for m in ctx.organizations] == ["mem", "mwr"]
    ctx = run("The Ministry of Justice and the Ministry of Public Safety met.")
    assert "mof" not in {m.key for m in ctx.organizations}
    assert "mps" not in {m.key for m in ctx.organizations}


def test_assigned_roles() -> None:
    text = (
        "1. Safeguards\n(1) The Ministry of Finance and other departments shall provide funds. "
        "(Responsible units: Ministry of Transport, Ministry of Commerce)\n"
        "(2) Cooperate with the Ministry of Education on schools.\n"
    )
    ctx = run(text)
    roles = {m.key: m.role for m in ctx.organizations}
    assert roles == {"mof": "assigned", "mot": "assigned", "mofcom": "assigned", "moe": "mentioned"}


def test_chinese_aliases() -> None:
    ctx = run("第五条 国务院标准化行政主管部门统一管理全国标准化工作。工业和信息化部负责。")
    assert [m.key for m in ctx.organizations] == ["sac", "miit"]
    assert {m.role for m in ctx.organizations} == {"assigned"}


def test_abbreviations_are_case_sensitive_and_not_part_of_identifiers() -> None:
    ctx = run("Source:mee\nThe ISO TC 268 committee and ISO published guidance. See 94/9/EC.")
    assert [m.surface for m in ctx.organizations] == ["ISO"]


# ---------------------------------------------------------------- policy references
def test_outline_titles_resolve_to_one_key() -> None:
    refs = find_policy_refs(
        "implement the National Standardization Development Program and the National "
        "Standardization Development Outline",
        0,
        200,
    )
    assert {r.key for r in refs} == {"cn-national-standardization-development-outline-2021"}
    assert len(refs) == 2 and {r.type for r in refs} == {"outline"}


@pytest.mark.parametrize(
    ("text", "canonical", "kind"),
    [
        (
            "under Regulation (EU) No 1025/2012 the",
            "Regulation (EU) No 1025/2012 on European standardisation",
            "regulation",
        ),
        ("see Directive 98/34/EC of", "Directive 98/34/EC", "regulation"),
        ("and Decision No 1673/2006/EC", "Decision No 1673/2006/EC", "regulation"),
        (
            "during the 14th Five-Year Plan period",
            "14th Five-Year Plan for National Economic and Social Development",
            "plan",
        ),
        (
            "依据《中华人民共和国标准化法》制定",
            "Standardization Law of the People's Republic of China",
            "law",
        ),
        ("依据《城市更新条例》制定", "城市更新条例", "regulation"),
        (
            "the Riverton Smart Mobility Strategy sets",
            "Riverton Smart Mobility Strategy",
            "strategy",
        ),
    ],
)
def test_policy_reference_shapes(text: str, canonical: str, kind: str) -> None:
    refs = find_policy_refs(text, 0, len(text))
    assert [(r.canonical, r.type) for r in refs] == [(canonical, kind)]


def test_enumerated_directives_are_one_item_each() -> None:
    text = "amending Council Directives 89/686/EEC and 93/15/EEC and Directives 94/9/EC, 94/25/EC"
    refs = find_policy_refs(text, 0, len(text))
    assert [r.canonical for r in refs] == [
        "Directive 89/686/EEC",
        "Directive 93/15/EEC",
        "Directive 94/9/EC",
        "Directive 94/25/EC",
    ]


def test_generic_back_references_are_not_policies() -> None:
    text = "According to the Action Plan, the Plan and this Outline are good."
    assert find_policy_refs(text, 0, len(text)) == []


# ---------------------------------------------------------------- domains
def test_clause_inherits_the_domain_of_its_heading() -> None:
    text = (
        "1. Tasks\n(3) Accelerate the development of standards in the field of smart cities.\n"
        "Develop standards for city classification.\n(4) Strengthen fire safety work.\n"
    )
    ctx = run(text)
    item3 = next(c for c in ctx.clauses if c.number == "3")
    about = {(d.canonical, d.clause) for d in ctx.domains}
    assert ("smart-city", item3.id) in about
    assert any(d.canonical == "urban-safety" and d.score == 1.0 for d in ctx.domains)


# ---------------------------------------------------------------- requirements
def _topics(text: str) -> list[str]:
    return [text[t.start : t.end] for t in find_topics(text, 0, len(text))]


def test_enumerations_are_split() -> None:
    assert _topics("Develop standards for data governance, city brain and urban digital twin.") == [
        "data governance",
        "city brain",
        "urban digital twin",
    ]
    assert _topics(
        "Improve standards in areas such as smart parks, smart communities, and smart "
        "transportation."
    ) == ["smart parks", "smart communities", "smart transportation"]


def test_topic_ends_where_a_new_verb_phrase_starts() -> None:
    topics = _topics(
        "Develop key technical standards such as smart city classification and grading, "
        "city brain, and urban digital twin, improve standards for smart old age."
    )
    assert topics == [
        "smart city classification and grading",
        "city brain",
        "urban digital twin",
        "smart old age",
    ]


def test_prenominal_enumeration_and_goals() -> None:
    assert _topics(
        "focus on the development of service functions, digital operations, assessment "
        "and evaluation standards"
    ) == ["service functions", "digital operations", "assessment and evaluation"]
    assert _topics(
        "The standard system for high-quality urban development has been basically completed."
    ) == ["high-quality urban development"]


def test_heading_topic_and_action() -> None:
    ctx = run("(3) Accelerate the development of standards in the field of smart cities.\n")
    assert [(r.topic, r.action, r.domain) for r in ctx.requirements] == [
        ("smart cities", "develop", "smart-city")
    ]


def test_chinese_requirements() -> None:
    assert _topics("加快制定智慧社区、城市大脑和数字孪生标准。") == [
        "智慧社区",
        "城市大脑",
        "数字孪生",
    ]


def test_no_requirement_without_a_call_for_standards() -> None:
    assert _topics("Apply standards in daily work. Publicize standardization stories.") == []


# ---------------------------------------------------------------- targets
def test_target_with_comparator_unit_and_inherited_year() -> None:
    ctx = run(
        "1. Goals\nBy 2027, the system will be complete.\nMore than 150 national standards "
        "have been formulated. It has cooperated with more than 5 provinces.\n"
    )
    assert [(t.value, t.comparator, t.unit, t.year) for t in ctx.targets] == [
        (150.0, ">", "standards", 2027),
        (5.0, ">", "provinces", 2027),
    ]


def test_percent_rank_and_word_numbers() -> None:
    ctx = run(
        "By 2027, at least 80% of municipal services will be online and no fewer than "
        "twenty-five datasets. Be among the top three countries by 2030."
    )
    values = [(t.surface, t.value, t.comparator, t.year) for t in ctx.targets]
    assert ("at least 80% of municipal services", 80.0, ">=", 2027) in values
    assert ("top three countries", 3.0, "<=", 2030) in values


def test_past_facts_and_deadlines_alone_are_not_targets() -> None:
    ctx = run(
        "Over the last 30 years the system has delivered more than 3600 standards. "
        "By 2027 things will improve. ISO TC 268 has 69 members."
    )
    assert ctx.targets == []


def test_chinese_targets() -> None:
    ctx = run("到2027年，制定超过150项国家标准，在五个以上省份开展试点。")
    assert [(t.value, t.comparator, t.unit, t.year) for t in ctx.targets][:1] == [
        (150.0, ">", "项", 2027)
    ]


# ---------------------------------------------------------------- document metadata and issuers
def test_local_congress_with_session_number_is_the_issuer() -> None:
    text = (
        "# 济宁市智慧城市促进条例\n\n"
        "2016年12月27日 济宁市第十六届人民代表大会常务委员会第四十六次会议通过\n\n"
        "第一条 为了促进智慧城市建设，制定本条例。\n第二条 由县人民政府负责。\n"
    )
    ctx = run(text)
    assert ctx.document.title == "济宁市智慧城市促进条例"
    issuers = [m for m in ctx.organizations if m.role == "issuer"]
    assert [m.canonical for m in issuers] == ["济宁市人民代表大会常务委员会"]
    assert ctx.document.issuers == [issuers[0].key]  # issuers are keys (a hash for CJK names)
    assert ctx.document.date == "2016-12-27"
    assert all("县人民政府" not in m.surface for m in ctx.organizations)


def test_a_release_names_its_issuers_and_has_no_title_line() -> None:
    text = (
        "To implement the Outline, the Action Plan on Urban Standardization was recently "
        "released by Standardization Administration of China (SAC) together with five "
        "ministries including Ministry of Civil Affairs.\nMore text follows here.\n"
    )
    ctx = run(text)
    assert ctx.document.title is None
    assert set(ctx.document.issuers) == {"sac", "mca"}


def test_signature_date_beats_release_date_and_title_tails_are_dropped() -> None:
    text = (
        "Standards for Growth: a national action plan (HTML)\nRelease Date:\n2024-03-29 13:34\n"
        "Ministry of Commerce Ministry of Transport\nMarch 18, 2024\nBody text here.\n"
    )
    ctx = run(text)
    assert ctx.document.title == "Standards for Growth: a national action plan"
    assert ctx.document.date == "2024-03-18"
    assert ctx.document.issuers == ["mofcom", "mot"]


def test_fines_in_a_law_are_not_targets() -> None:
    ctx = run("第六十条 违反本法规定的，处五万元以上二十万元以下罚款。\n")
    assert ctx.targets == []


def test_eu_and_uk_phrasings_of_a_call_for_standards() -> None:
    assert _topics(
        "There is a need for standards on data interoperability, AI trustworthiness "
        "and digital twins."
    ) == ["data interoperability", "AI trustworthiness", "digital twins"]
    assert _topics(
        "The Commission will issue a standardisation request for harmonised standards on batteries."
    ) == ["batteries"]
    assert _topics("NIST will develop guidelines for smart city interoperability.") == [
        "smart city interoperability"
    ]


def test_traditional_chinese_requirements() -> None:
    assert _topics("加快制定智慧城市、數位孿生等國家標準。") == ["智慧城市", "數位孿生"]


def test_letter_i_after_h_is_a_letter() -> None:
    text = "Article 2\n(g) seven;\n(h) eight;\n(i) nine;\n(j) ten.\n"
    clauses = find_clauses(text, 0, len(text))
    assert [c.id for c in clauses] == ["art2", "art2.g", "art2.h", "art2.i", "art2.j"]
    text = "I. Aims\n(i) Guiding ideology.\n(ii) Principles.\n"
    assert [c.id for c in find_clauses(text, 0, len(text))] == ["1", "1.1", "1.2"]


def test_document_number_is_the_own_number_not_a_cited_one() -> None:
    ctx = run("Notice on issuing the plan\n国办发〔2015〕89号\nText.\n")
    assert ctx.document.number == "国办发〔2015〕89号"
    cited = (
        "各省人民政府："
        + "现将有关事项通知如下，请认真贯彻落实。" * 12
        + "为贯彻落实《国务院关于促进信息消费扩大内需的若干意见》（国发〔2013〕32号）有关要求。\n"
    )
    assert run(cited).document.number is None


def test_switching_numbering_mid_list_stays_a_sibling() -> None:
    text = "I. Principles\n(a) Guiding ideology.\n(II) Basic principles.\n(III) Objectives.\n"
    clauses = find_clauses(text, 0, len(text))
    assert [(c.number, c.level) for c in clauses] == [("I", 1), ("a", 2), ("II", 2), ("III", 2)]
    assert len({c.id for c in clauses}) == 4


# ------------------------------------------------------------ general rules (held-out weak spots)
def test_two_unknown_bodies_joined_by_and_the_are_two_mentions() -> None:
    ctx = run(
        "The Vell Regional Office of Bridges and the Vell Regional Bureau for Ports will act. "
        "The Ministry of Science and Technology agreed."
    )
    assert [m.surface for m in ctx.organizations] == [
        "Vell Regional Office of Bridges",
        "Vell Regional Bureau for Ports",
        "Ministry of Science and Technology",
    ]


def test_a_possessive_ends_a_known_or_unknown_name() -> None:
    ctx = run("Read the Central Committee of the CPC's Proposals and the UK government's view.")
    assert [(m.surface, m.key) for m in ctx.organizations] == [
        ("Central Committee of the CPC", "cpc-central-committee"),
        ("UK government", "uk-government"),
    ]
    ctx = run("We note the Harbour Board of Quell's Findings.")
    assert [m.surface for m in ctx.organizations] == ["Harbour Board of Quell"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("KATS", "kats"),
        ("Standards Council of Canada", "scc"),
        ("Standards Australia", "standards-australia"),
        ("UNDP", "undp"),
        ("HMG", "uk-government"),
        ("His Majesty's Government", "uk-government"),
        ("OPSS", "opss"),
        ("DCMS", "dcms"),
        ("OMB", "omb"),
        ("General Services Administration", "gsa"),
        ("oneM2M", "onem2m"),
        ("3GPP", "3gpp"),
        ("Open Geospatial Consortium", "ogc"),
        ("State Administration of Market Regulation", "samr"),
        ("Ministry of Housing and Urban and Rural Development", "mohurd"),
    ],
)
def test_gazetteer_knows_common_bodies(name: str, key: str) -> None:
    ctx = run(f"Comments were sent by {name} last year.")
    assert [m.key for m in ctx.organizations] == [key]


def test_a_baseline_year_is_neither_a_target_nor_its_deadline() -> None:
    ctx = run(
        "1. Goals\nThe town will lay more than 300 km of pipes by 2027, and will reduce water "
        "losses by 20% compared with 2018 levels by 2031."
    )
    assert [(t.value, t.year) for t in ctx.targets] == [(300.0, 2027), (20.0, 2031)]
    ctx = run("1. Goals\nEmissions will fall 30% relative to the 2015 baseline by 2035.")
    assert [(t.value, t.year) for t in ctx.targets] == [(30.0, 2035)]


def test_eu_acts_and_commission_documents_by_number() -> None:
    text = (
        "This follows Regulation (EU) No 411/2016 of the Parliament, Directive (EU) 2019/944, "
        "Decision No 12/2005/EC and the communication COM(2020) 77 final with SWD(2020) 78 final."
    )
    refs = find_policy_refs(text, 0, len(text))
    assert [(r.canonical, r.type) for r in refs] == [
        ("Regulation (EU) No 411/2016", "regulation"),
        ("Directive (EU) 2019/944", "regulation"),  # official names since 2015 have no "No"
        ("Decision No 12/2005/EC", "regulation"),
        ("COM(2020) 77 final", "other"),
        ("SWD(2020) 78 final", "other"),
    ]


def test_a_known_act_with_other_numbers_is_not_that_act() -> None:
    text = "Products follow Regulation (EU) No 1024/2013 on something else."
    refs = find_policy_refs(text, 0, len(text))
    assert [r.key for r in refs] != ["eu-regulation-1025-2012"]


def test_a_plan_dated_by_a_five_year_plan_is_one_reference() -> None:
    text = (
        "Rural roads modernisation plan during the 15th Five-Year Plan approved\n\n"
        "The State Council approved the rural roads modernisation plan during the 15th "
        "Five-Year Plan period (2026-30). It serves the 15th Five-Year Plan."
    )
    refs = find_policy_refs(text, 0, len(text))
    assert [text[r.start : r.end] for r in refs] == [
        "Rural roads modernisation plan during the 15th Five-Year Plan",
        "rural roads modernisation plan during the 15th Five-Year Plan period (2026-30)",
        "15th Five-Year Plan",
    ]
    assert refs[0].key == refs[1].key != refs[2].key


def test_a_notice_issuing_a_plan_is_not_a_reference_to_it() -> None:
    text = (
        "Notice of the Vell Office of Bridges and the Vell Bureau for Ports on Issuing the "
        "Bridge Safety Standardization Action Plan\n\nAll units:\n\nTo implement the National "
        "Bridge Network Planning Outline and the Standardization Law of the People's Republic "
        "of China, we have formulated the Bridge Safety Standardization Action Plan."
    )
    ctx = run(text, until="policy_refs")
    assert [(r.surface, r.key) for r in ctx.policy_refs] == [
        ("National Bridge Network Planning Outline", "national-bridge-network-planning-outline"),
        ("Standardization Law of the People's Republic of China", "cn-standardization-law"),
    ]


def test_last_item_joined_by_and_is_split_and_a_new_verb_ends_the_list() -> None:
    text = (
        "1. Roads\nDevelop standards for kerb and gutter design, bridge deck sensing and "
        "tunnel air monitoring, and revise standards on asphalt recycling data."
    )
    topics = [(text[t.start : t.end], t.action) for t in find_topics(text, 0, len(text))]
    assert topics == [
        ("kerb and gutter design", "develop"),
        ("bridge deck sensing", "develop"),
        ("tunnel air monitoring", "develop"),
        ("asphalt recycling data", "revise"),
    ]


def test_applying_existing_standards_is_not_a_call_for_standards() -> None:
    text = "Promote the application of existing national standards for kerb safety."
    assert find_topics(text, 0, len(text)) == []
    text = "Strengthen the implementation of road lighting standards."
    assert find_topics(text, 0, len(text)) == []


def test_definitions_and_tiers_of_standards_are_not_topics() -> None:
    text = "(4) ‘draft rule’ means a text of specifications concerning a given subject."
    assert find_topics(text, 0, len(text)) == []
    text = "The Agency shall develop county standards for heat pumps and road lighting."
    topics = [text[t.start : t.end] for t in find_topics(text, 0, len(text))]
    assert topics == ["heat pumps", "road lighting"]


def test_a_directorate_general_is_the_commission() -> None:
    ctx = run(
        "PLAN European Commission DG Internal Market, Industry and SMEs Standards for Growth "
        "INTRODUCTION The plan comes from DG CONNECT and the Directorate-General for Mobility "
        "and Transport."
    )
    assert [(m.surface, m.key) for m in ctx.organizations] == [
        ("European Commission", "european-commission"),
        ("DG Internal Market, Industry and SMEs", "european-commission"),
        ("DG CONNECT", "european-commission"),
        ("Directorate-General for Mobility and Transport", "european-commission"),
    ]


def test_bodies_joined_by_a_slash_are_each_found_but_committees_are_not_bodies() -> None:
    ctx = run("Members: IETF/IAB, W3C/ERCIM and UN/CEFACT; see ISO/TC 268 and ISO/IEC 27001.")
    assert [(m.surface, m.key) for m in ctx.organizations] == [
        ("IETF", "ietf"),
        ("IAB", "iab"),
        ("W3C", "w3c"),
        ("ERCIM", "ercim"),
        ("UN/CEFACT", "unece"),
    ]


def test_a_heading_with_several_fields_gives_each_topic_the_field_it_names() -> None:
    text = (
        "1. Actions\n(1) Develop standards for heat pumps, smart grids and EV charging.\n"
        "(2) Develop standards for street lighting.\n"
    )
    ctx = run(text)
    domains = {r.topic: r.domain for r in ctx.requirements}
    assert domains == {
        "heat pumps": "energy-resources",
        "smart grids": "energy-resources",
        "EV charging": "transport",
        "street lighting": "public-facilities",
    }


def test_a_translated_chinese_law_named_after_its_subject() -> None:
    text = (
        "It follows the Standardization Law of the People's Republic of China and the Law of "
        "the People's Republic of China on Harbour Safety and Pilotage, which apply."
    )
    refs = find_policy_refs(text, 0, len(text))
    assert [(text[r.start : r.end], r.type) for r in refs] == [
        ("Standardization Law of the People's Republic of China", "law"),
        ("Law of the People's Republic of China on Harbour Safety and Pilotage", "law"),
    ]


def test_evaluation_compares_an_unknown_issuer_slug_with_its_name() -> None:
    from evaluation.extraction import Gazetteers, _issuer

    gazetteers = Gazetteers([{"key": "sac", "name": "Standardization Administration of China"}], [])
    assert _issuer(gazetteers, "lakeside-county-council") == _issuer(
        gazetteers, "Lakeside County Council"
    )
    assert _issuer(gazetteers, "Standardization Administration of China") == _issuer(
        gazetteers, "sac"
    )
    assert _issuer(gazetteers, "lakeside-county-council") != _issuer(gazetteers, "sac")
