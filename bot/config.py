"""Configuration: where the notice and the registry are, the time zone, and the channels' settings.

The bot token, Bot API base URL and file URL may come from the environment
(TELEGRAM_BOT_TOKEN, BOT_API_BASE_URL, BOT_API_FILE_URL), which wins over the file; so may
the webhook's secret token (TELEGRAM_WEBHOOK_SECRET). WeCom's app secret, callback Token and
EncodingAESKey come only from the environment (WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY).
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError, toml_problem
from bot.office.weekly import WeeklySettings
from bot.reminders.nudges import DigestSettings, LadderSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_NOTICE = PROJECT_ROOT / "data" / "notice-2021.txt"
DEFAULT_REGISTRY = PROJECT_ROOT / "data" / "units.toml"
DEFAULT_DEADLINES = PROJECT_ROOT / "data" / "deadlines.toml"
DEFAULT_YEAR_END = (12, 31)
DEFAULT_TIMEZONE = "Asia/Shanghai"
HEARTBEAT = timedelta(seconds=60)  # how often the rounds wake besides the send times
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram allows as secret_token
DEFAULT_WECOM_API = "https://qyapi.weixin.qq.com"
# WeCom's userid: 1-64 of digits, letters and "_-.@", starting with a digit or a letter.
WECOM_USERID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
WECOM_CORP_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# The callback's EncodingAESKey: 43 characters of base64 (a 32-byte AES key without its "=").
WECOM_AES_KEY = re.compile(r"[A-Za-z0-9+/]{43}")
WECOM_TOKEN = re.compile(r"[A-Za-z0-9]{1,64}")


class Secret(str):
    """A string that never shows itself in a repr, a log line or a traceback's locals."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Secret('***')" if self else "Secret('')"


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """How to reach the Bot API, who the office's admins are, and which leaders observe.

    Leaders get the weekly digest and nothing else: they are never nudged.
    """

    token: Secret = Secret("")
    base_url: str = ""
    base_file_url: str = ""
    admins: frozenset[int] = frozenset()
    leaders: frozenset[int] = frozenset()

    @property
    def observers(self) -> frozenset[int]:
        """Who gets the weekly digest: the admins and the leaders."""
        return self.admins | self.leaders


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Where Telegram posts updates in webhook mode; an empty url means long polling.

    `source` is the config file, named in the error `require_secret` raises at start.
    """

    url: str = ""
    listen: str = "127.0.0.1"
    port: int = 8080
    secret_token: Secret = Secret("")
    max_connections: int = 40
    source: str = ""

    def require_secret(self) -> Secret:
        """The secret token, or a ConfigError when there is none.

        Checked when the bot starts, not when the config is read: `backup` and `plan` read the
        same file without the secret in their environment.
        """
        if not self.secret_token:
            raise ConfigError(
                self.source,
                "[webhook] 设置了 url，但没有密钥：请在环境变量 TELEGRAM_WEBHOOK_SECRET（或 "
                "[webhook] secret_token）中设置 1 到 256 个字符的密钥，只能用 A-Z、a-z、0-9、_ "
                "和 -，例如用 openssl rand -hex 32 生成。机器人不会自己生成密钥。",
            )
        return self.secret_token


@dataclass(frozen=True, slots=True)
class WecomSettings:
    """The WeCom (企业微信) self-built app: its corp and agent, where its API and our callback
    server are, and the office's admins and leaders as WeCom userids.

    The three secrets come from the environment; `require_secrets` checks them when the bot
    starts, not when the config is read (`backup` and `plan` read the same file without them).
    """

    corp_id: str
    agent_id: int
    api_base_url: str = DEFAULT_WECOM_API
    host: str = "127.0.0.1"
    port: int = 8090
    path: str = "/wecom/callback"
    admins: frozenset[str] = frozenset()
    leaders: frozenset[str] = frozenset()
    secret: Secret = Secret("")
    token: Secret = Secret("")
    aes_key: Secret = Secret("")
    source: str = ""

    def __post_init__(self) -> None:
        for name in ("secret", "token", "aes_key"):  # a plain str given is hidden all the same
            object.__setattr__(self, name, Secret(getattr(self, name)))

    @property
    def observers(self) -> frozenset[str]:
        """Who gets the weekly digest: the admins and the leaders."""
        return self.admins | self.leaders

    def require_secrets(self) -> None:
        """Raise a ConfigError naming each missing or malformed secret (never its value)."""
        problems = [
            f"{variable}（{what}）"
            for variable, what, value, shape in (
                ("WECOM_SECRET", "应用的 Secret", self.secret, None),
                (
                    "WECOM_TOKEN",
                    "接收消息的 Token，1 到 64 个英文字母或数字",
                    self.token,
                    WECOM_TOKEN,
                ),
                (
                    "WECOM_AES_KEY",
                    "接收消息的 EncodingAESKey，43 个字符",
                    self.aes_key,
                    WECOM_AES_KEY,
                ),
            )
            if not value or (shape is not None and not shape.fullmatch(value))
        ]
        if problems:
            raise ConfigError(
                self.source,
                "设置了 [wecom]，但以下环境变量没有设置或格式不对："
                + "、".join(problems)
                + "。请从企业微信管理后台“应用管理”中该自建应用的页面复制；它们只从环境变量读取，"
                "不写进配置文件，也不会出现在日志里。",
            )


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """The nudge ladder, the send hours, the office digest's grades, the weekly digest's time,
    and the heartbeat of the rounds."""

    ladder: LadderSettings = LadderSettings()
    send_start: time = time(8, 30)
    send_end: time = time(18, 0)
    digest: DigestSettings = DigestSettings()
    weekly: WeeklySettings = WeeklySettings()
    heartbeat: timedelta = HEARTBEAT


@dataclass(frozen=True, slots=True)
class LedgerSettings:
    """How long a user may still withdraw or correct their last report."""

    correction_window: timedelta = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """Whether a 已完成 report waits for the office to pass it (复核) before its milestone is
    closed (销号); when not, it closes at once. `gather`: how long the first report not yet
    announced waits for others to join its batch (the admins get one message per batch)."""

    required: bool = True
    gather: timedelta = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from a TOML file; paths are absolute."""

    notice: Path
    registry: Path
    timezone: ZoneInfo
    data_dir: Path = DEFAULT_DATA_DIR
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    deadlines: Path = DEFAULT_DEADLINES
    year_end: tuple[int, int] = DEFAULT_YEAR_END
    reminders: ReminderSettings = ReminderSettings()
    ledger: LedgerSettings = LedgerSettings()
    review: ReviewSettings = ReviewSettings()
    webhook: WebhookSettings = WebhookSettings()
    wecom: WecomSettings | None = None

    @property
    def channels(self) -> tuple[str, ...]:
        """The channels set up: "telegram" with a bot token, "wecom" with a [wecom] table.

        The bot runs on each of them; with none it has nothing to run on.
        """
        return ("telegram",) * bool(self.telegram.token) + ("wecom",) * (self.wecom is not None)


