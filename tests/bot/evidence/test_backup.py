"""Backup and restore carry the evidence files, checked against their names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.backup import BackupError, backup, restore
from bot.evidence.store import EvidenceStore
from tests.bot.evidence import samples

AT = datetime(2021, 11, 15, 9, 0, tzinfo=UTC)


def test_evidence_is_backed_up_and_restored(tmp_path: Path):
    data_dir = tmp_path / "var"
    store = EvidenceStore(data_dir)
    photo = store.put(samples.png())
    done = backup(data_dir, tmp_path / "backups", at=AT)
    assert (done.path / "evidence" / photo[:2] / photo[2:]).read_bytes() == samples.png()
    store.sweep(set())  # the data directory loses its evidence
    assert store.stored() == set()
    restore(done.path, data_dir, at=AT)
    assert store.read(photo) == samples.png()


def test_an_evidence_file_whose_bytes_changed_is_not_backed_up(tmp_path: Path):
    data_dir = tmp_path / "var"
    store = EvidenceStore(data_dir)
    path = store.path(store.put(samples.pdf()))
    path.write_bytes(b"%PDF-1.4 changed")
    relative = path.relative_to(data_dir).as_posix()
    with pytest.raises(BackupError, match=f"佐证文件 {relative} 的内容与其名称（SHA-256）不符"):
        backup(data_dir, tmp_path / "backups", at=AT)
