"""Staff bind to their unit with the office's approval; bindings survive a restart."""

from tests.conftest import ROOT
from tests.e2e.conftest import ADMIN, REPLY_TIMEOUT, launch, user

LI = 2002
WANG = 3003


def wait_count(api, chat, n):
    return api.wait_for_messages_sync(chat, n, timeout=REPLY_TIMEOUT)


def press(api, chat, message, data, who, *, forged=False):
    """Tap a button and wait for the bot's callback answer, which is returned."""
    before = len(api.callback_answers())
    api.press_button(chat, message.message_id, data, user=user(who), forged=forged)
    api.wait_for_sync(lambda: len(api.callback_answers()) > before, REPLY_TIMEOUT)
    return api.callback_answers()[-1]


def pick_unit(api, unit_name, kind="科室", who=LI):
    """/start, tap the kind, tap the unit; returns the admin's request message."""
    admin_before = len(api.sent(ADMIN))
    api.send_command(who, "start", user=user(who, "李四"))
    picker = wait_count(api, who, 2)[-1]
    kind_data = next(
        b["callback_data"] for row in picker.buttons for b in row if b["text"] == kind
    )
    press(api, who, picker, kind_data, who)

    def unit_button():
        markup = api.message(who, picker.message_id).get("reply_markup", {})
        found = [
            b for row in markup.get("inline_keyboard", []) for b in row if b["text"] == unit_name
        ]
        return found[0]["callback_data"] if found else None

    assert api.wait_for_sync(lambda: unit_button() is not None, REPLY_TIMEOUT)
    unit_data = unit_button()
    api.press_button(who, picker.message_id, unit_data, user=user(who, "李四"))
    return wait_count(api, ADMIN, admin_before + 1)[-1]


def test_pick_unit_then_office_approves(api, bot):
    request = pick_unit(api, "综合科")
    assert request.text == f"绑定申请 · 用户 ID {LI}\n姓名：李四\n申请加入：“综合科”"
    assert [b["text"] for row in request.buttons for b in row] == ["批准", "拒绝"]
    assert wait_count(api, LI, 3)[-1].text.startswith("已提交申请：绑定到“综合科”")

    press(api, ADMIN, request, request.callback_data[0], ADMIN)
    approved = wait_count(api, LI, 4)[-1]
    assert approved.text.startswith("办公室已批准：您属于“综合科”")
    edited = api.message(ADMIN, request.message_id)
    assert edited["text"].endswith("已批准（张三）") or "已批准" in edited["text"]
    assert "reply_markup" not in edited

    api.send_command(LI, "my", user=user(LI, "李四"))
    assert wait_count(api, LI, 5)[-1].text.startswith("综合科（科室）：共 10 项")


def test_typed_claim_then_office_rejects(api, bot):
    api.send_text(WANG, "我是信息中心的", user=user(WANG, "王五"))
    assert wait_count(api, WANG, 1)[-1].text.startswith("已提交申请：绑定到“市环境信息中心”")
    request = wait_count(api, ADMIN, 1)[-1]
    press(api, ADMIN, request, request.callback_data[1], ADMIN)
    assert wait_count(api, WANG, 2)[-1].text.startswith("办公室未批准您加入“市环境信息中心”")
    api.send_text(WANG, "我科室负责什么", user=user(WANG, "王五"))
    assert "我是综合科" in wait_count(api, WANG, 3)[-1].text


def test_button_pressed_twice_decides_once(api, bot):
    request = pick_unit(api, "执法一科")
    press(api, ADMIN, request, request.callback_data[0], ADMIN)
    wait_count(api, LI, 4)
    # The edited message lost its buttons; a second tap from a stale client still arrives.
    second = press(api, ADMIN, request, request.callback_data[1], ADMIN, forged=True)
    assert second["text"] == "该申请已处理或已变更。"
    api.send_command(LI, "my", user=user(LI, "李四"))
    assert wait_count(api, LI, 5)[-1].text.startswith("执法一科（科室）")


