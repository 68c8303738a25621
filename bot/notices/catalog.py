"""Which notices the office runs at once: the catalog ``<data>/notices.toml``.

The first notice (key ``1``) is the one the bot always had: the configured notice, or the
revision last imported for it (``<data>/notice.toml``, see `bot.notices.knowledge`). Notices the office
adds later get keys ``2``, ``3`` … (never reused) and live in ``<data>/notices/``. Each notice
has a short name that answers, nudges and exports show, and may be archived: an archived
notice is no longer asked about, nudged or counted, and its ledger is kept.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import tomli_w

from bot.errors import NoticeError, toml_problem
from bot.normalize import printable, safe_filename, tidy_prose
from bot.notices.knowledge import NOTICES_DIR, write_atomically
from bot.plan import PRIMARY

CATALOG = "notices.toml"
MAX_NAME = 20
_KEY = re.compile(r"[1-9][0-9]{0,3}")
_YEAR = re.compile(r"^.*?\d{4}\s*年(?:度)?")
_TAILS = ("任务分工方案", "分工方案", "责任分工", "任务分工", "分工")


@dataclass(frozen=True, slots=True)
class NoticeEntry:
    """One notice in the catalog: its key, the name users see, its file and whether archived.

    `file` is a name in ``<data>/notices/``; the first notice has none (its file is the
    configured or imported one). An empty `name` means: derived from the notice's title.
    """

    key: str
    name: str = ""
    file: str | None = None
    archived: bool = False

    @property
    def primary(self) -> bool:
        """True for the notice the bot started with (its records carry no notice key)."""
        return self.key == PRIMARY


def short_name(title: str) -> str:
    """A short name from a notice's title: without the issuer, the year and "分工方案".

    "江门市生态环境局2021年政务公开工作要点分工方案" → "政务公开工作要点".
    """
    name = _YEAR.sub("", title.strip("《》 "))
    for tail in _TAILS:
        if name.endswith(tail) and len(name) > len(tail):
            name = name[: -len(tail)]
            break
    name = name.strip("的 ") or title
    return name[:MAX_NAME]


def read_catalog(data_dir: Path) -> tuple[NoticeEntry, ...]:
    """The notices in `data_dir`'s catalog, first notice first; just it when there is none.

    Raises:
        NoticeError: the catalog is unreadable or malformed; the bot does not guess.
    """
    path = data_dir / CATALOG
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (NoticeEntry(PRIMARY),)
    except (OSError, UnicodeDecodeError) as error:
        raise NoticeError(path, f"无法读取（{error}）") from error
    return _parse_catalog(path, text)


def _parse_catalog(path: Path, text: str) -> tuple[NoticeEntry, ...]:
    try:
        raw = tomllib.loads(text).get("notice", [])
    except tomllib.TOMLDecodeError as error:
        raise NoticeError(path, toml_problem(error)) from error
    if not isinstance(raw, list):
        raise NoticeError(path, "应为 [[notice]] 表的列表")
    entries = [_entry(path, item) for item in raw]
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise NoticeError(path, "通知的 key 有重复")
    if PRIMARY not in keys:
        entries.insert(0, NoticeEntry(PRIMARY))
    return tuple(sorted(entries, key=lambda e: int(e.key)))


def _entry(path: Path, item: object) -> NoticeEntry:
    if not isinstance(item, dict):
        raise NoticeError(path, "每个 [[notice]] 应是表")
    key, name = item.get("key"), item.get("name", "")
    file, archived = item.get("file"), item.get("archived", False)
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise NoticeError(path, f"key 应是 1–9999 的数字字符串：{key!r}")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise NoticeError(path, f"第 {key} 个通知的 name 应是不超过 {MAX_NAME} 个字的文字")
    if not isinstance(archived, bool):
        raise NoticeError(path, f"第 {key} 个通知的 archived 应是 true 或 false")
    if key == PRIMARY:
        if file is not None:
            raise NoticeError(path, "第 1 个通知的文件由配置或 notice.toml 指定，这里不写 file")
    elif not isinstance(file, str) or not file or safe_filename(file) != file:
        raise NoticeError(path, f"第 {key} 个通知的 file 应是 notices 目录中的文件名")
    return NoticeEntry(key, name, file, archived)


def notice_file(data_dir: Path, entry: NoticeEntry) -> Path:
    """Where a notice added later is kept (not for the first notice)."""
    if entry.file is None:
        raise ValueError("第 1 个通知的文件由 bot.notices.knowledge.active_notice 决定")
    return data_dir / NOTICES_DIR / entry.file


def write_catalog(data_dir: Path, entries: tuple[NoticeEntry, ...], *, at: datetime) -> None:
    """Replace the catalog atomically with `entries`, written by a TOML library and read back
    before it replaces the old one (a name may hold quotes, backslashes or anything else)."""
    head = (
        "# 办公室同时使用的通知，由机器人写入（导入新通知、/archive、/unarchive）。\n"
        "# key 1 是最初的通知；name 是回答和提醒里显示的简称；archived = true 表示已归档。\n"
        f"# 更新于 {at.isoformat(timespec='seconds')}\n\n"
    )
    tables = [
        {"key": e.key, "name": e.name}
        | ({"file": e.file} if e.file is not None else {})
        | {"archived": e.archived}
        for e in entries
    ]
    data = (head + tomli_w.dumps({"notice": tables})).encode("utf-8")
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(data_dir / CATALOG, data, check=_read_back)


def _read_back(written: Path) -> None:
    _parse_catalog(written, written.read_text(encoding="utf-8"))


def notice_name(text: str) -> str:
    """A notice's short name from what the office typed (a caption, /name): one line of
    printable text, at most `MAX_NAME` characters."""
    return tidy_prose(printable(text))[:MAX_NAME].rstrip()


def add_notice(
    data_dir: Path, filename: str, data: bytes, name: str, *, at: datetime
) -> NoticeEntry:
    """Keep `data` in ``<data>/notices/`` as a further notice named `name`; returns its entry.

    The file goes first, then the catalog, both atomically: a crash leaves the catalog
    without the notice (and an unused file), never a catalog naming a missing file.
    """
    entries = read_catalog(data_dir)
    key = str(max(int(e.key) for e in entries) + 1)
    stored = f"{key}-{safe_filename(filename)}"
    folder = data_dir / NOTICES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / stored, data)
    entry = NoticeEntry(key, notice_name(name), stored)
    write_catalog(data_dir, (*entries, entry), at=at)
    return entry


def replace_file(
    data_dir: Path, key: str, filename: str, data: bytes, *, at: datetime
) -> NoticeEntry:
    """A revision of the further notice `key`: keep the new file and point the catalog at it."""
    entries = read_catalog(data_dir)
    stored = f"{key}-{safe_filename(filename)}"
    write_atomically(data_dir / NOTICES_DIR / stored, data)
    changed = tuple(replace(e, file=stored) if e.key == key else e for e in entries)
    write_catalog(data_dir, changed, at=at)
    return next(e for e in changed if e.key == key)


def set_archived(data_dir: Path, key: str, archived: bool, *, at: datetime) -> None:
    """Archive the notice `key`, or bring it back."""
    entries = read_catalog(data_dir)
    changed = tuple(replace(e, archived=archived) if e.key == key else e for e in entries)
    write_catalog(data_dir, changed, at=at)