def _path(data: dict, table: str, default: Path, base: Path, source: Path) -> Path:
    value = data.get(table, {}).get("path")
    if value is None:
        return default
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, f"[{table}] path 应是文件路径字符串")
    return (base / value).resolve()


def _year_end(data: dict, source: Path) -> tuple[int, int]:
    value = data.get("deadlines", {}).get("year_end", "12-31")
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", value) if isinstance(value, str) else None
    month, day = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    try:
        date(2021, month, day)
    except ValueError:
        raise ConfigError(
            source, f"[deadlines] year_end “{value}” 应写成 月-日，例如 12-31"
        ) from None
    return month, day


def _clock_time(
    table: dict, key: str, default: time, source: Path, *, name: str = "reminders"
) -> time:
    value = table.get(key)
    if value is None:
        return default
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value) if isinstance(value, str) else None
    try:
        if match:
            return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        pass
    raise ConfigError(source, f"[{name}] {key} “{value}” 应写成 时:分，例如 09:00")


def _count(
    table: dict, key: str, default: int, source: Path, *, low: int = 0, name: str = "reminders"
) -> int:
    value = table.get(key, default)
    if type(value) is not int or value < low:
        raise ConfigError(source, f"[{name}] {key} 应是不小于 {low} 的整数")
    return value


