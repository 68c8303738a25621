"""Web-page chrome lines are told from notice text, each by its named rule.

The chrome lines are as government sites print them around an article (copied from a page
or saved with it); the notice lines are task, unit and date lines that share a word with a
rule and must stay.
"""

from __future__ import annotations

import pytest

from bot.reading.chrome import chrome_rule, is_chrome


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("您现在的位置：首页 > 政务公开 > 通知公告", "所在位置"),
        ("您当前的位置: 网站首页 » 信息公开", "所在位置"),
        ("当前位置：首页>>政策文件>>市政府办文件", "所在位置"),
        ("首页 > 政务公开 > 规划计划", "导航路径"),
        ("网站首页 / 通知公告", "导航路径"),
        ("【字体：大 中 小】", "字体大小"),
        ("字体：[大] [中] [小]", "字体大小"),
        ("字号：T | T", "字体大小"),
        ("大 中 小", "字体大小"),
        ("发布时间：2021-10-28 16:30  来源：办公室  浏览次数：1024", "发布信息"),
        ("发布日期：2022-03-08", "发布信息"),
        ("信息来源：市生态环境局", "发布信息"),
        ("来源：党政办", "发布信息"),
        ("责任编辑：张三", "发布信息"),
        ("浏览次数：128", "浏览次数"),
        ("阅读量：56", "浏览次数"),
        ("分享到：", "分享"),
        ("扫一扫在手机上打开当前页", "分享"),
        ("在手机上打开", "分享"),
        ("相关链接", "相关链接"),
        ("相关文章：", "相关链接"),
        ("上一篇：关于开展2021年“六五环境日”宣传活动的通知", "上下篇"),
        ("下一篇：没有了", "上下篇"),
        ("【打印本页】【关闭窗口】", "打印关闭"),
        ("[ 打印 ] [ 关闭 ] [ 返回顶部 ]", "打印关闭"),
        ("打印本页 | 关闭窗口 | 收藏本页", "打印关闭"),
        ("【字体：大 中 小】【打印】【关闭】", "字体大小"),
    ],
)
def test_chrome_lines_are_named(line: str, rule: str):
    assert chrome_rule(line) == rule
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "1. 关闭整治“散乱污”企业，年底前完成。",
        "关闭窗口期内的违规排污口",
        "打印机等办公设备采购纳入政府采购目录",
        "分享经验做法，形成典型案例",
        "来源于群众的意见建议按时办结",
        "发布时间表和路线图，6月底前完成",
        "上一年度工作总结于1月底前报送",
        "首页改版工作由信息中心牵头",
        "字体规范按《党政机关公文格式》执行",
        "相关链接的有效性由各科室自查（第12项）",
        "当前重点任务",
        "各市（区）分局，局机关各科室及直属各事业单位：",
        "江门市生态环境局",
        "2021年10月28日",
        "牵头单位：办公室",
        "",
        "   ",
    ],
)
def test_notice_lines_are_not_chrome(line: str):
    assert chrome_rule(line) is None
    assert not is_chrome(line)
