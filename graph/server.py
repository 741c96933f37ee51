"""The Neo4j server stdkg manages for users who do not bring their own.

Why this shape: users get a real Neo4j Community 5.26 LTS (with Neo4j Browser) without
installing anything by hand. The jars are resolved from Maven Central by a tiny Maven project
(``graph/neo4j/pom.xml``) into an ignored folder, and the server is started directly on those
jars (``org.neo4j.server.CommunityEntryPoint``), bound to 127.0.0.1, with authentication on and
a random password kept in a local file.

Layout under ``Settings.home`` (default ``<repo>/.stdkg``)::

    neo4j/<version>-browser-<version>/lib/*.jar   shared by every instance
    instances/<name>/conf/neo4j.conf              generated from the settings on every start
    instances/<name>/data, logs, run/neo4j.pid    the instance's own state
    instances/<name>/credentials.json             user + generated password (mode 600)

Everything under an instance is the owner's only, from the moment it is created: folders 0700,
files 0600 (ours written with ``os.open`` and that mode, Neo4j's and neo4j-admin's under a
0077 umask), so data files and ``auth.ini`` are never readable by other users.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from graph.errors import PortInUseError, ServerSetupError, ServerStartError
from stdkg.config import PROJECT_ROOT, Settings

POM_PATH = PROJECT_ROOT / "graph" / "neo4j" / "pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
NEO4J_USER = "neo4j"
#: Umask of the Neo4j processes we start: what they create is the owner's only.
PRIVATE_UMASK = 0o077
#: Heap (MB) Lucene may fill while populating a vector index before it writes a segment: the
#: full catalogue's 64k vectors fit in one (the JVM heap is 2 GB by default).
VECTOR_POPULATION_BUFFER_MB = 512

# What Neo4j's own start script passes to the JVM on Java 17, minus what only matters for
# production tuning; without the --add-opens flags the page cache falls back to slow paths.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:+AlwaysPreTouch",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
)


def generate_password(length: int = 24) -> str:
    """Letters and digits only: ``token_urlsafe`` may start with '-', which
    ``neo4j-admin dbms set-initial-password`` then reads as an option and fails (1 start in 64)."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


