"""A new office adopts the bot: its own notice, sent by file, on a data directory that still
runs the shipped sample, with an empty unit registry.

The notice is tests/data/qingxi-education-2023.txt (青溪区教育局, 8 tasks in 4 sections, no
task 7): it replaces the sample outright, the registry is proposed from it and taken, staff of
a proposed unit bind and ask, /help gives the notice's own examples, and /deadline writes the
data directory's own deadline file, never the project's.
"""

from __future__ import annotations

from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user
from tests.e2e.test_importing import edited, press
from tests.e2e.test_progress import say

QINGXI = ROOT / "tests" / "data" / "qingxi-education-2023.txt"
SAMPLE = ROOT / "data" / "notice-2021.txt"
SAMPLE_DEADLINES = ROOT / "data" / "deadlines.toml"
ZHAO = 4001


def test_a_new_office_replaces_the_sample_and_takes_the_proposed_registry(api, tmp_path):
    (tmp_path / "units.toml").write_text("", encoding="utf-8")
    (tmp_path / "config.toml").write_text(
        f'[data]\npath = "data"\n[registry]\npath = "units.toml"\n[telegram]\nadmins = [{ADMIN}]\n',
        encoding="utf-8",
    )
    sample_dates = SAMPLE_DEADLINES.read_bytes()
    running = launch(api, tmp_path, "--now", "2023-03-01T10:00:00+08:00")
    try:
        api.send_document(ADMIN, QINGXI.name, QINGXI.read_bytes(), user=user(ADMIN))
        summary, proposal, panel = api.wait_for_messages_sync(ADMIN, 3, timeout=REPLY_TIMEOUT)
        assert "标题：青溪区教育局2023年教育重点工作分工方案" in summary.text
        assert "【修订对比】" not in summary.text  # never diffed against the sample's 34 tasks
        assert "取代随程序附带的示例通知" in summary.text
        assert proposal.text.startswith("单位名录还没有单位。按通知拟定的名录")
        assert "  科室：基础教育科、组织人事科" in proposal.text
        assert "各中小学" in proposal.text.split("统称")[-1]
        assert [row[0]["text"] for row in proposal.buttons] == ["按拟定全部加入名录", "逐个选择"]
        assert "是否同一项" not in panel.text
        # no switch to a revision or a further notice: the sample is replaced
        assert [b["text"] for row in panel.buttons for b in row] == [
            "启用",
            "取消",
            "导出为表格修改",
        ]

        press(api, proposal, "按拟定全部加入名录")
        assert "新单位“基础教育科”（科室）" in edited(api, proposal, "已加入")
        reread, last_panel = api.wait_for_messages_sync(ADMIN, 5, timeout=REPLY_TIMEOUT)[3:]
        assert "单位名录中没有的名称" not in reread.text
        assert last_panel.text.endswith("各项均已处理。")
        press(api, last_panel, "启用")
        assert edited(api, last_panel, "已启用").startswith(f"已启用：{QINGXI.name}（8 项任务）。")

        assert say(api, ADMIN, f"/bind {ZHAO} 基础教育科") == (
            f"已将用户 {ZHAO} 绑定到“基础教育科”。"
        )
        api.wait_for_messages_sync(ZHAO, 1, timeout=REPLY_TIMEOUT)
        mine = say(api, ZHAO, "我科室负责什么")
        assert mine.startswith("基础教育科（科室）：共 2 项")
        assert "第1项" in mine
        help_text = say(api, ZHAO, "/help")
        unit = help_text.split("· 我是")[1].split("（")[0]  # a unit of this notice only
        assert unit in QINGXI.read_text(encoding="utf-8")
        assert unit not in SAMPLE.read_text(encoding="utf-8")
        assert "第四部分有哪些任务" in help_text
        assert "综合科" not in help_text

        assert say(api, ADMIN, "/deadline 8 2023-06-30") == (
            "已设定第8项的截止日期（办公室设定）：2023年6月30日。"
        )
    finally:
        assert running.stop() == 0
    assert "8 = [2023-06-30]" in (tmp_path / "data" / "deadlines.toml").read_text("utf-8")
    assert SAMPLE_DEADLINES.read_bytes() == sample_dates
    again = launch(api, tmp_path, "--now", "2023-03-01T10:30:00+08:00")
    try:  # the data directory remembers its notice, registry and deadline file
        assert "截止：2023-06-30（办公室设定）" in say(api, ZHAO, "第8项是什么")
    finally:
        assert again.stop() == 0
