"""Evidence files kept once by content: ``evidence/ab/cdef…`` under the data directory.

A file's name is its SHA-256, so the same photo sent twice is stored once and a name never
points at other bytes. `put` writes through the one atomic writer (temp file, fsync, rename,
folder fsync) and returns only once the file is durable: the ledger record that names it is
written after, so a crash in between leaves at most a file no record names, which `sweep`
removes at the next start (with the temp file of a write a crash cut short).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from bot.ledger.history import EVIDENCE, Ledger
from bot.store.atomic import PRIVATE, FileOps, fsync_directory, replace_file

__all__ = [
    "EVIDENCE_DIR",
    "EvidenceStore",
    "digest_of",
    "is_evidence_path",
    "referenced",
    "sweep_orphans",
]

EVIDENCE_DIR = "evidence"
_DIGEST = re.compile(r"[0-9a-f]{64}")


def digest_of(data: bytes) -> str:
    """The file's SHA-256, hex: its name in the store."""
    return hashlib.sha256(data).hexdigest()


def is_evidence_path(relative: str) -> bool:
    """Whether a data directory path (POSIX, relative) is a stored evidence file."""
    parts = relative.split("/")
    return (
        len(parts) == 3
        and parts[0] == EVIDENCE_DIR
        and _DIGEST.fullmatch(parts[1] + parts[2]) is not None
        and len(parts[1]) == 2
    )


def referenced(ledgers: Iterable[Ledger]) -> set[str]:
    """The digests every evidence record of `ledgers` names (withdrawn or renumbered or not:
    the history keeps them)."""
    return {
        attached.digest
        for ledger in ledgers
        for entry in ledger.history()
        if entry.kind == EVIDENCE
        for attached in entry.files
    }


class EvidenceStore:
    """The evidence folder of a data directory. One process writes it (the data directory's
    lock); `put` blocks on the disk, so call it off the event loop."""

    def __init__(self, data_dir: Path | str, *, file_ops: FileOps | None = None) -> None:
        """The store under `data_dir` (its folder is made on the first `put`)."""
        self.directory = Path(data_dir) / EVIDENCE_DIR
        self._ops = file_ops

    def path(self, digest: str) -> Path:
        """Where the file with `digest` is kept."""
        if _DIGEST.fullmatch(digest) is None:
            raise ValueError(f"不是 SHA-256 摘要：{digest!r}")
        return self.directory / digest[:2] / digest[2:]

    def put(self, data: bytes) -> str:
        """Keep `data` (once: a file already stored is not written again); returns its digest
        once the file is on disk.

        Raises:
            OSError: the file could not be written; nothing is left under its name.
        """
        digest = digest_of(data)
        target = self.path(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        self._folder(target.parent)
        replace_file(target, data, mode=PRIVATE, ops=self._ops)
        return digest

    def read(self, digest: str) -> bytes:
        """The bytes of the stored file `digest`.

        Raises:
            FileNotFoundError: no such file.
        """
        return self.path(digest).read_bytes()

    def has(self, digest: str) -> bool:
        """Whether the file `digest` is stored."""
        return self.path(digest).is_file()

    def stored(self) -> set[str]:
        """The digest of every file in the store."""
        if not self.directory.is_dir():
            return set()
        return {
            folder.name + path.name
            for folder in self.directory.iterdir()
            if folder.is_dir()
            for path in folder.iterdir()
            if _DIGEST.fullmatch(folder.name + path.name)
        }

    def sweep(self, keep: set[str]) -> list[str]:
        """Remove every file not in `keep` (by digest) and every temp file a crash left;
        returns what was removed, as paths relative to the store's folder."""
        removed: list[str] = []
        if not self.directory.is_dir():
            return removed
        for folder in sorted(p for p in self.directory.iterdir() if p.is_dir()):
            for path in sorted(folder.iterdir()):
                if folder.name + path.name in keep:
                    continue
                path.unlink()
                removed.append(f"{folder.name}/{path.name}")
            if not any(folder.iterdir()):
                folder.rmdir()
        if removed:
            fsync_directory(self.directory)
        return removed

    def _folder(self, folder: Path) -> None:
        """Make `folder` (and the store's) durably, when missing."""
        for directory in (self.directory, folder):
            if not directory.is_dir():
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                fsync_directory(directory.parent)


def sweep_orphans(data_dir: Path | str, ledgers: Iterable[Ledger]) -> list[str]:
    """At start, before any event: remove the evidence files no record of `ledgers` (every
    notice's, archived too) names; returns what was removed."""
    return EvidenceStore(data_dir).sweep(referenced(ledgers))
