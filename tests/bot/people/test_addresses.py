"""The address book: a WeCom userid gets a number from 2**53 up, once and for good."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from bot.people.addresses import FIRST_ID, Addresses
from bot.store.storage import Store, StoreWriteError
from tests.bot.store.test_storage import CountingOps, FaultyOps

WECOM = "wecom"


def test_first_contacts_get_numbers_from_two_to_the_53_upward(tmp_path: Path):
    with Store(tmp_path / "store.json") as store:
        book = Addresses(store)
        zhang, li = book.id_for(WECOM, "zhangsan"), book.id_for(WECOM, "lisi")
        assert (zhang, li) == (2**53, 2**53 + 1)
        assert book.id_for(WECOM, "zhangsan") == zhang
        assert (book.channel_of(li), book.key_of(li)) == (WECOM, "lisi")
        assert book.find(WECOM, "lisi") == li


def test_the_same_text_on_another_channel_is_another_person(tmp_path: Path):
    with Store(tmp_path / "store.json") as store:
        book = Addresses(store)
        assert book.id_for(WECOM, "zhangsan") != book.id_for("dingtalk", "zhangsan")


def test_a_telegram_number_or_an_unknown_one_belongs_to_no_recorded_channel(tmp_path: Path):
    with Store(tmp_path / "store.json") as store:
        book = Addresses(store)
        book.id_for(WECOM, "zhangsan")
        assert book.channel_of(2**52 - 1) is None  # the largest Telegram id there can be
        assert book.channel_of(-1001234567890) is None  # a Telegram group
        assert book.channel_of(FIRST_ID + 5) is None
        assert book.key_of(1001) is None
        assert book.find(WECOM, "wangwu") is None


def test_numbers_survive_a_restart_and_new_ones_never_reuse_them(tmp_path: Path):
    path = tmp_path / "store.json"
    with Store(path) as store:
        book = Addresses(store)
        zhang, li = book.id_for(WECOM, "zhangsan"), book.id_for(WECOM, "lisi")
    with Store(path) as store:
        book = Addresses(store)
        assert (book.find(WECOM, "zhangsan"), book.find(WECOM, "lisi")) == (zhang, li)
        assert book.id_for(WECOM, "wangwu") == li + 1
        assert book.id_for(WECOM, "zhangsan") == zhang


def test_a_number_is_written_before_it_is_handed_out_and_known_ones_write_nothing(
    tmp_path: Path,
):
    ops = CountingOps()
    with Store(tmp_path / "store.json", file_ops=ops) as store:
        book = Addresses(store)
        zhang = book.id_for(WECOM, "zhangsan")
        assert ops.replaces == 1
        assert Addresses(store).find(WECOM, "zhangsan") == zhang  # read back from the file
        book.id_for(WECOM, "zhangsan")
        assert ops.replaces == 1


def test_a_failed_write_hands_out_no_number(tmp_path: Path):
    path = tmp_path / "store.json"
    with Store(path, file_ops=FaultyOps("enospc")) as store:
        book = Addresses(store)
        with pytest.raises(StoreWriteError, match="本次更改未保存"):
            book.id_for(WECOM, "zhangsan")
        assert book.find(WECOM, "zhangsan") is None
    with Store(path) as store:
        assert Addresses(store).id_for(WECOM, "zhangsan") == FIRST_ID


def test_empty_names_are_refused(tmp_path: Path):
    with Store(tmp_path / "store.json") as store, pytest.raises(ValueError, match="不能为空"):
        Addresses(store).id_for(WECOM, "")


def test_concurrent_first_contacts_get_one_number_each(tmp_path: Path):
    users = [f"user{n % 10}" for n in range(60)]  # each of 10 people arrives 6 times at once
    with Store(tmp_path / "store.json") as store:
        book = Addresses(store)
        start = threading.Barrier(len(users))
        got: dict[int, int] = {}

        def contact(n: int) -> None:
            start.wait()
            got[n] = book.id_for(WECOM, users[n])

        threads = [threading.Thread(target=contact, args=(n,)) for n in range(len(users))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        by_user: dict[str, set[int]] = {}
        for n, number in got.items():
            by_user.setdefault(users[n], set()).add(number)
        assert all(len(numbers) == 1 for numbers in by_user.values())
        assert sorted(n for (n,) in by_user.values()) == list(range(FIRST_ID, FIRST_ID + 10))
    with Store(tmp_path / "store.json") as store:
        reloaded = Addresses(store)
        assert {u: {reloaded.find(WECOM, u)} for u in by_user} == by_user


async def test_first_contacts_through_the_writer_thread(tmp_path: Path):
    with Store(tmp_path / "store.json") as store:
        book = Addresses(store)
        numbers = await asyncio.gather(
            *(store.run(book.id_for, WECOM, name) for name in ["a", "b", "a", "c", "b"])
        )
        assert (numbers[0], numbers[1]) == (numbers[2], numbers[4])
        assert sorted(set(numbers)) == [FIRST_ID, FIRST_ID + 1, FIRST_ID + 2]
