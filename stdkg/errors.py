"""One root exception for the whole project, so callers (CLI, API) can catch ``StdkgError``
and show its message without a traceback, while programming errors still surface as such."""


class StdkgError(Exception):
    """Root of every error stdkg raises on purpose. The message is meant for the user."""


class ConfigurationError(StdkgError):
    """A setting is missing or contradictory."""


class InputError(StdkgError):
    """User-supplied input (a file, a query, an identifier) cannot be used as given."""
