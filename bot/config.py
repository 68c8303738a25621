"""Configuration: where the notice and the registry are, and the office's time zone."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTICE = PROJECT_ROOT / "data" / "notice-2021.txt"
DEFAULT_REGISTRY = PROJECT_ROOT / "data" / "units.toml"
DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from a TOML file; paths are absolute."""

    notice: Path
    registry: Path
    timezone: ZoneInfo


def _path(data: dict, table: str, default: Path, base: Path, source: Path) -> Path:
    value = data.get(table, {}).get("path")
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, f"[{table}] path 应是文件路径字符串")
    return (base / value).resolve()


def parse_config(text: str, *, base: Path, source: Path) -> Config:
    """Read config TOML text; relative paths are taken from `base` (the file's directory)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, f"TOML 格式错误（{error}）") from error
    zone = data.get("bot", {}).get("timezone", DEFAULT_TIMEZONE)
    try:
        timezone = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ConfigError(source, f"[bot] timezone “{zone}” 不是有效时区") from error
    return Config(
        notice=_path(data, "notice", DEFAULT_NOTICE, base, source),
        registry=_path(data, "registry", DEFAULT_REGISTRY, base, source),
        timezone=timezone,
    )


def load_config(path: Path | None) -> Config:
    """Read the config file at `path`, or use the shipped notice and registry when None."""
    if path is None:
        return Config(DEFAULT_NOTICE, DEFAULT_REGISTRY, ZoneInfo(DEFAULT_TIMEZONE))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ConfigError(path, f"无法打开（{error.strerror}）") from error
    return parse_config(text, base=path.resolve().parent, source=path)
