"""How much a search answer's *kind of deliverable* should count, beside what it is about.

Why: at 137k standards, a topic has its normative standards and, around them, the informative
documents of the same committees: technical reports, supplements, and (ETSI, ITU-T) test
suites and conformance statements for each protocol. All are near the query in words and in
vectors, but a drafter asking "which standards cover X" cites the normative text. Over the
judged top tens of the four older full-catalogue query sets, 14% of conformance-test
documents and 30-38% of reports were judged relevant, against 48% of all hits; a mild
discount on both moved hybrid nDCG@10 up on each of the four sets
(``docs/benchmarks/search-fullscale.md``, round 15).

It is a discount, not a filter: a report that is the best match on both rankings still comes
first, and a query that asks about testing ("conformance test of ...") keeps test documents
at full weight.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Test documents: conformance test specifications, test suites, PICS proformas, interoperability
# test descriptions. Read from the title: no reference scheme marks them.
_TEST_DOCUMENT = re.compile(
    r"(?i)\bconformance\b|\btest suites?\b|\bPICS\b|\babstract test\b|\btest specification"
    r"|\binteroperability test|\bprotocol implementation conformance"
)
# A query about testing wants test documents.
_ASKS_FOR_TESTS = re.compile(r"(?i)\bconforman|\btest")
# Informative reports: ISO/IEC technical reports, ETSI technical, special and group reports,
# ITU-T supplements. Read from the reference.
_REPORT = re.compile(r"(?:^|/|\s)(?:TR|SR|GR)\s|\bSuppl\.")


@dataclass(frozen=True)
class DeliverablePrior:
    """Multipliers of a fused score (1.0 = no change)."""

    test_document: float = 0.7
    report: float = 0.9

    def _discounts(
        self, reference: str | None, title: str | None, query: str
    ) -> list[tuple[str, float]]:
        """Each kind the standard is discounted as, with its multiplier."""
        found: list[tuple[str, float]] = []
        if title and _TEST_DOCUMENT.search(title) and not _ASKS_FOR_TESTS.search(query):
            found.append(("a test document", self.test_document))
        if reference and _REPORT.search(reference):
            found.append(("an informative report", self.report))
        return found

    def factor(self, reference: str | None, title: str | None, query: str) -> float:
        """The multiplier for one standard found for ``query``."""
        return math.prod(multiplier for _, multiplier in self._discounts(reference, title, query))

    def label(self, reference: str | None, title: str | None, query: str) -> str | None:
        """What the ``why`` of a hit says about its discount (None without one)."""
        discounts = self._discounts(reference, title, query)
        if not discounts:
            return None
        kinds = " and ".join(kind for kind, _ in discounts)
        return f"{kinds} (x{math.prod(m for _, m in discounts):.2f})"


DEFAULT_PRIOR = DeliverablePrior()
NO_PRIOR = DeliverablePrior(test_document=1.0, report=1.0)
