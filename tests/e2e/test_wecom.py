"""The real bot process on WeCom alone, against the fake WeCom server over real HTTP.

One process serves the cases of this module (started at 08:59:48 on Monday 2021-11-15 with
--now). Expected content comes from the notice: task 24 (办公室牵头) is due 2021年11月20日, so
办公室's people are nudged at 09:00 on 11-15 (five working days before), one task: a text and
one card of 已完成 / 进行中 / 有困难 / 延期. 综合科 is named lead of task 2.
A hundred members of 办公室 make the fan-out; the access token is expired by the test while
it runs; one member (ghost) does not exist in WeCom (81013). The cases on that process run in
order and build on each other (wangwu, approved in one, is told of the import in a later one).

Then what staff and the office do, as WeCom users (all of 办公室, which holds task 12, no date
in the notice so due at the year end, Friday 2021-12-31, and task 15): staff000 presses 有困难
and types the difficulty; staff001 types 第24项已完成; staff002 reports task 15, corrects and
withdraws it; staff003 pauses until 11-30, staff004 pauses and resumes; staff006 attaches a
PDF to task 12 as 佐证材料; staff005 asks to move
task 12 to 2022-01-20 (a Thursday) and the WeCom admin grants it. The 有困难 report makes the
daily digest due (nothing falls overdue on 11-15: task 24's first date is 11-20), so the next
wake-up sends it to the admin: a heartbeat, every `HEARTBEAT` seconds here (a minute by default),
so the case waits for it before the admin's own exchanges. The ledger is read once the bot stopped.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.evidence.store import EvidenceStore, digest_of
from bot.ledger.history import AMEND, DECISION, EXTENSION, REPORT, WITHDRAW, Ledger
from bot.ledger.reports import Status
from bot.ledger.store import LedgerStore
from bot.people.addresses import Addresses
from bot.people.unreachable import Unreachable
from bot.reminders.pauses import Pauses
from bot.store.storage import Store
from tests.bot.evidence.samples import pdf
from tests.conftest import ROOT
from tests.e2e.test_importing import revised_notice
from tests.e2e.wecom import (
    SECRETS,
    WeComUser,
    free_port,
    keys,
    seed_wecom,
    start,
    texts_to,
    wait_messages,
    wait_until,
    wecom_env,
    write_config,
)
from tests.fakewecom import FakeWeCom, Fault

ZONE = ZoneInfo("Asia/Shanghai")
STAFF = [f"staff{n:03d}" for n in range(100)]
ADMIN = "zhangsan"
NUDGE = "【工作提醒】办公室：1 项需要关注"
EXPIRE_AFTER = 40  # messages delivered before the test expires the access token
BLOCKER = "各科室目录材料未报齐"
ONGOING_15, AMENDED_15 = "正在建立舆情日报机制", "正在建立舆情日报和周报机制"
EXTENSION_REASON = "等待市政府细则修订"
PNG = b"\x89PNG\r\n\x1a\n"
HEARTBEAT = 2  # seconds between the office process's wake-ups besides the send time


class Office:
    """The running bot, the fake server, WeCom's side, and the data directory."""

    def __init__(self, workdir: Path, fake: FakeWeCom, port: int) -> None:
        self.workdir, self.fake, self.wecom = workdir, fake, WeComUser(port)
        self.ids = seed_wecom(
            workdir,
            {"lisi": "办公室", "ghost": "办公室", **dict.fromkeys(STAFF, "办公室")},
            datetime(2021, 11, 1, 9, tzinfo=ZONE),
        )
        self.expired = threading.Event()

    def expire_mid_fan_out(self) -> None:
        """Expire every token once `EXPIRE_AFTER` messages were delivered."""

        def watch() -> None:
            wait_until(lambda: len(self.fake.messages()) >= EXPIRE_AFTER, timeout=60)
            self.fake.expire_tokens()
            self.expired.set()

        threading.Thread(target=watch, daemon=True).start()


def exchange(office: Office, user: str, line: str) -> str:
    """`user` types `line`; the first text the bot sends back."""
    before = len(texts_to(office.fake, user))
    office.wecom.text(user, line)
    wait_until(lambda: len(texts_to(office.fake, user)) > before, office.running)
    return texts_to(office.fake, user)[before]


def reply_in_full(office: Office, user: str, line: str) -> str:
    """Every text the bot answers `line` with (a long answer comes in parts): what came
    before the answer to a /id sent after it (each member's messages are handled in order)."""
    before = len(texts_to(office.fake, user))
    office.wecom.text(user, line)
    office.wecom.text(user, "/id")

    def answered() -> bool:
        sent = texts_to(office.fake, user)[before + 1 :]
        return bool(sent) and sent[-1].startswith(f"您的企业微信账号是 {user}。")

    wait_until(answered, office.running)
    return "\n".join(texts_to(office.fake, user)[before:-1])


