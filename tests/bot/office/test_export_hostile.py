"""Any text a user can send exports: no content makes the workbook fail or holds a formula."""

from __future__ import annotations

import io
import re
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.answers.model import Knowledge
from bot.ledger.deadlines import plan_deadlines
from bot.ledger.history import Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.normalize import printable, spaced
from bot.office.export import export_workbook
from bot.office.overview import build_overview

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2021, 11, 15, 10, 0, tzinfo=ZONE)
# What XML 1.0 allows in a document (its production `Char`), minus the controls we drop too.
XML_CHAR = re.compile("[\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")
FORMULA_LIKE = re.compile(r"\s*[=+\-@]")
# Every code point, surrogates included: the bot must render whatever it is given.
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=60)
# What the store can hold (UTF-8 has no lone surrogates), biased to the awkward characters.
STORED_TEXT = st.text(
    st.one_of(
        st.sampled_from("=+-@#\t\n\r\x00\x0b\x1f\x7f\x85\x9f\ufffe\uffff\u2028 已完成"),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=60,
)


@given(ANY_TEXT)
def test_printable_keeps_only_what_every_renderer_takes(text: str):
    shown = printable(text)
    assert XML_CHAR.fullmatch(shown)
    assert printable(shown) == shown
    shown.encode("utf-8")  # no lone surrogate left


@given(ANY_TEXT)
def test_spaced_keeps_positions_and_leaves_only_whitespace_controls(text: str):
    read = spaced(text)
    assert all(was == now or now == " " for was, now in zip(text, read, strict=True))
    assert XML_CHAR.fullmatch(read)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports=st.lists(st.tuples(STORED_TEXT, STORED_TEXT, STORED_TEXT), min_size=1, max_size=4))
def test_any_report_name_or_unit_exports_as_text(plan, registry, reports):
    know = Knowledge(plan, registry, plan_deadlines(plan, office={}, year_end=NOW.date()))
    with tempfile.TemporaryDirectory() as folder, LedgerStore(Path(folder) / "l") as store:
        ledger = Ledger(store)
        for index, (text, name, unit) in enumerate(reports, start=1):
            ledger.report(
                unit=unit or "办公室",
                tasks=(24,),
                status=Status.ONGOING,
                text=text,
                dues={24: None},
                user=1001,
                name=name,
                chat=1001,
                message=index,
                now=NOW,
            )
        data = export_workbook(know, ledger, build_overview(know, ledger, NOW.date()), ZONE)
    book = load_workbook(io.BytesIO(data))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type in ("f", "e")] == []
    history = list(book["历史"].iter_rows(min_row=2))
    for (text, name, unit), row in zip(reports, history, strict=True):
        assert (row[2].value or "", row[3].value or "", row[7].value or "") == (
            printable(unit or "办公室"),
            printable(name or "1001"),
            printable(text),
        )
        # Excel's quote prefix on what it would read as a formula once the office edits it.
        assert row[7].quotePrefix == bool(FORMULA_LIKE.match(printable(text)))
