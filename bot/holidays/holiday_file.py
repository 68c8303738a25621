"""The office's holiday arrangements in ``holidays.toml`` in the data directory.

One table per year: the source notice's title, when it was stored, the days off and the
makeup working days, as TOML dates a clerk can read and edit. Written atomically (temp file,
fsync, rename) with `bot.notices.knowledge.write_atomically`, so a backup or a crash sees the old file
or the new one; `HolidayFile.refresh` picks up a clerk's edit without a restart.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from bot.errors import DataFileError
from bot.holidays.arrangement import Arrangement
from bot.notices.knowledge import write_atomically
from bot.workdays import OfficeYear, use_office_calendar

__all__ = ["HOLIDAYS_FILE", "HolidayFile", "load_holidays", "store_arrangement"]

HOLIDAYS_FILE = "holidays.toml"
HEADER = (
    "# 法定节假日安排：办公室发来的《国务院办公厅关于某年部分节假日安排的通知》读入后存于此，\n"
    "# 每年一节。days_off 为放假的日子，workdays 为调休上班的日子；该年其余周一至周五上班。\n"
    "# 可以手工修改，机器人一分钟内生效。删去一年的一节，该年即改用 chinese-calendar 的数据。\n\n"
)


def _days(path: Path, year: str, table: dict[str, Any], key: str) -> frozenset[date]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(
        isinstance(v, date) and not isinstance(v, datetime) for v in values
    ):
        raise DataFileError(path, f"[{year}] 的 {key} 应为日期列表，如 [2027-01-01, 2027-02-06]")
    return frozenset(values)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise DataFileError(path, f"无法读取（{error}）") from error


def _parse(path: Path) -> dict[int, OfficeYear]:
    data = _read(path)
    years: dict[int, OfficeYear] = {}
    for key, table in data.items():
        if not key.isdecimal() or not isinstance(table, dict):
            raise DataFileError(path, f"“{key}”应为一个年份的表，如 [2027]")
        off, work = (_days(path, key, table, k) for k in ("days_off", "workdays"))
        if off & work:
            both = "、".join(sorted(d.isoformat() for d in off & work))
            raise DataFileError(path, f"[{key}] 中 {both} 既放假又上班")
        years[int(key)] = OfficeYear(int(key), str(table.get("title", "")), off, work)
    return years


def load_holidays(data_dir: Path) -> dict[int, OfficeYear]:
    """The arrangements stored in `data_dir`, by year; none when there is no file."""
    path = data_dir / HOLIDAYS_FILE
    return _parse(path) if path.exists() else {}


def _render(years: dict[int, dict[str, Any]]) -> bytes:
    body = tomli_w.dumps({str(y): years[y] for y in sorted(years)})
    return (HEADER + body).encode("utf-8")


def store_arrangement(data_dir: Path, arrangement: Arrangement, *, at: datetime) -> None:
    """Put `arrangement` in ``holidays.toml`` as its year, keeping the other years."""
    path = data_dir / HOLIDAYS_FILE
    tables: dict[int, dict[str, Any]] = {}
    if path.exists():
        _parse(path)  # a broken file is reported, not overwritten
        tables = {int(k): v for k, v in _read(path).items()}
    tables[arrangement.year] = {
        "title": arrangement.title,
        "stored": at.isoformat(timespec="seconds"),
        "days_off": list(arrangement.holidays),
        "workdays": list(arrangement.workdays),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(path, _render(tables), check=_parse)


class HolidayFile:
    """``holidays.toml`` as the calendar in force: reloaded whenever the file changes."""

    def __init__(self, data_dir: Path) -> None:
        """Watch ``holidays.toml`` in `data_dir`; nothing is read until `refresh`."""
        self.data_dir = data_dir
        self._seen: tuple[int, int] | None | str = "unread"

    def _stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.data_dir / HOLIDAYS_FILE)
        except FileNotFoundError:
            return None
        return info.st_mtime_ns, info.st_size

    def refresh(self) -> bool:
        """Load the file into the working-day calendar if it changed since; True if it did.

        Raises DataFileError for a file that cannot be used; the calendar then stays as it was.
        """
        stamp = self._stamp()
        if stamp == self._seen:
            return False
        use_office_calendar(load_holidays(self.data_dir))
        self._seen = stamp
        return True

    def store(self, arrangement: Arrangement, *, at: datetime) -> None:
        """Store `arrangement` and put it in force at once."""
        store_arrangement(self.data_dir, arrangement, at=at)
        self.refresh()
