"""Errors of the graph package.

Why subclasses: the CLI and the API map them differently (a malformed catalogue file is the
user's to fix, an unreachable server is a 503), and callers can catch exactly what they handle.
"""

from stdkg.errors import ErrorCategory, InputError, StdkgError


class GraphError(StdkgError):
    """Something went wrong talking to, or writing into, the graph."""

    category = ErrorCategory.FAILED


class SchemaError(GraphError):
    """Constraints or indexes could not be created, or did not come ONLINE in time."""

    category = ErrorCategory.FAILED


class CatalogFormatError(InputError):
    """A catalogue file cannot be read as the requested (or detected) format."""

    category = ErrorCategory.INPUT


class MalformedRecordError(InputError):
    """One catalogue record is unusable (bad JSON, no reference, unparsable identifier).

    Readers raise it per record; ingestion reports it with file and line and moves on, so one
    bad row never stops a load.
    """

    category = ErrorCategory.INPUT

    def __init__(self, message: str, *, source: str, line: int) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.reason = message
        self.source = source
        self.line = line


class TaxonomyError(InputError):
    """A taxonomy file (ICS, committees, domains) is missing or malformed."""

    category = ErrorCategory.INPUT


# --- the managed server and the connection (graph/server.py, graph/connection.py) ---
class ServerSetupError(GraphError):
    """The managed Neo4j could not be installed (no Java, no Maven, resolution failed)."""

    category = ErrorCategory.FAILED


class ServerStartError(GraphError):
    """The managed Neo4j did not start or did not answer in time."""

    category = ErrorCategory.FAILED


class PortInUseError(ServerStartError):
    """Another process listens on a port the managed Neo4j needs."""

    category = ErrorCategory.FAILED


class Neo4jUnavailableError(GraphError):
    """Neo4j is not reachable (down, wrong URI, wrong credentials)."""

    category = ErrorCategory.UNAVAILABLE


class IngestError(GraphError):
    """An ingest could not be carried out (the input is reported, the graph is unchanged)."""

    category = ErrorCategory.FAILED


class DocumentNotFoundError(GraphError):
    """No document with that id is in the graph."""

    category = ErrorCategory.NOT_FOUND
