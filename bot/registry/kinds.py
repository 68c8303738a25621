"""What a name in a notice says about the body it names, in any office. Pure.

Whether it stands for many (各…, …有关部门, 县（市、区）政府, a bare 开发区管委会), the kind a
Chinese office files such a unit under (科室, 股室, 处室, 区直部门, 镇街, 学校, 垂直管理单位 …),
and the name without a role word written after it (各镇街落实 → 各镇街).
"""

from __future__ import annotations

import re

from bot.normalize import name_key

ROLE_TAILS = ("参照落实", "参照执行", "负责落实", "落实")
# Words that make a name stand for many units, wherever they are in it.
_COLLECTIVE = re.compile(
    r"^[各全]|各|有关|相关|所属|成员单位|主办科室|[（(][^（）()]*、[^（）()]*[）)]"
)
# A level (市直, 区, 全县 …) before a bare kind of body names every such body, not one.
_LEVEL = r"(?:[省市区县乡镇]直?|[省市区县]级|[省市区县]政府|局|委|本级|机关)?"
_BARE = re.compile(
    rf"^{_LEVEL}(?:部门|单位|管委会|开发区管委会|园区|镇街|乡镇|街道|镇|科室|股室|处室|"
    r"学校|中小学|医院|医疗机构|企业|专班|社区|村|村（社区）)$"
)
# Name endings (or parts) and the kind a Chinese office files such a unit under; first match wins.
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"税务|海关|气象局|人民银行|国家金融监督|金融监管|统计调查队|调查队|邮政管理|烟草|消防救援|"
            r"海事|供电|电网|通信管理|铁路|民航"
        ),
        "垂直管理单位",
    ),
    (re.compile(r"(?:党委|党总支|党支部|党组|纪委|纪检监察组|工会|团委|妇委会)$"), "党群组织"),
    (re.compile(r"分局$"), "分局"),
    (re.compile(r"法院|检察院"), "政法单位"),
    (re.compile(r"(?:街道办事处|街道|镇人民政府|乡人民政府|镇政府|乡政府|[镇乡]|苏木)$"), "镇街"),
    (re.compile(r"(?:学校|中学|小学|幼儿园|学院|大学|职校|职业技术学校|中专)$"), "学校"),
    (re.compile(r"股$"), "股室"),
    (re.compile(r"处$|处（[^（）]*）$"), "处室"),
    (re.compile(r"(?:科|室|办公室)$|[科室]（[^（）]*）$"), "科室"),
    (re.compile(r"(?:中心|站|所|队|院|馆|台|社)$"), "直属事业单位"),
    (re.compile(r"(?:公司|集团)$"), "企业"),
    (re.compile(r"(?:协会|学会|商会|联合会)$"), "社会组织"),
)
_DEPARTMENT = re.compile(r"(?:局|委|委员会|办公室|办|部|厅|院|会|政府|管委会)$")
# 区财政局, 市委宣传部, 县政府办公室: a department of that level, before the 科室 rule sees 办公室.
_LEVEL_DEPARTMENT = re.compile(r"^[省市区县][^科股处]*(?:局|委员会|委|办公室|办|部|厅|管委会)$")
_LEVEL_BEFORE = 4  # the level rule is tried after the first four kinds (垂直 … 政法)
_LEVELS = (("省", "省直部门"), ("市", "市直部门"), ("区", "区直部门"), ("县", "县直部门"))


def is_collective(name: str) -> bool:
    """True when `name` stands for many units: 各科室, 区直有关部门, 县（市、区）政府, 开发区管委会."""
    key = name_key(name)
    return bool(_COLLECTIVE.search(key) or _BARE.match(key))


def without_role(name: str) -> str:
    """`name` without a role word the notice wrote after it (各镇街落实 → 各镇街)."""
    key = name_key(name)
    for tail in ROLE_TAILS:
        if key.endswith(tail) and len(key) > len(tail):
            return key.removesuffix(tail)
    return key


def _level_kind(name: str) -> str:
    return next((kind for prefix, kind in _LEVELS if name.startswith(prefix)), "部门")


def usual_kind(name: str) -> str | None:
    """The kind such a name is usually filed under, or None when the name says none."""
    name = name_key(name)
    for index, (pattern, kind) in enumerate(_KINDS):
        if index == _LEVEL_BEFORE and _LEVEL_DEPARTMENT.match(name):
            return _level_kind(name)
        if pattern.search(name):
            return kind
    return _level_kind(name) if _DEPARTMENT.search(name) else None
