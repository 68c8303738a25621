"""The inbox of taken callbacks: durable, bounded to 3 days, refusing a damaged file."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.wecom.inbox import INBOX_FILE, Inbox, InboxError

DAY = 24 * 3600
NOW = 1_700_000_000.0


def test_a_key_is_taken_once_and_survives_a_restart(tmp_path: Path):
    inbox = Inbox(tmp_path)
    assert inbox.take("msg:a", int(NOW) - 5, {"n": 1}, now=NOW)
    assert not inbox.take("msg:a", int(NOW) - 5, {"n": 1}, now=NOW)
    again = Inbox(tmp_path)
    assert "msg:a" in again
    assert again.pending() == [("msg:a", {"n": 1})]
    again.done("msg:a")
    assert Inbox(tmp_path).pending() == []
    assert not Inbox(tmp_path).take("msg:a", int(NOW) - 5, {"n": 1}, now=NOW + 60)


def test_keys_are_kept_three_days_and_older_callbacks_refused(tmp_path: Path):
    inbox = Inbox(tmp_path)
    assert inbox.take("msg:old", int(NOW), {}, now=NOW)
    inbox.done("msg:old")
    later = NOW + 3 * DAY + 1
    assert inbox.take("msg:new", int(later), {}, now=later)
    assert "msg:old" not in Inbox(tmp_path)  # dropped from the file: the inbox stays small
    # ...and its replay, now more than 3 days old, is refused all the same
    assert not inbox.take("msg:old", int(NOW), {}, now=later)
    assert "msg:new" in inbox


def test_a_damaged_inbox_stops_the_start_instead_of_forgetting(tmp_path: Path):
    (tmp_path / INBOX_FILE).write_text("{ not json", encoding="utf-8")
    with pytest.raises(InboxError, match="企业微信回调记录 .* 有误：无法读取.*请从备份恢复"):
        Inbox(tmp_path)


def test_the_file_is_private_and_an_interrupted_write_is_cleaned_up(tmp_path: Path):
    (tmp_path / f".{INBOX_FILE}.x1.tmp").write_text("half", encoding="utf-8")
    inbox = Inbox(tmp_path)
    inbox.take("msg:a", int(NOW), {}, now=NOW)
    assert (tmp_path / INBOX_FILE).stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [INBOX_FILE]
