"""`python -m bot export` and `python -m bot chart`, run as the office would from a terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from PIL import Image

from bot.evidence.store import EvidenceStore
from bot.ledger.history import Attachment, Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.store.instance_lock import InstanceLock
from tests.bot.evidence import samples
from tests.conftest import ROOT

ZONE = ZoneInfo("Asia/Shanghai")
NOW = "2021-11-22T09:00:00+08:00"
DONE_GREEN = (0x4C, 0xAF, 0x50)  # the 已完成 colour


def run_bot(command: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )


def run_export(*args: str) -> subprocess.CompletedProcess[str]:
    return run_bot("export", *args)


def run_chart(*args: str) -> subprocess.CompletedProcess[str]:
    return run_bot("chart", *args)


def seed(data: Path) -> None:
    """One report in the data directory's ledger: 办公室 finished task 33."""
    with LedgerStore(data / "ledger") as store:
        Ledger(store).report(
            unit="办公室",
            tasks=(33,),
            status=Status.DONE,
            text="台账已建立",
            dues={33: date(2021, 12, 31)},
            user=1001,
            name="张三",
            chat=1001,
            message=1,
            now=datetime(2021, 11, 15, 9, 0, tzinfo=ZONE),
        )


def test_export_writes_the_workbook(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "台账.xlsx"
    seed(data)
    result = run_export("--data", str(data), "--out", str(out), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已导出台账：{out}（截至2021年11月22日，历史记录 1 条）"
    book = load_workbook(out)
    ws = book["台账"]
    assert ws["A1"].value.endswith("落实台账（截至2021年11月22日）")
    statuses = {ws.cell(row, 1).value: ws.cell(row, 5).value for row in range(4, 38)}
    assert statuses[33] == "已完成"
    assert statuses[24] == "逾期"  # the notice's first due date for task 24 is 2021-11-20
    assert statuses[1] == "未反馈"
    assert book["历史"]["H2"].value == "台账已建立"


def test_export_refuses_while_the_bot_holds_the_data_directory(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "台账.xlsx"
    seed(data)
    with InstanceLock(data):
        result = run_export("--data", str(data), "--out", str(out), "--now", NOW)
    assert result.returncode == 2
    assert "机器人正在运行" in result.stderr
    assert "/export" in result.stderr
    assert not out.exists()


def test_export_reports_an_unwritable_output(tmp_path: Path):
    data = tmp_path / "data"
    seed(data)
    out = tmp_path / "no-such-dir" / "台账.xlsx"
    result = run_export("--data", str(data), "--out", str(out), "--now", NOW)
    assert result.returncode == 2
    assert result.stderr.startswith(f"无法写入 {out}：")


def test_chart_writes_the_picture(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "台账图.png"
    seed(data)
    result = run_chart("--data", str(data), "--out", str(out), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已生成台账图：{out}（截至2021年11月22日）"
    picture = Image.open(out)
    assert picture.format == "PNG"
    assert picture.width >= 1000
    # The 已完成 green of task 33's bar is drawn, beyond the legend's swatch.
    green = sum(n for n, rgb in picture.convert("RGB").getcolors(1 << 20) if rgb == DONE_GREEN)
    assert green > 1000


def test_chart_is_named_by_date_in_the_current_folder_by_default(tmp_path: Path):
    data = tmp_path / "data"
    seed(data)
    result = run_bot("chart", "--data", str(data), "--now", NOW, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "台账图-2021-11-22.png").read_bytes().startswith(b"\x89PNG")


def test_chart_refuses_while_the_bot_holds_the_data_directory(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "台账图.png"
    seed(data)
    with InstanceLock(data):
        result = run_chart("--data", str(data), "--out", str(out), "--now", NOW)
    assert result.returncode == 2
    assert "机器人正在运行" in result.stderr
    assert "/chart" in result.stderr
    assert not out.exists()


def test_export_with_evidence_writes_the_zip_of_the_workbook_and_the_files(tmp_path: Path):
    data = tmp_path / "data"
    seed(data)
    photo = samples.png()
    digest = EvidenceStore(data).put(photo)
    with LedgerStore(data / "ledger") as store:
        Ledger(store).attach(
            unit="办公室",
            task=33,
            report=None,
            files=(Attachment(digest, "台账照片.png", len(photo)),),
            text="",
            user=1001,
            name="张三",
            chat=1001,
            message=2,
            now=datetime(2021, 11, 16, 10, 0, tzinfo=ZONE),
        )
    result = run_bot("export", "--data", str(data), "--with-evidence", "--now", NOW, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = Path("台账-2021-11-22.zip")
    assert (
        result.stdout.strip()
        == f"已导出台账和佐证材料：{out}（截至2021年11月22日，历史记录 2 条）"
    )
    archive = zipfile.ZipFile(tmp_path / out)
    assert archive.namelist() == [
        "台账-2021-11-22.xlsx",
        "佐证材料/第33项/办公室/2021-11-16_台账照片.png",
    ]
    assert archive.read("佐证材料/第33项/办公室/2021-11-16_台账照片.png") == photo
    book = load_workbook(io.BytesIO(archive.read("台账-2021-11-22.xlsx")))
    assert book["历史"]["H2"].value == "台账已建立"
