"""The callbacks taken, kept durably: each key until its message is 3 days old, and each
message until it was handled, so a retried or replayed callback changes nothing and a crash
between the 200 and the handling loses nothing."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.errors import DataFileError
from bot.store.atomic import PRIVATE, replace_file

__all__ = ["WINDOW", "Inbox", "InboxError"]

INBOX_FILE = "wecom-inbox.json"
VERSION = 1
# WeCom keeps media 3 days, and retries within seconds: a key is kept this long after its
# message's CreateTime, and an older callback is refused, so no replay outlives its key.
WINDOW = timedelta(days=3)


class InboxError(DataFileError):
    """The inbox file exists but cannot be read; the bot refuses to start without it."""

    what = "企业微信回调记录"


class Inbox:
    """`seen` maps each key to its message's CreateTime; `pending` holds the messages taken
    but not yet handled, in arrival order. Every change is one atomic, durable write."""

    def __init__(self, directory: Path, *, window: timedelta = WINDOW) -> None:
        """Read (or start) `directory`/wecom-inbox.json.

        Raises:
            InboxError: the file is damaged; starting empty would handle replays again.
        """
        self.path = directory / INBOX_FILE
        self.window = int(window.total_seconds())
        self._lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)
        for orphan in directory.glob(f".{INBOX_FILE}.*.tmp"):
            orphan.unlink(missing_ok=True)  # a write a crash interrupted; the file is whole
        self._seen, self._pending = self._read()

    def _read(self) -> tuple[dict[str, int], dict[str, dict[str, Any]]]:
        try:
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return {}, {}
        except (OSError, ValueError) as error:
            raise InboxError(self.path, f"无法读取（{error}）；请从备份恢复") from error
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise InboxError(self.path, f"不是第 {VERSION} 版的回调记录；请从备份恢复")
        return dict(data.get("seen", {})), dict(data.get("pending", {}))

    def _write(self) -> None:
        data = {"version": VERSION, "seen": self._seen, "pending": self._pending}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        replace_file(self.path, text.encode("utf-8"), mode=PRIVATE)

    def take(self, key: str, created: int, record: dict[str, Any], *, now: float) -> bool:
        """Record a new message as taken (durably) and return True; False, writing nothing,
        for a key seen before or a message older than the window."""
        with self._lock:
            if key in self._seen or created <= now - self.window:
                return False
            kept = {k: t for k, t in self._seen.items() if t > now - self.window}
            kept[key] = created
            pending = {**self._pending, key: record}
            previous = self._seen, self._pending
            self._seen, self._pending = kept, pending
            try:
                self._write()
            except BaseException:
                self._seen, self._pending = previous
                raise
            return True

    def done(self, key: str) -> None:
        """Forget the message of `key` (it was handled); its key stays seen."""
        with self._lock:
            if self._pending.pop(key, None) is not None:
                self._write()

    def pending(self) -> list[tuple[str, dict[str, Any]]]:
        """The messages taken but not handled, oldest first."""
        with self._lock:
            return list(self._pending.items())

    def __contains__(self, key: object) -> bool:
        return key in self._seen
