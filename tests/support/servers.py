"""Real servers a test or benchmark starts for itself and stops after (issue 17): PgBouncer in
transaction mode in front of the local PostgreSQL, on a free port. (Used by tests/integration/
fleet and benchmarks/bench_fleet.py.)"""
from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import make_url

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"


def free_port() -> int:
    """A loopback port nothing listens on, for a server the test starts itself. Drawn from a band
    of its own for each xdist worker (gw0 20000-21999, gw1 22000-23999, ...; one process alone
    19000-19999), below the kernel's ephemeral range (32768-60999): a port found free here is
    not taken before the server binds it by the other worker's server, nor by an outgoing
    connection's local port, as one the kernel handed out for port 0 could be."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    first = 20000 + 2000 * int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 19000
    band = range(first, first + (2000 if worker else 1000))
    for port in random.sample(band, 50):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # the whole band busy: any port the kernel has
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")


def pgbouncer_version() -> tuple[int, ...]:
    out = subprocess.run([PGBOUNCER, "--version"], capture_output=True, text=True, check=True).stdout
    return tuple(int(p) for p in out.split()[1].split("."))


@contextmanager
def pgbouncer(postgres_url: str, users: list[str], pool_size: int = 10, max_clients: int = 2000,
              extra: str = "") -> Iterator[int]:
    """PgBouncer in transaction mode for the server of `postgres_url` (trust auth, as the local
    test server); yields its port. Runs as `nobody` when this process is root (PgBouncer refuses
    root)."""
    target = make_url(postgres_url)
    directory = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    port = free_port()
    (directory / "userlist.txt").write_text("".join(f'"{u}" ""\n' for u in users))
    (directory / "pgbouncer.ini").write_text(f"""[databases]
* = host={target.host or '127.0.0.1'} port={target.port or 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {directory / 'userlist.txt'}
pool_mode = transaction
default_pool_size = {pool_size}
max_client_conn = {max_clients}
max_db_connections = {pool_size}
ignore_startup_parameters = extra_float_digits,options
logfile = {directory / 'pgbouncer.log'}
pidfile = {directory / 'pgbouncer.pid'}
{extra}
""")
    command = [PGBOUNCER, str(directory / "pgbouncer.ini")]
    if os.geteuid() == 0:
        os.chmod(directory, 0o777)
        for f in directory.iterdir():
            os.chmod(f, 0o666)
        command[1:1] = ["-u", "nobody"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(directory, ignore_errors=True)


def through(postgres_url: str, port: int, **query: str) -> str:
    """`postgres_url` with its host and port those of a PgBouncer (or proxy) on loopback."""
    url = make_url(postgres_url).set(host="127.0.0.1", port=port)
    if query:
        url = url.update_query_dict(query)
    return url.render_as_string(hide_password=False)


# --- PostgreSQL clusters of the test's own (failover) -----------------------------------------

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Runs a PostgreSQL tool as the postgres user (initdb and postgres refuse root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]


class Cluster:
    """A PostgreSQL cluster in a directory of its own, on a free port of loopback."""

    def __init__(self, directory: Path, port: int, options: str = "") -> None:
        self.directory, self.port, self.options = directory, port, options

    @classmethod
    def create(cls, root: Path, name: str, options: str = "") -> Cluster:
        directory = root / name
        directory.mkdir(parents=True)
        shutil.chown(directory, "postgres", "postgres")
        os.chmod(directory, 0o700)
        _as_postgres([str(PG_BIN / "initdb"), "-D", str(directory), "-A", "trust", "-U", "postgres", "--no-sync"])
        return cls(directory, free_port(), options)

    def start(self) -> None:
        opts = (f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
                f"-c wal_level=replica -c max_wal_senders=5 -c hot_standby=on {self.options}")
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "-o", opts, "-l",
                      str(self.directory / "server.log"), "-w", "start"])

    def stop(self, mode: str = "fast") -> None:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "-m", mode, "-w", "stop"])

    def promote(self) -> None:
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.directory), "-w", "promote"])

    def standby(self, root: Path, name: str, application_name: str, options: str = "") -> Cluster:
        """A streaming standby of this cluster: pg_basebackup into a new directory."""
        directory = root / name
        directory.mkdir(parents=True)
        shutil.chown(directory, "postgres", "postgres")
        os.chmod(directory, 0o700)
        _as_postgres([str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                      "-D", str(directory), "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"])
        with open(directory / "postgresql.auto.conf", "a") as conf:
            conf.write(f"primary_conninfo = 'host=127.0.0.1 port={self.port} user=postgres "
                       f"application_name={application_name}'\n")
        return Cluster(directory, free_port(), options)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"


# --- a loopback proxy the test controls (network faults) --------------------------------------


class LoopbackProxy:
    """A TCP proxy on a free loopback port to `upstream_port`: `cut()` drops every connection and
    refuses new ones until `restore()`; `stall()` stops forwarding bytes (connections stay
    open, as a dead switch) until `restore()`."""

    def __init__(self, upstream_port: int) -> None:
        import threading

        self.upstream_port = upstream_port
        self.port = free_port()
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", self.port))
        self._server.listen(64)
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self.cut_off = False
        self.flowing = threading.Event()
        self.flowing.set()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if self.cut_off:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                self.flowing.wait()
                if self.cut_off:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def cut(self) -> None:
        self.cut_off = True
        self.flowing.set()
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for s in pair:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def stall(self) -> None:
        self.flowing.clear()

    def restore(self) -> None:
        self.cut_off = False
        self.flowing.set()

    def close(self) -> None:
        self._closed = True
        self.cut()
        try:
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the accept thread: it ends (no thread left)
        except OSError:
            pass
        self._server.close()
