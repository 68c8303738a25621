"""[review] required: whether 已完成 waits for the office's 复核 before it is closed."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, parse_config
from bot.errors import ConfigError


def _review(text: str) -> bool:
    return parse_config(text, base=Path("/tmp"), source=Path("config.toml")).review.required


def test_review_is_required_by_default_and_may_be_turned_off() -> None:
    assert _review("") is True
    assert _review("[review]\nrequired = false\n") is False


def test_the_example_documents_the_default() -> None:
    example = tomllib.loads((PROJECT_ROOT / "config.example.toml").read_text(encoding="utf-8"))
    assert example["review"]["required"] is True


def test_a_value_that_is_not_true_or_false_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"\[review\] required 应是 true 或 false"):
        _review('[review]\nrequired = "no"\n')


def test_a_batch_gathers_half_an_hour_by_default_and_minutes_are_checked() -> None:
    def gather(text: str) -> timedelta:
        return parse_config(text, base=Path("/tmp"), source=Path("config.toml")).review.gather

    assert gather("") == timedelta(minutes=30)
    assert gather("[review]\nbatch_minutes = 0\n") == timedelta(0)
    assert gather("[review]\nbatch_minutes = 120\n") == timedelta(hours=2)
    for wrong in ("-1", "1441", '"30"', "1.5", "true"):
        with pytest.raises(ConfigError, match=r"\[review\] batch_minutes 应是 0 到 1440"):
            gather(f"[review]\nbatch_minutes = {wrong}\n")
