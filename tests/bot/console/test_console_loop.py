"""The 督办 loop closed on the console (piped `python -m bot chat`): 综合科 reports 已完成 and
attaches a photo and a PDF → the office's /pending shows the report and its evidence → 退回
with a reason → the unit is told → nudged again → reports again → 通过 → closed; then
`/export 含佐证` writes a zip whose workbook holds the whole history and whose folders hold
the two files byte for byte.

From the notice: 综合科 leads task 2, due Friday 2021-12-31; its 12-24 nudge (five working
days before, at 09:00) lists its seven tasks due 12-31, 2 among them once 2 is open again.
Ledger ids by hand: 1 the report, 2 the photo, 3 the PDF, 4 the 退回, 5 the second report,
6 its 通过. The unit is told through user 42, bound to it by the office.
"""

from __future__ import annotations

from pathlib import Path

from tests.bot.console.test_console_approvals import chat
from tests.bot.console.test_console_review import AGAIN, NOTHING, NUDGED, REPORTED
from tests.bot.evidence import samples
from tests.bot.evidence.unzip import unzipped

WHAT = "综合科 第2项（截止 12月31日（周五））"
FOLDER = "佐证材料/第2项/综合科"


def test_report_with_evidence_returned_reported_passed_and_exported(tmp_path: Path):
    data, out = tmp_path / "data", tmp_path / "out"
    photo, paper = tmp_path / "现场.png", tmp_path / "方案.pdf"
    photo.write_bytes(samples.png())
    paper.write_bytes(samples.pdf())
    unit = ("--as", "综合科")
    lines = ("第2项已完成", f"/attach {photo} 第2项", f"/attach {paper} 第2项")
    done, *attached = chat(data, *unit, now=REPORTED, lines=lines)
    assert done.endswith("待办公室复核，通过后销号。")
    assert attached == [
        "已附佐证：综合科 第2项 “现场.png”（1 KB）（随 12月20日 10:00 的进展）。",
        "已附佐证：综合科 第2项 “方案.pdf”（1 KB）（随 12月20日 10:00 的进展）。",
    ]

    lines = ("/bind 42 综合科", "/pending", "2", "照片看不清，请补充发文文号")
    _, listed, _, returned = chat(data, "--admin", now=REPORTED, lines=lines)
    assert (
        f"{WHAT}（控制台，12月20日 10:00）：已完成\n  佐证：现场.png\n  佐证：方案.pdf\n" in listed
    )
    assert returned.endswith(
        f"→ 发给 综合科：办公室复核退回了{WHAT}的“已完成”报告（12月20日 10:00），"
        "理由：照片看不清，请补充发文文号。此项恢复为进行中，提醒将继续；整改后请再报告。"
    )

    nudge, again = chat(data, *unit, now=NUDGED, lines=("第2项已完成",))
    assert nudge.startswith("【工作提醒】综合科：7 项需要关注")
    assert "第2项（牵头）" in nudge  # returned: nudged again
    assert again.endswith("待办公室复核，通过后销号。")

    lines = ("/pending", "1", "/pending", "/export 含佐证")
    files = ("--files", str(out))
    _, passed, after, exported = chat(data, "--admin", *files, now=AGAIN, lines=lines)
    assert passed.endswith(
        f"→ 发给 综合科：办公室已复核通过{WHAT}的“已完成”报告（12月24日 09:30），此节点已销号。"
    )
    assert after == NOTHING
    zipped = out / "台账-2021-12-24.zip"
    assert exported.startswith(f"→ 文件已写入 {zipped}\n台账（截至2021年12月24日）")
    history, files = unzipped(zipped.read_bytes(), "台账-2021-12-24.xlsx")
    assert files == {
        f"{FOLDER}/2021-12-20_现场.png": samples.png(),
        f"{FOLDER}/2021-12-20_方案.pdf": samples.pdf(),
    }
    assert history == [
        (1, "综合科", "报告", "已完成", None),
        (2, "综合科", "佐证材料", "“现场.png”（1 KB）", 1),
        (3, "综合科", "佐证材料", "“方案.pdf”（1 KB）", 1),
        (4, "综合科", "退回", "照片看不清，请补充发文文号", 1),
        (5, "综合科", "报告", "已完成", None),
        (6, "综合科", "复核通过", "通过（销号）", 5),
    ]
