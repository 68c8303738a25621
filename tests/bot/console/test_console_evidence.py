"""`python -m bot chat --as 综合科` attaches a local file with `/attach 路径 [第N项]`, kept in
the data directory as the bot keeps what it receives."""

from __future__ import annotations

from pathlib import Path

from bot.evidence.store import EvidenceStore, digest_of
from tests.bot.evidence import samples
from tests.bot.importing.test_import_cli import run_bot


def chat(data: Path, *lines: str) -> list[str]:
    typed = "".join(f"{line}\n" for line in lines)
    result = run_bot("chat", "--as", "综合科", "--data", str(data), answer=typed)
    assert result.returncode == 0, result.stderr
    return result.stdout.rstrip("\n").split("\n\n")


def test_attach_a_file_named_or_asked(tmp_path: Path):
    scan = tmp_path / "会议 纪要.pdf"  # a space in the path
    scan.write_bytes(samples.pdf())
    photo = tmp_path / "现场.png"
    photo.write_bytes(samples.png())
    missing = tmp_path / "没有.pdf"
    replies = chat(
        tmp_path / "data",
        f"/attach {scan} 第2项",
        f"/attach {photo}",
        "2",
        f"/attach {missing} 第2项",
    )
    assert replies[0].startswith("已附佐证：综合科 第2项 “会议 纪要.pdf”（")
    assert replies[1].startswith("“现场.png”是哪一项的佐证？请点选任务；")
    assert "[1] 第1项  [2] 第2项" in replies[1]
    assert replies[2] == "已附佐证：综合科 第2项 “现场.png”（1 KB）。"
    assert (
        replies[3]
        == "没能取到“没有.pdf”（无法读取：No such file or directory），未保存，请再发一次。"
    )
    store = EvidenceStore(tmp_path / "data")
    assert store.stored() == {digest_of(samples.pdf()), digest_of(samples.png())}
