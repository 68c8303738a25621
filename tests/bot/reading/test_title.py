"""The notice's title among the lines above its plan (`bot.reading.title`)."""

from __future__ import annotations

from bot.reading.title import notice_title, tidy_title

LETTERHEAD = ["青溪区教育局文件", "青教〔2023〕12号"]
COVER = "关于印发《青溪区教育局2023年教育重点工作分工方案》的通知"
PREAMBLE = "为贯彻落实全区教育工作会议精神，现将《青溪区教育局2023年教育重点工作分工方案》印发给你们，请结合实际认真贯彻执行。"
SIGNATURE = ["青溪区教育局", "2023年2月20日"]
TITLE = "青溪区教育局2023年教育重点工作分工方案"


def test_the_plan_title_wins_over_the_cover_and_the_letterhead():
    lines = [*LETTERHEAD, COVER, "各中小学、幼儿园，局属各单位：", PREAMBLE, *SIGNATURE, TITLE]
    assert notice_title(lines) == TITLE


def test_a_preamble_paragraph_naming_the_plan_is_no_title():
    assert notice_title([*LETTERHEAD, COVER, PREAMBLE, *SIGNATURE]) == COVER


def test_a_title_printed_twice_is_one_title():
    assert notice_title([TITLE, PREAMBLE, *SIGNATURE, TITLE]) == TITLE


def test_spaces_between_the_characters_go():
    assert notice_title(["青 溪 区 教 育 局 2023 年教育重点工作分工方案"]) == TITLE
    assert tidy_title("  2022 年 3 月  15 日 ") == "2022年3月15日"


def test_a_title_split_over_two_lines_is_joined():
    assert notice_title([*SIGNATURE, "青溪区教育局2023年教育重点", "工作分工方案"]) == TITLE
    assert notice_title(["关于印发《青溪区教育局2023年", "教育重点工作分工方案》的通知"]) == COVER


def test_a_signature_above_the_title_is_not_joined_to_it():
    assert notice_title(["青溪区教育局", TITLE]) == TITLE
    assert notice_title(["青溪区教育局文件", TITLE]) == TITLE


def test_an_aside_in_brackets_is_no_part_of_the_title():
    assert notice_title(["（共印2份）", TITLE]) == TITLE


def test_no_title_gives_nothing():
    assert notice_title([PREAMBLE, *SIGNATURE]) == ""
    assert notice_title([]) == ""


def test_a_task_breakdown_names_the_plan():
    # 任务分解 / 责任分解 name a plan as 方案 does, without 表 after them.
    lines = ["区人民政府办公室关于印发2023年工作报告重点任务分解的通知", *SIGNATURE]
    lines.append("2023年工作报告重点任务分解")
    assert notice_title(lines) == "2023年工作报告重点任务分解"


def test_a_page_label_in_black_brackets_before_the_title_goes():
    assert notice_title([f"【重点工作分工】{COVER}", PREAMBLE]) == COVER
    assert tidy_title("【打印】") == "【打印】"  # a label alone stays (chrome drops it)


def test_a_title_split_over_three_lines_is_joined():
    lines = ["青溪区人民政府关于印发2023年", "区《政府工作报告》重点任务", "分工方案的通知"]
    assert notice_title([*lines, "青府〔2023〕5号"]) == (
        "青溪区人民政府关于印发2023年区《政府工作报告》重点任务分工方案的通知"
    )
    # A whole name (a signature) still stops the join.
    assert notice_title(["青溪区教育局", "重点任务", "分工方案"]) == "重点任务分工方案"


def test_a_page_metadata_line_is_no_part_of_the_title():
    lines = [
        "发布机构 青溪区教育局 组配分类 政策",
        "成文日期 2023-02-20 废止日期",
        "有效性",
        TITLE,
    ]
    assert notice_title(lines) == TITLE


def test_a_part_heading_names_the_plan_only_when_no_other_line_does():
    lines = ["某镇2017年度安全生产", "工作计划", "按照总体要求,特制定本计划。", "一、整治安排表"]
    assert notice_title(lines) == "某镇2017年度安全生产工作计划"
    assert notice_title(["一、10件民生实事任务分解表"]) == "一、10件民生实事任务分解表"


def test_a_signing_date_in_chinese_numerals_is_no_part_of_a_title():
    lines = ["二〇一七年二月二十四日", "某镇2017年度安全生产", "工作计划"]
    assert notice_title(lines) == "某镇2017年度安全生产工作计划"
