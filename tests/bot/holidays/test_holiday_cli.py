"""`python -m bot holidays FILE`, run as the office would from a terminal."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from chinese_calendar.constants import holidays, workdays

from bot.holidays.holiday_file import HOLIDAYS_FILE, load_holidays
from tests.bot.holidays.test_holiday_file import DATA, MADE_UP_2027
from tests.bot.importing.test_import_cli import run_bot, write_docx

WRONG_WEEKDAY = MADE_UP_2027.replace("1月31日（周日）", "1月31日（周六）")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A config whose data directory is `tmp_path/data`."""
    path = tmp_path / "config.toml"
    path.write_text('[data]\npath = "data"\n', encoding="utf-8")
    return path


def arrangement(tmp_path: Path, text: str = MADE_UP_2027) -> Path:
    path = tmp_path / "arrangement.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_gives_the_library_days_of_a_real_year_and_stores_nothing(
    tmp_path: Path, config: Path
) -> None:
    done = run_bot("holidays", str(DATA / "2025.txt"), "--json", "--config", str(config))
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["year"] == 2025
    assert printed["holidays"] == sorted(d.isoformat() for d in holidays if d.year == 2025)
    assert printed["workdays"] == sorted(d.isoformat() for d in workdays if d.year == 2025)
    assert not (tmp_path / "data" / HOLIDAYS_FILE).exists()


def test_json_of_a_doubtful_reading_names_the_problem_and_fails(
    tmp_path: Path, config: Path
) -> None:
    done = run_bot(
        "holidays", str(arrangement(tmp_path, WRONG_WEEKDAY)), "--json", "--config", str(config)
    )
    assert done.returncode == 1
    assert "1月31日是周日，通知写的是周六" in done.stderr
    assert json.loads(done.stdout)["year"] == 2027


def test_yes_at_the_prompt_stores_the_year(tmp_path: Path, config: Path) -> None:
    done = run_bot("holidays", str(arrangement(tmp_path)), "--config", str(config), answer="y\n")
    assert done.returncode == 0, done.stderr
    assert "春节：2月5日（周五）至2月12日（周五），放假 8 天" in done.stdout
    assert "已启用 2027 年节假日安排" in done.stdout
    stored = load_holidays(tmp_path / "data")[2027]
    assert stored.workdays == {date(2027, 1, 31), date(2027, 2, 20)}


def test_no_at_the_prompt_stores_nothing(tmp_path: Path, config: Path) -> None:
    done = run_bot("holidays", str(arrangement(tmp_path)), "--config", str(config), answer="n\n")
    assert done.returncode == 1
    assert "未启用" in done.stdout
    assert not (tmp_path / "data" / HOLIDAYS_FILE).exists()


def test_a_reading_with_problems_is_never_stored_even_with_yes(
    tmp_path: Path, config: Path
) -> None:
    done = run_bot(
        "holidays", str(arrangement(tmp_path, WRONG_WEEKDAY)), "--yes", "--config", str(config)
    )
    assert done.returncode == 1
    assert "问题：\n· 1月31日是周日，通知写的是周六" in done.stdout
    assert not (tmp_path / "data" / HOLIDAYS_FILE).exists()


def test_a_word_document_reads_like_its_text(tmp_path: Path, config: Path) -> None:
    path = write_docx(tmp_path / "安排.docx", MADE_UP_2027.splitlines())
    done = run_bot("holidays", str(path), "--yes", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert date(2027, 2, 8) in load_holidays(tmp_path / "data")[2027].days_off


def test_a_broken_holidays_file_is_reported_not_overwritten(tmp_path: Path, config: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / HOLIDAYS_FILE).write_text("[2027\n", encoding="utf-8")
    done = run_bot("holidays", str(arrangement(tmp_path)), "--yes", "--config", str(config))
    assert done.returncode == 2
    assert "holidays.toml 有误" in done.stderr
    assert (data / HOLIDAYS_FILE).read_text(encoding="utf-8") == "[2027\n"
