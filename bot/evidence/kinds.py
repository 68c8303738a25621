"""Which files are evidence: a photo, a PDF, an OFD, a Word or an Excel file, by extension and
by the bytes it starts with, within the channel's size limit.

A name may lie and so may the bytes: both must agree. A photo is a JPEG or a PNG whichever
its extension (a channel may name an image .jpg whatever it holds). The zip-based formats
(.docx, .xlsx, .ofd) are told apart by the member every such package has; nothing is
unpacked.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import bot.evidence.texts as say

MB = 1024 * 1024
MAX_BYTES = 20 * MB  # what Telegram's cloud Bot API lets a bot download
_IMAGE = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")  # JPEG, PNG
_PDF = (b"%PDF-",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc and .xls
_ZIP = (b"PK\x03\x04",)


@dataclass(frozen=True, slots=True)
class Kind:
    """An accepted type: its label for people, the bytes it may start with, and for a zip
    package the member (or folder, ending in /) that marks it."""

    label: str
    magic: tuple[bytes, ...]
    member: str = ""


KINDS = {
    ".jpg": Kind("图片", _IMAGE),
    ".jpeg": Kind("图片", _IMAGE),
    ".png": Kind("图片", _IMAGE),
    ".pdf": Kind("PDF", _PDF),
    ".ofd": Kind("OFD", _ZIP, "OFD.xml"),
    ".doc": Kind("Word", _OLE),
    ".docx": Kind("Word", _ZIP, "word/"),
    ".xls": Kind("Excel", _OLE),
    ".xlsx": Kind("Excel", _ZIP, "xl/"),
}


def suffix_of(name: str) -> str:
    """The file name's extension, lower-case, with its dot ('' for none)."""
    return PurePath(name).suffix.lower()


def accepted(name: str) -> bool:
    """Whether the name's extension is one evidence may have (checked before any download)."""
    return suffix_of(name) in KINDS


def refusal_before(name: str, size: int, limit: int = MAX_BYTES) -> str | None:
    """Why the file is refused from what the channel says of it (name, size), or None."""
    if not accepted(name):
        return say.WRONG_TYPE.format(name=name)
    if size > limit:
        return say.TOO_BIG.format(name=name, size=megabytes(size), limit=megabytes(limit))
    return None


def refusal_of(name: str, data: bytes, limit: int = MAX_BYTES) -> str | None:
    """Why the file's bytes are refused (empty, too big, not what its name says), or None."""
    early = refusal_before(name, len(data), limit)
    if early is not None:
        return early
    if not data:
        return say.EMPTY.format(name=name)
    kind = KINDS[suffix_of(name)]
    if not data.startswith(kind.magic) or (kind.member and not _has_member(data, kind.member)):
        return say.NOT_WHAT_IT_SAYS.format(name=name, label=kind.label)
    return None


def _has_member(data: bytes, member: str) -> bool:
    """Whether the zip package holds `member` (a folder when it ends in /)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return False
    if member.endswith("/"):
        return any(n.startswith(member) for n in names)
    return member in names


def megabytes(size: int) -> str:
    """A size as people read it: 20 MB, 1.5 MB, 12 KB."""
    if size >= MB:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"
