"""CSV and Markdown renderings of gap and overlap reports.

Why these forms: a committee pastes the gap table into its own roadmap (the ANSI
standardization-roadmap style: topic, domain, status, candidate standards, who is responsible),
and opens the CSV in a spreadsheet. CSV goes through the ``csv`` module so commas, quotes and
newlines inside titles are quoted, never split; Markdown cells are escaped so a ``|`` in a
title cannot break the table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from analysis.models import GapReport, OverlapKind, OverlapReport, RequirementGap

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
MARKDOWN_MEDIA_TYPE = "text/markdown; charset=utf-8"

GAP_CSV_COLUMNS = (
    "document",
    "requirement",
    "topic",
    "domain",
    "status",
    "covered",
    "best_score",
    "candidate_1",
    "score_1",
    "candidate_2",
    "score_2",
    "candidate_3",
    "score_3",
    "departments",
    "clause",
    "start",
    "end",
    "departments_source",
    "committees",
    "probability",
    "reason",
    "clauses",
)
GAP_TABLE_HEADER = (
    "Topic",
    "Domain",
    "Status",
    "Best candidates (score)",
    "Responsible departments",
    "Closest committees",
    "Why",
)
STATUS_MARK = {"covered": "covered", "partial": "partial", "gap": "**gap**"}


def _csv(rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.split())


def _md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows)
    return lines


def candidates_text(requirement: RequirementGap) -> str:
    return "; ".join(f"{m.ref} ({m.score:.3f})" for m in requirement.matches)


def committees_text(requirement: RequirementGap) -> str:
    return "; ".join(c.ref + (f" ({c.title})" if c.title else "") for c in requirement.committees)


def clauses_text(requirement: RequirementGap) -> str:
    return "; ".join(
        f"{o.clause or ''}@{o.start}-{o.end}" if o.start is not None else (o.clause or "")
        for o in requirement.occurrences
    )


def _department_text(requirement: RequirementGap, report: GapReport) -> str:
    if requirement.departments:
        text = ", ".join(requirement.departments)
        if requirement.departments_source.value == "all-issuers":
            text += " (all issuers: no remit matched)"
        return text
    for domain in report.domains:
        if domain.domain == requirement.domain:
            return ", ".join(domain.departments)
    return ""


def gap_report_csv(report: GapReport) -> str:
    rows: list[Sequence[object]] = [GAP_CSV_COLUMNS]
    for r in report.requirements:
        cells: list[object] = [
            r.document,
            r.id,
            r.topic,
            r.domain,
            r.status.value,
            "yes" if r.covered else "no",
            "" if r.best_score is None else f"{r.best_score:.4f}",
        ]
        for index in range(3):
            if index < len(r.matches):
                cells += [r.matches[index].ref, f"{r.matches[index].score:.4f}"]
            else:
                cells += ["", ""]
        cells += [_department_text(r, report), r.clause or "", r.start, r.end]
        cells += [
            r.departments_source.value,
            "; ".join(c.ref for c in r.committees),
            "" if r.probability is None else f"{r.probability:.4f}",
            r.reason,
            clauses_text(r),
        ]
        rows.append(cells)
    return _csv(rows)


def gap_report_markdown(report: GapReport) -> str:
    scope = "all documents" if report.document == "all" else f"`{report.document}`"
    lines = [f"# Standardization gap analysis: {scope}", ""]
    if report.domain:
        lines += [f"Domain: `{report.domain}`", ""]
    t = report.thresholds
    total = len(report.requirements)
    covered = sum(1 for r in report.requirements if r.covered)
    partial = sum(1 for r in report.requirements if r.status.value == "partial")
    lines += [
        f"{total} requirements: {covered} covered, {partial} partial, "
        f"{total - covered - partial} gaps. A requirement is *covered* when the estimated "
        f"probability that a current standard addresses it is >= {t.covered:.2f}, *partial* "
        f"from {t.partial:.2f} ({t.calibration}).",
        "",
        "## Coverage by domain",
        "",
    ]
    lines += _md_table(
        (
            "Domain",
            "Requirements",
            "Covered",
            "Partial",
            "Coverage",
            "Current standards in domain",
            "Responsible departments",
        ),
        (
            (
                d.name or d.domain,
                d.requirements,
                d.covered,
                d.partial,
                f"{d.coverage:.0%}",
                d.standards_in_domain,
                ", ".join(d.departments),
            )
            for d in report.domains
        ),
    )
    lines += ["", "## Gap table", ""]
    lines += _md_table(
        GAP_TABLE_HEADER,
        (
            (
                r.topic,
                r.domain,
                STATUS_MARK[r.status.value],
                candidates_text(r) or "none",
                _department_text(r, report),
                committees_text(r),
                r.reason,
            )
            for r in report.requirements
        ),
    )
    return "\n".join(lines) + "\n"


def gap_report_text(report: GapReport, width: int = 48) -> str:
    """A plain fixed-width table for the terminal (``stdkg gaps --format table``)."""

    def cut(text: str, size: int) -> str:
        return text if len(text) <= size else text[: size - 1] + "…"

    lines = [f"{'topic':<{width}} {'domain':<22} {'status':<8} best candidate"]
    for r in report.requirements:
        best = f"{r.matches[0].ref} ({r.matches[0].score:.3f})" if r.matches else "-"
        lines.append(
            f"{cut(r.topic, width):<{width}} {cut(r.domain or '', 22):<22} "
            f"{r.status.value:<8} {best}"
        )
    lines.append("")
    for d in report.domains:
        lines.append(
            f"{d.domain}: {d.covered}/{d.requirements} covered "
            f"({d.coverage:.0%}), {d.standards_in_domain} current standards; "
            f"departments: {', '.join(d.departments) or '-'}"
        )
    return "\n".join(lines) + "\n"


def overlap_report_csv(report: OverlapReport) -> str:
    if report.kind is OverlapKind.assignments:
        rows: list[Sequence[object]] = [
            (
                "domain",
                "departments",
                "organization",
                "document",
                "clause",
                "surface",
                "start",
                "end",
            )
        ]
        for item in report.assignments:
            for ev in item.evidence:
                rows.append(
                    (
                        item.domain,
                        "; ".join(item.departments),
                        ev.organization,
                        ev.document,
                        ev.clause,
                        ev.surface,
                        ev.start,
                        ev.end,
                    )
                )
        return _csv(rows)
    rows = [
        (
            "a",
            "a_title",
            "a_document",
            "b",
            "b_title",
            "b_document",
            "relation",
            "score",
            "shared_ics",
            "shared_domains",
            "reason",
        )
    ]
    for pair in report.pairs:
        rows.append(
            (
                pair.a.label,
                pair.a.title,
                pair.a.document,
                pair.b.label,
                pair.b.title,
                pair.b.document,
                pair.relation.value if pair.relation else "",
                "" if pair.score is None else f"{pair.score:.4f}",
                "; ".join(pair.shared_ics),
                "; ".join(pair.shared_domains),
                pair.reason,
            )
        )
    return _csv(rows)


def overlap_report_markdown(report: OverlapReport) -> str:
    scope = f" in `{report.domain}`" if report.domain else ""
    lines = [f"# Overlaps ({report.kind.value}){scope}", ""]
    if report.kind is OverlapKind.assignments:
        lines += _md_table(
            ("Domain", "Departments", "Evidence"),
            (
                (
                    a.name or a.domain,
                    ", ".join(a.departments),
                    "; ".join(f'{e.name or e.organization}: "{e.surface}"' for e in a.evidence),
                )
                for a in report.assignments
            ),
        )
    else:
        lines += [
            f"{len(report.pairs)} pairs at similarity >= {report.threshold:.2f} "
            f"({report.searched} seeds searched).",
            "",
        ]
        lines += _md_table(
            ("A", "B", "Relation", "Score", "Reason"),
            (
                (
                    f"{p.a.label} {p.a.title or ''}".strip(),
                    f"{p.b.label} {p.b.title or ''}".strip(),
                    p.relation.value if p.relation else "",
                    "-" if p.score is None else f"{p.score:.2f}",
                    p.reason,
                )
                for p in report.pairs
            ),
        )
    return "\n".join(lines) + "\n"