def files_to(fake: FakeWeCom, user: str) -> list[tuple[str, bytes]]:
    """The files `user` received (each uploaded with media/upload first): name, content."""
    return [fake.media(m.body["media_id"]) for m in fake.messages(user) if m.msgtype == "file"]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("wecom")
    with FakeWeCom() as fake:
        port = free_port()
        write_config(workdir, fake, port, admins=[ADMIN], heartbeat_seconds=HEARTBEAT)
        place = Office(workdir, fake, port)
        fake.inject(Fault.errcode(81013), user="ghost", times=None)
        place.expire_mid_fan_out()
        place.running = start(workdir, "--now", "2021-11-15T08:59:48+08:00")
        try:
            yield place
        finally:
            place.running.stop()


def test_a_fan_out_of_100_nudges_loses_none_across_a_token_expiry(office):
    fake = office.fake
    for user in STAFF:
        wait_messages(fake, user, 2, office.running)
    assert office.expired.is_set()
    for user in STAFF:
        [nudge] = texts_to(fake, user)
        assert nudge.startswith(NUDGE)
        assert "第24项（牵头）" in nudge
        [card] = fake.cards(user)
        assert keys(card) == [f"s:24:20211120:{code}" for code in "cphe"]
    assert sum(fake.drops.values()) == 0
    assert any(call.errcode == 42001 for call in fake.calls("message/send"))
    assert len([c for c in fake.calls("gettoken") if c.errcode == 0]) >= 2


def test_a_press_on_the_nudge_card_records_and_updates_the_card(office):
    fake, wecom = office.fake, office.wecom
    wait_messages(fake, "lisi", 2, office.running)
    [card] = fake.cards("lisi")
    code = fake.press(card["task_id"])
    office.press = wecom.press("lisi", card, "s:24:20211120:c", code)
    wait_messages(fake, "lisi", 3, office.running)
    assert texts_to(fake, "lisi")[-1] == (
        "已记录：办公室 第24项（截止 11月20日（周六））已完成，此节点不再提醒。"
        "待办公室复核，通过后销号。"
    )
    [update] = fake.card_updates(card["task_id"])
    assert update["button"] == {"replace_name": "已处理"}


def test_a_replayed_callback_changes_nothing_and_a_forged_one_is_refused(office):
    fake, wecom = office.fake, office.wecom
    before = len(fake.messages("lisi"))
    query, body = office.press
    assert wecom.post(query, body) == 200  # WeCom's retry, or an attacker's replay
    forged = {**query, "msg_signature": "0" * 40}
    assert wecom.post(forged, body) == 403
    tampered = body.replace("<Encrypt><![CDATA[", "<Encrypt><![CDATA[A")
    assert wecom.post(query, tampered) == 403
    wecom.text("lisi", "第24项进展")  # a message after them: answered, so they were handled
    wait_messages(fake, "lisi", before + 1, office.running)
    assert len(fake.messages("lisi")) == before + 1
    [card] = fake.cards("lisi")
    assert len(fake.card_updates(card["task_id"])) == 1


def test_a_binding_request_is_approved_by_a_wecom_admin(office):
    fake, wecom = office.fake, office.wecom
    wecom.text("wangwu", "我是综合科")
    wait_messages(fake, "wangwu", 1, office.running)
    [sent] = texts_to(fake, "wangwu")
    assert sent.startswith("已提交申请：绑定到“综合科”。")

    def requests() -> list[dict]:  # the admin may also hold 待复核 cards (issue 20)
        return [c for c in fake.cards(ADMIN) if any(k.startswith("ok:") for k in keys(c))]

    wait_until(requests, office.running)
    shown = [t for t in texts_to(fake, ADMIN) if "综合科" in t]
    assert shown, texts_to(fake, ADMIN)
    [card] = requests()
    approve = next(k for k in keys(card) if k.startswith("ok:"))
    wecom.press(ADMIN, card, approve, fake.press(card["task_id"]))
    wait_messages(fake, "wangwu", 2, office.running)
    assert texts_to(fake, "wangwu")[-1].startswith("办公室已批准：您属于“综合科”。")
    assert fake.card_updates(card["task_id"])


