"""What the plan workbook says: its sheet names, column headers, instructions and the problems
found when one comes back (`bot.workbook.write`, `bot.workbook.read`)."""

from __future__ import annotations

from bot.plan import Role

SHEET = "分工"
GUIDE_SHEET = "填写说明"
GUIDE_MARK = "填写说明（本页不读入）"
TITLE_LABEL = "标题"
ISSUED_LABEL = "印发日期"

NUMBER = "序号"
SECTION = "部分"
REQUIREMENT = "具体要求"
DUE = "截止日期"
TIME_TEXT = "时限原文"
CHECK = "待确认"
ROLE_COLUMNS: dict[Role, str] = {
    Role.LEAD: "牵头",
    Role.RESPONSIBLE: "负责",
    Role.COOPERATE: "配合",
    Role.REFERENCE: "参照落实",
}
COLUMNS = (NUMBER, SECTION, REQUIREMENT, *ROLE_COLUMNS.values(), DUE, TIME_TEXT, CHECK)
RESPONSIBILITY = "{role}单位：{names}"  # Task.responsibility, as a notice writes it
REQUIRED = (NUMBER, SECTION, REQUIREMENT, *ROLE_COLUMNS.values(), DUE)
"""The header cells that make a row of cells this workbook's header, in any order."""

GUIDE = (
    "这份表格是分工助手读到的分工方案。改好后把文件发给机器人（或 python -m bot import 文件），"
    "机器人照表格内容读入，先列出读到的内容和与在用方案的对比，确认后才启用。",
    "“分工”页第一行是标题，第二行是印发日期（写成 2022-06-30），截止日期的默认年份取自印发日期。",
    "表头一行不要改动；表头以下每行是一个部分或一项任务，行的先后就是方案里的先后。",
    "部分：只填“部分”一栏的行是一个部分的标题（如“一、加强政策解读”），其下的任务属于这个部分。",
    "序号：每项任务一个，不能重复；新增任务请填一个新的序号。删除任务就删除这一行。",
    "牵头、负责、配合、参照落实：填单位名称，几个单位之间用顿号“、”隔开。"
    "单位名录中没有的名称，导入时会逐个询问如何处理。",
    "截止日期：写成 2022-06-30，几个日期用顿号隔开；这一栏以表格为准，不再从具体要求的文字里找日期；"
    "空着的按年底。用 /deadline 设定过日期的任务，仍以 /deadline 设定的为准。",
    "时限原文：通知原文里的时限说法，仅供参考，不决定截止日期。",
    "待确认：机器人读通知时没有把握的地方，供核对；导入时不读这一栏，核对后可以清空。",
)
OTHER_PROBLEMS = "读通知时其他未读入或需确认的内容："
EXPORT_BUTTON = "导出为表格修改"
FILE_SUFFIX = "-分工表"
EXPORT_CAPTION = "读到的分工方案（{tasks} 项任务）。请在表格中改正后发回给我，我照表格读入。"
WRITTEN = "已写入 {path}：{tasks} 项任务。改好后用 python -m bot import {path} 读回。"
WRITE_FAILED = "无法写入 {path}（{error}）。"
WHICH_NOTICE = "有几个通知在用：请用 --of 简称 指明导出哪一个。"

BAD_NUMBER = "序号“{text}”不是正整数，本行未读入"
REPEATED_NUMBER = "序号{number}重复出现，本行未读入"
NO_NUMBER = "这一行没有序号，未读入（新增任务请填写序号）"
NO_REQUIREMENT = "第{number}项没有具体要求"
NO_PARTIES = "第{number}项没有填写牵头、负责、配合或参照落实单位"
BAD_DATE = "第{number}项的截止日期“{text}”无法识别，请写成 2022-06-30"
BAD_ISSUED = "印发日期“{text}”无法识别，请写成 2022-06-30"
NO_TASKS = "表格中没有任何任务行"
