"""Units' work groups: registered, moved, removed, and read back after a restart."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.people.unit_groups import UnitGroups
from bot.store.storage import Store

NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
OLD, NEW = -100777, -100888


def test_a_group_is_kept_across_a_restart(tmp_path: Path):
    path = tmp_path / "bot.json"
    with Store(path) as store:
        assert UnitGroups(store).register(OLD, "办公室工作群", "办公室", 1001, NOW) is None
    with Store(path) as store:
        groups = UnitGroups(store)
        assert groups.unit_of(OLD) == "办公室"
        group = groups.group_of("办公室")
        assert (group.chat_id, group.title, group.by, group.since) == (
            OLD,
            "办公室工作群",
            1001,
            NOW,
        )


def test_a_unit_has_one_group_and_a_group_one_unit(tmp_path: Path):
    with Store(tmp_path / "bot.json") as store:
        groups = UnitGroups(store)
        groups.register(OLD, "旧群", "办公室", 1001, NOW)
        replaced = groups.register(NEW, "新群", "办公室", 1001, NOW + timedelta(minutes=1))
        assert replaced.chat_id == OLD
        assert groups.unit_of(OLD) is None
        assert groups.group_of("办公室").chat_id == NEW
        # The same group registered for another unit leaves the first unit without one.
        groups.register(NEW, "新群", "综合科", 1002, NOW + timedelta(minutes=2))
        assert groups.group_of("办公室") is None
        assert groups.unit_of(NEW) == "综合科"
        assert groups.remove(NEW).unit == "综合科"
        assert groups.remove(NEW) is None
        assert groups.all() == []


def test_only_group_ids_and_aware_times(tmp_path: Path):
    with Store(tmp_path / "bot.json") as store:
        groups = UnitGroups(store)
        with pytest.raises(ValueError, match="负数"):
            groups.register(1001, "私聊", "办公室", 1001, NOW)
        with pytest.raises(ValueError, match="时区"):
            groups.register(OLD, "群", "办公室", 1001, NOW.replace(tzinfo=None))
