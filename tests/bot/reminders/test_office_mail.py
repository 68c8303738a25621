"""What the office is owed: each message once per admin under a per-chat key, the stale lists
not yet shown to every admin, and the daily digest from the send time until every admin has it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.office_mail import (
    chat_key,
    daily_digest_owed,
    digest_key,
    last_digest,
    stale_lists,
    still_owed,
    went_to,
    went_to_all,
)
from bot.reminders.outbox import Outbox, State
from bot.store.storage import Store

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 9, 0, tzinfo=ZONE)
SEND_TIME = time(9, 0)
ADMIN, OTHER_ADMIN = 501, 502
ADMINS = frozenset({OTHER_ADMIN, ADMIN})


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Store(tmp_path / "outbox.json") as store:
        yield Outbox(store)


def send(outbox: Outbox, key: str, chat: int, state: State, now: datetime = NOW) -> None:
    """Office message `key` to `chat`, ended in `state`."""
    outbox.begin(chat_key(key, chat), chat, now, (key,), now=now)
    outbox.finish(chat_key(key, chat), state, now=now)


def test_each_chat_has_its_own_key():
    assert chat_key("digest:2021-11-15", ADMIN) == "digest:2021-11-15@501"


@pytest.mark.parametrize(
    ("state", "went"),
    [
        (State.SENT, True),
        (State.AMBIGUOUS, True),
        (State.UNREACHABLE, True),  # not tried again
        (State.FAILED, False),  # tried again at the next wake-up
    ],
)
def test_a_message_went_unless_its_send_failed(outbox: Outbox, state: State, went: bool):
    send(outbox, "k", ADMIN, state)
    assert went_to(outbox, "k", ADMIN) is went


def test_a_message_is_owed_to_the_chats_that_lack_it_in_id_order(outbox: Outbox):
    assert still_owed(outbox, "k", ADMINS) == [ADMIN, OTHER_ADMIN]
    send(outbox, "k", ADMIN, State.SENT)
    assert still_owed(outbox, "k", ADMINS) == [OTHER_ADMIN]
    assert not went_to_all(outbox, "k", ADMINS)
    send(outbox, "k", OTHER_ADMIN, State.SENT)
    assert still_owed(outbox, "k", ADMINS) == []
    assert went_to_all(outbox, "k", ADMINS)


def test_stale_nudges_are_listed_until_every_admin_has_the_list(outbox: Outbox):
    stale = outbox.begin("stale:x", None, NOW, ("24/办公室/2021-11-20/d5",), now=NOW)
    outbox.finish("stale:x", State.STALE, now=NOW)
    assert stale_lists(outbox, ADMINS) == [outbox.get(stale.key)]
    send(outbox, "stale:x", ADMIN, State.SENT)
    assert [r.key for r in stale_lists(outbox, ADMINS)] == ["stale:x"]
    send(outbox, "stale:x", OTHER_ADMIN, State.SENT)
    assert stale_lists(outbox, ADMINS) == []


def test_the_daily_digest_is_owed_from_the_send_time_until_every_admin_has_it(outbox: Outbox):
    before = datetime(2021, 11, 15, 8, 59, tzinfo=ZONE)
    assert not daily_digest_owed(outbox, before, SEND_TIME, ADMINS)
    assert daily_digest_owed(outbox, NOW, SEND_TIME, ADMINS)
    key = digest_key(date(2021, 11, 15))
    assert key == "digest:2021-11-15"
    send(outbox, key, ADMIN, State.SENT)
    send(outbox, key, OTHER_ADMIN, State.SENT)
    assert not daily_digest_owed(outbox, NOW, SEND_TIME, ADMINS)


def test_the_last_digest_is_the_latest_change_to_a_digest_record(outbox: Outbox):
    assert last_digest(outbox) is None
    monday, tuesday = NOW, datetime(2021, 11, 16, 9, 1, tzinfo=ZONE)
    send(outbox, "digest:2021-11-15", ADMIN, State.SENT, monday)
    send(outbox, "digest:2021-11-16", ADMIN, State.SENT, tuesday)
    send(outbox, "weekly:2021-11-15", ADMIN, State.SENT, datetime(2021, 11, 19, tzinfo=ZONE))
    assert last_digest(outbox) == tuesday
