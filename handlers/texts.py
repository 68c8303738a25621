"""What the bot says about the delivery of messages: a backlog, and a data write the disk refused."""

from __future__ import annotations

import errno

BUSY = "请稍候，正在处理您之前的消息。"
TOO_MANY = "您发来的消息太多，从这条起暂不处理，也没有记录。请等前面的消息都有了回复，再重新发送需要的内容。"

_CAUSES = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "文件系统只读",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EIO: "磁盘读写出错",
}


def write_cause(code: int | None, detail: str) -> str:
    """The cause of a failed write in a few words: 磁盘已满, or the system's own words."""
    return _CAUSES.get(code) or f"写入出错（{detail}）"


def size(free: int | None) -> str:
    """Bytes as a person reads them: 512 字节, 3.5 KB, 12.0 MB, 1.2 GB; 未知 for None."""
    if free is None:
        return "未知"
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if free >= scale:
            return f"{free / scale:.1f} {unit}"
    return f"{free} 字节"


def write_failed(cause: str, data_dir: str, free: int | None, file: str, hours: int) -> str:
    """The one alert to the admins when the disk refuses the bot's writes."""
    return (
        f"⚠️ 数据写入失败：{cause}。\n"
        f"数据目录：{data_dir}，剩余空间 {size(free)}\n"
        f"出错的文件：{file}\n"
        "用户刚才的操作没有保存，他们收到了“出错了，请稍后再试”，不会收到“已记录”。"
        f"请尽快处理（如清理磁盘）。同一原因 {hours} 小时内不再重复提醒。"
    )