def _reminders(data: dict, source: Path) -> ReminderSettings:
    table = data.get("reminders", {})
    base, default = LadderSettings(), ReminderSettings()
    before = table.get("before", list(base.before))
    if not isinstance(before, list) or not all(type(n) is int and n >= 0 for n in before):
        raise ConfigError(source, "[reminders] before 应是工作日数列表，例如 [5, 1, 0]")
    ladder = LadderSettings(
        send_time=_clock_time(table, "time", base.send_time, source),
        before=tuple(sorted(set(before), reverse=True)),
        cooperate_earlier=_count(table, "cooperate_earlier", base.cooperate_earlier, source),
        progress_day=_count(table, "progress_day", base.progress_day, source, low=1),
        progress_quiet=_count(table, "progress_quiet", base.progress_quiet, source),
        overdue_every=_count(table, "overdue_every", base.overdue_every, source, low=1),
        overdue_reminders=_count(
            table, "overdue_reminders", base.overdue_reminders, source, low=1
        ),
        weekly_cap=_count(table, "weekly_cap", base.weekly_cap, source, low=1),
    )
    if ladder.progress_day > 28:
        raise ConfigError(source, "[reminders] progress_day 应在 1 到 28 之间")
    send_start = _clock_time(table, "send_start", default.send_start, source)
    send_end = _clock_time(table, "send_end", default.send_end, source)
    if not send_start <= ladder.send_time < send_end:
        raise ConfigError(source, "[reminders] time 应落在 send_start 和 send_end 之间")
    digest_table = data.get("digest", {})
    digest = DigestSettings(
        blue=_count(digest_table, "blue", default.digest.blue, source, name="digest"),
        yellow=_count(digest_table, "yellow", default.digest.yellow, source, name="digest"),
    )
    if digest.yellow > digest.blue:
        raise ConfigError(source, "[digest] yellow 不应大于 blue")
    weekly = _weekly(digest_table, default.weekly, source)
    if not send_start <= weekly.time < send_end:
        raise ConfigError(
            source, "[digest] weekly_time 应落在 [reminders] 的 send_start 和 send_end 之间"
        )
    heartbeat = _count(table, "heartbeat_seconds", int(HEARTBEAT.total_seconds()), source, low=1)
    return ReminderSettings(
        ladder, send_start, send_end, digest, weekly, timedelta(seconds=heartbeat)
    )


def _weekly(table: dict, default: WeeklySettings, source: Path) -> WeeklySettings:
    day = table.get("weekly_day", default.weekday)
    if type(day) is not int or not 1 <= day <= 5:
        raise ConfigError(
            source, "[digest] weekly_day 应是 1 到 5 之间的整数（1 为周一，5 为周五）"
        )
    at = _clock_time(table, "weekly_time", default.time, source, name="digest")
    return WeeklySettings(day, at)


def _review(data: dict, source: Path) -> ReviewSettings:
    table = data.get("review", {})
    required = table.get("required", True)
    if not isinstance(required, bool):
        raise ConfigError(source, "[review] required 应是 true 或 false")
    minutes = table.get("batch_minutes", 30)
    if type(minutes) is not int or not 0 <= minutes <= 24 * 60:
        raise ConfigError(source, "[review] batch_minutes 应是 0 到 1440 之间的整数（分钟）")
    return ReviewSettings(required, timedelta(minutes=minutes))


def _user_ids(table: dict, key: str, source: Path) -> frozenset[int]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(type(v) is int for v in value):
        raise ConfigError(source, f"[telegram] {key} 应是 Telegram 用户 ID（整数）列表")
    return frozenset(value)


