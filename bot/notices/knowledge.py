"""Read everything an answer needs from the configured files: plan, registry, deadlines.

The notice is the one the office last imported (``python -m bot import``), if any: its file
is kept in ``<data>/notices/`` and ``<data>/notice.toml`` names it. Otherwise it is the
configured one.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bot.answers.model import Knowledge
from bot.config import Config
from bot.errors import NoticeError, toml_problem
from bot.ledger.deadlines import load_office_deadlines, notice_year_end, plan_deadlines
from bot.normalize import safe_filename
from bot.notice_files.importers import load_notice
from bot.registry.units import load_registry
from bot.store.atomic import PRIVATE, kept_mode, replace_file

ACTIVE_NOTICE = "notice.toml"
NOTICES_DIR = "notices"


def load_knowledge(config: Config, *, imported: bool = True) -> Knowledge:
    """Load the notice, the registry and the office's deadlines named in `config`.

    The notice is the imported one when there is one and `imported` is true (a notice given
    on the command line passes False), else `config.notice`. Year-end dates fall in the
    notice's own year; a notice that states no year has only the dates written with a year
    (its plan's problems say so), never `today`'s year.
    """
    registry = load_registry(config.registry)
    notice = active_notice(config) if imported else config.notice
    plan = load_notice(notice, registry)
    year_end = notice_year_end(plan, config.year_end)
    office = load_office_deadlines(config.deadlines)
    return Knowledge(plan, registry, plan_deadlines(plan, office=office, year_end=year_end))


def active_notice(config: Config) -> Path:
    """The notice in force: the imported one named by ``<data>/notice.toml``, else the configured.

    Raises:
        NoticeError: ``notice.toml`` is unreadable or names a file that is not there; the bot
            does not quietly fall back to another notice.
    """
    pointer = config.data_dir / ACTIVE_NOTICE
    try:
        text = pointer.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config.notice
    except (OSError, UnicodeDecodeError) as error:
        raise NoticeError(pointer, f"无法读取（{error}）") from error
    try:
        name = tomllib.loads(text).get("notice", {}).get("file")
    except tomllib.TOMLDecodeError as error:
        raise NoticeError(pointer, toml_problem(error)) from error
    except AttributeError as error:
        raise NoticeError(pointer, f"格式错误（{error}）") from error
    if not isinstance(name, str) or not name or safe_filename(name) != name:
        raise NoticeError(pointer, "[notice] file 应是 notices 目录中的文件名")
    path = config.data_dir / NOTICES_DIR / name
    if not path.is_file():
        raise NoticeError(pointer, f"启用的通知 {path} 不存在")
    return path


def activate_notice(data_dir: Path, filename: str, data: bytes, *, at: datetime) -> Path:
    """Keep `data` as ``<data_dir>/notices/<filename>`` and make it the notice in force.

    Both files are written atomically (temp file, fsync, rename), the notice first, so a
    crash leaves either the old notice in force or the new one, never a half-written file.
    Returns where the notice was stored.
    """
    name = safe_filename(filename)
    notices = data_dir / NOTICES_DIR
    notices.mkdir(parents=True, exist_ok=True)
    target = notices / name
    write_atomically(target, data)
    pointer = (
        "# 当前启用的通知，由 python -m bot import 写入。删除本文件即改用配置中的通知。\n"
        "[notice]\n"
        f"file = {toml_string(name)}\n"
        f"imported = {toml_string(at.isoformat(timespec='seconds'))}\n"
    )
    write_atomically(data_dir / ACTIVE_NOTICE, pointer.encode("utf-8"))
    return target


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, quotes and backslashes escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_atomically(
    target: Path, data: bytes, *, check: Callable[[Path], object] | None = None
) -> None:
    """Replace `target` by `data` atomically and durably (`bot.store.atomic.replace_file`).

    The file keeps the mode of the one it replaces, so a clerk's own permissions stay; a new one
    is private to the bot. `check`, if given, reads the temp file before the rename; whatever it
    raises leaves `target` as it was.
    """
    replace_file(target, data, mode=kept_mode(target, PRIVATE), check=check)
