"""Hand-built policy texts and their Extraction-shaped dicts, for the policy graph tests.

Why by hand: the graph tests must pin exactly what is written (which clause a mention sits in,
which standard it names), independent of the NLP pipeline's accuracy. Spans are computed from
the text, so ``text[start:end] == surface`` holds by construction.
"""

from __future__ import annotations

from typing import Any

EXTRACTOR = "test-extractor-1"

PLAN_TEXT = """Smart City Standardization Plan
Issued by the Standardization Administration of China.

1. General requirements
By 2027, more than 150 national standards shall be formulated.

2. Key tasks
(1) Develop standards for smart parking. The Ministry of Industry and Information Technology \
shall lead this work, applying ISO 37120:2018 and ISO 37122 and ISO 99999.
(2) Improve standards for the city brain, in line with the National Standardization \
Development Outline.
"""

OUTLINE_TEXT = """National Standardization Development Outline
Issued by the Standardization Administration of China.

1. Goals
Promote the application of ISO 37120:2018 in cities.
"""


def span(text: str, surface: str, nth: int = 0) -> dict[str, Any]:
    """``{surface, start, end}`` of the ``nth`` occurrence of ``surface`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"surface": surface, "start": start, "end": start + len(surface)}


def clause(
    text: str,
    clause_id: str,
    heading: str,
    number: str,
    level: int,
    parent: str | None,
    body_end: str | None = None,
) -> dict[str, Any]:
    """A clause whose span runs from its heading to the start of ``body_end`` (or the end)."""
    start = text.index(heading)
    end = text.index(body_end, start) if body_end else len(text)
    return {
        "id": clause_id,
        "number": number,
        "heading": heading,
        "level": level,
        "parent": parent,
        "start": start,
        "end": end,
        "surface": text[start:end],
    }


def plan_extraction(text: str = PLAN_TEXT, doc_id: str = "smart-city-plan") -> dict[str, Any]:
    """The extraction of :data:`PLAN_TEXT` (or a variant that keeps its anchors)."""
    clauses = [
        clause(text, "1", "1. General requirements", "1", 1, None, "2. Key tasks"),
        clause(text, "2", "2. Key tasks", "2", 1, None, "(1) Develop"),
        clause(text, "2.1", "(1) ", "(1)", 2, "2", "(2) "),
        clause(text, "2.2", "(2) ", "(2)", 2, "2"),
    ]
    for item in clauses:  # the pipeline's clause surface is the heading line
        item["surface"] = text[item["start"] : text.index("\n", item["start"])]
        item["end"] = item["start"] + len(item["surface"])
    sac = "Standardization Administration of China"
    miit = "Ministry of Industry and Information Technology"
    outline = "National Standardization Development Outline"
    requirements = [
        {
            **span(text, "Develop standards for smart parking"),
            "topic": "smart parking",
            "action": "develop",
            "clause": "2.1",
            "domain": "smart-city",
        },
    ]
    if "city brain" in text:
        requirements.append(
            {
                **span(text, "Improve standards for the city brain"),
                "topic": "city brain",
                "action": "improve",
                "clause": "2.2",
                "domain": "smart-city",
            }
        )
    return {
        "document": {
            "id": doc_id,
            "title": "Smart City Standardization Plan",
            "issuers": ["sac"],
            "date": "2023-09-14",
            "number": None,
            "language": "en",
            "content_start": 0,
            "content_end": len(text),
            "checksum": "ignored",
        },
        "clauses": clauses,
        "standards": [
            {
                **span(text, ref),
                "canonical": ref,
                "work": ref.split(":")[0],
                "publisher": "ISO",
                "clause": "2.1",
            }
            for ref in ("ISO 37120:2018", "ISO 37122", "ISO 99999")
            if ref in text
        ],
        "organizations": [
            {
                **span(text, sac),
                "canonical": sac,
                "key": "sac",
                "kind": "agency",
                "role": "issuer",
                "clause": None,
            },
            {
                **span(text, miit),
                "canonical": miit,
                "key": "miit",
                "kind": "ministry",
                "role": "assigned",
                "clause": "2.1",
            },
        ],
        "policy_refs": [
            {
                **span(text, outline),
                "canonical": outline,
                "key": "cn-national-standardization-development-outline-2021",
                "type": "outline",
                "clause": "2.2",
            },
        ]
        if outline in text
        else [],
        "domains": [
            {
                **span(text, "smart parking"),
                "canonical": "smart-city",
                "clause": "2.1",
                "score": 0.9,
            },
        ],
        "requirements": requirements,
        "targets": [
            {
                **span(text, "more than 150 national standards"),
                "value": 150,
                "comparator": ">",
                "unit": "national standards",
                "year": 2027,
                "clause": "1",
            },
        ],
    }


def outline_extraction(doc_id: str = "outline-en") -> dict[str, Any]:
    """The extraction of :data:`OUTLINE_TEXT`, a document that IS a known policy."""
    text = OUTLINE_TEXT
    goals = clause(text, "1", "1. Goals", "1", 1, None)
    goals["surface"] = "1. Goals"
    goals["end"] = goals["start"] + len("1. Goals")
    return {
        "document": {
            "id": doc_id,
            "title": "National Standardization Development Outline",
            "issuers": ["sac"],
            "date": "2021-10-10",
            "number": None,
            "language": "en",
            "content_start": 0,
            "content_end": len(text),
            "checksum": "ignored",
        },
        "clauses": [goals],
        "standards": [
            {
                **span(text, "ISO 37120:2018"),
                "canonical": "ISO 37120:2018",
                "work": "ISO 37120",
                "publisher": "ISO",
                "clause": "1",
            },
        ],
        "organizations": [
            {
                **span(text, "Standardization Administration of China"),
                "canonical": "Standardization Administration of China",
                "key": "sac",
                "kind": "agency",
                "role": "issuer",
                "clause": None,
            },
        ],
        "policy_refs": [
            # the title names the document itself: not a citation
            {
                **span(text, "National Standardization Development Outline"),
                "canonical": "National Standardization Development Outline",
                "key": "cn-national-standardization-development-outline-2021",
                "type": "outline",
                "clause": None,
            },
        ],
        "domains": [],
        "requirements": [],
        "targets": [],
    }
