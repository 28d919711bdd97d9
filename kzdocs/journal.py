"""The journal of an output folder: which files kzdocs wrote there, from which input, with which bytes.

The journal is an SQLite database in the folder (``.kzdocs-journal.sqlite3``, rollback journal,
``synchronous=FULL``): a crash, a kill or a full disk at any byte leaves it at its last committed
state. It holds, per file: its SHA-256 and size, the document kind and number, a hash of the
record's input and of the settings it was rendered with (languages, the calendar's extra days off
and working days), and the input file and line it came from. Every temporary file is recorded
before it is created, so a later run removes exactly those and no other file.

The folder is locked while a batch writes into it (a POSIX lock on ``.kzdocs-batch.lock``): a
second batch on the same folder stops at once with :class:`FolderBusyError`.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kzdocs.errors import OutputError

JOURNAL = ".kzdocs-journal.sqlite3"
LOCK = ".kzdocs-batch.lock"
#: The manifest of kzdocs before the journal; its files are adopted once, then it is removed.
OLD_MANIFEST = ".kzdocs-batch.jsonl"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, kind TEXT NOT NULL,
    number TEXT NOT NULL, input_sha TEXT NOT NULL, settings_sha TEXT NOT NULL, settings TEXT NOT NULL,
    source TEXT NOT NULL, line INTEGER NOT NULL, written_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (
    temp TEXT PRIMARY KEY, name TEXT NOT NULL, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT NOT NULL, line INTEGER NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
    files TEXT NOT NULL, PRIMARY KEY (source, line));
"""


class FolderBusyError(OutputError):
    """Another batch is writing into the same folder."""

    code = "output.busy"


class JournalError(OutputError):
    """The folder's journal cannot be used (planted symlink or FIFO, unreadable, not a journal)."""

    code = "output.journal"


def sha256_file(path: Path) -> str | None:
    """The SHA-256 of a regular file (``None`` when it is missing or not a regular file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One file as the journal knows it."""

    name: str
    sha256: str
    size: int
    kind: str
    number: str
    input_sha: str
    settings_sha: str
    settings: str
    source: str
    line: int

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=True, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Entry:
        return cls(**json.loads(text))


