"""The office over every channel: Telegram ids with WeCom userids numbered in the address book."""

from __future__ import annotations

from bot.people.addresses import FIRST_ID, Addresses
from bot.people.office import office_of
from bot.store.storage import Store


def test_the_office_is_the_union_of_both_channels_admins_and_leaders():
    addresses = Addresses(Store.in_memory())
    office = office_of({9001}, {9002}, [("wecom", {"zhangsan"}, {"wangju"})], addresses)
    zhangsan, wangju = addresses.find("wecom", "zhangsan"), addresses.find("wecom", "wangju")
    assert office.admins == {9001, zhangsan}
    assert office.leaders == {9002, wangju}
    assert office.observers == {9001, 9002, zhangsan, wangju}
    assert min(zhangsan, wangju) >= FIRST_ID


def test_a_userid_keeps_its_number_across_starts():
    store = Store.in_memory()
    first = office_of(set(), set(), [("wecom", {"zhangsan"}, set())], Addresses(store))
    again = office_of(set(), set(), [("wecom", {"zhangsan"}, set())], Addresses(store))
    assert first == again
