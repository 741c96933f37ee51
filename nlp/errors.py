"""Errors of the NLP package."""

from stdkg.errors import ErrorCategory, InputError, StdkgError


class ExtractionError(StdkgError):
    """Extraction could not run on this input."""

    category = ErrorCategory.FAILED


class UnreadableInputError(InputError):
    """The file is empty, binary, too large, or in an encoding we cannot decode."""

    category = ErrorCategory.INPUT


class InvalidIdentifierError(InputError):
    """A string is not a standard identifier we can parse."""

    category = ErrorCategory.INPUT


class ModelLoadError(StdkgError):
    """A model (embedding or spaCy) is not installed or cannot be loaded offline."""

    category = ErrorCategory.MODEL
