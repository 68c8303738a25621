"""How much of a notice file the bot reads: every bound in one place, and the checks made
before anything is unpacked or parsed.

A notice is a few hundred KB with a few hundred rows; each bound leaves a wide margin over
that and refuses, in Chinese, what could only be a mistake or an attack: a workbook whose
used range is the whole grid, a zip bomb, a document of 200,000 paragraphs.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import bot.notice_files.texts as file_texts
from bot.errors import NoticeError

MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and encrypted .docx/.xlsx
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
)
_RATIO_FROM = MB  # a member smaller than this unpacks to too little to matter


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one read. `seconds` and `memory` bind the worker process that reads."""

    max_bytes: int = 10 * MB  # the file as sent
    max_unpacked: int = 20 * MB  # every member of a .docx or .xlsx package, unpacked
    max_members: int = 2000
    max_ratio: int = 500  # unpacked to packed size of a member over `_RATIO_FROM`; XML: ~10
    max_rows: int = 5000  # rows of a sheet (all sheets), paragraphs and table rows, lines
    max_columns: int = 64
    max_cells: int = 100_000  # cells with content, and cells that merged ranges cover
    max_sheets: int = 50
    max_chars: int = 2_000_000
    max_pages: int = 100  # pages of a PDF
    seconds: float = 20.0
    memory: int = 1024 * MB  # the worker's address space

    def to_json(self) -> dict[str, float]:
        """The limits as a JSON object, to hand them to a worker."""
        return asdict(self)


LIMITS = Limits()


def check_size(data: bytes, filename: str, limits: Limits) -> None:
    """Refuse a file larger than a notice can be."""
    if len(data) > limits.max_bytes:
        raise NoticeError(filename, too_big(len(data), limits))


def too_big(size: int, limits: Limits) -> str:
    """Why a file of `size` bytes is refused."""
    return file_texts.TOO_BIG.format(size=size / MB, limit=file_texts.megabytes(limits.max_bytes))


def check_package(data: bytes, filename: str, kind: str, limits: Limits) -> None:
    """Refuse what is not a sound zip package, or one that would unpack to far more than a
    notice: its members' sizes and compression ratios are checked from the directory before
    any is unpacked (a member never unpacks past its declared size: `zipfile` stops there)."""
    if data.startswith(_OLE_MAGIC):
        raise NoticeError(
            filename,
            f"这是设置了密码或旧版格式的文件，请去掉密码，或在 Office、WPS 中另存为 {kind} 后再导入",
        )
    damaged = NoticeError(
        filename, f"不是有效的 {kind} 文件（可能已损坏，或是改了扩展名的其他格式）"
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            _check_members(members, filename, limits)
            # Reads every member (never past its declared size) and checks its CRC.
            sound = package.testzip() is None
    except NoticeError:
        raise
    except _ZIP_ERRORS as error:
        raise damaged from error
    if not sound:
        raise damaged


def _check_members(members: Sequence[zipfile.ZipInfo], filename: str, limits: Limits) -> None:
    if len(members) > limits.max_members:
        detail = file_texts.TOO_MANY_MEMBERS.format(count=len(members), limit=limits.max_members)
        raise NoticeError(filename, detail)
    if sum(member.file_size for member in members) > limits.max_unpacked:
        limit = file_texts.megabytes(limits.max_unpacked)
        raise NoticeError(filename, file_texts.UNPACKED_TOO_BIG.format(limit=limit))
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM and ratio > limits.max_ratio:
            detail = file_texts.BOMB.format(member=member.filename[:60], ratio=ratio)
            raise NoticeError(filename, detail)


def check_rows(count: int, filename: str, limits: Limits) -> None:
    """Refuse once more rows than a notice has were read (paragraphs, table rows, lines)."""
    if count > limits.max_rows:
        raise NoticeError(filename, file_texts.TOO_MANY_LINES.format(limit=limits.max_rows))


def check_chars(rows: Sequence[tuple[int, Sequence[str]]], filename: str, limits: Limits) -> None:
    """Refuse rows holding more text than a notice has."""
    total = sum(len(cell) for _, cells in rows for cell in cells)
    if total > limits.max_chars:
        raise NoticeError(filename, file_texts.TOO_LONG.format(limit=limits.max_chars))
