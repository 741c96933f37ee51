"""Evaluate extraction against the hand-labelled gold sets in ``corpus/gold/extraction/``.

Why it lives here and not in a notebook: every accuracy number the project quotes has to come
from a run anyone can repeat (``stdkg eval extraction``), on labels anyone can read, next to a
naive baseline so the number means something. The baseline is plain spaCy NER
(``en_core_web_sm``): ORG entities as organizations, LAW entities as policy references, and
whatever entity looks like a standard identifier as a standard.

Gold files hold offsets, a short surface and the labelled value, plus the sha256 of the text
they were labelled on, never the third-party text itself; ``verify_gold`` checks both before a
single number is computed, so a changed source file cannot silently shift every span.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import typer

from corpus import corpus_path, load_json
from evaluation.gold import GoldSetError
from evaluation.scorer import Counts, Item, Scorer, TypeScores, TypeSpec, set_counts
from nlp.errors import ExtractionError, ModelLoadError
from nlp.gazetteers import TITLE_YEAR
from stdkg.config import get_settings
from stdkg.errors import InputError

ITEM_TYPES = ("standards", "organizations", "policy_refs", "requirements", "targets")
DOCUMENT_FIELDS = ("title", "date", "number", "language")
MAX_GOLD_BYTES = 5_000_000


@dataclass(frozen=True)
class Threshold:
    """One acceptance criterion: ``metric`` (f1/recall/precision) of ``match`` for a type."""

    item_type: str
    match: str
    metric: str
    minimum: float

    def describe(self) -> str:
        return f"{self.item_type} {self.match} {self.metric} >= {self.minimum:.2f}"


# The targets the pipeline is held to (see docs/evaluation.md for why each uses its match).
THRESHOLDS = (
    Threshold("standards", "canonical", "f1", 0.95),
    Threshold("organizations", "canonical", "f1", 0.90),
    Threshold("policy_refs", "canonical", "f1", 0.85),
    Threshold("targets", "canonical", "f1", 0.85),
    Threshold("requirements", "overlap", "recall", 0.80),
)


# --------------------------------------------------------------------------- gold files


@dataclass
class GoldDocument:
    """One labelled document: where its text is, how to check it, and its labels."""

    path: Path
    document: str
    sha256: str
    items: dict[str, list[dict[str, Any]]]
    metadata: dict[str, Any]
    window: tuple[int, int] | None = None
    text_path: str | None = None

    @property
    def name(self) -> str:
        return Path(self.document).stem


def gold_dir() -> Path:
    return corpus_path("gold", "extraction")


def load_gold_file(path: Path) -> GoldDocument:
    """Parse and structurally validate one gold file (spans are checked by ``verify_gold``)."""
    try:
        if path.stat().st_size > MAX_GOLD_BYTES:
            raise GoldSetError(f"{path}: gold file larger than {MAX_GOLD_BYTES} bytes")
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldSetError(f"{path}: cannot read gold file: {error}") from error
    try:
        types = raw["types"]
        items = {name: list(types.get(name, [])) for name in ITEM_TYPES}
        window = raw.get("window")
        return GoldDocument(
            path=path,
            document=str(raw["document"]),
            sha256=str(raw["sha256"]),
            items=items,
            metadata=dict(types.get("document") or {}),
            window=(int(window["start"]), int(window["end"])) if window else None,
            text_path=raw.get("text_path"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise GoldSetError(f"{path}: not a gold extraction file ({error!r})") from error


def load_gold(directory: Path | None = None) -> list[GoldDocument]:
    """All gold files of a directory (default ``corpus/gold/extraction``), sorted by name."""
    directory = directory or gold_dir()
    if not directory.is_dir():
        raise GoldSetError(f"gold directory not found: {directory}")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise GoldSetError(f"no gold files (*.json) in {directory}")
    return [load_gold_file(path) for path in paths]


def default_data_dir() -> Path:
    return get_settings().shared_data / "policies"


def text_location(gold: GoldDocument, data_dir: Path | None = None) -> Path:
    """Where the labelled text is: next to the gold file for project-written texts, else in the
    shared policies folder (``data_dir`` may be that folder or the shared data root)."""
    if gold.text_path:
        return gold.path.parent / gold.text_path
    base = data_dir or default_data_dir()
    for candidate in (base / gold.document, base / "policies" / gold.document):
        if candidate.is_file():
            return candidate
    return base / gold.document


def read_gold_text(gold: GoldDocument, data_dir: Path | None = None) -> str:
    """The exact text the gold file was labelled on; refuses any other version of it."""
    path = text_location(gold, data_dir)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GoldSetError(
            f"text of {gold.document} not found at {path}; pass --data with the folder that "
            "holds the policy texts"
        ) from error
    digest = hashlib.sha256(data).hexdigest()
    if digest != gold.sha256:
        raise GoldSetError(
            f"{path} has sha256 {digest[:12]}..., but {gold.path.name} was labelled on "
            f"{gold.sha256[:12]}...; the labels do not apply to this version of the text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GoldSetError(f"{path} is not UTF-8") from error


REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "standards": ("canonical",),
    "organizations": ("canonical", "role"),
    "policy_refs": ("canonical", "type"),
    "requirements": ("topic", "domain"),
    "targets": ("value", "comparator", "unit", "year"),
}
ROLES = {"issuer", "assigned", "mentioned"}
POLICY_TYPES = {
    "law",
    "regulation",
    "plan",
    "outline",
    "strategy",
    "programme",
    "framework",
    "standardization-document",
    "other",
}
COMPARATORS = {">", ">=", "=", "<", "<="}


def verify_gold(gold: GoldDocument, text: str) -> list[str]:
    """Every problem of one gold file against its text; empty when the file is sound."""
    problems: list[str] = []
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != gold.sha256:
        problems.append("sha256 of the text differs from the gold file")
    if gold.window and not 0 <= gold.window[0] < gold.window[1] <= len(text):
        problems.append(f"window {gold.window} outside the text (length {len(text)})")
    for item_type, items in gold.items.items():
        for index, item in enumerate(items):
            where = f"{item_type}[{index}]"
            start, end, surface = item.get("start"), item.get("end"), item.get("surface")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                problems.append(f"{where}: bad span {start!r}-{end!r}")
                continue
            if text[start:end] != surface:
                problems.append(f"{where}: text[{start}:{end}]={text[start:end]!r} != {surface!r}")
            if gold.window and not (gold.window[0] <= start and end <= gold.window[1]):
                problems.append(f"{where}: outside the labelled window")
            missing = [name for name in REQUIRED_FIELDS[item_type] if name not in item]
            if missing:
                problems.append(f"{where}: missing {', '.join(missing)}")
            if item_type == "organizations" and item.get("role") not in ROLES:
                problems.append(f"{where}: role {item.get('role')!r} not in {sorted(ROLES)}")
            if item_type == "policy_refs" and item.get("type") not in POLICY_TYPES:
                problems.append(f"{where}: type {item.get('type')!r} unknown")
            if item_type == "targets" and item.get("comparator") not in COMPARATORS:
                problems.append(f"{where}: comparator {item.get('comparator')!r} unknown")
    return problems


# --------------------------------------------------------------------------- normalization


def _fold(value: str) -> str:
    """Case-, width- and space-insensitive form; curly quotes and apostrophes unified."""
    value = unicodedata.normalize("NFKC", value)
    value = value.replace("’", "'").replace("“", '"').replace("”", '"')
    value = re.sub(r"\s+", " ", value).strip().strip("\"'“”").strip()
    value = re.sub(r"^the ", "", value, flags=re.IGNORECASE)
    return value.casefold()


_EU_ACT = re.compile(
    r"\b(\d{2,4}/\d{1,4}/(?:EEC|EC|EU|EURATOM))\b|\((?:EU|EC)\)\s*(?:No\s*)?(\d{1,4}/\d{4})",
    re.IGNORECASE,
)


def _eu_act_number(value: str) -> str | None:
    """The number of an EU act (``98/34/EC``, ``(EU) No 1025/2012``), which identifies it far
    better than the words around it ("Council Directive", "Directives ... and")."""
    match = _EU_ACT.search(value)
    if not match:
        return None
    return (match.group(1) or match.group(2)).upper()


class Gazetteers:
    """Name-to-key lookups built from ``corpus/organizations.json`` and ``policies.json``, so a
    predicted "Ministry of Housing and Urban Rural Development" and a gold ``mohurd`` compare
    equal. Unknown names fall back to their folded form on both sides."""

    def __init__(
        self, organizations: Iterable[Mapping[str, Any]], policies: Iterable[Mapping[str, Any]]
    ) -> None:
        self.organizations = self._index(organizations, "name")
        self.policies = self._index(policies, "title")
        self.policy_by_act: dict[str, str] = {}
        for entry in policies:
            for name in [entry.get("title") or "", *(entry.get("aliases") or [])]:
                number = _eu_act_number(name)
                if number:
                    self.policy_by_act.setdefault(number, str(entry["key"]))

    @staticmethod
    def _index(entries: Iterable[Mapping[str, Any]], name_field: str) -> dict[str, str]:
        index: dict[str, str] = {}
        for entry in entries:
            key = str(entry["key"])
            names = [
                key,
                entry.get(name_field),
                entry.get("abbreviation"),
                *(entry.get("aliases") or []),
            ]
            for name in names:
                if name:
                    index.setdefault(_fold(str(name)), key)
        return index

    @classmethod
    def from_corpus(cls) -> Gazetteers:
        def optional(name: str) -> list[Mapping[str, Any]]:
            return list(load_json(name)) if corpus_path(name).is_file() else []

        return cls(optional("organizations.json"), optional("policies.json"))

    def organization(self, *names: Any) -> str | None:
        """The key of the first name the gazetteer knows, else the folded first name.

        Callers pass names best first; for an item that is (canonical, surface, key), because
        the key of an organization the gazetteer does not know is only a slug of its name.
        """
        present = [str(name) for name in names if name]
        for name in present:
            key = self.organizations.get(_fold(name))
            if key:
                return key
        return _fold(present[0]) if present else None

    def policy(self, *names: Any) -> str | None:
        """Like ``organization``, plus EU acts recognized by their number."""
        present = [str(name) for name in names if name]
        for name in present:
            folded = _fold(name)
            # "National Technology Transfer and Advancement Act of 1995" is the act the
            # gazetteer knows without its year
            key = self.policies.get(folded) or self.policies.get(TITLE_YEAR.sub("", folded))
            if key:
                return key
        for name in present:
            number = _eu_act_number(name)
            if number:
                return self.policy_by_act.get(number, f"eu-act:{number}")
        return _fold(present[0]) if present else None


def _number(value: Any) -> float | None:
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return None


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


_PERCENT = re.compile(r"^(?:%|per ?cent|percentage points?)(?=$|\s)")


def _unit(value: Any) -> str | None:
    """Folded unit with percent spellings unified ("per cent", "percent" -> "%")."""
    text = _text_or_none(value)
    return None if text is None else _PERCENT.sub("%", text)


def same_unit(gold: Any, predicted: Any) -> bool:
    """Units agree when equal or when one is the other with modifiers in front ("national
    standards" vs "standards"): the head noun carries the meaning a target is counted in."""
    gold_unit, predicted_unit = _unit(gold), _unit(predicted)
    if gold_unit is None or predicted_unit is None:
        return gold_unit == predicted_unit
    shorter, longer = sorted((gold_unit, predicted_unit), key=len)
    return longer == shorter or longer.endswith(" " + shorter)


def _text_or_none(value: Any) -> str | None:
    return None if value in (None, "") else _fold(str(value))


def type_specs(gazetteers: Gazetteers) -> dict[str, TypeSpec]:
    """What "the same value" means for each item type, for gold and predictions alike.

    Predictions may carry ``key`` (a gazetteer key) next to ``canonical``; both are tried.
    """

    def standard(item: Item) -> Hashable | None:
        value = item.get("canonical") or item.get("surface")
        return re.sub(r"\s+", " ", str(value)).strip().upper() if value else None

    def organization(item: Item) -> Hashable | None:
        return gazetteers.organization(item.get("canonical"), item.get("surface"), item.get("key"))

    def policy(item: Item) -> Hashable | None:
        return gazetteers.policy(item.get("canonical"), item.get("surface"), item.get("key"))

    def requirement(item: Item) -> Hashable | None:
        return _text_or_none(item.get("topic") or item.get("surface"))

    def target(item: Item) -> Hashable | None:
        return (_number(item.get("value")), _year(item.get("year")))

    return {
        "standards": TypeSpec(standard),
        "organizations": TypeSpec(organization, {"role": lambda item: item.get("role")}),
        "policy_refs": TypeSpec(policy, {"type": lambda item: item.get("type")}),
        "requirements": TypeSpec(requirement, {"domain": lambda item: item.get("domain")}),
        "targets": TypeSpec(
            target,
            {
                "comparator": lambda item: item.get("comparator"),
                "unit": lambda item: item.get("unit"),
                "year": lambda item: _year(item.get("year")),
            },
            agree={"unit": same_unit},
        ),
    }


# --------------------------------------------------------------------------- systems

Extractor = Callable[[str], dict[str, Any]]


def pipeline_extractor() -> Extractor:
    """Our pipeline (``nlp.pipeline.extract_text``), as a text -> ``to_dict()`` function."""
    try:
        from nlp.pipeline import extract_text
    except ImportError as error:
        raise ExtractionError(
            f"the extraction pipeline (nlp.pipeline.extract_text) is not importable: {error}"
        ) from error

    def extract(text: str) -> dict[str, Any]:
        return dict(extract_text(text).to_dict())

    return extract


# An entity the baseline calls a standard: a publisher-like prefix, then a number.
_STANDARD_LIKE = re.compile(r"^[A-Z][A-Za-z/\-]*(?: [A-Z]{1,5})*\s?[A-Z]?\.?\d")


@lru_cache(maxsize=2)
def _spacy_model(name: str) -> Any:
    try:
        import spacy

        return spacy.load(name)
    except (ImportError, OSError) as error:
        raise ModelLoadError(f"spaCy model {name!r} cannot be loaded: {error}") from error


def baseline_extractor(model: str | None = None) -> Extractor:
    """Plain spaCy NER, the yardstick: what you get without any of our components."""
    nlp = _spacy_model(model or get_settings().spacy_model)

    def extract(text: str) -> dict[str, Any]:
        doc = nlp(text)
        result: dict[str, Any] = {name: [] for name in ITEM_TYPES}
        for ent in doc.ents:
            item = {
                "surface": ent.text,
                "start": ent.start_char,
                "end": ent.end_char,
                "canonical": ent.text,
            }
            if ent.label_ == "ORG":
                result["organizations"].append({**item, "role": "mentioned"})
            elif ent.label_ == "LAW":
                result["policy_refs"].append({**item, "type": "other"})
            if ent.label_ not in {
                "DATE",
                "TIME",
                "CARDINAL",
                "ORDINAL",
                "PERCENT",
                "MONEY",
                "QUANTITY",
            } and _STANDARD_LIKE.match(ent.text):
                result["standards"].append(item)
        result["document"] = {}
        return result

    return extract


# --------------------------------------------------------------------------- evaluation


@dataclass
class SystemResult:
    """Scores of one system over all gold documents."""

    name: str
    types: dict[str, TypeScores]
    issuers: Counts = field(default_factory=Counts)
    document_fields: dict[str, list[bool]] = field(default_factory=dict)
    seconds: float = 0.0
    per_document: dict[str, dict[str, Any]] = field(default_factory=dict)

    def metric(self, threshold: Threshold) -> float:
        counts: Counts = getattr(self.types[threshold.item_type], threshold.match)
        return float(getattr(counts, threshold.metric))

    def to_dict(self) -> dict[str, Any]:
        return {
            "system": self.name,
            "seconds": round(self.seconds, 3),
            "types": {name: scores.to_dict() for name, scores in self.types.items()},
            "document": {
                "issuers": self.issuers.to_dict(),
                **{
                    name: {"correct": sum(values), "total": len(values)}
                    for name, values in self.document_fields.items()
                },
            },
            "per_document": self.per_document,
        }


def _same_field(name: str, gold: Any, predicted: Any) -> bool:
    if gold in (None, "", []):
        return predicted in (None, "", [])
    if predicted in (None, ""):
        return False
    gold_text, predicted_text = _fold(str(gold)), _fold(str(predicted))
    if name == "title":  # a title with or without its prefix/suffix still names the document
        return gold_text in predicted_text or predicted_text in gold_text
    if name == "number":
        return re.sub(r"\W", "", gold_text) == re.sub(r"\W", "", predicted_text)
    return gold_text == predicted_text


def evaluate_system(
    name: str,
    extract: Extractor,
    golds: Sequence[GoldDocument],
    texts: Mapping[str, str],
    gazetteers: Gazetteers,
    *,
    score_document: bool = True,
) -> SystemResult:
    """Run one system on every gold text and score it (micro-averaged over documents)."""
    scorer = Scorer(type_specs(gazetteers))
    result = SystemResult(name=name, types=scorer.results)
    for gold in golds:
        started = time.perf_counter()
        try:
            predicted = extract(texts[gold.document])
        except Exception as error:  # one broken document must not hide the others' scores
            raise ExtractionError(f"{name} failed on {gold.document}: {error}") from error
        result.seconds += time.perf_counter() - started
        per_doc = scorer.add(gold.items, predicted, window=gold.window, document=gold.name)
        result.per_document[gold.name] = {
            item_type: {
                "canonical": scores.canonical.to_dict(),
                "missed": [entry["value"] for entry in scores.missed],
                "spurious": [entry["value"] for entry in scores.spurious],
            }
            for item_type, scores in per_doc.items()
        }
        if score_document and gold.metadata:  # a gold file without metadata scores none
            _score_document(result, gold, predicted.get("document") or {}, gazetteers)
    return result


def _issuer(gazetteers: Gazetteers, name: Any) -> str | None:
    """An issuer's comparable form. Documents list issuers by key, and the key of a body the
    gazetteer does not know is a slug of its name ("lakeside-county-council"), while a gold file
    may name it ("Lakeside County Council"): both fold to the same words."""
    key = gazetteers.organization(name)
    return re.sub(r"[\W_]+", " ", key).strip() if key else None


def _score_document(
    result: SystemResult, gold: GoldDocument, predicted: Mapping[str, Any], gazetteers: Gazetteers
) -> None:
    gold_issuers = {_issuer(gazetteers, issuer) for issuer in gold.metadata.get("issuers") or []}
    predicted_issuers = {_issuer(gazetteers, issuer) for issuer in predicted.get("issuers") or []}
    result.issuers.add(set_counts(gold_issuers - {None}, predicted_issuers - {None}))
    for field_name in DOCUMENT_FIELDS:
        same = _same_field(field_name, gold.metadata.get(field_name), predicted.get(field_name))
        result.document_fields.setdefault(field_name, []).append(same)


def load_texts(golds: Sequence[GoldDocument], data_dir: Path | None = None) -> dict[str, str]:
    """Read and verify every gold text first, so a bad label stops the run before scoring."""
    texts: dict[str, str] = {}
    for gold in golds:
        text = read_gold_text(gold, data_dir)
        problems = verify_gold(gold, text)
        if problems:
            listed = "; ".join(problems[:5])
            raise GoldSetError(f"{gold.path.name}: {len(problems)} problem(s): {listed}")
        texts[gold.document] = text
    return texts


@dataclass
class EvaluationReport:
    systems: list[SystemResult]
    documents: list[str]
    thresholds: tuple[Threshold, ...] = THRESHOLDS

    def checks(self, system: str = "pipeline") -> list[dict[str, Any]]:
        found = [result for result in self.systems if result.name == system]
        if not found:
            return []
        return [
            {
                "threshold": threshold.describe(),
                "value": round(found[0].metric(threshold), 4),
                "passed": found[0].metric(threshold) >= threshold.minimum,
            }
            for threshold in self.thresholds
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "systems": [result.to_dict() for result in self.systems],
            "checks": self.checks(),
        }


def evaluate(
    *,
    gold_directory: Path | None = None,
    data_dir: Path | None = None,
    systems: Sequence[str] = ("pipeline", "baseline"),
    documents: Sequence[str] | None = None,
) -> EvaluationReport:
    """Score the requested systems on the gold set (optionally only some documents)."""
    golds = load_gold(gold_directory)
    if documents:
        wanted = set(documents)
        golds = [gold for gold in golds if gold.name in wanted or gold.document in wanted]
        if not golds:
            raise GoldSetError(f"none of {sorted(wanted)} is a gold document")
    texts = load_texts(golds, data_dir)
    gazetteers = Gazetteers.from_corpus()
    factories: dict[str, Callable[[], Extractor]] = {
        "pipeline": pipeline_extractor,
        "baseline": baseline_extractor,
    }
    results = []
    for system in systems:
        if system not in factories:
            raise InputError(f"unknown system {system!r}; choose from {sorted(factories)}")
        results.append(
            evaluate_system(
                system,
                factories[system](),
                golds,
                texts,
                gazetteers,
                score_document=system == "pipeline",
            )
        )
    return EvaluationReport(systems=results, documents=[gold.name for gold in golds])


# --------------------------------------------------------------------------- output


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def format_report(report: EvaluationReport, *, show_errors: bool = False) -> str:
    """A plain-text table per system and type, then PASS/FAIL per threshold."""
    lines = [f"Gold documents ({len(report.documents)}): {', '.join(report.documents)}", ""]
    header = (
        f"{'type':<14}{'gold':>5}{'pred':>6} | {'exact P':>7} {'R':>5} {'F1':>5} | "
        f"{'overlap P':>9} {'R':>5} {'F1':>5} | {'canon P':>7} {'R':>5} {'F1':>5} | attributes"
    )
    for result in report.systems:
        lines.append(f"== {result.name} ({result.seconds:.2f} s of extraction)")
        lines.append(header)
        lines.append("-" * len(header))
        for item_type, scores in result.types.items():
            exact, overlap, canonical = scores.exact, scores.overlap, scores.canonical
            attributes = ", ".join(
                f"{name} {acc.value:.2f} ({acc.correct}/{acc.total})"
                for name, acc in scores.attributes.items()
                if acc.value is not None
            )
            lines.append(
                f"{item_type:<14}{exact.tp + exact.fn:>5}{exact.tp + exact.fp:>6} | "
                f"{_fmt(exact.precision):>7} {_fmt(exact.recall):>5} {_fmt(exact.f1):>5} | "
                f"{_fmt(overlap.precision):>9} {_fmt(overlap.recall):>5} {_fmt(overlap.f1):>5} | "
                f"{_fmt(canonical.precision):>7} {_fmt(canonical.recall):>5} "
                f"{_fmt(canonical.f1):>5} | {attributes}"
            )
        if result.document_fields:
            fields = ", ".join(
                f"{name} {sum(values)}/{len(values)}"
                for name, values in result.document_fields.items()
            )
            lines.append(
                f"document metadata: issuers F1 {_fmt(result.issuers.f1)} "
                f"(P {_fmt(result.issuers.precision)} R {_fmt(result.issuers.recall)}); "
                f"{fields}"
            )
        if show_errors:
            lines.extend(_per_document_lines(result))
            lines.extend(_error_lines(result))
        lines.append("")
    checks = report.checks()
    if checks:
        lines.append("Thresholds (pipeline):")
        for check in checks:
            verdict = "PASS" if check["passed"] else "FAIL"
            lines.append(f"  {verdict}  {check['threshold']}: {check['value']:.3f}")
    return "\n".join(lines)


def _per_document_lines(result: SystemResult) -> list[str]:
    """Canonical F1 per document and type ("-" where the document has nothing of that type and
    the system predicted nothing), to see which documents pull a total down."""
    types = list(result.types)
    lines = ["  per document (canonical F1): " + " | ".join(types)]
    for name, per_type in result.per_document.items():
        cells = []
        for item_type in types:
            counts = per_type[item_type]["canonical"]
            empty = counts["tp"] + counts["fp"] + counts["fn"] == 0
            cells.append("-" if empty else f"{counts['f1']:.2f}")
        lines.append(f"    {name[:60]:<60} " + " | ".join(f"{cell:>5}" for cell in cells))
    return lines


def _error_lines(result: SystemResult) -> list[str]:
    lines = []
    for item_type, scores in result.types.items():
        for label, entries in (("missed", scores.missed), ("spurious", scores.spurious)):
            if entries:
                shown = "; ".join(
                    f"{entry['document']}: {entry['value']}"
                    + (f" x{entry['count']}" if entry["count"] > 1 else "")
                    for entry in entries[:40]
                )
                more = f" (+{len(entries) - 40} more)" if len(entries) > 40 else ""
                lines.append(f"  {item_type} {label}: {shown}{more}")
    return lines


def eval_extraction_command(
    data: Path | None = typer.Option(
        None, "--data", help="Folder with the policy texts (default: <shared_data>/policies)."
    ),
    gold: Path | None = typer.Option(
        None, "--gold", help="Folder of gold JSON files (default: corpus/gold/extraction)."
    ),
    system: list[str] = typer.Option(
        ["pipeline", "baseline"], "--system", help="System(s) to score: pipeline, baseline."
    ),
    document: list[str] = typer.Option(
        [], "--document", help="Only these gold documents (file name or stem); repeatable."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List missed and spurious values."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when a threshold fails."),
) -> None:
    """Score extraction against the gold sets, next to a plain-spaCy baseline."""
    report = evaluate(
        gold_directory=gold, data_dir=data, systems=system, documents=document or None
    )
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        typer.echo(format_report(report, show_errors=errors))
    if strict and not all(check["passed"] for check in report.checks()):
        raise typer.Exit(1)