def _check_regular(path: Path) -> None:
    """Refuse a journal path that exists and is not a regular file (a planted symlink, FIFO, folder)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a regular file"
        raise JournalError(f"{path} is {kind}; kzdocs will not use it as its journal (remove it and rerun)")


class Journal:
    """The locked journal of one output folder; use :meth:`open` (a context manager)."""

    def __init__(self, folder: Path, lock_fd: int, db: sqlite3.Connection) -> None:
        self.folder = folder
        self._lock_fd = lock_fd
        self.db = db

    @classmethod
    def open(cls, folder: Path) -> Journal:
        """Lock ``folder`` (created if missing) and open its journal, finishing what a killed run left."""
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from None
        if not folder.is_dir():
            raise OutputError(f"{folder}: is not a folder")
        lock_fd = cls._lock(folder)
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                _check_regular(folder / (JOURNAL + suffix))
            try:
                db = sqlite3.connect(folder / JOURNAL, isolation_level=None, timeout=5)
                db.execute("PRAGMA journal_mode=DELETE")
                db.execute("PRAGMA synchronous=FULL")
                db.executescript(_SCHEMA)
                version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if version is None:
                    db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif version[0] != str(SCHEMA_VERSION):
                    raise JournalError(f"{folder / JOURNAL} was written by another kzdocs version "
                                       f"(schema {version[0]})")
            except sqlite3.DatabaseError as exc:
                raise JournalError(f"{folder / JOURNAL}: cannot be used as the journal ({exc})") from None
            journal = cls(folder, lock_fd, db)
            journal._recover()
            journal._adopt_old_manifest()
        except BaseException:
            os.close(lock_fd)
            raise
        return journal

    @staticmethod
    def _lock(folder: Path) -> int:
        path = folder / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            if exc.errno == 40:  # ELOOP: a symlink was planted
                raise JournalError(f"{path} is a symbolic link; kzdocs will not use it (remove it and rerun)") from None
            raise OutputError(f"{folder}: cannot write into the folder ({exc.strerror or exc})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise JournalError(f"{path} is not a regular file; kzdocs will not use it (remove it and rerun)")
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise FolderBusyError(f"{folder}: another kzdocs batch is writing into this folder{who}; "
                                  "wait for it to finish or use another folder") from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        except OSError:
            pass  # the process id is only for the message; a full disk must not stop the lock
        return fd

    def close(self) -> None:
        """Release the journal and the folder lock."""
        try:
            self.db.close()
        finally:
            os.close(self._lock_fd)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------------

    def entry(self, name: str) -> Entry | None:
        row = self.db.execute("SELECT name, sha256, size, kind, number, input_sha, settings_sha, settings, source, "
                              "line FROM files WHERE name=?", (name,)).fetchone()
        return Entry(*row) if row else None

    def entries(self) -> Iterator[Entry]:
        for row in self.db.execute("SELECT name, sha256, size, kind, number, input_sha, settings_sha, settings, "
                                   "source, line FROM files ORDER BY name"):
            yield Entry(*row)

    def holds(self, name: str) -> Entry | None:
        """The journal's entry for ``name`` when the file on disk is verifiably the one it wrote."""
        entry = self.entry(name)
        if entry is None:
            return None
        path = self.folder / name
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size != entry.size:
            return None
        return entry if sha256_file(path) == entry.sha256 else None

    def previous(self, source: str, line: int) -> tuple[str, str, list[str]] | None:
        """(kind, number, files) last written from ``source`` at ``line``."""
        row = self.db.execute("SELECT kind, number, files FROM sources WHERE source=? AND line=?",
                              (source, line)).fetchone()
        return (row[0], row[1], json.loads(row[2])) if row else None

    # --- writing -----------------------------------------------------------------------------

    def intend(self, temp: str, entry: Entry) -> None:
        """Record a temporary file before it is created, with what it will become."""
        self.db.execute("INSERT INTO pending VALUES (?, ?, ?)", (temp, entry.name, entry.to_json()))

    def commit_files(self, written: list[tuple[str, Entry]], source: str, line: int, kind: str, number: str) -> None:
        """Record files now in place (their temporary names done with), in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            for temp, entry in written:
                self._put(entry, now)
                self.db.execute("DELETE FROM pending WHERE temp=?", (temp,))
            if source != "-":
                self.db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?)",
                                (source, line, kind, number, json.dumps([e.name for _t, e in written])))

    def forget_pending(self, temp: str) -> None:
        self.db.execute("DELETE FROM pending WHERE temp=?", (temp,))

    def _put(self, entry: Entry, now: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (entry.name, entry.sha256, entry.size, entry.kind, entry.number, entry.input_sha,
                         entry.settings_sha, entry.settings, entry.source, entry.line, now))

    def forget(self, name: str) -> None:
        self.db.execute("DELETE FROM files WHERE name=?", (name,))

    def _transaction(self) -> Any:
        journal = self

        class _Tx:
            def __enter__(self) -> None:
                journal.db.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind: object, *rest: object) -> None:
                db = journal.db
                if kind is None:
                    try:
                        db.execute("COMMIT")
                    except BaseException:
                        if db.in_transaction:
                            db.execute("ROLLBACK")
                        raise
                elif db.in_transaction:  # SQLite may have rolled back already (a full disk)
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass

        return _Tx()

    def _recover(self) -> None:
        """Finish what a killed run left: a renamed file is recorded, a temporary file is removed."""
        rows = self.db.execute("SELECT temp, name, entry FROM pending").fetchall()
        if not rows:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            for temp, name, text in rows:
                temp_path = self.folder / temp
                try:
                    if stat.S_ISREG(os.lstat(temp_path).st_mode):
                        temp_path.unlink()
                except OSError:
                    pass
                try:
                    entry = Entry.from_json(text)
                except (ValueError, TypeError):
                    entry = None
                if entry is not None and sha256_file(self.folder / name) == entry.sha256:
                    self._put(entry, now)  # renamed into place just before the kill
                self.db.execute("DELETE FROM pending WHERE temp=?", (temp,))

    def _adopt_old_manifest(self) -> None:
        """The files an old manifest lists become the journal's (so they may be replaced), once."""
        path = self.folder / OLD_MANIFEST
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(info.st_mode):
            return  # a planted symlink or FIFO: never read, never followed
        names: set[str] = set()
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    files = json.loads(raw.decode("utf-8"))["files"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line torn by a crash or a full disk
                if isinstance(files, list):
                    names.update(n for n in files if isinstance(n, str) and "/" not in n and not n.startswith("."))
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            for name in sorted(names):
                digest = sha256_file(self.folder / name)
                if digest is None or self.entry(name) is not None:
                    continue
                size = (self.folder / name).stat().st_size
                self._put(Entry(name, digest, size, "", "", "", "", "{}", OLD_MANIFEST, 0), now)
        path.unlink()
