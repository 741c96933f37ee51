"""Errors of the NLP package."""

from stdkg.errors import InputError, StdkgError


class ExtractionError(StdkgError):
    """Extraction could not run on this input."""


class UnreadableInputError(InputError):
    """The file is empty, binary, too large, or in an encoding we cannot decode."""


class InvalidIdentifierError(InputError):
    """A string is not a standard identifier we can parse."""


class ModelLoadError(StdkgError):
    """A model (embedding or spaCy) is not installed or cannot be loaded offline."""