def test_a_question_is_answered(office):
    fake, wecom = office.fake, office.wecom
    before = len(texts_to(fake, "wangwu"))
    wecom.text("wangwu", "我科室负责什么")
    wait_until(lambda: len(texts_to(fake, "wangwu")) > before, office.running)
    answer = "\n".join(texts_to(fake, "wangwu")[before:])
    assert "第2项" in answer
    wecom.text("wangwu", "/id")
    wait_until(lambda: "您的企业微信账号是 wangwu" in texts_to(fake, "wangwu")[-1], office.running)


def test_a_difficulty_press_asks_for_one_line_and_records_it(office):
    fake, wecom = office.fake, office.wecom
    [card] = fake.cards("staff000")
    wecom.press("staff000", card, "s:24:20211120:h", fake.press(card["task_id"]))
    wait_until(lambda: len(texts_to(fake, "staff000")) >= 2, office.running)
    assert texts_to(fake, "staff000")[1] == (
        "第24项遇到了什么困难？请用一句话回复，办公室会在督办汇总里看到。"
    )
    wait_until(lambda: fake.card_updates(card["task_id"]), office.running)  # after the question
    recorded = exchange(office, "staff000", BLOCKER)
    assert recorded.startswith("已记录：办公室 第24项 有困难（11月15日 ")
    assert recorded.endswith(f"：{BLOCKER}。可发“撤回”或“修改：……”更正。")


def test_the_daily_digest_reaches_the_wecom_admin_with_the_difficulty(office):
    """Sent by the next heartbeat after the 有困难 report, before the admin's own exchanges."""
    fake = office.fake
    heading = "【督办汇总】2021年11月15日（周一），共 "
    wait_until(
        lambda: any(t.startswith(heading) for t in texts_to(fake, ADMIN)), office.running, 60
    )
    [digest] = [t for t in texts_to(fake, ADMIN) if t.startswith(heading)]
    assert "\n【有困难】1 条，请协调：\n· 第24项 办公室（staff000，11月15日 " in digest
    assert f"）：{BLOCKER}" in digest


def test_a_typed_answer_to_the_nudge_is_recorded(office):
    recorded = exchange(office, "staff001", "第24项已完成")
    assert recorded.startswith("已记录：办公室 第24项 已完成（11月15日 ")


def test_a_report_is_corrected_then_withdrawn_by_text(office):
    recorded = exchange(office, "staff002", f"第15项：{ONGOING_15}")
    assert recorded.startswith("已记录：办公室 第15项 ")
    assert f"：{ONGOING_15}。" in recorded
    amended = exchange(office, "staff002", f"修改：第15项：{AMENDED_15}")
    assert amended.startswith("已修改 11月15日 ")
    assert amended.endswith(f"第15项 进行中：{AMENDED_15}（原内容保留在历史中）。")
    withdrawn = exchange(office, "staff002", "撤回")
    assert withdrawn.startswith("已撤回 11月15日 ")
    assert withdrawn.endswith(f"的进展（第15项：{AMENDED_15}），历史中保留记录。")


def test_reminders_are_paused_and_resumed_by_text(office):
    paused = "好的，2021年11月30日（含）之前不再给您发提醒，2021年12月1日起恢复。"
    assert exchange(office, "staff003", "暂停提醒到11月30日").startswith(paused)
    assert exchange(office, "staff004", "暂停提醒到11月30日").startswith(paused)
    assert exchange(office, "staff004", "恢复提醒") == "好的，已恢复给您发提醒。"


def test_evidence_said_then_sent_as_a_file(office):
    """staff006 names the task first (a WeCom file has no caption), then sends the PDF."""
    fake, wecom = office.fake, office.wecom
    assert exchange(office, "staff006", "第12项佐证").startswith("请发第12项的佐证")
    data = pdf()
    media = fake.upload("整改方案.pdf", data)
    before = len(texts_to(fake, "staff006"))
    wecom.file("staff006", media, "整改方案.pdf", len(data))
    wait_until(lambda: len(texts_to(fake, "staff006")) > before, office.running)
    assert texts_to(fake, "staff006")[before].startswith("已附佐证：办公室 第12项 “整改方案.pdf”")
    assert EvidenceStore(office.workdir / "data").stored() == {digest_of(data)}


