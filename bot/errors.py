"""Typed errors of the core; each builds its Chinese message from its own fields."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path


class DataFileError(ValueError):
    """A data file the bot needs cannot be used as written."""

    what = "数据文件"

    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{self.what} {self.path} 有误：{detail}")


class RegistryError(DataFileError):
    """The unit registry is malformed: bad TOML, a missing name, a duplicate alias."""

    what = "单位名录"


class NoticeError(DataFileError):
    """The notice cannot be read at all: missing, not UTF-8 text, or no task in it."""

    what = "通知文件"


class ConfigError(DataFileError):
    """The configuration file is missing a value or has one of the wrong type."""

    what = "配置文件"


_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_problem(error: tomllib.TOMLDecodeError) -> str:
    """Where a TOML file is malformed, in Chinese: ``TOML 格式错误：第 7 行第 20 列``."""
    found = _AT.search(str(error))
    where = f"第 {found[1]} 行第 {found[2]} 列" if found else "文件末尾"
    return f"TOML 格式错误：{where}（请检查该处的引号、括号和换行）"
