"""The WeCom client's log lines for the office (Chinese), kept beside the client."""

IP_NOT_TRUSTED = (
    "企业微信拒绝了本服务器的请求（errcode 60020：IP 不在可信列表）。"
    "请管理员在企业微信管理后台 → 应用管理 → 本自建应用 → 企业可信IP 中加入本服务器的公网出口 IP，"
    "保存后消息会自动恢复发送。"
)
BAD_CREDENTIALS = (
    "企业微信拒绝了应用凭证（errcode {errcode}）：请核对配置中的 corp_id 和环境变量 WECOM_SECRET。"
)
UNREACHABLE = "无法送达企业微信成员 {user}：该成员不存在或不在应用的可见范围（errcode {errcode}）"
RETRYING = "企业微信 {endpoint} 暂时失败（{fault}），{delay:.1f} 秒后第 {attempt} 次重试"
AMBIGUOUS = "企业微信 {endpoint} 发给 {user} 超时，消息可能已送达；已开启重复消息检查再发一次"
GAVE_UP = "发送给 {user} 失败：{error}"
REFUSED = "发送给 {user} 被拒绝：{error}"
TOO_LARGE = "文件 {name} 有 {size} 字节，超过企业微信 20MB 的上限，未发送"