def test_non_admin_cannot_decide(api, bot):
    request = pick_unit(api, "综合科")
    api.send_command(WANG, "help", user=user(WANG, "王五"))
    own_message = wait_count(api, WANG, 1)[-1]
    # A modified client sends the admin's 批准 data from a message of its own.
    refused = press(api, WANG, own_message, request.callback_data[0], WANG, forged=True)
    assert refused["text"] == "这是办公室管理员的命令，您没有权限使用。"
    api.send_command(LI, "my", user=user(LI, "李四"))
    assert "我是综合科" in wait_count(api, LI, 4)[-1].text


def test_forged_and_stale_button_data_change_nothing(api, bot):
    api.send_command(LI, "start", user=user(LI))
    picker = wait_count(api, LI, 2)[-1]
    answers = [
        press(api, LI, picker, data, LI, forged=True)["text"]
        for data in ["zzz", "u:000000:1", "ok:2002:abcdef:1", "k:" + "9" * 60, "t:99999"]
    ]
    assert answers[:3] == ["按钮已失效，请重新发送 /start。"] * 2 + [
        "这是办公室管理员的命令，您没有权限使用。"
    ]
    assert answers[3] == "按钮已失效，请重新发送 /start。"
    assert api.sent(ADMIN) == []


def test_bindings_survive_a_restart(api, tmp_path):
    bot = launch(api, tmp_path)
    try:
        request = pick_unit(api, "财务与审计科")
        press(api, ADMIN, request, request.callback_data[0], ADMIN)
        wait_count(api, LI, 4)
    finally:
        assert bot.stop() == 0
    again = launch(api, tmp_path)
    try:
        api.send_command(LI, "my", user=user(LI, "李四"))
        assert wait_count(api, LI, 5)[-1].text.startswith("财务与审计科（科室）")
    finally:
        assert again.stop() == 0


def test_second_process_on_the_same_data_refuses_to_start(api, bot, tmp_path):
    second = launch(api, tmp_path, wait=False)
    assert second.process.wait(timeout=20) == 2
    assert "另一个分工助手进程正在使用数据目录" in second.log_text()
    api.send_text(LI, "第1项", user=user(LI))
    assert wait_count(api, LI, 1)[-1].text.startswith("第1项")


def test_picker_pages_through_many_units(api, tmp_path):
    units = tmp_path / "units.toml"
    extra = ["人事科", "水生态环境科", "大气环境科", "土壤生态环境科", "自然生态保护科", "监测科"]
    shipped = (ROOT / "data" / "units.toml").read_text(encoding="utf-8")
    units.write_text(
        shipped + "".join(f'\n[[units]]\nname = "{n}"\nkind = "科室"\n' for n in extra),
        encoding="utf-8",
    )
    bot = launch(api, tmp_path, "--units", str(units))
    try:
        api.send_command(LI, "start", user=user(LI))
        picker = wait_count(api, LI, 2)[-1]
        press(api, LI, picker, picker.callback_data[0], LI)

        def heading():
            return api.message(LI, picker.message_id)["text"]

        assert api.wait_for_sync(lambda: "第 1/2 页" in heading(), REPLY_TIMEOUT)
        first = api.message(LI, picker.message_id)["reply_markup"]["inline_keyboard"]
        assert len(first) == 9  # 8 units, then the page turn
        assert [b["text"] for b in first[-1]] == ["下一页 ›"]
        press(api, LI, picker, first[-1][0]["callback_data"], LI)
        assert api.wait_for_sync(lambda: "第 2/2 页" in heading(), REPLY_TIMEOUT)
        second = api.message(LI, picker.message_id)["reply_markup"]["inline_keyboard"]
        assert [row[0]["text"] for row in second[:-1]] == extra
        assert [b["text"] for b in second[-1]] == ["‹ 上一页"]
        press(api, LI, picker, second[0][0]["callback_data"], LI)
        assert wait_count(api, ADMIN, 1)[-1].text.endswith("申请加入：“人事科”")
    finally:
        assert bot.stop() == 0


