"""Wording shared across packages: dates, role labels, shortening, Telegram's length limit, and
the replies of the command menu and the office's generic commands.

Each package keeps its own replies in its texts.py. Replies contain no blank lines, so a script
reading the console chat can split replies on blank lines.
"""

from __future__ import annotations

from datetime import date

from bot.normalize import int_to_cjk
from bot.plan import Problem, Role, Section
from bot.workdays import workdays_between

ROLE_LABELS = {
    Role.LEAD: "牵头",
    Role.RESPONSIBLE: "负责",
    Role.COOPERATE: "配合",
    Role.REFERENCE: "参照落实",
}
SHORT_REQUIREMENT = 28
WEEKDAYS = "一二三四五六日"

LEDGER_BUSY = "机器人正在使用这个数据目录：控制台只能查询，报告进展请在 Telegram 里发。"
AS_UNKNOWN = "--as：单位名录里找不到“{text}”。{hint}请写单位全称或别名，例如 --as 综合科。"


def full_date(day: date) -> str:
    """``2021年12月1日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def day_label(day: date) -> str:
    """``11月20日（周六）``."""
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def time_left(due: date, today: date, days: int | None = None) -> str:
    """``还有 3 个工作日``, ``今天截止``, ``已逾期 2 个工作日`` …; `days` if already counted."""
    days = workdays_between(today, due) if days is None else days
    if due < today:
        return f"已逾期 {-days} 个工作日" if days else "已逾期"
    if days == 0:
        return "今天截止" if due == today else "今天是截止前最后一个工作日"
    return f"还有 {days} 个工作日"


def chinese_number(number: int) -> str:
    """1–99 as the notice numbers its sections: 一, 十, 十五, 二十三."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if not 0 < number < 100:
        raise ValueError(f"只支持 1–99：{number}")
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


def shorten(text: str, limit: int = SHORT_REQUIREMENT) -> str:
    """The first `limit` characters of a requirement, with an ellipsis if it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def section_label(section: Section) -> str:
    """``八、切实增强回应关切效果``, as the notice writes it."""
    return f"{int_to_cjk(section.number)}、{section.title}"


def problem_line(problem: Problem) -> str:
    """One line of the loader's report: where, what, why."""
    where = f"第 {problem.line} 行" if problem.line else "全文"
    text = f"：{shorten(problem.text, 30)}" if problem.text else ""
    return f"{where}{text} —— {problem.why}"


MESSAGE_LIMIT = 4096


def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_long(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut a reply into messages of at most `limit` UTF-16 units, at line boundaries.

    A single line longer than `limit` is cut inside the line, as nothing better exists.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while utf16_length(line) > limit:
            head = line[:limit]
            while utf16_length(head) > limit and len(head) > 1:
                head = head[:-1]  # a character outside the BMP counts 2
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
            line = line[len(head) :]
        candidate = f"{current}\n{line}" if current else line
        if utf16_length(candidate) > limit:
            parts.append(current)
            candidate = line
        current = candidate
    if current:
        parts.append(current)
    return parts or [""]


GREETING = "\n".join(
    [
        "您好，我是分工助手。",
        "· 我读过办公室的分工方案，能告诉您每个单位负责哪些任务。",
        "· 先说您是哪个单位（如“我是综合科”），办公室批准后即可问“我科室负责什么”。",
        "· 也可以直接问“第17项是什么”“谁牵头政策解读”，发 /help 看更多示例。",
    ]
)
ONLY_TEXT = "我只能读文字消息，请直接打字提问，例如“综合科负责什么”。"
UNKNOWN_COMMAND = "没有这个命令。发 /help 查看可用命令和示例。"
TASK_USAGE = "用法：/task 17（查看第17项）。"
SOMETHING_WENT_WRONG = "出错了，请稍后再试。"
BOT_NOT_CONFIGURED = (
    "没有可运行的渠道：用 Telegram 请设置环境变量 TELEGRAM_BOT_TOKEN（或在配置文件 [telegram] token"
    " 中填写）；用企业微信请在配置文件中加入 [wecom] 表并设置环境变量 WECOM_SECRET、WECOM_TOKEN、"
    "WECOM_AES_KEY。两者都设置时同时运行。"
)
COMMANDS = (
    ("start", "开始使用"),
    ("help", "使用说明和示例"),
    ("my", "我科室负责什么"),
    ("task", "查看某一项任务，如 /task 17"),
    ("units", "各单位任务总览"),
    ("unit", "选择或更换我的单位"),
    ("group", "在工作群里发：把本群登记为单位工作群"),
    ("id", "我的 Telegram 用户 ID（办公室设置管理员时要用）"),
)
YOUR_ID = "您的 Telegram 用户 ID 是 {user_id}。办公室把它写进配置的 [telegram] admins（管理员）或 leaders（领导），重启机器人后生效。"
YOUR_WECOM_ID = "您的企业微信账号是 {account}。办公室把它写进配置的 [wecom] admins（管理员）或 leaders（领导），重启机器人后生效。"
YOUR_CONSOLE_ID = "控制台没有用户 ID，也用不着：以办公室身份使用控制台，启动时加 --admin（python -m bot chat --admin）。"


BUTTON_EXPIRED = "按钮已失效，请重新发送 /start。"
OFFICE_ONLY = "这是办公室管理员的命令，您没有权限使用。"
OFFICE_QUESTION_FOR_STAFF = (
    "这是办公室查看各单位进展用的。您可以问“我科室进展”“本周要做什么”，或发“帮助”看示例。"
)
RELOADED = "已重新读入：{tasks} 项任务，{units} 个单位，{problems} 处待处理问题。"
RELOAD_FAILED = "重新读入失败，仍使用原来的数据：{error}"
# Of the office's commands, those the leaders who observe may use too: they read, and write 批示.
READER_COMMANDS = frozenset({"overview", "missing", "export", "chart", "notices", "instruct"})
OFFICE_COMMANDS = (
    ("overview", "督办总览；/overview 17 看一项的各单位"),
    ("missing", "当前节点未反馈的单位"),
    ("return", "退回已完成：/return 24 办公室 理由"),
    ("instruct", "领导批示：/instruct 24 批示内容"),
    ("export", "台账 Excel 表（含历史记录）；/export 含佐证 连同佐证材料打包"),
    ("chart", "完成情况图（按部分、按单位）"),
    ("notices", "在用和已归档的通知及其简称"),
    ("archive", "归档一个通知：/archive 简称"),
    ("unarchive", "恢复已归档的通知：/unarchive 简称"),
    ("pending", "待处理的绑定申请"),
    ("users", "各单位已绑定的用户"),
    ("bind", "绑定用户：/bind 用户ID 单位"),
    ("unbind", "解除绑定：/unbind 用户ID"),
    ("reload", "重新读入通知和单位名录"),
    ("deadline", "设定截止日期：/deadline 24 2021-11-20"),
    ("evidence", "标记需要佐证材料的任务：/evidence 24"),
    ("paused", "暂停提醒的用户"),
)
