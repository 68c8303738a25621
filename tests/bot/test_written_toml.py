"""What the bot writes for the office is TOML that reads back as written, whatever the names."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.importing.registry_file import NewAlias, addition_text
from bot.notices.catalog import MAX_NAME, NoticeEntry, notice_name, read_catalog, write_catalog
from bot.registry.units import parse_registry

AT = datetime(2021, 11, 16, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
NAMES = st.text(st.characters(exclude_categories=["Cs"]), max_size=MAX_NAME)


@settings(max_examples=50, deadline=None)
@given(st.lists(NAMES, max_size=3))
def test_the_catalog_reads_back_any_names(names):
    entries = (
        NoticeEntry("1", names[0] if names else ""),
        *(NoticeEntry(str(k), n, f"{k}-a.txt") for k, n in enumerate(names[1:], start=2)),
    )
    with tempfile.TemporaryDirectory() as folder:
        write_catalog(Path(folder), entries, at=AT)
        assert read_catalog(Path(folder)) == entries


@given(st.text())
def test_a_notice_name_is_one_printable_line(text):
    name = notice_name(text)
    assert len(name) <= MAX_NAME
    assert name == notice_name(name)
    assert "\n" not in name


def test_an_alias_of_a_name_with_a_line_break_stays_inside_its_comment():
    text = addition_text(NewAlias("宣教科", "宣传\n教育科"), day=date(2021, 11, 16), source="a")
    added = parse_registry('[[units]]\nname = "宣传\\n教育科"\nkind = "科室"\n' + text)
    assert added.lookup("宣教科") == added.units[0]
