"""Split a responsibility string (责任单位) into names, each with its role.

Knows the role words of Chinese allocation notices, not any particular office's units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.normalize import name_key
from bot.plan import Role
from bot.reading.traditional import simplified

# Longest first, so 按职责分工落实 is not read as 落实 and 参照落实 not as 落实.
_ROLE_SUFFIXES: tuple[tuple[str, Role], ...] = (
    ("按职责分工落实", Role.RESPONSIBLE),
    ("按职责分工负责", Role.RESPONSIBLE),
    ("按职责落实", Role.RESPONSIBLE),
    ("参照落实", Role.REFERENCE),
    ("参照执行", Role.REFERENCE),
    ("分别牵头", Role.LEAD),
    ("牵头落实", Role.LEAD),
    ("牵头负责", Role.LEAD),
    ("配合落实", Role.COOPERATE),
    ("负责落实", Role.LEAD),
    ("牵头", Role.LEAD),
    ("主办", Role.LEAD),
    ("配合", Role.COOPERATE),
    ("协办", Role.COOPERATE),
    ("参与", Role.COOPERATE),
    ("参加", Role.COOPERATE),
    ("负责", Role.LEAD),
    ("落实", Role.RESPONSIBLE),
)
# A note that makes the first-listed unit the lead from where it stands on.
FIRST_IS_LEAD = re.compile(
    r"[（(]?[^（()）]{0,6}(?:列|排)?(?:第一位|首位|第一个)[^（()）]{0,4}为牵头单位[^（()）]{0,8}[）)]?"
)
UNIT_END = re.compile(
    r"(?:局|委|办|厅|处|科|室|股|中心|政府|院|会|队|部|所|站|组|社|公司|集团|行|馆|台|团|联|署"
    r"|街道|镇|乡|街|学校|单位|部门|机构|专班|（[^）]*）|\([^)]*\)"
    r"|示范区|开发区|新区|园区|功能区|试验区|保税区)等?$"
)
_GENERIC_TAIL = re.compile(r"等(?:部门|单位)$")
_TOGETHER_WITH = "会同"
# Scope notes: a group does every task in a scope without being listed in each. Either the
# note stands before the tasks (以下均需各县市区落实，不再逐一列出: the later tasks) or it
# ends in 下同 inside a task's note (具体任务均涉及相关市（州）人民政府，不再做分工，下同: that
# task and every later one).
# Rule "scope note wording": the words around the group vary (以下各项工作均需…, 以下任务由…,
# 以下事项须…; 不再列出 / 不再逐一列出 / 不再另行列出), and the group may hold a bracket
# (各县、区人民政府（管委会）).
_GROUP_TEXT = r"(?:[^，,。；;（）()]|[（(][^（）()]{1,12}[）)]){2,24}?"
SCOPE_NOTE = re.compile(
    r"以下(?:各项|所有|全部)?(?:工作|任务|事项)?(?:各项|任务)*(?:均|都|皆)?(?:需|须|由|要)?"
    rf"(?P<group>{_GROUP_TEXT})(?:负责)?落实"
    r"[，,]?(?:均)?不再(?:逐一|一一|逐项|单独|另行|重复)?列出"
)
SAME_BELOW_NOTE = re.compile(
    r"(?:具体|各项|相关|以上)?(?:任务|工作)?(?:均|都)?(?:涉及|需|由)(?P<group>[^，,。；;]{2,20}?)"
    r"(?:负责)?(?:落实)?[，,](?:均)?不再(?:做|作|进行)?(?:逐一|一一|逐项)?(?:分工|列出|单列)"
    r"[，,]?下同。?"
)


@dataclass(frozen=True, slots=True)
class ScopeNote:
    """A scope note found in a text: its span, its words and group as printed, and whether
    it covers the task it stands in (a 下同 note) or only the tasks after it."""

    start: int
    end: int
    words: str
    group: str
    here: bool


def scope_note(text: str) -> ScopeNote | None:
    """The scope note in `text` (name_key'd), if any."""
    key = simplified(text)
    for pattern, here in ((SCOPE_NOTE, False), (SAME_BELOW_NOTE, True)):
        match = pattern.search(key)
        if match:
            group = text[match.start("group") : match.end("group")]
            words = text[match.start() : match.end()].rstrip("。")
            return ScopeNote(match.start(), match.end(), words, group, here)
    return None


_SOME_OTHERS = re.compile(r"等(?=(?:其他)?(?:有关|相关)\S*$)")
_LABEL_ROLES = {
    "牵头": Role.LEAD,
    "主责": Role.LEAD,
    "主办": Role.LEAD,
    "负责": Role.RESPONSIBLE,
    "配合": Role.COOPERATE,
    "协办": Role.COOPERATE,
    "协同": Role.COOPERATE,
    "协作": Role.COOPERATE,
    "协助": Role.COOPERATE,
    "参与": Role.COOPERATE,
    "责任": Role.RESPONSIBLE,
    "参照落实": Role.REFERENCE,
}
# A label naming the division of work rather than a role (部门分工：, 责任分工：, 分工：): its
# text carries the role words (甲牵头，各地、各部门配合); a name without one is responsible.
_DIVISION_LABELS = ("部门分工", "单位分工", "责任分工", "任务分工", "职责分工", "工作分工", "分工")
_LABEL_ROLES.update(dict.fromkeys(_DIVISION_LABELS, Role.RESPONSIBLE))
_LABEL_WORDS = "|".join(_LABEL_ROLES)
# Rule "role label": label words are an optional weight (主要, 其他, 次要 — it changes no
# role), a role prefix, then optionally 责任 and the kind of body (牵头单位：, 牵头责任单位：,
# 协同责任单位：, 主要协作单位：, 配合部门：, 责任科室：, 牵头：).
_LABEL_WEIGHT = "(?:主要|其他|次要|其余)?"
LABEL = re.compile(
    rf"^{_LABEL_WEIGHT}({_LABEL_WORDS})(?:责任)?(?:单位|部门|科室|处室|股室|主体)?："
)
# A label naming a person, not a body (牵头负责领导：金力。, 分管领导：, 责任人：): no party.
# The leader's level may stand before 领导 (分管省领导：, 联系市领导：) or be the title (分管副市长：).
PERSON_LABEL = re.compile(
    r"^(?:牵头|分管|责任|负责|联系|包保|挂钩|主要)*[省市县区州]?(?:级)?"
    r"(?:领导|责任人|联系人|副?[省市县区州]长)(?:同志)?："
)


@dataclass(frozen=True, slots=True)
class NamedRole:
    """A name as written in the responsibility string, with the role it was given."""

    name: str
    role: Role


PLACEHOLDERS = frozenset({"/", "／", "-", "—", "——", "－", "–", "无", "暂无", "/无"})


def is_unit_name(name: str) -> bool:
    """True for a name ending like a unit or a collective (…局, …办公室, …政府, 各镇（街）)."""
    return len(name) <= 30 and bool(UNIT_END.search(simplified(name)))


def _strip_role_word(names: str, default: Role) -> tuple[str, Role]:
    key = simplified(names)
    for suffix, role in _ROLE_SUFFIXES:
        if key.endswith(suffix):
            # 分别 (each) and 按职责分工 (by their duties) qualify the role word before them.
            head = names[: -len(suffix)]
            for qualifier in ("分别", "按职责分工"):
                if simplified(head).endswith(qualifier):
                    head = head[: -len(qualifier)]
            return head, role
    return names, default


def role_of(clause: str) -> Role | None:
    """The role word a clause ends with, or None."""
    return next((r for s, r in _ROLE_SUFFIXES if simplified(clause).endswith(s)), None)


# Collectives: names of a kind of body rather than of one body, whether or not they start
# with 各 (the list: 市直有关部门, 县（市、区）政府, 功能区管委会, 局主办科室 …).
_COLLECTIVE = re.compile(
    r"各|有关|相关|^具有|^负有|^涉及|等$"  # 各科室, 市直有关部门, 区级相关部门, 具有…职能的科室
    r"|[（(][^（()）]*、[^（()）]*[）)]"  # 县（市、区）政府: a bracket listing levels
    r"|^[省市县区镇乡]直(?:部门|单位|机关)"  # 市直部门, 区直单位
    r"|^(?:县市区|市县区|县市|县区|市区|镇街|乡镇)(?:人民)?(?:政府|街道|办事处)?$"
    r"|^[市县区]?(?:功能区|开发区|园区)管委会$"  # 开发区管委会 with no zone named
    r"|^全[省市县区镇]"  # 全区…专班
    r"|(?:主办|牵头|责任|业务|职能)(?:科室|处室|股室|部门|单位)$"  # 局主办科室, 业务科室
)


def is_collective(name: str) -> bool:
    """True for a name of a collective (a group to be filled by the office), not of one unit."""
    return bool(_COLLECTIVE.search(simplified(name_key(name))))


def split_names(names: str) -> list[str]:
    """Split ``甲、乙、各县（市、区）分局`` on ``、``, never inside brackets."""
    parts, depth, current = [], 0, []
    for char in names:
        depth += char in "（(〔["
        depth -= depth > 0 and char in "）)〕]"
        if char == "、" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    parts = [p for part in join_levels(parts) for p in _split_and(part)]
    if parts:
        # …等有关部门 names the units and the group; a bare trailing 等 adds nothing.
        head, _, group = _SOME_OTHERS.sub("\0", parts[-1]).partition("\0")
        parts[-1:] = [head, group] if group else [_GENERIC_TAIL.sub("", head).removesuffix("等")]
    return [p for p in parts if p and p not in PLACEHOLDERS]


# A part that is only an administrative level (县, 各县, 市): a list of levels before a body.
_LEVEL = re.compile(r"^各?[省市县区镇乡街村]$")


def join_levels(parts: list[str]) -> list[str]:
    """Rule "level list": ``各县、市、区政府`` lists levels of one collective, not three names;
    a part that is only a level joins the part after it."""
    joined: list[str] = []
    for part in parts:
        if joined and _LEVEL.match(simplified(joined[-1].rsplit("、", 1)[-1])):
            joined[-1] += "、" + part
        else:
            joined.append(part)
    return joined


def _split_and(names: str) -> list[str]:
    """``甲及乙`` → both names, when each side reads as a unit name."""
    left, sep, right = names.partition("及")
    if sep and is_unit_name(left) and is_unit_name(right):
        return [left, *_split_and(right)]
    return [names]


def is_role_note(text: str) -> bool:
    """True for a bracketed note naming units with role words and no label
    (``区政务服务局牵头，区发改局、区级相关部门配合``, ``市发改局会同市财政局负责``)."""
    clauses = [c for c in re.split("[，；]", name_key(text).rstrip("。")) if c]
    if not clauses or not any(role_of(c) or _TOGETHER_WITH in c for c in clauses):
        return False
    for clause in clauses:
        names = _strip_role_word(clause, Role.RESPONSIBLE)[0].replace(_TOGETHER_WITH, "、")
        if not split_names(names) or not all(is_unit_name(n) for n in split_names(names)):
            return False
    return True


def _together(names: str) -> tuple[str, str, str]:
    """Split ``甲会同乙`` or Guangdong's ``甲会乙`` at the joining word; ("", "", names) if none.

    ``会`` joins only where a unit name ends before it (not in 委 or 社: 管委会, 社会) and
    a unit starts after it: one of a jurisdiction (市…, 区…), or, between a body's own
    offices (宣传处会办公室), any office whose name does not start with a word in 会 (会计科,
    会议室). So 管委会办公室, 市人力资源和社会保障局 or 市总工会 stay whole.
    """
    lead, together, others = names.partition(_TOGETHER_WITH)
    if together:
        return lead, together, others
    for index in range(len(names) - 1, 0, -1):
        lead, others = names[:index], names[index + 1 :]
        if (
            names[index] == "会"
            and lead[-1] not in "委社"
            and (others[:1] in tuple("省市县区镇乡街各") or _office_after_office(lead, others))
            and is_unit_name(lead)
            and all(is_unit_name(n) for n in split_names(others))
        ):
            return lead, "会", others
    return "", "", names


_OFFICE = re.compile(r"(?:处|科|室|股|办|中心)(?:（[^）]*）)?$")
_WORDS_IN_HUI = ("计", "议", "展", "商", "员", "务", "同")


def _office_after_office(lead: str, others: str) -> bool:
    """True where an office (…处, …科, …室) stands before 会 and another office after it."""
    return bool(_OFFICE.search(lead)) and not others.startswith(_WORDS_IN_HUI)


def _role_before(clauses: list[str], index: int, default: Role) -> Role:
    """The role of a clause with no role word, from the next clause's role word.

    ``甲，乙负责落实`` → both lead; ``甲牵头，乙，丙配合`` → 乙 cooperates too. But a first
    clause before 配合 (``办公室，各相关科室配合``) names the unit that does the work, which
    stays responsible.
    """
    later = next((r for r in map(role_of, clauses[index + 1 :]) if r is not None), None)
    if later is None or (index == 0 and later in (Role.COOPERATE, Role.REFERENCE)):
        return default
    return later


def split_responsibility(text: str) -> tuple[list[NamedRole], list[str]]:
    """Read names and roles from a responsibility string.

    Segments are separated by ``；`` and clauses within a segment by ``，`` (either width).
    A clause ending in a role word (牵头, 配合, 参照落实, 按职责分工落实 …) takes that role;
    a label (牵头单位：, 责任单位：) gives its role to the clauses after it in the same
    segment, so ``配合单位：甲，乙`` makes both cooperate; otherwise the role is
    ``responsible``. Names inside a clause are separated by ``、``.

    Returns the names in order and the clauses that held no name (for the problem report).
    """
    named: list[NamedRole] = []
    empty: list[str] = []
    for segment in name_key(text).rstrip("。").split("；"):
        segment = segment.rstrip("。")
        carried = Role.RESPONSIBLE
        clauses = [c for c in segment.split("，") if c and c not in PLACEHOLDERS]
        labelled = any(LABEL.match(simplified(c)) for c in clauses)
        for index, clause in enumerate(clauses):
            label = LABEL.match(simplified(clause))
            if label:
                carried = _LABEL_ROLES[label.group(1)]
            elif not labelled and role_of(clause) is None:
                carried = _role_before(clauses, index, carried)
            names, role = _strip_role_word(clause[label.end() :] if label else clause, carried)
            lead, together, others = _together(names)
            if together:  # 甲会同乙 or 甲会乙: 甲 leads, 乙 cooperates
                named.extend(NamedRole(part, Role.LEAD) for part in split_names(lead))
                names, role = others, Role.COOPERATE
            parts = split_names(names)
            if not parts:
                empty.append(clause)
            named.extend(NamedRole(part, role) for part in parts)
    return named, empty


def strongest_roles(named: list[NamedRole]) -> tuple[list[NamedRole], list[NamedRole]]:
    """Rule "one name, one role": a name a task lists twice (a 牵头单位 column repeated in
    the 责任单位 cell) keeps its strongest role (lead, then responsible, cooperate,
    reference), at its first place. Returns the names and the names that were merged."""
    best: dict[str, NamedRole] = {}
    for item in named:
        held = best.get(item.name)
        if held is None or item.role.strength < held.role.strength:
            best[item.name] = item
    merged = [n for n in named if best[n.name].role is not n.role]
    return [best[name] for name in dict.fromkeys(n.name for n in named)], merged
