"""Who receives a unit's nudges: its work group if it has one, else its bound people, never a
leader, a paused person or a chat that blocked the bot; and how the office reads who is
unreachable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.people.bindings import Bindings
from bot.people.unit_groups import UnitGroups
from bot.people.unreachable import Unreachable
from bot.reminders.pauses import Pauses
from bot.reminders.recipients import nudge_recipients, unreachable_names
from bot.store.storage import Store

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
TODAY = NOW.date()
ALICE, BOB, CAROL, LEADER = 1001, 1002, 1003, 9001
GROUP, OTHER_GROUP = -100, -200


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "people.json") as store:
        yield store


@pytest.fixture
def people(store: Store) -> tuple[Bindings, UnitGroups, Pauses, Unreachable]:
    """张三 and 李四 in 办公室, 王五 in 综合科, and a leader bound to 办公室."""
    bindings = Bindings(store)
    bindings.bind(ALICE, "张三", "办公室", NOW)
    bindings.bind(BOB, "李四", "办公室", NOW)
    bindings.bind(CAROL, "王五", "综合科", NOW)
    bindings.bind(LEADER, "赵局", "办公室", NOW)
    return bindings, UnitGroups(store), Pauses(store), Unreachable(store)


def recipients(
    people: tuple[Bindings, UnitGroups, Pauses, Unreachable], today: date = TODAY
) -> dict[str, list[int]]:
    bindings, groups, pauses, unreachable = people
    return nudge_recipients(
        bindings, groups, pauses, unreachable=unreachable, leaders={LEADER}, today=today
    )


def test_each_unit_is_nudged_through_its_people_but_never_a_leader(people):
    assert recipients(people) == {"办公室": [ALICE, BOB], "综合科": [CAROL]}


def test_a_paused_person_is_left_out_while_the_pause_lasts(people):
    people[2].pause(ALICE, "张三", date(2021, 11, 16), NOW)
    assert recipients(people)["办公室"] == [BOB]
    assert recipients(people, date(2021, 11, 17))["办公室"] == [ALICE, BOB]


def test_an_unreachable_person_is_left_out(people):
    people[3].mark(BOB, NOW)
    assert recipients(people)["办公室"] == [ALICE]


def test_a_unit_nobody_can_receive_has_no_entry(people):
    people[3].mark(CAROL, NOW)
    assert "综合科" not in recipients(people)


def test_a_work_group_replaces_the_units_people(people):
    people[1].register(GROUP, "办公室工作群", "办公室", ALICE, NOW)
    assert recipients(people) == {"办公室": [GROUP], "综合科": [CAROL]}


def test_a_group_with_no_bound_person_still_gets_its_units_nudges(people):
    people[1].register(OTHER_GROUP, "法规科群", "法规科", ALICE, NOW)
    assert recipients(people)["法规科"] == [OTHER_GROUP]


def test_an_unreachable_group_falls_back_to_the_people(people):
    people[1].register(GROUP, "办公室工作群", "办公室", ALICE, NOW)
    people[3].mark(GROUP, NOW)
    assert recipients(people)["办公室"] == [ALICE, BOB]


def test_the_office_reads_unreachable_people_by_name_and_unit(people):
    assert unreachable_names([BOB, 4242, ALICE], people[0]) == [
        "张三（办公室）",
        "李四（办公室）",
        "4242",
    ]
