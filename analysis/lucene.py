"""Turning user text into a safe Lucene query for Neo4j's full-text indexes.

Why not pass the text through: ``db.index.fulltext.queryNodes`` parses its argument with
Lucene's classic query parser, so a user typing ``"smart city`` (unbalanced quote), ``iso:*``,
``a AND`` or ``[x TO`` gets a parse error (a 500 if unhandled), and field names or wildcards let
a query do far more work than intended. We never hand user syntax to the parser: we keep only
the words, escape whatever the parser could still read as syntax, and build the query ourselves.
"""

from __future__ import annotations

import re

# Every character the classic query parser gives a meaning to (``&&``/``||`` are covered by
# ``&`` and ``|``). Escaping each with a backslash makes it a literal.
LUCENE_SPECIAL_CHARACTERS = frozenset('+-&|!(){}[]^"~*?:\\/')

# Upper-case words the parser reads as boolean operators. Lower-casing them is enough: the
# analyzer lower-cases terms anyway, and the parser only treats the upper-case spelling as an
# operator.
LUCENE_OPERATOR_WORDS = frozenset({"AND", "OR", "NOT", "TO"})

# A term is a run of letters/digits, possibly joined by dots (``Y.4903``) or hyphens
# (``e-government``): the shapes standard numbers and words take.
_TERM = re.compile(r"\w+(?:[.\-]\w+)*", re.UNICODE)

# Lucene's default limit is 1024 clauses per boolean query; a query is a few words, so a much
# lower cap keeps a pasted paragraph cheap without losing anything a person would type.
MAX_QUERY_TERMS = 64


def escape_lucene(text: str) -> str:
    """Backslash-escape every character the Lucene query parser treats as syntax."""
    return "".join(f"\\{char}" if char in LUCENE_SPECIAL_CHARACTERS else char for char in text)


def query_terms(text: str) -> list[str]:
    """The words of ``text`` as the full-text query will use them (operators neutralized,
    at most ``MAX_QUERY_TERMS``, duplicates dropped, order kept)."""
    seen: set[str] = set()
    terms: list[str] = []
    for match in _TERM.finditer(text):
        term = match.group(0).strip("_")
        if not term:
            continue
        if term in LUCENE_OPERATOR_WORDS:
            term = term.lower()
        folded = term.lower()
        if folded in seen:
            continue
        seen.add(folded)
        terms.append(term)
        if len(terms) >= MAX_QUERY_TERMS:
            break
    return terms


# Words of a question that say what is asked, not what about: "which standards cover X" is
# a question about X, and "standard" occurs in nearly every abstract.
QUESTION_WORDS = frozenset(
    [
        "which",
        "what",
        "how",
        "where",
        "who",
        "does",
        "do",
        "should",
        "can",
        "could",
        "are",
        "is",
        "there",
        "any",
        "exist",
        "exists",
        "standard",
        "standards",
        "standardization",
        "standardisation",
        "cover",
        "covers",
        "covering",
        "help",
        "helps",
        "tell",
        "tells",
        "give",
        "gives",
        "apply",
        "applies",
        "describe",
        "describes",
    ]
)


def topic_terms(text: str) -> list[str]:
    """``query_terms`` without the words of the question itself (falls back to all terms
    when nothing else is left)."""
    terms = query_terms(text)
    kept = [term for term in terms if term.lower() not in QUESTION_WORDS]
    return kept or terms


def build_fulltext_query(
    text: str,
    *,
    phrase_boost: float | None = 2.0,
    field_boosts: dict[str, float] | None = None,
    drop_question_words: bool = False,
) -> str | None:
    """A Lucene query that matches any of the words of ``text`` (OR), ranked by BM25, with the
    whole phrase boosted when there are several words (so "smart city" ranks documents with the
    words together above those with only "city").

    Returns ``None`` when the text has no words at all: the caller then skips the full-text
    ranking rather than sending an empty query (a parse error in Lucene).
    """
    terms = topic_terms(text) if drop_question_words else query_terms(text)
    if not terms:
        return None
    escaped = [escape_lucene(term) for term in terms]
    query = " ".join(escaped)
    if phrase_boost and len(escaped) > 1:
        phrase = " ".join(escaped)
        query = f'{query} "{phrase}"^{phrase_boost:g}'
    for field, boost in (field_boosts or {}).items():
        # the same words again within one field (e.g. the title), so a match there counts more
        query = f"{query} {field}:({' '.join(escaped)})^{boost:g}"
    return query