def test_an_extension_typed_on_wecom_is_granted_by_the_wecom_admin(office):
    fake, wecom = office.fake, office.wecom
    moved = "第12项 12月31日（周五） → 1月20日（周四）"
    cards_before = len(fake.cards(ADMIN))
    submitted = exchange(
        office, "staff005", f"申请延期 第12项 到2022年1月20日，理由：{EXTENSION_REASON}"
    )
    assert submitted == (
        f"已提交延期申请：办公室 {moved}，理由：{EXTENSION_REASON}。办公室审批后会通知您。"
    )
    wait_until(lambda: len(fake.cards(ADMIN)) > cards_before, office.running)
    request = next(t for t in texts_to(fake, ADMIN) if t.startswith("【延期申请】"))
    assert request.startswith("【延期申请】办公室（staff005，11月15日 ")
    assert request.endswith(f"\n{moved}\n理由：{EXTENSION_REASON}")
    card = fake.cards(ADMIN)[-1]
    grant = next(b["key"] for b in card["button_list"] if b["text"] == "同意")
    before = len(texts_to(fake, "staff005"))
    wecom.press(ADMIN, card, grant, fake.press(card["task_id"]))
    wait_until(lambda: len(texts_to(fake, "staff005")) > before, office.running)
    assert texts_to(fake, "staff005")[before] == (
        "办公室已同意延期：办公室 第12项截止日期由 12月31日（周五） 改为 1月20日（周四），"
        "提醒按新日期发送。"
    )
    assert fake.card_updates(card["task_id"])
    decided = f"{request}\n——已同意（zhangsan）"
    wait_until(lambda: decided in texts_to(fake, ADMIN), office.running)


def test_the_office_sees_the_overview_and_who_has_not_reported(office):
    overview = reply_in_full(office, ADMIN, "/overview")
    assert "【督办总览】截至 2021年11月15日（周一）\n全部 34 项：" in overview
    [ours] = [line for line in overview.splitlines() if line.startswith("办公室（")]
    assert "已完成 1" in ours  # task 24: both dates reported done
    missing = reply_in_full(office, ADMIN, "/missing").splitlines()
    assert [line for line in missing if line.startswith("【未反馈】")]
    [task_12] = [line for line in missing if line.startswith("· 第12项，")]
    assert "1月20日（周四）" in task_12  # the date granted to 办公室
    assert "办公室" in task_12
    assert not [line for line in missing if line.startswith("· 第24项，") and "办公室" in line]


def test_the_office_gets_the_chart_as_a_file(office):
    fake = office.fake
    before = len(files_to(fake, ADMIN))
    office.wecom.text(ADMIN, "/chart")
    caption = "台账图（截至2021年11月15日）：上半部分按工作任务，下半部分按责任单位，"
    wait_until(lambda: any(t.startswith(caption) for t in texts_to(fake, ADMIN)), office.running)
    wait_until(lambda: len(files_to(fake, ADMIN)) > before, office.running)
    name, content = files_to(fake, ADMIN)[-1]
    assert name == "台账图-2021-11-15.png"
    assert content.startswith(PNG)


def test_the_office_gets_export_as_a_file(office):
    # Before the import below: its panel, summary and the revised notice's messages fill the
    # admin's WeCom quota (25 a minute), and a reply after them waits for the next minute.
    fake, wecom = office.fake, office.wecom
    before = len(files_to(fake, ADMIN))
    wecom.text(ADMIN, "/export")
    wait_until(lambda: len(files_to(fake, ADMIN)) > before, office.running)
    assert files_to(fake, ADMIN)[-1][0] == "台账-2021-11-15.xlsx"


def test_an_admin_imports_a_notice_sent_as_a_file(office):
    fake, wecom = office.fake, office.wecom
    data = revised_notice()
    media = fake.upload("2021年修订.txt", data)
    cards_before = len(fake.cards(ADMIN))
    wecom.file(ADMIN, media, "2021年修订.txt", len(data))
    wait_until(lambda: len(fake.cards(ADMIN)) > cards_before, office.running)
    assert [c for c in fake.calls("media/get") if c.errcode == 0]
    summary = "\n".join(texts_to(fake, ADMIN))
    assert "共 15 个部分，34 项任务" in summary
    assert "【修订对比】新增 1 项，删除 1 项，修改 1 项，未变 32 项" in summary
    panel = fake.cards(ADMIN)[-1]
    enable = next(k for k in keys(panel) if k.endswith(":y"))
    wecom.press(ADMIN, panel, enable, fake.press(panel["task_id"]))
    wait_until(
        lambda: any(t.startswith("已启用：2021年修订.txt") for t in texts_to(fake, ADMIN)),
        office.running,
    )
    # 综合科 gained task 35: its WeCom member is told on WeCom
    wait_until(
        lambda: any(t.startswith("【通知已更新】") for t in texts_to(fake, "wangwu")),
        office.running,
    )


