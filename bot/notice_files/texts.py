"""Why a notice file was not read: each bound of `bot.notice_files.limits`, said to the office."""

from __future__ import annotations

TOO_BIG = "文件过大（{size:.1f} MB），通知文件应小于 {limit} MB"
UNPACKED_TOO_BIG = "文件过大：解压后超过 {limit} MB，不像一份通知"
TOO_MANY_MEMBERS = "文件过大：压缩包内有 {count} 个部件，超过 {limit} 个，不像一份通知"
BOMB = "文件中的“{member}”压缩比异常（约 {ratio} 倍），可能是压缩炸弹，未读取"
TOO_MANY_ROWS = "表格行数超过 {limit}（第 {row} 行仍有内容），请删去多余的行后再导入"
TOO_MANY_COLUMNS = "表格列数超过 {limit}（第 {column} 列仍有内容），请删去多余的列后再导入"
TOO_WIDE_TABLE = "表格列数超过 {limit}（一行占 {width} 列），请删去多余的列后再导入"
TOO_MANY_CELLS = "表格中有内容的单元格超过 {limit} 个，不像一份通知"
MERGED_TOO_BIG = "合并单元格覆盖超过 {limit} 个单元格，请取消多余的合并后再导入"
TOO_MANY_SHEETS = "工作表超过 {limit} 个，不像一份通知"
TOO_MANY_LINES = "段落和表格行数超过 {limit}，不像一份通知"
TOO_MANY_PAGES = "PDF 超过 {limit} 页，不像一份通知"
NO_TEXT_LAYER = "这份 PDF 没有文字层（可能是扫描件），请提供 Word 或文字版"
IMAGE = "这是一张图片，无法可靠识别其中的文字，请提供 Word 或文字版"
PDF_DAMAGED = "不是有效的 PDF 文件（可能已损坏，或是改了扩展名的其他格式）"
PDF_LOCKED = "这份 PDF 设置了密码，请去掉密码，或提供 Word 或文字版"
HTML_BROKEN = "网页结构异常（标签嵌套过深或已损坏），无法完整读取，请提供 Word 或文字版"
TOO_LONG = "文字超过 {limit} 字，不像一份通知"
TIMEOUT = "解析超时（超过 {seconds:.0f} 秒），未读取；请检查文件是否过大或含大量空白行列"
OUT_OF_MEMORY = "读取时超出内存上限（{limit} MB），未读取；请检查文件是否过大"
WORKER_FAILED = "读取文件时出错，未读取（文件可能已损坏）"


def megabytes(size: int) -> int:
    """A limit in bytes as whole MB, for the texts above."""
    return size // (1024 * 1024)