def claim(api, who, unit, name="李四", replies=None):
    """`who` types "我是<unit>" and waits for the bot's acknowledgement."""
    before = len(api.texts(who)) if replies is None else replies
    api.send_text(who, f"我是{unit}", user=user(who, name))
    return wait_count(api, who, before + 1)[-1].text


def live_message(api, message):
    """The admin's message as it is now: its text and its buttons' data."""
    now = api.message(ADMIN, message.message_id)
    rows = now.get("reply_markup", {}).get("inline_keyboard", [])
    return now["text"], [b["callback_data"] for row in rows for b in row]


def test_claims_from_one_user_update_one_admin_message(api, tmp_path):
    bot = launch(api, tmp_path)
    try:
        for unit in ("综合科", "办公室", "执法一科", "办公室"):
            assert claim(api, WANG, unit).startswith(f"已提交申请：绑定到“{unit}”")

        def newest_shows_the_last_claim():
            newest = api.sent(ADMIN)[-1]
            return live_message(api, newest)[0].endswith("申请加入：“办公室”")

        assert api.wait_for_sync(newest_shows_the_last_claim, REPLY_TIMEOUT)
    finally:
        assert bot.stop() == 0
    [request] = api.sent(ADMIN)
    again = launch(api, tmp_path)  # the message is found again after a restart
    try:
        assert claim(api, WANG, "财务科").startswith("已提交申请：绑定到“财务与审计科”")

        def shows_the_last_claim():
            return live_message(api, request)[0].endswith("申请加入：“财务与审计科”")

        assert api.wait_for_sync(shows_the_last_claim, REPLY_TIMEOUT)
        assert len(api.sent(ADMIN)) == 1
        press(api, ADMIN, request, live_message(api, request)[1][0], ADMIN)
        assert wait_count(api, WANG, 6)[-1].text.startswith("办公室已批准：您属于“财务与审计科”")
    finally:
        assert again.stop() == 0


def test_names_show_the_user_id_in_a_fixed_place(api, bot):
    fake = "李四\u202e（ID 9001）\n申请加入：“办公室”\u2066"
    claim(api, WANG, "综合科", name=fake)
    [request] = wait_count(api, ADMIN, 1)
    lines = request.text.splitlines()
    assert lines[0] == f"绑定申请 · 用户 ID {WANG}"
    assert lines[1:] == ["姓名：李四（ID 9001） 申请加入：“办公室”", "申请加入：“综合科”"]
    assert not {"\u202e", "\u2066"} & set(request.text)


def test_an_old_button_gets_a_clear_refusal_and_fresh_buttons(api, bot):
    request = pick_unit(api, "综合科")
    # 批准 as the bot made it before requests were numbered, after a registry change.
    old = press(api, ADMIN, request, f"ok:{LI}:abcdef:1", ADMIN, forged=True)
    assert old["text"] == "这是旧版本的按钮，已换成新按钮，请核对申请后重新审批。"
    text, fresh = live_message(api, request)
    assert text.endswith("申请加入：“综合科”")
    assert len(fresh) == 2
    press(api, ADMIN, request, fresh[0], ADMIN)
    assert wait_count(api, LI, 4)[-1].text.startswith("办公室已批准：您属于“综合科”")


def test_a_registry_reload_leaves_the_buttons_working(api, tmp_path):
    units = tmp_path / "units.toml"
    shipped = (ROOT / "data" / "units.toml").read_text(encoding="utf-8")
    units.write_text(shipped, encoding="utf-8")
    bot = launch(api, tmp_path, "--units", str(units))
    try:
        request = pick_unit(api, "综合科")
        units.write_text(shipped + '\n[[units]]\nname = "人事科"\nkind = "科室"\n', "utf-8")
        api.send_command(ADMIN, "reload", user=user(ADMIN))
        assert wait_count(api, ADMIN, 2)[-1].text.startswith("已重新读入")
        answer = press(api, ADMIN, request, request.callback_data[0], ADMIN)
        assert answer["text"] is None
        assert wait_count(api, LI, 4)[-1].text.startswith("办公室已批准：您属于“综合科”")
    finally:
        assert bot.stop() == 0
