"""Every Chinese sentence about 佐证材料: what was attached, what was refused and why."""

from __future__ import annotations

TYPES = "照片（jpg、png）、PDF、OFD、Word（doc、docx）或 Excel（xls、xlsx）"
WRONG_TYPE = f"“{{name}}”不是可作佐证的文件类型，未保存。佐证可发{TYPES}，或直接发链接、文号。"
TOO_BIG = "“{name}”有 {size}，超过 {limit} 的上限，未保存。可压缩后再发，或发链接、文号。"
EMPTY = "“{name}”是空文件，未保存。"
NOT_WHAT_IT_SAYS = "“{name}”的内容不是{label}文件（扩展名与内容不符），未保存。"
UNREADABLE = "没能取到“{name}”（{reason}），未保存，请再发一次。"
NEEDS_UNIT = "请先说明您是哪个单位（如“我是综合科”），办公室批准后再发佐证材料。"
NOT_YOURS = "{unit}在第{task}项中没有任务，佐证未保存。请检查项号。"
NO_TASKS = "{unit}目前没有可附佐证的任务，未保存。"
WHICH_TASK = "“{name}”是哪一项的佐证？请点选任务；也可在说明里写“第24项佐证”再发。"
WHICH_TASK_TEXT = "这是哪一项的佐证？请点选任务。"
NOT_A_LINK = (
    "“第{task}项佐证”后面请写链接（http 开头）或文号（如 江环〔2021〕12号），或直接发文件。"
)
ASK_FILE = "请发第{task}项的佐证：照片或文件（可在说明里写“第{task}项佐证”），或链接、文号。"
ATTACHED = "已附佐证：{unit} 第{task}项 {what}{report}。"
FOR_REPORT = "（随 {when} 的进展）"
ALREADY = "这条佐证已经记录过了。"
EXPIRED = "这个选择已过期，请重新发送文件。"
BUSY = "现在无法记录佐证，请稍后再试。"
LINK = "链接 {text}"
NUMBER = "文号 {text}"
NEEDED_USAGE = (
    "用法：/evidence 24（标记第24项需要佐证材料），/evidence 24 取消，/evidence（查看）。"
)
NEEDED_MARKED = (
    "已标记：第{task}项需要佐证材料。单位报告“已完成”时会提示发照片、文件，或链接、文号。"
)
NEEDED_UNMARKED = "已取消：第{task}项不再提示佐证材料。"
NEEDED_ALREADY = "第{task}项已标记为需要佐证材料。"
NEEDED_NOT_MARKED = "第{task}项没有标记需要佐证材料。"
NEEDED_NONE = "目前没有标记需要佐证材料的任务。" + NEEDED_USAGE
NEEDED_LIST = "需要佐证材料的任务：{tasks}。"
NEEDED_HINT = "第{task}项需要佐证材料：可发照片或文件（说明写“第{task}项佐证”），或发链接、文号。"
ZIP_CAPTION = "压缩包内另有佐证材料 {files} 个文件，按“佐证材料/第N项/单位/”存放。"
ZIPPED = "已导出台账和佐证材料：{path}（截至{day}，历史记录 {records} 条）"
ZIP_TOO_BIG = (
    "“{name}”有 {size}，超过机器人能发送的 {limit}，未发送。请先停止机器人，"
    "在服务器上用 python -m bot export --with-evidence 导出；发 /export 可只取台账。"
)
