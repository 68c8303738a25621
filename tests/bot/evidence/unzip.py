"""What a test reads from the zip of ``/export 含佐证``: the workbook's 历史 rows and the files."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook


def unzipped(data: bytes, workbook: str) -> tuple[list[tuple], dict[str, bytes]]:
    """The zip's workbook (its first entry, named `workbook`): its 历史 rows as (编号, 单位,
    类型, 内容, 关联记录); and the zip's other files by path."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist()[0] == workbook
    book = load_workbook(io.BytesIO(archive.read(workbook)))
    # 历史: 编号, 时间, 单位, 人员, 类型, 事项, 状态, 内容, 关联记录.
    rows = book["历史"].iter_rows(min_row=2, values_only=True)
    history = [(row[0], row[2], row[4], row[7], row[8]) for row in rows]
    return history, {name: archive.read(name) for name in archive.namelist()[1:]}
