"""Evidence kept once by content, durably, and what no record names removed at start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.evidence.store import EvidenceStore, digest_of, is_evidence_path, referenced
from bot.ledger.history import Attachment, Ledger
from bot.ledger.store import LedgerStore
from bot.store.atomic import FileOps
from tests.bot.evidence import samples
from tests.conftest import ROOT

NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_file_is_kept_under_its_digest(tmp_path: Path):
    store = EvidenceStore(tmp_path)
    data = samples.png()
    digest = store.put(data)
    assert digest == digest_of(data)
    path = tmp_path / "evidence" / digest[:2] / digest[2:]
    assert path.read_bytes() == data
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert is_evidence_path(f"evidence/{digest[:2]}/{digest[2:]}")
    assert not is_evidence_path("evidence/ab/short")


class _Counting(FileOps):
    def __init__(self) -> None:
        self.writes = 0

    def write(self, fd: int, data: bytes) -> None:
        self.writes += 1
        super().write(fd, data)


def test_the_same_file_twice_is_stored_once(tmp_path: Path):
    ops = _Counting()
    store = EvidenceStore(tmp_path, file_ops=ops)
    first, second = store.put(samples.pdf()), store.put(samples.pdf())
    assert first == second
    assert ops.writes == 1
    assert store.stored() == {first}


class _Crash(BaseException):
    pass


class _CrashBeforeRename(FileOps):
    def replace(self, src: str, dst: str) -> None:
        raise _Crash


def test_a_write_cut_short_leaves_no_file_under_the_name(tmp_path: Path):
    store = EvidenceStore(tmp_path, file_ops=_CrashBeforeRename())
    with pytest.raises(_Crash):
        store.put(samples.png())
    assert store.stored() == set()


def test_the_sweep_keeps_what_records_name(tmp_path: Path):
    store = EvidenceStore(tmp_path)
    kept, orphan = store.put(samples.png()), store.put(samples.docx())
    temp = store.path(kept).parent / ".leftover.123.tmp"
    temp.write_bytes(b"half")
    removed = store.sweep({kept})
    assert sorted(removed) == sorted(
        [f"{orphan[:2]}/{orphan[2:]}", f"{kept[:2]}/.leftover.123.tmp"]
    )
    assert store.stored() == {kept}


_WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from bot.evidence.store import EvidenceStore
    from bot.ledger.history import Attachment, Ledger
    from bot.ledger.store import LedgerStore

    data_dir = Path(sys.argv[1])
    store = EvidenceStore(data_dir)
    ledger = Ledger(LedgerStore(data_dir / "ledger"))
    now = datetime(2021, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    named = b"%PDF-1.4 named"
    digest = store.put(named)
    ledger.attach(unit="综合科", task=24, report=None, text="",
                  files=(Attachment(digest, "方案.pdf", len(named)),),
                  user=1, name="李四", chat=1, message=1, now=now)
    store.put(b"%PDF-1.4 not yet named")  # the record naming it never comes
    print("stored", flush=True)
    time.sleep(120)
    """
)


def test_a_kill_between_file_and_record_leaves_only_an_orphan_the_start_removes(tmp_path: Path):
    with subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout.readline().strip() == "stored"
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    store = EvidenceStore(tmp_path)
    named, orphan = digest_of(b"%PDF-1.4 named"), digest_of(b"%PDF-1.4 not yet named")
    assert store.stored() == {named, orphan}
    with LedgerStore(tmp_path / "ledger") as ledger_store:
        keep = referenced([Ledger(ledger_store)])
    assert keep == {named}
    assert store.sweep(keep) == [f"{orphan[:2]}/{orphan[2:]}"]
    assert store.stored() == {named}


def test_evidence_records_survive_a_restart(tmp_path: Path):
    with LedgerStore(tmp_path / "ledger") as ledger_store:
        ledger = Ledger(ledger_store)
        entry = ledger.attach(
            unit="综合科",
            task=24,
            report=None,
            files=(Attachment("ab" * 32, "照片.jpg", 10),),
            text="",
            user=7,
            name="李四",
            chat=7,
            message=3,
            now=NOW,
        )
        assert entry is not None
        again = ledger.attach(
            unit="综合科",
            task=24,
            report=None,
            files=(),
            text="重复",
            user=7,
            name="李四",
            chat=7,
            message=3,
            now=NOW,
        )
        assert again is None  # the same message is recorded once
    with LedgerStore(tmp_path / "ledger") as ledger_store:
        [kept] = Ledger(ledger_store).evidence()
    assert (kept.tasks, kept.unit, kept.files) == ((24,), "综合科", entry.files)
    assert kept.files == (Attachment("ab" * 32, "照片.jpg", 10),)
