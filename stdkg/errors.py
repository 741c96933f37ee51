"""One root exception for the whole project, with a category on every class.

Why categories: callers decide by what kind of failure it is, never by class names. The CLI
prints ``error: <message>`` for any ``StdkgError``; the API turns ``category`` into a status
code with one table (``api/errors.py``). Every subclass, in every package, states its category
(``tests/test_architecture.py`` checks it), so a new error cannot silently become a 400.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class ErrorCategory(StrEnum):
    """What kind of failure an error is; the API maps each to one HTTP status."""

    INPUT = "input"  # the caller's input cannot be used as given (a file, a query, an id)
    TOO_LARGE = "too_large"  # the input is larger than accepted
    NOT_FOUND = "not_found"  # the named thing (document, standard, domain) is not there
    UNAUTHENTICATED = "unauthenticated"  # a credential is missing
    FORBIDDEN = "forbidden"  # a credential is wrong
    UNAVAILABLE = "unavailable"  # a service we need (Neo4j) cannot be reached or is not ready
    MODEL = "model"  # a model (embedding, spaCy) is not installed or cannot be loaded
    CONFIG = "config"  # a setting is missing or contradictory
    FAILED = "failed"  # the operation could not be carried out; the message says why


class StdkgError(Exception):
    """Root of every error stdkg raises on purpose. The message is meant for the user."""

    category: ClassVar[ErrorCategory] = ErrorCategory.FAILED


class InputError(StdkgError):
    """User-supplied input (a file, a query, an identifier) cannot be used as given."""

    category = ErrorCategory.INPUT


class NotFoundError(StdkgError):
    """The requested thing (a standard, a document, a domain) is not in the graph."""

    category = ErrorCategory.NOT_FOUND


class UnavailableError(StdkgError):
    """A service stdkg needs cannot answer now (retry later)."""

    category = ErrorCategory.UNAVAILABLE


class ModelError(StdkgError):
    """A model is not installed or cannot be loaded (offline)."""

    category = ErrorCategory.MODEL


class ConfigurationError(StdkgError):
    """A setting is missing or contradictory."""

    category = ErrorCategory.CONFIG