@dataclass(frozen=True)
class ServerStatus:
    """What ``stdkg neo4j status`` shows."""

    instance: str
    running: bool
    answering: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    user: str
    password: str | None
    version: str
    home: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ManagedNeo4j:
    """Install, start, stop and describe one managed Neo4j instance."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.install_dir = (
            settings.home
            / "neo4j"
            / f"{settings.neo4j_version}-browser-{settings.neo4j_browser_version}"
        )
        self.lib_dir = self.install_dir / "lib"
        self.instance_dir = settings.instance_dir
        self.conf_dir = self.instance_dir / "conf"
        self.data_dir = self.instance_dir / "data"
        self.logs_dir = self.instance_dir / "logs"
        self.pid_file = self.instance_dir / "run" / "neo4j.pid"
        self.credentials_file = self.instance_dir / "credentials.json"

    # ------------------------------------------------------------------ addresses
    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.http_port}"

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/"

    # ------------------------------------------------------------------ install
    @property
    def installed(self) -> bool:
        return (self.install_dir / ".complete").exists()

    def install(self) -> None:
        """Resolve the Neo4j and Browser jars from Maven Central, once per version pair."""
        if self.installed:
            return
        java = _require_java()
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerSetupError(
                "Maven (mvn) is needed once to fetch Neo4j from Maven Central; install it "
                "(e.g. `apt-get install maven`) or point stdkg at your own Neo4j with NEO4J_URI"
            )
        staging = self.install_dir.with_name(self.install_dir.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "lib").mkdir(parents=True)
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(POM_PATH),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={staging / 'lib'}",
            f"-Dneo4j.version={self.settings.neo4j_version}",
            f"-Dneo4j.browser.version={self.settings.neo4j_browser_version}",
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
            raise ServerSetupError(
                "could not resolve Neo4j from Maven Central "
                f"(mvn exit {result.returncode}):\n" + "\n".join(tail)
            )
        (staging / ".complete").write_text(
            json.dumps(
                {
                    "neo4j": self.settings.neo4j_version,
                    "browser": self.settings.neo4j_browser_version,
                    "java": java,
                }
            ),
            encoding="utf-8",
        )
        shutil.rmtree(self.install_dir, ignore_errors=True)
        staging.rename(self.install_dir)

    # ------------------------------------------------------------------ credentials
    def read_password(self) -> str | None:
        if not self.credentials_file.exists():
            return None
        data = json.loads(self.credentials_file.read_text(encoding="utf-8"))
        password = data.get("password")
        return str(password) if password else None

    def _ensure_credentials(self) -> str:
        """Generate the password before the very first start; Neo4j only accepts an initial
        password while the system database does not exist yet."""
        existing = self.read_password()
        if existing and (self.data_dir / "databases" / "system").exists():
            return existing
        password = existing or generate_password()
        self._write_config()
        self._admin("dbms", "set-initial-password", password)
        private_dir(self.credentials_file.parent)
        write_private(self.credentials_file, json.dumps({"user": NEO4J_USER, "password": password}))
        return password

    def _admin(self, *arguments: str) -> None:
        env = dict(os.environ, NEO4J_HOME=str(self.instance_dir), NEO4J_CONF=str(self.conf_dir))
        result = subprocess.run(
            [_require_java(), "-cp", f"{self.lib_dir}/*", ADMIN_TOOL, *arguments],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            umask=PRIVATE_UMASK,  # it writes data/dbms/auth.ini
        )
        if result.returncode != 0:
            raise ServerStartError(
                f"neo4j-admin {' '.join(arguments[:2])} failed:\n"
                + "\n".join((result.stderr or result.stdout).strip().splitlines()[:3])
            )

    # ------------------------------------------------------------------ config
    def _write_config(self) -> None:
        for folder in (self.conf_dir, self.data_dir, self.logs_dir, self.pid_file.parent):
            private_dir(folder)
        os.chmod(self.instance_dir, 0o700)  # an instance created by an older stdkg, too
        s = self.settings
        lines = [
            "# Generated by stdkg on every start; edit the STDKG_* settings instead.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{s.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{s.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{s.http_port}",
            f"server.http.advertised_address=127.0.0.1:{s.http_port}",
            "server.https.enabled=false",
            f"server.directories.data={self.data_dir}",
            f"server.directories.logs={self.logs_dir}",
            f"server.directories.import={self.instance_dir / 'import'}",
            "dbms.security.auth_enabled=true",
            f"server.memory.pagecache.size={s.pagecache}",
            "db.tx_log.rotation.retention_policy=2 files",
            "dbms.usage_report.enabled=false",
            # Build a vector index in one Lucene segment instead of ~20 (the default buffer
            # is 1 MB): each segment is searched on its own, so one segment is ~30% less
            # Neo4j CPU per search at full scale (graph.schema.rebuild_vector_index).
            f"internal.dbms.index.vector.population_ram_buffer_size={VECTOR_POPULATION_BUFFER_MB}",
            *browser_settings(s),
        ]
        write_private(self.conf_dir / "neo4j.conf", "\n".join(lines) + "\n")

    # ------------------------------------------------------------------ process
    def running_pid(self) -> int | None:
        """The PID of our server if it is alive; a stale PID file is removed."""
        if not self.pid_file.exists():
            return None
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").strip())
        except ValueError:
            self.pid_file.unlink(missing_ok=True)
            return None
        if _is_our_java(pid):
            return pid
        self.pid_file.unlink(missing_ok=True)  # stale: the process is gone or is not Neo4j
        return None

    def answering(self, timeout: float = 1.0) -> bool:
        return _port_open(self.settings.bolt_port, timeout) and _http_ok(self.http_url, timeout)

    def start(self) -> ServerStatus:
        """Start the instance (installing first if needed) and wait until Bolt answers.

        Safe to call twice: a running instance is left alone."""
        if self.running_pid() is not None:
            self._wait_until_answering(self.running_pid())
            return self.status()
        self.install()
        for port in (self.settings.bolt_port, self.settings.http_port):
            if _port_open(port, 0.5):
                raise PortInUseError(
                    f"port {port} on 127.0.0.1 is already in use by another process; stop it, "
                    "or choose other ports with STDKG_BOLT_PORT / STDKG_HTTP_PORT"
                )
        self._ensure_credentials()
        self._write_config()
        console = os.fdopen(
            os.open(self.logs_dir / "console.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600),
            "ab",
        )
        command = [
            _require_java(),
            f"-Xms{self.settings.heap}",
            f"-Xmx{self.settings.heap}",
            *JVM_FLAGS,
            "-cp",
            f"{self.lib_dir}/*",
            ENTRY_POINT,
            f"--home-dir={self.instance_dir}",
            f"--config-dir={self.conf_dir}",
        ]
        process = subprocess.Popen(
            command,
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=self.instance_dir,
            start_new_session=True,
            umask=PRIVATE_UMASK,  # data files, auth.ini and logs: the owner's only
        )
        console.close()
        write_private(self.pid_file, str(process.pid))
        self._wait_until_answering(process.pid)
        return self.status()

    def _wait_until_answering(self, pid: int | None) -> None:
        deadline = time.monotonic() + self.settings.start_timeout
        while time.monotonic() < deadline:
            if pid is not None and not _alive(pid):
                self.pid_file.unlink(missing_ok=True)
                raise ServerStartError(
                    "Neo4j exited during start-up; last lines of its log:\n" + self._log_tail()
                )
            if self.answering():
                return
            time.sleep(0.5)
        raise ServerStartError(
            f"Neo4j did not answer on {self.bolt_uri} within {self.settings.start_timeout:.0f}s "
            f"(raise STDKG_START_TIMEOUT?); last lines of its log:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 20) -> str:
        chunks = []
        for name in ("console.log", "neo4j.log"):
            path = self.logs_dir / name
            if path.exists():
                chunks += path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
        return "\n".join(chunks[-lines:]) or "(no log written)"

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the instance cleanly (SIGTERM, then SIGKILL after ``timeout``).

        Returns False when nothing was running."""
        pid = self.running_pid()
        if pid is None:
            return False
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            _signal_group(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        pid = self.running_pid()
        return ServerStatus(
            instance=self.settings.neo4j_instance,
            running=pid is not None,
            answering=pid is not None and self.answering(),
            pid=pid,
            bolt_uri=self.bolt_uri,
            browser_url=self.browser_url,
            user=NEO4J_USER,
            password=self.read_password(),
            version=self.settings.neo4j_version,
            home=str(self.instance_dir),
        )

    def destroy(self) -> None:
        """Stop and delete the instance's data (used for throw-away test instances)."""
        self.stop()
        shutil.rmtree(self.instance_dir, ignore_errors=True)


# ---------------------------------------------------------------------- helpers
def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents with mode 0700 (``mkdir(parents=True)`` would
    give the parents the default mode)."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    return path


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, a file that is 0600 from the moment it exists (a file left
    by an older version is narrowed too)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)