def _telegram(data: dict, env: Mapping[str, str], source: Path) -> TelegramSettings:
    table = data.get("telegram", {})
    admins = _user_ids(table, "admins", source)
    leaders = _user_ids(table, "leaders", source)
    texts = {}
    for key, variable in (
        ("token", "TELEGRAM_BOT_TOKEN"),
        ("base_url", "BOT_API_BASE_URL"),
        ("base_file_url", "BOT_API_FILE_URL"),
    ):
        value = env.get(variable) or table.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(source, f"[telegram] {key} 应是字符串")
        texts[key] = value.strip()
    return TelegramSettings(
        token=Secret(texts["token"]),
        base_url=texts["base_url"],
        base_file_url=texts["base_file_url"],
        admins=admins,
        leaders=leaders,
    )


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [ of an IPv6 address
        return False
    return parts.scheme in ("https", "http") and bool(parts.hostname) and not re.search(r"\s", url)


def _webhook_url(table: dict, source: Path) -> str:
    value = table.get("url", "")
    url = value.strip() if isinstance(value, str) else None
    if url is None or (url and not _is_http_url(url)):
        raise ConfigError(
            source,
            "[webhook] url 应是 Telegram 推送消息的完整地址，例如 "
            "https://bot.example.gov.cn/fengong；留空则使用长轮询",
        )
    return url


def _webhook_secret(table: dict, env: Mapping[str, str], source: Path) -> Secret:
    value = env.get("TELEGRAM_WEBHOOK_SECRET") or table.get("secret_token", "")
    secret = value.strip() if isinstance(value, str) else None
    if secret is None or (secret and not WEBHOOK_SECRET.fullmatch(secret)):
        raise ConfigError(
            source,
            "[webhook] secret_token（或环境变量 TELEGRAM_WEBHOOK_SECRET）应是 1 到 256 个字符，"
            "只能用 A-Z、a-z、0-9、_ 和 -",
        )
    return Secret(secret)


def _webhook_number(table: dict, key: str, default: int, high: int, source: Path) -> int:
    value = table.get(key, default)
    if type(value) is not int or not 1 <= value <= high:
        raise ConfigError(source, f"[webhook] {key} 应是 1 到 {high} 之间的整数")
    return value


def _webhook(data: dict, env: Mapping[str, str], source: Path) -> WebhookSettings:
    table = data.get("webhook", {})
    default = WebhookSettings()
    listen = table.get("listen", default.listen)
    if not isinstance(listen, str) or not listen.strip():
        raise ConfigError(source, "[webhook] listen 应是本机监听的地址，例如 127.0.0.1")
    return WebhookSettings(
        url=_webhook_url(table, source),
        listen=listen.strip(),
        port=_webhook_number(table, "port", default.port, 65535, source),
        secret_token=_webhook_secret(table, env, source),
        max_connections=_webhook_number(
            table, "max_connections", default.max_connections, 100, source
        ),
        source=str(source),
    )


def _wecom_text(table: dict, key: str, default: str | None, source: Path, hint: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(source, f"[wecom] {key} 应是{hint}")
    return value.strip()


def _wecom_userids(table: dict, key: str, source: Path) -> frozenset[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, str) and WECOM_USERID.fullmatch(v) for v in value
    ):
        raise ConfigError(
            source,
            f'[wecom] {key} 应是企业微信成员账号（UserID）的列表，例如 ["zhangsan"]：'
            "每个 1 到 64 个字符，只能用字母、数字和 _-.@，以字母或数字开头",
        )
    return frozenset(value)


def _wecom_listen(table: dict, source: Path) -> tuple[str, int]:
    value = table.get("listen", "127.0.0.1:8090")
    host, _, port = value.strip().rpartition(":") if isinstance(value, str) else ("", "", "")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isascii() or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ConfigError(
            source,
            "[wecom] listen 应写成 地址:端口，例如 127.0.0.1:8090（端口 1 到 65535）",
        )
    return host, int(port)


def _wecom(data: dict, env: Mapping[str, str], source: Path) -> WecomSettings | None:
    if "wecom" not in data:
        return None
    table = data["wecom"]
    if not isinstance(table, dict):
        raise ConfigError(source, "[wecom] 应是一个表，写成 [wecom] 加下面各行")
    corp_id = _wecom_text(
        table, "corp_id", None, source, "企业 ID（CorpID），例如 ww0123456789abcdef"
    )
    if not WECOM_CORP_ID.fullmatch(corp_id):
        raise ConfigError(
            source, "[wecom] corp_id 只能用字母、数字、_ 和 -，例如 ww0123456789abcdef"
        )
    agent_id = table.get("agent_id")
    if type(agent_id) is not int or agent_id < 1:
        raise ConfigError(
            source, "[wecom] agent_id 应是自建应用的 AgentId（正整数），例如 1000002"
        )
    api = _wecom_text(table, "api_base_url", DEFAULT_WECOM_API, source, "企业微信接口地址")
    if not _is_http_url(api):
        raise ConfigError(
            source,
            "[wecom] api_base_url 应是企业微信接口的地址，例如 https://qyapi.weixin.qq.com；"
            "私有化部署填运营方提供的地址",
        )
    path = _wecom_text(table, "path", "/wecom/callback", source, "回调路径")
    if not re.fullmatch(r"/[A-Za-z0-9._~/-]*", path):
        raise ConfigError(source, "[wecom] path 应是以 / 开头的回调路径，例如 /wecom/callback")
    host, port = _wecom_listen(table, source)
    return WecomSettings(
        corp_id=corp_id,
        agent_id=agent_id,
        api_base_url=api.rstrip("/"),
        host=host,
        port=port,
        path=path,
        admins=_wecom_userids(table, "admins", source),
        leaders=_wecom_userids(table, "leaders", source),
        secret=Secret(env.get("WECOM_SECRET", "").strip()),
        token=Secret(env.get("WECOM_TOKEN", "").strip()),
        aes_key=Secret(env.get("WECOM_AES_KEY", "").strip()),
        source=str(source),
    )


def parse_config(
    text: str, *, base: Path, source: Path, env: Mapping[str, str] | None = None
) -> Config:
    """Read config TOML text; relative paths are taken from `base` (the file's directory)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(source, toml_problem(error)) from error
    zone = data.get("bot", {}).get("timezone", DEFAULT_TIMEZONE)
    try:
        timezone = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ConfigError(source, f"[bot] timezone “{zone}” 不是有效时区") from error
    environ = os.environ if env is None else env
    return Config(
        notice=_path(data, "notice", DEFAULT_NOTICE, base, source),
        registry=_path(data, "registry", DEFAULT_REGISTRY, base, source),
        timezone=timezone,
        data_dir=_path(data, "data", DEFAULT_DATA_DIR, base, source),
        deadlines=_path(data, "deadlines", DEFAULT_DEADLINES, base, source),
        year_end=_year_end(data, source),
        reminders=_reminders(data, source),
        ledger=LedgerSettings(
            timedelta(
                minutes=_count(
                    data.get("ledger", {}), "correction_minutes", 30, source, name="ledger"
                )
            )
        ),
        review=_review(data, source),
        telegram=_telegram(data, environ, source),
        webhook=_webhook(data, environ, source),
        wecom=_wecom(data, environ, source),
    )


def load_config(path: Path | None) -> Config:
    """Read the config file at `path`, or use the shipped data (and the environment) when None."""
    if path is None:
        return parse_config("", base=PROJECT_ROOT, source=Path("（默认配置）"))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ConfigError(path, f"无法打开（{error.strerror}）") from error
    except UnicodeDecodeError as error:
        raise ConfigError(path, "不是 UTF-8 编码的文本，请另存为 UTF-8") from error
    return parse_config(text, base=path.resolve().parent, source=path)
