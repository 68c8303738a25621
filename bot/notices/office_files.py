"""What a data directory remembers of its office: its unit registry and its deadline file.

``<data>/office.toml`` is written by an import (``python -m bot import`` or a file sent to the
bot) and read by every command, so none needs ``--units`` after the first. A new office's first
notice replaces the shipped sample outright; its deadline file is then its own, in the data
directory unless the config names another, never the project's sample file. A registry named
on the command line that is not there yet starts empty.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

from bot.config import DEFAULT_DEADLINES, DEFAULT_NOTICE, Config
from bot.errors import ConfigError, toml_problem
from bot.notices.catalog import PRIMARY
from bot.notices.desks import ledger_dir
from bot.notices.knowledge import ACTIVE_NOTICE, toml_string, write_atomically
from bot.store.storage import parse_file

OFFICE_FILE = "office.toml"
OFFICE_DEADLINES = "deadlines.toml"
STORE_FILE = "bot.json"  # the bot's records (bindings, pauses, groups)
_HEADER = "# 本数据目录使用的单位名录和截止日期文件，由导入通知时写入；可改为别的路径。\n"
EMPTY_REGISTRY = (
    "# 单位名录：[[units]] 单位（name、kind、aliases），[[groups]] 统称（name、members 或 kinds）。\n"
    "# 导入通知时，名录外的名称可按通知拟定加入，之后可直接编辑本文件。\n"
)


def remembered(config: Config) -> Config:
    """`config` with the registry and deadline file ``<data>/office.toml`` names, if any.

    Raises:
        ConfigError: the file is there but unreadable or malformed.
    """
    path = config.data_dir / OFFICE_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, f"无法读取（{error}）") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(path, toml_problem(error)) from error
    files = {}
    for table, field in (("registry", "registry"), ("deadlines", "deadlines")):
        value = data.get(table, {}).get("path") if isinstance(data.get(table), dict) else None
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(path, f"[{table}] path 应是文件路径字符串")
        files[field] = (config.data_dir / value).resolve()
    return replace(config, **files)


def remember(config: Config) -> None:
    """Write ``<data>/office.toml`` naming `config`'s registry and, unless it is the
    project's sample file, its deadline file."""
    lines = [_HEADER, "[registry]", f"path = {toml_string(str(config.registry.resolve()))}"]
    if not _is(config.deadlines, DEFAULT_DEADLINES):
        lines += ["", "[deadlines]", f"path = {toml_string(str(config.deadlines.resolve()))}"]
    config.data_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(config.data_dir / OFFICE_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def _is(path: Path, shipped: Path, *, copy: bool = False) -> bool:
    """True when `path` is the shipped file (or, with `copy`, holds the same bytes)."""
    try:
        return path.resolve() == shipped.resolve() or (
            copy and path.is_file() and path.read_bytes() == shipped.read_bytes()
        )
    except OSError:
        return False


def shows_sample(config: Config) -> bool:
    """True while the data directory has no notice of its own and the notice in force is the
    shipped sample (the configured notice is that file, or a copy of it)."""
    return not (config.data_dir / ACTIVE_NOTICE).exists() and _is(
        config.notice, DEFAULT_NOTICE, copy=True
    )


def in_use(data_dir: Path) -> bool:
    """True once the data directory's office works with its notice: someone is bound to a
    unit, or the first notice's ledger holds reports.

    Raises:
        DataFileError: the records file is unreadable.
    """
    tables = parse_file(data_dir / STORE_FILE) or {}
    return bool(tables.get("bindings")) or any(ledger_dir(data_dir, PRIMARY).glob("ledger-*.json"))


def starts_clean(config: Config) -> bool:
    """True while the shipped sample is in force and nobody works with it: a new office's
    first notice then replaces it (unless the notice revises the sample itself)."""
    return shows_sample(config) and not in_use(config.data_dir)


def own_files(config: Config) -> Config:
    """A new office's deadline file: the configured one, or the data directory's own where
    the config names the project's sample file (its dates are the sample's tasks')."""
    if not _is(config.deadlines, DEFAULT_DEADLINES):
        return config
    return replace(config, deadlines=config.data_dir / OFFICE_DEADLINES)


def ensure_registry(path: Path) -> None:
    """Create an empty registry at `path` (with how to fill it) if there is no file there."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, EMPTY_REGISTRY.encode("utf-8"))
