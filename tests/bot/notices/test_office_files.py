"""What a data directory remembers of its office (`bot.notices.office_files`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import DEFAULT_DEADLINES, load_config
from bot.errors import ConfigError
from bot.notices.office_files import (
    OFFICE_FILE,
    ensure_registry,
    own_files,
    remember,
    remembered,
    starts_clean,
)
from bot.people.bindings import Bindings
from bot.registry.units import load_registry
from bot.store.storage import Store
from tests.conftest import NOTICE
from tests.e2e.test_nudges import seed


@pytest.fixture
def config(tmp_path: Path):
    return replace(load_config(None), data_dir=tmp_path / "data")


def test_a_fresh_data_directory_on_the_sample_starts_clean(config, tmp_path):
    assert starts_clean(config)
    copy = tmp_path / "sample.txt"
    copy.write_bytes(NOTICE.read_bytes())
    assert starts_clean(replace(config, notice=copy))  # a copy of the sample is the sample
    other = tmp_path / "own.txt"
    other.write_text("某局方案\n", encoding="utf-8")
    assert not starts_clean(replace(config, notice=other))


def test_a_data_directory_with_staff_bound_does_not(config, tmp_path):
    seed(tmp_path, {1001: "综合科"})
    assert not starts_clean(config)
    with Store(tmp_path / "data" / "bot.json") as store:
        Bindings(store).unbind(1001)
    assert starts_clean(config)


def test_the_office_gets_its_own_deadline_file(config, tmp_path):
    assert config.deadlines == DEFAULT_DEADLINES
    assert own_files(config).deadlines == config.data_dir / "deadlines.toml"
    named = replace(config, deadlines=tmp_path / "dates.toml")
    assert own_files(named) == named


def test_the_data_directory_remembers_registry_and_deadlines(config, tmp_path):
    assert remembered(config) == config
    office = replace(own_files(config), registry=tmp_path / "units.toml")
    remember(office)
    assert remembered(config) == replace(office, registry=office.registry.resolve())


def test_the_sample_deadline_file_is_never_remembered(config):
    remember(config)
    assert "[deadlines]" not in (config.data_dir / OFFICE_FILE).read_text(encoding="utf-8")
    assert remembered(config).deadlines == DEFAULT_DEADLINES


def test_a_broken_office_file_is_named(config):
    config.data_dir.mkdir()
    (config.data_dir / OFFICE_FILE).write_text("[registry]\npath = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="path 应是文件路径字符串"):
        remembered(config)


def test_a_registry_that_is_not_there_starts_empty(tmp_path):
    path = tmp_path / "new" / "units.toml"
    ensure_registry(path)
    assert load_registry(path).units == ()
    path.write_text('[[units]]\nname = "综合科"\nkind = "科室"\n', encoding="utf-8")
    ensure_registry(path)
    assert len(load_registry(path).units) == 1
