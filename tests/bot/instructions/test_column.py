"""The 批示 column of the 台账: every 批示 on a task, oldest first, one a line."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.instructions.column import instruction_cells, instructions_on
from bot.ledger.history import Ledger
from bot.ledger.store import LedgerStore

NOW = datetime(2021, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_each_task_s_cell_lists_its_instructions_in_order(tmp_path: Path):
    with LedgerStore(tmp_path / "ledger") as store:
        ledger = Ledger(store)
        said = [
            (24, "请抓紧推进", "张局长", NOW),
            (2, "请综合科牵头汇总", "李副局长", NOW + timedelta(hours=1)),
            (24, "11月底前务必完成", "张局长", NOW + timedelta(days=2)),
        ]
        for message, (task, text, name, at) in enumerate(said, 1):
            ledger.instruct(
                task, text=text, user=7001, name=name, chat=7001, message=message, now=at
            )
        assert instruction_cells(ledger) == {
            2: "领导批示：请综合科牵头汇总（李副局长，11月16日）",
            24: "领导批示：请抓紧推进（张局长，11月16日）\n领导批示：11月底前务必完成（张局长，11月18日）",
        }
        assert [e.text for e in instructions_on(24, ledger)] == ["请抓紧推进", "11月底前务必完成"]
        assert instruction_cells(ledger).get(3, "") == ""