def _require_java() -> str:
    java = shutil.which("java")
    if java is None:
        raise ServerSetupError(
            "Java 17 or 21 is needed to run the managed Neo4j and was not found on PATH; "
            "install it (e.g. `apt-get install openjdk-17-jre-headless`) or set NEO4J_URI to "
            "use a Neo4j of your own"
        )
    return java


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child of ours counts as gone
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _is_our_java(pid: int) -> bool:
    """PIDs are reused: only trust a PID file whose process is a Neo4j server."""
    if not _alive(pid):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return ENTRY_POINT.encode() in handle.read()
    except OSError:
        return True  # no /proc (not Linux): trust the PID


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(os.getpgid(pid), sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _port_open(port: int, timeout: float) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def _http_ok(url: str, timeout: float) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def browser_settings(settings: Settings) -> list[str]:
    """Neo4j Browser settings: after connecting, the Browser loads the project's style and
    opens its guide, both served by the stdkg API (``/neo4j/stdkg.grass``,
    ``/neo4j/guide.html``), whose host must be on the Browser's allowlist for remote content.
    Neo4j 5 still spells that setting ``..._whitelist``; the Browser reads only that name."""
    api = f"http://{settings.api_host}:{settings.api_port}"
    hosts = dict.fromkeys(["guides.neo4j.com", "localhost", "127.0.0.1", settings.api_host])
    return [
        f"browser.post_connect_cmd=style {api}/neo4j/stdkg.grass; guide {api}/neo4j/guide.html",
        "browser.remote_content_hostname_whitelist=" + ",".join(hosts),
    ]


def throwaway_environment(instance: str, *, heap: str, pagecache: str) -> dict[str, str]:
    """Settings (as environment variables) for a managed instance of its own on free ports."""
    return {
        "STDKG_NEO4J_INSTANCE": instance,
        "STDKG_BOLT_PORT": str(free_port()),
        "STDKG_HTTP_PORT": str(free_port()),
        "STDKG_HEAP": heap,
        "STDKG_PAGECACHE": pagecache,
    }


def start_throwaway(instance: str, *, heap: str = "1g", pagecache: str = "512m") -> ManagedNeo4j:
    """Point this process (and the subprocesses it starts) at a new managed instance on free
    ports, never the user's, and start it. The caller ``destroy()``s it when done."""
    from stdkg.config import get_settings

    os.environ.update(throwaway_environment(instance, heap=heap, pagecache=pagecache))
    for key in ("NEO4J_URI", "NEO4J_PASSWORD"):
        os.environ.pop(key, None)
    get_settings.cache_clear()  # entry points reading the settings later see this instance
    server = ManagedNeo4j(Settings())
    server.start()
    return server


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (for test instances)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