def test_a_restart_loses_nothing_and_repeats_nothing(tmp_path):
    with FakeWeCom() as fake:
        port = free_port()
        write_config(tmp_path, fake, port, admins=[ADMIN])
        seed_wecom(tmp_path, {"lisi": "办公室"}, datetime(2021, 11, 1, 9, tzinfo=ZONE))
        wecom = WeComUser(port)
        first = start(tmp_path, "--now", "2021-11-15T08:59:56+08:00")
        try:
            wait_messages(fake, "lisi", 2, first)
            [card] = fake.cards("lisi")
            pressed = wecom.press("lisi", card, "s:24:20211120:c", fake.press(card["task_id"]))
            wait_messages(fake, "lisi", 3, first)
        finally:
            assert first.stop() == 0
        # Back the same morning: the 09:00 nudge went, the press was recorded; WeCom retries it.
        again = start(tmp_path, "--now", "2021-11-15T10:00:00+08:00")
        try:
            wait_until(lambda: "提醒检查" in again.log_text(), again)
            assert wecom.post(*pressed) == 200
            wecom.text("lisi", "第24项进展")
            wait_messages(fake, "lisi", 4, again)
        finally:
            assert again.stop() == 0
    [nudge, recorded, progress] = texts_to(fake, "lisi")
    assert nudge.startswith(NUDGE)
    assert recorded.startswith("已记录：办公室 第24项")
    assert "已完成" in progress
    assert len(fake.cards("lisi")) == 1
    assert len(fake.card_updates(card["task_id"])) == 1
    with LedgerStore(tmp_path / "data" / "ledger") as store:
        reports = [e for e in Ledger(store).history() if e.kind == REPORT]
    assert [(e.tasks, e.unit) for e in reports] == [((24,), "办公室")]


def run_briefly(workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run", "--config", str(workdir / "config.toml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_any_channel_the_bot_says_how_to_set_one_up(tmp_path):
    (tmp_path / "config.toml").write_text('[data]\npath = "data"\n', encoding="utf-8")
    done = run_briefly(tmp_path, wecom_env())
    assert done.returncode == 2
    assert "没有可运行的渠道" in done.stderr
    assert "[wecom]" in done.stderr


def test_a_callback_port_in_use_is_one_clear_line_not_a_traceback(tmp_path):
    with FakeWeCom() as fake, socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        write_config(tmp_path, fake, taken.getsockname()[1], admins=[ADMIN])
        done = run_briefly(tmp_path, wecom_env())
    assert done.returncode == 2
    assert "无法在 127.0.0.1:" in done.stderr
    assert "Traceback" not in done.stderr


# The office process ran on meanwhile; now it stops.


def test_stops_cleanly_with_the_unreachable_member_marked_and_no_secret_logged(office):
    assert office.running.stop() == 0
    log = office.running.log_text()
    for secret in (*SECRETS, *office.fake.issued_tokens()):
        assert secret not in log
    with Store(office.workdir / "data" / "bot.json") as store:
        ghost = Addresses(store).find("wecom", "ghost")
        assert ghost in Unreachable(store).all()
    assert office.fake.messages("ghost") == []


def test_the_ledger_and_the_store_hold_what_the_wecom_people_did(office):
    with LedgerStore(office.workdir / "data" / "ledger") as store:
        ledger = Ledger(store)
        history = ledger.history()
        by = {}
        for entry in history:
            by.setdefault(entry.name, []).append(entry)
        [blocked] = by["staff000"]
        assert (blocked.kind, blocked.tasks, blocked.unit) == (REPORT, (24,), "办公室")
        assert (blocked.status, blocked.text) == (Status.BLOCKED, BLOCKER)
        [done] = by["staff001"]
        assert (done.kind, done.tasks, done.status) == (REPORT, (24,), Status.DONE)
        report, amend, withdraw = by["staff002"]
        assert [e.kind for e in by["staff002"]] == [REPORT, AMEND, WITHDRAW]
        assert report.tasks == (15,)
        assert report.id not in ledger.reports()  # withdrawn: kept in the history only
        assert AMENDED_15 in amend.text
        [request] = by["staff005"]
        assert (request.kind, request.tasks, request.until) == (
            EXTENSION,
            (12,),
            date(2022, 1, 20),
        )
        assert request.text == EXTENSION_REASON
        [decision] = [e for e in by[ADMIN] if e.kind == DECISION]
        assert (decision.ref, decision.granted) == (request.id, True)
        assert ledger.moved()[(12, "办公室", date(2021, 12, 31))] == date(2022, 1, 20)
    with Store(office.workdir / "data" / "bot.json") as store:
        pauses, today = Pauses(store), date(2021, 11, 15)
        assert pauses.paused_until(office.ids["staff003"], today) == date(2021, 11, 30)
        assert pauses.paused_until(office.ids["staff004"], today) is None
