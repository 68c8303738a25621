"""[review] required: whether 已完成 waits for the office's 复核 before it is closed."""

from __future__ import annotations

import tomllib
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
